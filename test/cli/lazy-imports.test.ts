/**
 * A build loads only the libraries its site uses. `inkstone build` runs in a child process with a
 * preload (test/helpers/record-imports.mjs) that records every module loaded: by a module `load` hook
 * for ES modules and what they import, and from require.cache for what is required. A plain site must
 * load none of the optional libraries; a site that turns those features on must load them, which
 * shows the recorder sees each way they are loaded (dynamic import, CommonJS, createRequire).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

const BIN = path.join(TEST_DIR, '..', 'src', 'cli', 'bin.ts');
const RECORDER = pathToFileURL(path.join(TEST_DIR, 'helpers', 'record-imports.mjs')).href;

/** Packages a plain build must not load: Liquid, diagrams, widgets, feeds, sanitizing, emoji, math, the dev watcher, the check's parsers. */
const OPTIONAL = [
  // What the widget renderers use: the SVG cleaner's parser and the JSON error locator.
  'htmlparser2',
  'jsonc-parser',
  'liquidjs',
  'playwright-core',
  'feed',
  'sanitize-html',
  'gemoji',
  'katex',
  'chokidar',
  'fast-xml-parser',
  'saxes',
];

const POST = (i: number, body: string) =>
  `---\ntitle: Post ${i}\ndate: 2024-01-0${i}\ntags: [notes]\n---\n\nPost ${i}: *some* text, a [link](https://example.org/) and a list:\n\n- one\n- two\n\n## A heading\n\n${body}\n`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

/** The npm packages `inkstone build` loads for the site made of `files`. */
async function packagesLoaded(label: string, files: Record<string, string>): Promise<Set<string>> {
  const site = await writeSite(label, files);
  dirs.push(site);
  const log = path.join(site, 'imports.log');
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', RECORDER, BIN, 'build', site, '--quiet', '--no-cache'],
    { env: { ...process.env, INKSTONE_IMPORT_LOG: log } },
  );
  const text = await readFile(log, 'utf8');
  return new Set([...text.matchAll(/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/g)].map((m) => m[1]!));
}

describe('libraries a build loads', () => {
  it('a plain site (no url, no Liquid, no diagrams, no math, raw HTML allowed) loads none of the optional ones', async () => {
    const files: Record<string, string> = { 'inkstone.yml': 'title: Plain\n' };
    for (let i = 1; i <= 5; i++)
      files[`posts/2024-01-0${i}-post-${i}.md`] = POST(i, 'More text, with a :colon: or two.');
    const loaded = await packagesLoaded('lazy-plain', files);
    // The recorder works: an ES module package, and a CommonJS one that gray-matter requires.
    expect(loaded).toContain('markdown-it');
    expect(loaded).toContain('js-yaml');
    expect(OPTIONAL.filter((name) => loaded.has(name))).toEqual([]);
  }, 120_000);

  it('a site with feeds, Liquid, sanitized HTML, an emoji shortcode and a formula loads their libraries', async () => {
    const loaded = await packagesLoaded('lazy-features', {
      'inkstone.yml': 'url: https://example.org/\nliquid: true\nemoji: true\nmarkdown:\n  html: sanitize\n',
      'posts/2024-01-01-post-1.md': POST(
        1,
        'Done :tada: in {{ 1 | plus: 1 }} steps, $x^2$, <b onclick="x()">bold</b>.',
      ),
    });
    expect(['feed', 'liquidjs', 'sanitize-html', 'gemoji', 'katex'].filter((name) => !loaded.has(name))).toEqual([]);
    expect(loaded).not.toContain('playwright-core');
    expect(loaded).not.toContain('chokidar');
  }, 120_000);
});
