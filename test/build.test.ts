import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { countMath, textOf } from './helpers/markdown.js';
import { copyFixtureSite, readOutput, removeDir, writeSite, listFiles } from './helpers/site.js';

const POST = '2022/10/attention-scores/index.html';

describe('a Jekyll-style post builds unchanged', () => {
  let site: string;
  let out: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await copyFixtureSite('jekyll-style');
    out = path.join(site, '_site');
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('succeeds without diagnostics', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.stats).toMatchObject({ posts: 1, tags: 1, categories: 1 });
  });

  it('writes every page of the site', async () => {
    const files = await listFiles(out);
    expect(files.filter((f) => f.endsWith('.html'))).toEqual([
      POST,
      '404.html',
      'archive/index.html',
      'categories/index.html',
      'categories/library/index.html',
      'index.html',
      'tags/index.html',
      'tags/python/index.html',
    ]);
    expect(files).toContain('assets/style.css');
    expect(files).toContain('assets/katex/katex.min.css');
    expect(files).toContain('assets/katex/fonts/KaTeX_Main-Regular.woff2');
    expect(files.some((f) => f.startsWith('assets/mermaid'))).toBe(false);
  });

  it('renders every formula with KaTeX and leaves no $ delimiter in the text', async () => {
    const html = await readOutput(out, POST);
    expect(countMath(html)).toEqual({ inline: 4, display: 1 });
    expect(textOf(html)).not.toContain('$');
    expect(html).toContain('<annotation encoding="application/x-tex">(*,L_{q})</annotation>');
  });

  it('highlights Python with Shiki, keeps raw HTML and includes the diagram', async () => {
    const html = await readOutput(out, POST);
    expect(html).toContain(
      '<div class="code-block" data-language="python"><pre class="shiki shiki-themes github-light-default github-dark-default"',
    );
    expect(html).toContain('<p> <br> </p>');
    expect(html).toMatch(/<figure class="diagram diagram-mermaid"><svg id="mermaid-[0-9a-f]{16}"/);
    expect(html).toContain('>dot products<');
  });

  it('leaves no Liquid tag in any page', async () => {
    for (const file of (await listFiles(out)).filter((f) => f.endsWith('.html'))) {
      expect(await readOutput(out, file), file).not.toContain('{%');
    }
  });

  it('loads KaTeX CSS only on pages that need it, and no script for diagrams', async () => {
    const post = await readOutput(out, POST);
    expect(post).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">');
    // The only scripts are the line that applies the reader's colour scheme, the JSON-LD metadata, the one
    // that makes wide regions reachable by keyboard, the colour scheme button, the search box and the copy
    // button of the code blocks: none for diagrams.
    expect(post.match(/<script[^>]*>/g)).toEqual([
      '<script>',
      '<script type="application/ld+json">',
      '<script src="/assets/inkstone/scroll-regions.js" defer>',
      '<script src="/assets/inkstone/theme-toggle.js" defer>',
      '<script src="/assets/inkstone/search.js" defer>',
      '<script src="/assets/inkstone/copy-code.js" defer>',
    ]);
    const tags = await readOutput(out, 'tags/index.html');
    expect(tags).not.toContain('katex.min.css');
    expect(tags).not.toContain('mermaid.min.js');
  });

  it('links the post from its tag and category pages, and lists the tag', async () => {
    const link = '<a href="/2022/10/attention-scores/">Attention scores, by hand</a>';
    expect(await readOutput(out, 'tags/python/index.html')).toContain(link);
    expect(await readOutput(out, 'categories/library/index.html')).toContain(link);
    expect(await readOutput(out, 'tags/index.html')).toContain('<a href="/tags/python/">python</a>');
    const home = await readOutput(out, 'index.html');
    expect(home).toContain(link);
    expect(home).toContain('<time datetime="2022-10-23T00:00:00.000Z">October 23, 2022</time>');
    expect(home).toContain('<p>Computing scaled dot-product attention one step at a time.</p>');
  });

  it('produces the same bytes when built again', async () => {
    const first = await readOutput(out, POST);
    const again = await build({ siteDir: site, write: false });
    const file = again.files.find((f) => f.outputPath === POST);
    expect(file?.contents).toBe(first);
  });
});

describe('site assembly', () => {
  it('builds a site with nothing but posts/, shipping no KaTeX or mermaid when unused', async () => {
    const site = await writeSite('plain', { 'posts/2024-03-01-hello.md': 'Hello, it costs $5.\n' });
    try {
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      const files = await listFiles(path.join(site, '_site'));
      expect(files.some((f) => f.startsWith('assets/katex'))).toBe(false);
      expect(files.some((f) => f.startsWith('assets/mermaid'))).toBe(false);
      const page = await readOutput(path.join(site, '_site'), '2024/03/hello/index.html');
      expect(page).toContain('<h1 class="post-title">Hello</h1>');
      expect(page).toContain('<p>Hello, it costs $5.</p>');
    } finally {
      await removeDir(site);
    }
  });

  it('gives the event loop turns while it renders the pages, so that work beside them goes on', async () => {
    const posts = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `posts/2024-03-${String(1 + (i % 28)).padStart(2, '0')}-p${i}.md`,
        `Post ${i}.\n`,
      ]),
    );
    const site = await writeSite('turns', { 'inkstone.yml': 'title: Turns\nsearch: false\n', ...posts });
    try {
      // A turn asked for when the pages start is taken before the last of them is rendered.
      const reports: Array<[number, number]> = [];
      let seen: [number, number] | undefined;
      const result = await build({
        siteDir: site,
        progress: (stage, done, total) => {
          if (stage !== 'pages') return;
          if (reports.length === 0) setImmediate(() => (seen = reports.at(-1)));
          reports.push([done, total]);
        },
      });
      expect(result.ok).toBe(true);
      const [done, total] = seen!;
      expect(total).toBeGreaterThan(40);
      expect(done).toBeLessThan(total);
    } finally {
      await removeDir(site);
    }
  });

  it('orders posts newest first, leaves drafts and future posts out unless asked', async () => {
    const site = await writeSite('order', {
      'posts/2024-01-01-old.md': '---\ntitle: Old\n---\nx\n',
      'posts/2024-06-01-new.md': '---\ntitle: New\n---\nx\n',
      'posts/2024-03-01-draft.md': '---\ntitle: Draft\ndraft: true\n---\nx\n',
      'posts/2024-04-01-unpublished.md': '---\ntitle: Unpublished\npublished: false\n---\nx\n',
      'posts/2030-01-01-future.md': '---\ntitle: Future\n---\nx\n',
    });
    try {
      const now = new Date('2025-01-01T00:00:00Z');
      const titles = async (options: { drafts?: boolean; future?: boolean }) => {
        const result = await build({ siteDir: site, write: false, now, ...options });
        const home = String(result.files.find((f) => f.outputPath === 'index.html')?.contents);
        return [...home.matchAll(/<h2 class="post-item-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
      };
      expect(await titles({})).toEqual(['New', 'Old']);
      expect(await titles({ drafts: true })).toEqual(['New', 'Unpublished', 'Draft', 'Old']);
      expect(await titles({ future: true })).toEqual(['Future', 'New', 'Old']);
    } finally {
      await removeDir(site);
    }
  });

  it('prefixes every generated URL with the base path of --base-url', async () => {
    const site = await writeSite('base', { 'posts/2024-03-01-hello.md': '---\ntags: [a]\n---\n$x$\n' });
    try {
      const result = await build({ siteDir: site, write: false, baseUrl: 'https://example.org/blog/' });
      const page = String(result.files.find((f) => f.outputPath === '2024/03/hello/index.html')?.contents);
      expect(page).toContain('<link rel="canonical" href="https://example.org/blog/2024/03/hello/">');
      expect(page).toContain('<link rel="stylesheet" href="/blog/assets/style.css">');
      expect(page).toContain('<link rel="stylesheet" href="/blog/assets/katex/katex.min.css">');
      expect(page).toContain('<a class="tag" href="/blog/tags/a/" rel="tag">a</a>');
      expect(page).not.toMatch(/href="\/(?!blog\/)/);
    } finally {
      await removeDir(site);
    }
  });

  it('warns when there are no posts, and still builds the home page', async () => {
    const site = await writeSite('empty', { 'static/robots.txt': 'User-agent: *\n' });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(true);
      expect(result.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'no-posts',
          message: 'no posts found: add Markdown files to posts/ (or _posts/)',
          location: { file: 'posts/' },
        },
      ]);
      expect(String(result.files.find((f) => f.outputPath === 'index.html')?.contents)).toContain(
        '<p class="empty">No posts yet.',
      );
      expect((await build({ siteDir: site, write: false, strict: true })).ok).toBe(false);
    } finally {
      await removeDir(site);
    }
  });

  it('copies static/ to the site root', async () => {
    const site = await writeSite('static', {
      'posts/2024-03-01-a.md': 'x\n',
      'static/img/pic.svg': '<svg/>',
      'static/CNAME': 'example.org',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      const paths = result.files.map((f) => f.outputPath);
      expect(paths).toContain('img/pic.svg');
      expect(paths).toContain('CNAME');
    } finally {
      await removeDir(site);
    }
  });
});
