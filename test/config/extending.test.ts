/**
 * Extending inkstone with a configuration module: the fixture site `extended` (a TypeScript config
 * with a markdown-it plugin from npm and one of its own, a filter, a global, a tag, data and every
 * hook) built as a user would; plugin placement in the named table; workers; the render cache and
 * the config's code; broken configurations and hooks through the CLI, with their exact messages.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { ConfigError } from '../../src/core/errors.js';
import { copyFixtureSite, readOutput, removeDir, tempDir, writeSite } from '../helpers/site.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const POST = '2024/03/house-style/index.html';
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

async function fixture(): Promise<{ site: string; out: string }> {
  const site = await copyFixtureSite('extended');
  const out = await tempDir('extended-out');
  dirs.push(site, out);
  return { site, out };
}

async function cli(argv: string[]): Promise<{ exit: number; stderr: string; headers: string[] }> {
  let stderr = '';
  const exit = await runCli(argv, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
  return { exit, stderr, headers: stderr.split('\n').filter((line) => /^\S.* (error|warning)\[[a-z-]+\] /.test(line)) };
}

const headers = (result: BuildResult) => result.diagnostics.map((d) => formatDiagnosticHeader(d));

describe('the extended fixture: a TypeScript configuration module', () => {
  let site: string;
  let out: string;
  let result: BuildResult;
  beforeAll(async () => {
    ({ site, out } = await fixture());
    result = await build({ siteDir: site, outDir: out, now: NOW });
  });

  it('builds without diagnostics', () => {
    expect(headers(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('runs a markdown-it plugin from npm and one of its own, and keeps the built-in plugins', async () => {
    const html = await readOutput(out, POST);
    expect(html).toContain(
      '<details class="details"><summary>Why a plugin?</summary>\n<p>Because the <strong>house style</strong> is ours: no fork needed.</p>\n</details>',
    );
    expect(html).toContain(
      '<a href="https://spec.commonmark.org/" class="external" rel="noopener">the CommonMark spec</a>',
    );
    // The site link got the built-in plugin's treatment and not the house style.
    expect(html).toContain('<a href="/tags/">links inside it</a>');
    expect(html).toContain('<div class="callout callout-note" role="note">');
    expect(await readOutput(out, '2024/03/second/index.html')).toContain('class="katex"');
  });

  it('gives layouts its filter, global, tag and data', async () => {
    const home = await readOutput(out, 'index.html');
    const year = String(new Date().getUTCFullYear());
    expect(home).toContain(`<p>Second edition · ${year} · by A. L., A. T. · 2 posts</p>`);
  });

  it('runs transformPage on post pages, and beforeBuild and afterBuild once each, with every file', async () => {
    expect(await readOutput(out, POST)).toContain('<main data-source="posts/2024-03-01-house-style.md" id="main"');
    expect(await readOutput(out, 'index.html')).not.toContain('data-source=');
    const hooks = JSON.parse(await readOutput(out, 'hooks.json')) as { calls: string[]; files: number };
    expect(hooks).toEqual({ calls: ['beforeBuild:build', 'afterBuild:build'], files: result.files.length });
  });

  it('renders the same with a worker thread, which loads the configuration module again', async () => {
    const workerOut = await tempDir('extended-workers');
    dirs.push(workerOut);
    const withWorker = await build({ siteDir: site, outDir: workerOut, now: NOW, workers: 1, cache: false });
    expect(headers(withWorker)).toEqual([]);
    expect(withWorker.notes).toEqual([]);
    expect(await readOutput(workerOut, POST)).toBe(await readOutput(out, POST));
  });

  it('builds through the CLI with exit 0', async () => {
    const cliOut = await tempDir('extended-cli');
    dirs.push(cliOut);
    const run = await cli(['build', site, '--out', cliOut, '--quiet']);
    expect([run.exit, run.headers]).toEqual([0, []]);
    expect(await readOutput(cliOut, POST)).toContain('class="external" rel="noopener"');
  });
});

describe('the render cache with a configuration module', () => {
  it('renders nothing again until the config or a module it imports changes', async () => {
    const { site, out } = await fixture();
    const first = await build({ siteDir: site, outDir: out, now: NOW });
    expect(first.markdown).toMatchObject({ rendered: 2, cached: 0 });
    const again = await build({ siteDir: site, outDir: out, now: NOW });
    expect(again.markdown).toMatchObject({ rendered: 0, cached: 2 });
    // The transpiled modules are kept in the site's cache folder, one file per module.
    const kept = await readdir(path.join(site, '.inkstone-cache/modules'));
    for (const module of ['inkstone.config', 'plugins-external-links', 'plugins-templates'])
      expect(kept.filter((name) => name.includes(module))).toHaveLength(1);
    // The plugin's module changes: every post renders again, with the new code.
    const plugin = path.join(site, 'plugins/external-links.ts');
    await writeFile(plugin, (await readFile(plugin, 'utf8')).replace("'noopener'", "'noopener external'"));
    const edited = await build({ siteDir: site, outDir: out, now: NOW });
    expect(edited.markdown).toMatchObject({ rendered: 2, cached: 0 });
    expect(await readOutput(out, POST)).toContain('rel="noopener external"');
    // The configuration itself changes (a global): the pages render again, the posts come from the cache.
    const config = path.join(site, 'inkstone.config.ts');
    await writeFile(config, (await readFile(config, 'utf8')).replace('Second edition', 'Third edition'));
    const global = await build({ siteDir: site, outDir: out, now: NOW });
    expect(global.markdown).toMatchObject({ rendered: 2 });
    expect(await readOutput(out, 'index.html')).toContain('Third edition');
  });
});

/** A plugin that renders `::: note` its own way, to be placed before or after the built-in callouts. */
function noteBox(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'note_box', (state, start, _end, silent) => {
    const line = state.src.slice(state.bMarks[start]! + state.tShift[start]!, state.eMarks[start]);
    if (line !== '::: note') return false;
    if (silent) return true;
    let close = start + 1;
    while (close < state.lineMax && state.src.slice(state.bMarks[close], state.eMarks[close]).trim() !== ':::') close++;
    const token = state.push('html_block', '', 0);
    token.content = `<aside class="note-box">${state.getLines(start + 1, close, 0, false).trim()}</aside>\n`;
    state.line = close + 1;
    return true;
  });
}

describe('markdown.plugins placement and the API', () => {
  const files = { 'posts/2024-01-01-a.md': '---\ntitle: A\n---\n\n::: note\nPlain words.\n:::\n' };

  it('puts a plugin before a named built-in entry, where it wins over it; after the table, the built-in one wins', async () => {
    const site = await writeSite('placement', files);
    dirs.push(site);
    const render = async (entry: unknown) => {
      const result = await build({
        siteDir: site,
        write: false,
        cache: false,
        config: { markdown: { plugins: [entry as never] } },
      });
      return String(result.files.find((f) => f.outputPath === '2024/01/a/index.html')!.contents);
    };
    expect(await render({ plugin: noteBox, before: 'callouts' })).toContain(
      '<aside class="note-box">Plain words.</aside>',
    );
    expect(await render(noteBox)).toContain('<div class="callout callout-note" role="note">');
  });

  it('refuses an unknown entry name at start-up, naming the ones there are', async () => {
    const site = await writeSite('placement-unknown', {
      ...files,
      'inkstone.config.mjs': "export default { markdown: { plugins: [{ plugin: () => {}, after: 'maths' }] } };\n",
    });
    dirs.push(site);
    const run = await cli(['build', site, '--quiet', '--no-cache']);
    expect(run.exit).toBe(2);
    expect(run.headers).toEqual([
      'inkstone.config.mjs error[config] setting "markdown.plugins[0].after": expected the name of a built-in plugin (liquid, math, diagrams, kramdown-toc, kramdown-ial, widgets, code, notebooks, callouts, alerts, footnotes, images, anchors, heading-links, emoji, links, excerpt, raw-html, kramdown, snippets), got the string "maths"',
    ]);
  });

  it('renders on the main thread, and says so once, when plugins given as functions cannot reach the workers', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `posts/2024-01-${String(i + 1).padStart(2, '0')}-p.md`,
        `---\ntitle: P${i}\n---\n\n::: note\nN${i}\n:::\n`,
      ]),
    );
    const site = await writeSite('placement-workers', many);
    dirs.push(site);
    const result = await build({
      siteDir: site,
      write: false,
      cache: false,
      workers: 1,
      config: { markdown: { plugins: [{ plugin: noteBox, before: 'callouts' }] } },
    });
    expect(result.notes.filter((note) => note.includes('worker'))).toEqual([
      'markdown-it plugins passed to build() as functions cannot be sent to worker threads: the posts were rendered on the main thread',
    ]);
    const page = result.files.find(
      (f) => f.outputPath === '2024/01/p-7/index.html' || f.outputPath.endsWith('/p/index.html'),
    );
    expect(String(page?.contents)).toContain('<aside class="note-box">');
  });
});

describe('a broken configuration module: exit 2, at the line of the site code', () => {
  const post = { 'posts/2024-01-01-a.md': '---\ntitle: A\n---\n\nA.\n' };
  const cases: Array<[string, Record<string, string>, string]> = [
    [
      'a syntax error',
      { 'inkstone.config.ts': "export default {\n  title: 'Blog',,\n};\n" },
      'inkstone.config.ts:2:17 error[config] inkstone.config.ts could not be loaded: ParseError: Unexpected token',
    ],
    [
      'an error thrown while it loads, in a module it imports',
      {
        'inkstone.config.ts':
          "import { plugin } from './lib/plugin.js';\nexport default { markdown: { plugins: [plugin] } };\n",
        'lib/plugin.ts':
          "if (!process.env.NO_SUCH_KEY) throw new Error('set NO_SUCH_KEY');\nexport function plugin() {}\n",
      },
      'lib/plugin.ts:1 error[config] inkstone.config.ts could not be loaded: set NO_SUCH_KEY',
    ],
    [
      'a missing package',
      {
        'inkstone.config.mjs':
          "import abbr from 'markdown-it-no-such-plugin';\nexport default { markdown: { plugins: [abbr] } };\n",
      },
      "inkstone.config.mjs:1:18 error[config] inkstone.config.mjs could not be loaded: Cannot find module 'markdown-it-no-such-plugin'",
    ],
    [
      'no default export',
      { 'inkstone.config.js': 'export const title = 1;\n' },
      'inkstone.config.js error[config] setting "title": expected string, got number 1',
    ],
    [
      'a setting of the wrong type',
      { 'inkstone.config.ts': "export default {\n  title: 'Blog',\n  feeds: {\n    limit: 'twenty',\n  },\n};\n" },
      'inkstone.config.ts:4:5 error[config] setting "feeds.limit": expected number, got the string "twenty"',
    ],
    [
      'a hook that is not a function',
      { 'inkstone.config.mjs': "export default { hooks: { afterBuild: 'deploy.sh' } };\n" },
      'inkstone.config.mjs error[config] setting "hooks.afterBuild": expected a function, got the string "deploy.sh"',
    ],
    [
      'both inkstone.yml and a module',
      { 'inkstone.yml': 'title: A\n', 'inkstone.config.mjs': 'export default {};\n' },
      'inkstone.config.mjs error[config] inkstone.yml and inkstone.config.mjs both configure this site: keep one (inkstone.yml is the default; a config module is for sites that add code)',
    ],
  ];
  for (const [name, files, header] of cases) {
    it(name, async () => {
      const site = await writeSite('broken-config', { ...post, ...files });
      dirs.push(site);
      const run = await cli(['build', site, '--quiet', '--no-cache']);
      expect(run.headers).toEqual([header]);
      expect(run.exit).toBe(2);
    });
  }

  it('throws a located ConfigError from build()', async () => {
    const site = await writeSite('broken-config-api', {
      ...post,
      'inkstone.config.ts': cases[0]![1]['inkstone.config.ts']!,
    });
    dirs.push(site);
    const error = await build({ siteDir: site, write: false, cache: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).location).toEqual({ file: 'inkstone.config.ts', line: 2, column: 17 });
  });
});

describe("the site's code failing during a build: exit 1, at its line, the last site kept", () => {
  const config = (body: string) => ({
    'posts/2024-01-01-a.md': '---\ntitle: A\n---\n\nA.\n',
    'layouts/partials/footer.njk': '<footer>{{ site.title | shout }}</footer>\n',
    'inkstone.config.mjs': `export default {\n  templates: { filters: { shout: (s) => s.toUpperCase() } },\n${body}};\n`,
  });

  it('transformPage', async () => {
    const site = await writeSite(
      'hook-transform',
      config(
        '  hooks: {\n    transformPage(html, page) {\n      if (page.kind === "home") throw new TypeError("no home");\n    },\n  },\n',
      ),
    );
    dirs.push(site);
    const run = await cli(['build', site, '--quiet', '--no-cache']);
    expect(run.headers).toEqual([
      'inkstone.config.mjs:5:39 error[hook] the transformPage hook on / threw: TypeError: no home',
    ]);
    expect(run.exit).toBe(1);
  });

  it('a data function', async () => {
    const site = await writeSite(
      'hook-data',
      config('  data: {\n    async stars() {\n      throw new Error("rate limited");\n    },\n  },\n'),
    );
    dirs.push(site);
    const run = await cli(['build', site, '--quiet', '--no-cache']);
    expect(run.headers).toEqual(['inkstone.config.mjs:5:13 error[hook] the data function "stars" threw: rate limited']);
    expect(run.exit).toBe(1);
  });

  it('afterBuild, after the site was written', async () => {
    const site = await writeSite(
      'hook-after',
      config('  hooks: {\n    afterBuild() {\n      throw new Error("upload failed");\n    },\n  },\n'),
    );
    const out = await tempDir('hook-after-out');
    dirs.push(site, out);
    const run = await cli(['build', site, '--out', out, '--quiet', '--no-cache']);
    expect(run.headers).toEqual(['inkstone.config.mjs:5:13 error[hook] the afterBuild hook threw: upload failed']);
    expect(run.exit).toBe(1);
    expect(await readOutput(out, 'index.html')).toContain('<footer>MY TECHNICAL BLOG</footer>');
  });

  it('a filter, named with its line in the template error', async () => {
    const site = await writeSite('hook-filter', {
      ...config(''),
      'layouts/partials/footer.njk': '<footer>{{ site.missing | shout }}</footer>\n',
    });
    dirs.push(site);
    const run = await cli(['build', site, '--quiet', '--no-cache']);
    expect(run.exit).toBe(1);
    expect(run.headers[0]).toBe(
      'layouts/partials/footer.njk:1:27 error[template] the filter "shout" threw at inkstone.config.mjs:2:43: TypeError: Cannot read properties of undefined (reading \'toUpperCase\') (while rendering / with layout "home")',
    );
  });
});

describe('removing the module', () => {
  it('leaves a site that builds with defaults', async () => {
    const { site, out } = await fixture();
    await rm(path.join(site, 'inkstone.config.ts'));
    await rm(path.join(site, 'layouts'), { recursive: true });
    const result = await build({ siteDir: site, outDir: out, now: NOW });
    expect(headers(result)).toEqual([]);
    expect(await readOutput(out, POST)).not.toContain('class="external"');
  });
});
