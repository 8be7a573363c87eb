import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteChange } from '../../src/dev/changes.js';
import { watchSite, type SiteWatcher } from '../../src/dev/watcher.js';
import { removeDir, writeSite } from '../helpers/site.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the site watcher', () => {
  let site: string;
  let watcher: SiteWatcher;
  const seen: Array<{ change: SiteChange; text: Promise<string> }> = [];
  const errors: Error[] = [];
  beforeAll(async () => {
    site = await writeSite('dev-watcher', { 'posts/2024-01-01-a.md': 'zero\n', '_site/index.html': 'x' });
    watcher = watchSite(site, () => [path.join(site, 'cache')], {
      // What a rebuild would read at that moment.
      change: (change) => seen.push({ change, text: readFile(path.join(site, change.relPath), 'utf8').catch(() => '') }),
      error: (error) => errors.push(error),
    });
    await watcher.ready;
  });
  afterAll(async () => {
    await watcher.close();
    await removeDir(site);
  });

  it('reports a second save that comes soon after the first (chokidar drops it)', async () => {
    const file = path.join(site, 'posts/2024-01-01-a.md');
    await writeFile(file, 'one\n');
    await sleep(20);
    await writeFile(file, 'two\n');
    for (let i = 0; i < 50 && !(await Promise.all(seen.map((s) => s.text))).includes('two\n'); i++) await sleep(20);
    expect(await seen.at(-1)!.text).toBe('two\n');
    expect(seen.every((s) => s.change.kind === 'post' && s.change.relPath === 'posts/2024-01-01-a.md')).toBe(true);
  });

  it('ignores the output, hidden files, excluded folders and files outside the site folders', async () => {
    seen.length = 0;
    await writeFile(path.join(site, '_site/index.html'), 'changed');
    await writeFile(path.join(site, 'posts/.2024-01-01-a.md.swp'), 'swap');
    await writeFile(path.join(site, 'notes.md'), 'notes');
    await mkdir(path.join(site, 'cache'), { recursive: true });
    await writeFile(path.join(site, 'cache/x.md'), 'cached');
    await writeFile(path.join(site, 'posts/2024-02-01-b.md'), 'marker\n');
    for (let i = 0; i < 50 && seen.length === 0; i++) await sleep(20);
    await sleep(150);
    expect(seen.map((s) => s.change)).toEqual([{ kind: 'post', relPath: 'posts/2024-02-01-b.md', event: 'add' }]);
    expect(errors).toEqual([]);
  });
});
