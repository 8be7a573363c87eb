/**
 * One broken fixture site per diagnostic code under test/fixtures/invalid/<code>/: each builds (in
 * memory) to exactly one diagnostic, checked by its one-line header; then every fixture is run through
 * the CLI (`inkstone build`, `check` or `new`), checked by the headers it prints and its exit code.
 * Three codes cannot come from a site on disk alone and are produced by injecting the failure, in
 * invalid-fixtures-injected.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import { DIAGNOSTIC_CODES, diagnosticFromError, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { ConfigError } from '../../src/core/errors.js';
import { hasChromium } from '../helpers/browser.js';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));
const NOW = new Date('2030-01-01T00:00:00Z');

function buildFixture(code: string) {
  return build({
    siteDir: path.join(INVALID, code),
    outDir: path.join(TMP_ROOT, `out-${randomUUID()}`),
    write: false,
    now: NOW,
  });
}

const EXPECTED: Record<string, string> = {
  'front-matter':
    'posts/2024-01-01-list-title.md:2:8 error[front-matter] front matter field "title": expected a string, got a list',
  date: 'posts/impossible-date.md:3:7 error[date] front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days',
  permalink:
    'posts/2024-01-01-escape.md:3:12 error[permalink] permalink "/a/%2e%2e/../../etc/" contains "." or ".." segments and would leave the output directory',
  layout:
    'posts/2024-01-01-missing-layout.md:3:9 error[layout] layout "missing" not found (looked for missing.njk in the site\'s layouts/, the theme and the built-in layouts)',
  template:
    'layouts/post.njk:4:1 error[template] {% if %} opened at line 4, column 1 is never closed: expected {% endif %} before {% endblock %} at line 5, column 1 (while rendering /2024/01/hello/ (from posts/2024-01-01-hello.md) with layout "post")',
  taxonomy:
    'posts/2024-01-02-hyphen.md error[taxonomy] tags "foo bar" (posts/2024-01-01-space.md) and "foo-bar" (posts/2024-01-02-hyphen.md) would both be written to /tags/foo-bar/: rename one of them',
  'template-cycle':
    'layouts/partials/entry.njk error[template-cycle] layouts include each other in a loop: partials/entry.njk → partials/toc.njk → partials/entry.njk',
  slug: 'posts/2024-01-01-%%%.md:1:1 error[slug] cannot derive a URL slug from "2024-01-01-%%%": add a "slug:" to the front matter',
  'output-collision':
    'posts/2024-01-02-second.md error[output-collision] posts/2024-01-01-first.md and posts/2024-01-02-second.md would both write notes/same/index.html',
  hook: 'inkstone.config.mjs:5:13 error[hook] the beforeBuild hook threw: the reading-list service answered 503',
  plugin:
    'posts/2024-01-01-deep.md:4 error[plugin] a markdown-it plugin of the site failed on this post: h4 is deeper than the house style allows (at inkstone.config.mjs:5:68)',
};

/** Codes that are warnings: the build succeeds (and fails under --strict). */
const WARNINGS: Record<string, string> = {
  'code-language':
    'posts/2024-01-01-a.md:1:1 warning[code-language] unknown code language "klingon": shown without highlighting',
  math: "posts/2024-01-01-a.md:1:29 warning[math] Expected '}', got 'EOF' (MathJax refuses it too: Extra open brace or missing close brace)",
  'no-posts': 'posts/ warning[no-posts] no posts found: add Markdown files to posts/ (or _posts/)',
  image:
    'posts/2024-01-01-screenshot.md:6:18 warning[image] image posts/dashboard.png cannot be read: it is not an image file inkstone knows (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG, BMP, ICO); the page shows the file as it is',
  kramdown:
    '_posts/2024-01-01-a.md:6:1 warning[kramdown] {::nomarkdown} has no closing {:/nomarkdown}: it stays text, as kramdown leaves it',
};

describe('test/fixtures/invalid: one broken site per error code', () => {
  for (const [code, header] of Object.entries(EXPECTED)) {
    it(`${code}: fails with exactly one ${code} error`, async () => {
      const result = await buildFixture(code);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([header]);
      expect(result.diagnostics[0]?.code).toBe(code);
    });
  }

  for (const [code, header] of Object.entries(WARNINGS)) {
    it(`${code}: builds with exactly one ${code} warning, and fails under --strict`, async () => {
      const result = await buildFixture(code);
      expect(result.ok).toBe(true);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([header]);
      const strict = await build({ siteDir: path.join(INVALID, code), write: false, now: NOW, strict: true });
      expect(strict.ok).toBe(false);
    });
  }

  it('theme: the build throws a ConfigError naming the theme', async () => {
    const error = await buildFixture('theme').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'theme "no-such-theme" not found: looked in themes/no-such-theme and ' +
        path.relative(path.join(INVALID, 'theme'), path.join(INVALID, '../../../themes/no-such-theme')),
    );
  });

  it('config: the build throws a ConfigError located in inkstone.yml', async () => {
    const error = await buildFixture('config').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    // Shown the way the CLI shows it.
    expect(formatDiagnosticHeader(diagnosticFromError(e))).toBe(
      'inkstone.yml:2:11 error[config] setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
    );
  });
});

/** A fixture run through the CLI. */
interface CliCase {
  /** The arguments after `inkstone`; by default `build <site> --out <out> --no-cache --quiet`. */
  argv?: (site: string, out: string) => string[];
  exit: 0 | 1 | 2;
  /** The header line of every diagnostic printed, in order. */
  headers: (site: string) => string[];
  /** Set for warnings: the same command with `--strict` exits 1. */
  strict?: true;
  /** Renders diagrams in Chromium: skipped where none is installed (never in CI). */
  browser?: true;
}

const buildArgv = (site: string, out: string) => ['build', site, '--out', out, '--no-cache', '--quiet'];
const checkArgv = (site: string) => ['check', site, '--quiet'];
const fixed =
  (...headers: string[]) =>
  () =>
    headers;

const CLI: Record<string, CliCase> = {
  ...Object.fromEntries(Object.entries(EXPECTED).map(([code, header]) => [code, { exit: 1, headers: fixed(header) }])),
  ...Object.fromEntries(
    Object.entries(WARNINGS).map(([code, header]) => [code, { exit: 0, headers: fixed(header), strict: true }]),
  ),
  theme: {
    exit: 2,
    headers: (site) => [
      `error[theme] theme "no-such-theme" not found: looked in themes/no-such-theme and ${path.relative(site, path.join(INVALID, '../../../themes/no-such-theme'))}`,
    ],
  },
  config: {
    exit: 2,
    headers: fixed(
      'inkstone.yml:2:11 error[config] setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
    ),
  },
  usage: {
    argv: (site) => ['new', '%%%', '--site', site],
    exit: 2,
    headers: fixed('error[usage] cannot make a file name from the title "%%%": use some letters or digits'),
  },
  exists: {
    argv: (site) => ['new', 'Hello', '--date', '2024-01-01', '--site', site],
    exit: 1,
    headers: fixed(
      'posts/2024-01-01-hello.md error[exists] a post with this name already exists: choose another title, or edit that post',
    ),
  },
  encoding: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-latin1.md:6:1 warning[encoding] this file is not valid UTF-8: the bytes that are not were replaced by U+FFFD; save it as UTF-8',
    ),
  },
  characters: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-bell.md:4:18 warning[characters] control character U+0007 removed: it is invisible or invalid in HTML',
    ),
  },
  symlink: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-02-outside.md warning[symlink] this post is a symbolic link: skipped (posts are read only from real files inside the site)',
    ),
  },
  series: {
    exit: 1,
    headers: fixed(
      'posts/2024-01-01-one.md error[series] series "foo-bar" (posts/2024-01-02-two.md) and "Foo Bar" (posts/2024-01-01-one.md) would both be written to /series/foo-bar/: rename one of them',
    ),
  },
  'code-fence': {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-unclosed.md:6:1 warning[code-fence] this ``` code block is never closed: everything after it, to the end of the post, is shown as code',
    ),
  },
  'code-size': {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-long-line.md:7:1 warning[code-size] a line of 2213 characters is longer than 2000: it is shown without highlighting',
    ),
  },
  'math-ref': {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-ref.md:4:14 warning[math-ref] reference to an equation labelled "eq:missing", but no numbered equation has \\label{eq:missing}',
    ),
  },
  notebook: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-two.md:7:1 warning[notebook] ```notebook: a notebook block names one notebook file, on one line',
    ),
  },
  citation: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-citing.md:4:14 warning[citation] [@nobody2020]: the key "nobody2020" is not in the bibliography',
    ),
  },
  diagram: {
    exit: 0,
    strict: true,
    browser: true,
    headers: fixed(
      "posts/2024-01-01-broken.md:8:1 warning[diagram] mermaid: Parse error on line 2: Expecting 'AMP', 'COLON', 'PIPE', 'TESTSTR', 'DOWN', 'DEFAULT', 'NUM', 'COMMA', 'NODE_STRING', 'BRKT', 'MINUS', 'MULT', 'UNICODE_TEXT', got 'EOF'",
    ),
  },
  'diagram-size': {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-huge.md:5:1 warning[diagram-size] diagram of 50646 characters is too large to render (the limit is 50000 characters): shown as source',
    ),
  },
  'diagram-timeout': {
    exit: 0,
    // No --strict run: each run waits for Chromium to give up on the diagram (seconds).
    browser: true,
    headers: fixed(
      'posts/2024-01-01-slow.md:5:1 warning[diagram-timeout] diagram took longer than 0.001 s to render (the limit, diagrams.timeout): shown as source',
    ),
  },
  image: {
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-screenshot.md:6:18 warning[image] image posts/dashboard.png cannot be read: it is not an image file inkstone knows (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG, BMP, ICO); the page shows the file as it is',
    ),
  },
  widget: {
    exit: 0,
    strict: true,
    headers: fixed(
      "posts/2024-01-01-chart.md:10:3 warning[widget] Vega-Lite chart: not valid JSON: Expected ',' or '}' after property value: shown as source",
    ),
  },
  'diagram-browser': {
    exit: 1,
    headers: fixed(
      'error[diagram-browser] browser /nonexistent/chromium (from diagrams.browser) is not an executable file: install Chromium (Debian/Ubuntu: "apt-get install chromium"), or set INKSTONE_BROWSER or diagrams.browser in inkstone.yml to a Chrome or Chromium executable',
    ),
  },
  liquid: {
    exit: 1,
    headers: fixed('_posts/2024-01-01-loop.md:6:1 error[liquid] Liquid: {% for p in site.posts %} is not closed'),
  },
  'liquid-include': {
    exit: 1,
    headers: fixed(
      '_posts/2024-01-01-include.md:6:1 error[liquid-include] {% include missing.html %}: _includes/missing.html does not exist',
    ),
  },
  'liquid-link': {
    exit: 1,
    headers: fixed(
      '_posts/2024-01-01-link.md:4:20 error[liquid-link] {% post_url 2023-12-31-gone %}: no post named "2023-12-31-gone" in this build (expected a file _posts/2023-12-31-gone.md)',
    ),
  },
  'liquid-file': {
    exit: 0,
    strict: true,
    headers: fixed(
      '_posts/2024-01-01-file.md:4:11 warning[liquid-file] {% file_exists ../secret.txt %}: "../secret.txt" is not a path inside the site (".." segments are not allowed); it gives false',
    ),
  },
  'liquid-twitter': {
    exit: 0,
    strict: true,
    headers: fixed(
      '_posts/2024-01-01-tweet.md:6:1 warning[liquid-twitter] {% twitter %}: "https://example.com/not-a-tweet" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as a link',
    ),
  },
  shortcode: {
    exit: 0,
    strict: true,
    headers: fixed(
      `content/posts/widget.md:7:1 warning[shortcode] unknown shortcode "widget": it is not one of Hugo's built-in shortcodes nor in layouts/shortcodes/; it is shown as written`,
    ),
  },
  data: {
    exit: 0,
    strict: true,
    headers: fixed(
      '_data/authors.yml:3:1 warning[data] invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; site.data leaves it out',
    ),
  },
  comments: {
    exit: 0,
    strict: true,
    headers: fixed(
      '_posts/2024-01-01-comments.md:3:1 warning[comments] giscus_comments: the site configures no giscus, so the post shows no comments: set comments.giscus in inkstone.yml or giscus: {repo, repo_id, category_id} in _config.yml',
    ),
  },
  'github-metadata': {
    exit: 0,
    strict: true,
    headers: fixed(
      '_posts/2024-01-01-github.md:4:12 warning[github-metadata] site.github.repository_url is empty: set "repository: owner/name" in _config.yml',
    ),
  },
  output: {
    // The site directory itself as the output: refused before anything is written.
    argv: (site) => ['build', site, '--out', site, '--no-cache', '--quiet'],
    exit: 1,
    headers: (site) => [
      `error[output] output directory ${site} is or contains the site directory ${site}: choose a folder such as ${path.join(site, '_site')}`,
    ],
  },
  cache: {
    // With the render cache, which cache_dir puts where a file is.
    argv: (site, out) => ['build', site, '--out', out, '--quiet'],
    exit: 0,
    strict: true,
    // The build makes the cache's folder before anything else, and says at once that it cannot.
    headers: (site) => [
      `cache-is-a-file warning[cache] the render cache cache-is-a-file/render cannot be written (ENOTDIR: not a directory, mkdir '${path.join(site, 'cache-is-a-file/render')}'): this build goes on without storing rendered posts`,
    ],
  },
  link: {
    argv: checkArgv,
    exit: 1,
    headers: fixed(
      'posts/2024-01-01-links.md:4:61 error[link] broken link to /nope/: nothing is built at that address (from /2024/01/links/index.html)',
    ),
  },
  anchor: {
    argv: checkArgv,
    exit: 1,
    headers: fixed(
      'posts/2024-01-01-anchors.md:6:52 error[anchor] broken anchor #missing: /2024/01/anchors/index.html has no element with id "missing" (from /2024/01/anchors/index.html)',
    ),
  },
  'duplicate-id': {
    argv: checkArgv,
    exit: 1,
    headers: fixed(
      'posts/2024-01-01-ids.md error[duplicate-id] id "intro" is used more than once on /2024/01/ids/index.html',
    ),
  },
  feed: {
    argv: checkArgv,
    exit: 1,
    // The post's title is empty and it has no description: its RSS item has neither, and RSS 2.0 requires
    // one of them. (Characters XML forbids no longer make a feed invalid: test/site/feeds.test.ts.)
    headers: fixed('rss.xml error[feed] item 1 has neither <title> nor <description>'),
  },
  'external-link': {
    // Port 1 is on fetch's list of blocked ports: refused before any connection, so no network is used.
    argv: (site) => ['check', site, '--external', '--quiet'],
    exit: 0,
    strict: true,
    headers: fixed(
      'posts/2024-01-01-external.md:4:40 warning[external-link] external link http://127.0.0.1:1/ failed: bad port (from /2024/01/external/index.html)',
    ),
  },
};

/** Codes produced by injecting a failure (no site on disk causes them): see invalid-fixtures-injected.test.ts. */
const INJECTED = ['internal', 'vanished', 'output-leftover', 'search'];

/** A diagnostic's header line as the CLI prints it; code frames (indented) and summaries do not match. */
const HEADER = /^(?:\S+ )?(?:error|warning)\[[a-z-]+\] /;

const outs: string[] = [];
afterAll(() => Promise.all(outs.map((out) => rm(out, { recursive: true, force: true }))));

async function cli(argv: string[]): Promise<{ exit: number; headers: string[] }> {
  let stderr = '';
  const exit = await runCli(argv, {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { exit, headers: stderr.split('\n').filter((line) => HEADER.test(line)) };
}

describe('test/fixtures/invalid through the CLI: the headers printed and the exit code', () => {
  for (const [code, c] of Object.entries(CLI)) {
    it.skipIf(c.browser && !hasChromium() && !process.env.CI)(`${code}: exits ${c.exit}`, async () => {
      const site = path.join(INVALID, code);
      const out = path.join(TMP_ROOT, `out-${randomUUID()}`);
      outs.push(out);
      const argv = (c.argv ?? buildArgv)(site, out);
      const run = await cli(argv);
      const headers = run.headers;
      expect(headers).toEqual(c.headers(site));
      expect(headers.every((h) => h.includes(`[${code}] `))).toBe(true);
      expect(run.exit).toBe(c.exit);
      if (c.strict) expect((await cli([...argv, '--strict'])).exit).toBe(1);
    });
  }
});

describe('the diagnostic codes', () => {
  it('have one fixture folder each, and every folder is a code', async () => {
    const folders = (await readdir(INVALID, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  it('are each run from their fixture by a test, here or in invalid-fixtures-injected.test.ts', () => {
    expect([...Object.keys(CLI), ...INJECTED].sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });
});
