import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));
const NOW = new Date('2030-01-01T00:00:00Z');

/** Builds `siteDir` in memory. */
function buildInMemory(siteDir: string): Promise<BuildResult> {
  return build({ siteDir, outDir: path.join(TMP_ROOT, `out-${randomUUID()}`), write: false, now: NOW });
}

function page(result: BuildResult, outputPath: string): string {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`no output ${outputPath}; have ${result.files.map((f) => f.outputPath).join(', ')}`);
  return String(file.contents);
}

/** Writes a small site under test/.tmp and returns its directory. */
async function writeTempSite(files: Record<string, string>): Promise<string> {
  const dir = path.join(TMP_ROOT, `layouts-${randomUUID()}`);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

const HELLO_POST = '---\ntitle: Hello\n---\nThe layout of this post is broken.\n';
const RENDERING_HELLO = '(while rendering /2024/01/hello/ (from posts/2024-01-01-hello.md) with layout "post")';

describe('site layouts override the built-in ones (fixture layout-override)', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildInMemory(path.join(FIXTURES, 'sites/layout-override'));
  });

  it('builds without diagnostics', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('produces every page', () => {
    const paths = result.files.map((f) => f.outputPath).sort();
    // The search index's files are named by their contents (see test/search/ for what they hold).
    expect(paths.filter((p) => p.startsWith('pagefind/') && !/\.pf_(fragment|index|meta)$/.test(p))).toEqual([
      'pagefind/pagefind-entry.json',
      'pagefind/pagefind-worker.js',
      'pagefind/pagefind.js',
      'pagefind/wasm.en.pagefind',
      'pagefind/wasm.unknown.pagefind',
    ]);
    expect(paths.filter((p) => !p.startsWith('pagefind/'))).toEqual([
      '2024/01/custom/index.html',
      '2024/01/escape/index.html',
      '2024/01/hello/index.html',
      '404.html',
      'archive/index.html',
      'assets/favicon.ico',
      'assets/favicon.svg',
      'assets/inkstone/scroll-regions.js',
      'assets/inkstone/search.js',
      'assets/inkstone/theme-toggle.js',
      'assets/style.css',
      'categories/index.html',
      'favicon.ico',
      'index.html',
      'robots.txt',
      'tags/demo/index.html',
      'tags/index.html',
    ]);
  });

  it("renders posts with the site's layouts/post.njk, which still extends the built-in base", () => {
    const html = page(result, '2024/01/hello/index.html');
    expect(html).toContain(
      [
        '<article class="override-post">',
        '<h1 class="override-title">Hello</h1>',
        '<p class="override-description"></p>',
        '<div class="override-body"><p>Hello from the <strong>override</strong>.</p>',
        '</div>',
        '</article>',
      ].join('\n'),
    );
    // From the built-in base.njk.
    expect(html).toContain('<title>Hello · My technical blog</title>');
    expect(html).toContain('<body class="page-post">');
    // Nothing of the built-in post.njk.
    expect(html).not.toContain('<article class="post">');
  });

  it('renders a post with layout: custom through layouts/custom.njk', () => {
    expect(page(result, '2024/01/custom/index.html')).toBe(
      [
        '<!doctype html>',
        '<html lang="en">',
        '<body class="custom-layout">',
        '<h1>Custom page</h1>',
        '<p class="mood">cheerful</p>',
        '<p>Rendered with <em>custom.njk</em>.</p>',
        '',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
    expect(result.files.find((f) => f.outputPath === '2024/01/custom/index.html')?.from).toBe(
      'posts/2024-01-02-custom.md',
    );
  });

  it('still renders the home page with the built-in home layout', () => {
    const html = page(result, 'index.html');
    expect(html).toContain('<body class="page-home">');
    expect(html).toContain('<section class="intro">\n  <h1 class="site-heading">My technical blog</h1>\n</section>');
    expect(html).toContain('<h2 class="post-item-title"><a href="/2024/01/custom/">Custom page</a></h2>');
    expect(html).not.toContain('override-post');
  });

  it('still renders term pages with the built-in term layout', () => {
    const html = page(result, 'tags/demo/index.html');
    // The fixture has no url, so no feed is written and none is linked.
    expect(html).toContain('<h1>demo</h1>\n  <p class="list-count">1 post</p>');
  });

  it('escapes HTML from front matter values in the post page', () => {
    const html = page(result, '2024/01/escape/index.html');
    expect(html).toContain('<h1 class="override-title">&lt;script&gt;x&lt;/script&gt;</h1>');
    expect(html).toContain('<p class="override-description">Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</p>');
    expect(html).toContain('<title>&lt;script&gt;x&lt;/script&gt; · My technical blog</title>');
    expect(html).toContain('<meta name="description" content="Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;">');
    expect(html).not.toContain('<script>x</script>');
  });

  it('keeps raw HTML of the body as written', () => {
    const html = page(result, '2024/01/escape/index.html');
    expect(html).toContain(
      '<div class="override-body"><p>Body with <span class="raw-html">raw <em>HTML</em></span> kept.</p>',
    );
  });

  it('escapes front matter values on the built-in home page too', () => {
    const html = page(result, 'index.html');
    expect(html).toContain(
      '<h2 class="post-item-title"><a href="/2024/01/escape/">&lt;script&gt;x&lt;/script&gt;</a></h2>',
    );
    expect(html).toContain('<div class="post-item-summary"><p>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</p></div>');
    expect(html).not.toContain('<script>x</script>');
  });
});

describe('layout and template errors', () => {
  const temp: string[] = [];
  afterAll(async () => {
    for (const dir of temp) await rm(dir, { recursive: true, force: true });
  });
  async function buildTemp(files: Record<string, string>): Promise<BuildResult> {
    const dir = await writeTempSite(files);
    temp.push(dir);
    return buildInMemory(dir);
  }

  it('reports a missing layout at the layout: value of the post', async () => {
    const result = await buildInMemory(path.join(FIXTURES, 'invalid/layout'));
    const text = '---\ntitle: Missing layout\nlayout: missing\n---\nNo layout of that name exists.\n';
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'layout',
        message:
          'layout "missing" not found (looked for missing.njk in the site\'s layouts/, the theme and the built-in layouts)',
        location: { file: 'posts/2024-01-01-missing-layout.md', line: 3, column: 9 },
        sourceText: text,
      },
    ]);
    // The other pages still render.
    expect(result.files.map((f) => f.outputPath)).toContain('index.html');
    expect(result.files.map((f) => f.outputPath)).not.toContain('2024/01/missing-layout/index.html');
  });

  it('reports an unknown filter with its own message and the page', async () => {
    const result = await buildTemp({
      'posts/2024-01-01-hello.md': HELLO_POST,
      'layouts/post.njk':
        '{% extends "base.njk" %}\n{% block content %}\n<h1>{{ post.title | nosuchfilter }}</h1>\n{% endblock %}\n',
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    // Nunjucks itself does not say where an unknown filter is used: our compiled code does (see error-locations.test.ts).
    expect([d?.severity, d?.code, d?.message, d?.location]).toEqual([
      'error',
      'template',
      `filter not found: nosuchfilter ${RENDERING_HELLO}`,
      { file: 'layouts/post.njk', line: 3, column: 21 },
    ]);
  });

  it('reports an unclosed tag at the layout file (relative to the site), line and column of the tag', async () => {
    const layout =
      '{% extends "base.njk" %}\n{% block content %}\n<h1>{{ post.title }}</h1>\n{% if post.title %}\n{% endblock %}\n';
    const result = await buildTemp({ 'posts/2024-01-01-hello.md': HELLO_POST, 'layouts/post.njk': layout });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template',
        message: `{% if %} opened at line 4, column 1 is never closed: expected {% endif %} before {% endblock %} at line 5, column 1 ${RENDERING_HELLO}`,
        location: { file: 'layouts/post.njk', line: 4, column: 1 },
        sourceText: layout,
      },
    ]);
  });

  it('reports a runtime error at its 1-based line and column', async () => {
    const result = await buildTemp({
      'posts/2024-01-01-hello.md': HELLO_POST,
      'layouts/post.njk': '<h1>{{ post.title }}</h1>\n<p>{{ nothing() }}</p>\n',
    });
    // At the name called (Nunjucks itself points at the opening parenthesis and counts runtime positions from 0).
    expect(result.diagnostics.map((d) => [d.code, d.location?.line, d.location?.column, d.message])).toEqual([
      ['template', 2, 7, `Unable to call \`nothing\`, which is undefined or falsey ${RENDERING_HELLO}`],
    ]);
  });

  it('reports a runtime error inside a layout that extends base.njk with its own message', async () => {
    const result = await buildTemp({
      'posts/2024-01-01-hello.md': HELLO_POST,
      'layouts/post.njk': '{% extends "base.njk" %}\n{% block content %}\n<p>{{ nothing() }}</p>\n{% endblock %}\n',
    });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      `Unable to call \`nothing\`, which is undefined or falsey ${RENDERING_HELLO}`,
    ]);
  });

  it('names the page URL when a list page fails', async () => {
    const result = await buildTemp({
      'posts/2024-01-01-hello.md': '---\ntitle: Hello\n---\nFine.\n',
      'layouts/home.njk': '<h1>{{ site.title }}</h1>\n{% if posts.length %}\n',
    });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'template',
        '{% if %} opened at line 2, column 1 is never closed: expected {% endif %} before the end of the file (while rendering / with layout "home")',
      ],
    ]);
  });
});
