/**
 * The dev server with a configuration module (the `extended` fixture): the site's plugins, hooks and
 * filters run in dev as in a build; saving a module the configuration imports reloads it; a broken
 * configuration is reported (the overlay shows the report's errors) while the last good site stays served.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { dev, type DevServer } from '../../src/dev/dev.js';
import type { RebuildReport } from '../../src/dev/session.js';
import { copyFixtureSite, removeDir } from '../helpers/site.js';
import { waitUntil, WAITING_TEST_TIMEOUT_MS } from '../helpers/wait.js';

const POST = '/2024/03/house-style/';

describe('dev with a configuration module', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  let site: string;
  let server: DevServer;
  const reports: RebuildReport[] = [];
  const page = async (url: string) => (await fetch(`http://127.0.0.1:${server.port}${url}`)).text();
  const nextReport = async (after: number, test: (r: RebuildReport) => boolean) => {
    await waitUntil(() => reports.slice(after).some(test), 'a rebuild that passes the test', {
      detail: () =>
        JSON.stringify(reports.slice(after).map((r) => [r.scope, r.ok, r.diagnostics.map((d) => d.message)])),
    });
    return reports.slice(after).find(test)!;
  };

  beforeAll(async () => {
    site = await copyFixtureSite('extended');
    server = await dev({
      siteDir: site,
      port: 0,
      queue: { delayMs: 20, maxDelayMs: 200 },
      onRebuild: (report) => reports.push(report),
    });
  });
  afterAll(async () => {
    await server?.close();
    await removeDir(site);
  });

  it('runs the plugins, filters, data and hooks, with mode "dev"', async () => {
    expect(reports[0]).toMatchObject({ ok: true, scope: 'full' });
    const post = await page(POST);
    expect(post).toContain('class="external" rel="noopener"');
    expect(post).toContain('<main data-source="posts/2024-03-01-house-style.md"');
    expect(post).toContain('· by A. L., A. T. · 2 posts</p>');
    const hooks = JSON.parse(await readFile(path.join(site, '_site/hooks.json'), 'utf8')) as { calls: string[] };
    expect(hooks.calls).toEqual(['beforeBuild:dev', 'afterBuild:dev']);
  });

  it('reloads the configuration when a module it imports is saved', async () => {
    await server.idle();
    const before = reports.length;
    const plugin = path.join(site, 'plugins/external-links.ts');
    await writeFile(plugin, (await readFile(plugin, 'utf8')).replace("'noopener'", "'noopener external'"));
    // writeFile empties the file before writing it, and the watcher may look in between: a rebuild of the
    // empty module may fail first. What matters is the rebuild of the saved one.
    const report = await nextReport(before, (r) => r.scope === 'full' && r.ok);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await page(POST)).toContain('rel="noopener external"');
  });

  it('reports a broken configuration at its line and keeps serving the last good site', async () => {
    const config = path.join(site, 'inkstone.config.ts');
    const good = await readFile(config, 'utf8');
    // The rebuilds of the last save (the watcher looks at a saved file twice) are over before this one.
    await server.idle();
    let before = reports.length;
    await writeFile(config, good.replace("title: 'Extended',", "title: 'Extended',,"));
    // As above, an emptied configuration may be seen before the saved one: wait for the saved one's report.
    const broken = await nextReport(before, (r) => !r.ok && r.diagnostics.some((d) => d.code === 'config'));
    expect(broken.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticHeader(d))).toEqual([
      'inkstone.config.ts:12:21 error[config] inkstone.config.ts could not be loaded: ParseError: Unexpected token',
    ]);
    expect(await page(POST)).toContain('rel="noopener external"');
    await server.idle();
    before = reports.length;
    await writeFile(config, good.replace('Second edition', 'Third edition'));
    const fixed = await nextReport(before, (r) => r.ok);
    expect(fixed.scope).toBe('full');
    await waitUntil(async () => (await page('/')).includes('Third edition'), 'the home page shows the new edition');
  });
});
