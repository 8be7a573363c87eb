/**
 * Pagination: the pagers `paginate` computes, and a built site with `paginate: 2` whose home page and
 * tag pages are split over `/page/2/`, `/page/3/`, with `rel="prev"`/`rel="next"` and pager links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { outputPathOf, paginate } from '../../src/site/pagination.js';
import { removeDir, writeSite } from '../helpers/site.js';

describe('paginate', () => {
  it('gives one empty page for no items', () => {
    expect(paginate(0, 10, '/')).toEqual([
      { url: '/', number: 1, total: 1, start: 0, end: 0, previousUrl: undefined, nextUrl: undefined, urls: ['/'] },
    ]);
  });

  it('gives one page for one item', () => {
    expect(paginate(1, 10, '/tags/rust/')).toEqual([
      {
        url: '/tags/rust/',
        number: 1,
        total: 1,
        start: 0,
        end: 1,
        previousUrl: undefined,
        nextUrl: undefined,
        urls: ['/tags/rust/'],
      },
    ]);
  });

  it('gives exactly one page for exactly one page of items', () => {
    expect(paginate(10, 10, '/')).toEqual([
      { url: '/', number: 1, total: 1, start: 0, end: 10, previousUrl: undefined, nextUrl: undefined, urls: ['/'] },
    ]);
  });

  it('gives a second page for one item more than a page', () => {
    const urls = ['/tags/rust/', '/tags/rust/page/2/'];
    expect(paginate(11, 10, '/tags/rust/')).toEqual([
      {
        url: '/tags/rust/',
        number: 1,
        total: 2,
        start: 0,
        end: 10,
        previousUrl: undefined,
        nextUrl: '/tags/rust/page/2/',
        urls,
      },
      {
        url: '/tags/rust/page/2/',
        number: 2,
        total: 2,
        start: 10,
        end: 11,
        previousUrl: '/tags/rust/',
        nextUrl: undefined,
        urls,
      },
    ]);
  });

  it('links three pages in order', () => {
    const urls = ['/', '/page/2/', '/page/3/'];
    expect(paginate(5, 2, '/')).toEqual([
      { url: '/', number: 1, total: 3, start: 0, end: 2, previousUrl: undefined, nextUrl: '/page/2/', urls },
      { url: '/page/2/', number: 2, total: 3, start: 2, end: 4, previousUrl: '/', nextUrl: '/page/3/', urls },
      { url: '/page/3/', number: 3, total: 3, start: 4, end: 5, previousUrl: '/page/2/', nextUrl: undefined, urls },
    ]);
  });

  it('maps a page URL to its output file', () => {
    expect(outputPathOf('/')).toBe('index.html');
    expect(outputPathOf('/tags/x/page/2/')).toBe('tags/x/page/2/index.html');
  });
});

/** The "paged" fixture: five posts, one a month; odd-numbered ones are also tagged `odd`. */
function pagedSite(): Record<string, string> {
  const files: Record<string, string> = {
    'inkstone.yml': 'title: Paged\nurl: https://example.org/blog/\ntimezone: Europe/Paris\npaginate: 2\n',
  };
  for (const n of [1, 2, 3, 4, 5]) {
    files[`posts/2024-0${n}-10-post-${n}.md`] =
      `---\ntitle: Post ${n}\ntags: [${n % 2 === 1 ? 'odd, all' : 'all'}]\n---\nBody ${n}.\n`;
  }
  return files;
}

interface ListPage {
  titles: string[];
  headLinks: string[];
  pager: string[];
}

/** What a list page shows: its post titles, its rel=prev/next head links and its pager nav (links and position). */
function listPage(result: BuildResult, outputPath: string): ListPage {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`${outputPath} was not built`);
  const html = String(file.contents);
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1]!;
  const nav = /<nav class="pager" aria-label="Pages">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return {
    titles: [...html.matchAll(/<h2 class="post-item-title"><a href="([^"]*)">(.*?)<\/a><\/h2>/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    ),
    headLinks: [...head.matchAll(/<link rel="(prev|next)" href="([^"]*)">/g)].map((m) => `${m[1]} ${m[2]}`),
    pager: [
      ...nav.matchAll(
        /<a class="([^"]*)" href="([^"]*)" rel="([^"]*)">(.*?)<\/a>|<span class="pager-position">(.*?)<\/span>/g,
      ),
    ].map((m) => (m[5] !== undefined ? m[5] : `${m[1]} ${m[2]} ${m[3]} ${m[4]}`)),
  };
}

describe('a site with paginate: 2 and five posts', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('paged', pagedSite());
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('builds the home page at /, /page/2/ and /page/3/, and no /page/1/', () => {
    expect(result.diagnostics).toEqual([]);
    const listPages = result.files.map((f) => f.outputPath).filter((p) => p === 'index.html' || /(^|\/)page\//.test(p));
    expect(listPages).toEqual([
      'index.html',
      'page/2/index.html',
      'page/3/index.html',
      'tags/all/page/2/index.html',
      'tags/all/page/3/index.html',
      'tags/odd/page/2/index.html',
    ]);
    expect(result.stats.pagesByKind.home).toBe(3);
    for (const file of result.files)
      expect({ file: file.outputPath, linksPage1: String(file.contents).includes('/page/1/') }).toEqual({
        file: file.outputPath,
        linksPage1: false,
      });
  });

  it('lists the posts newest first, two a page, with prev/next links in the head and the pager', () => {
    expect(listPage(result, 'index.html')).toEqual({
      titles: ['Post 5 /blog/2024/05/post-5/', 'Post 4 /blog/2024/04/post-4/'],
      headLinks: ['next /blog/page/2/'],
      pager: ['Page 1 of 3', 'pager-older /blog/page/2/ next Older posts →'],
    });
    expect(listPage(result, 'page/2/index.html')).toEqual({
      titles: ['Post 3 /blog/2024/03/post-3/', 'Post 2 /blog/2024/02/post-2/'],
      headLinks: ['prev /blog/', 'next /blog/page/3/'],
      pager: ['pager-newer /blog/ prev ← Newer posts', 'Page 2 of 3', 'pager-older /blog/page/3/ next Older posts →'],
    });
    expect(listPage(result, 'page/3/index.html')).toEqual({
      titles: ['Post 1 /blog/2024/01/post-1/'],
      headLinks: ['prev /blog/page/2/'],
      pager: ['pager-newer /blog/page/2/ prev ← Newer posts', 'Page 3 of 3'],
    });
  });

  it('gives each home page its own canonical URL and a heading with the page number', () => {
    const page2 = String(result.files.find((f) => f.outputPath === 'page/2/index.html')!.contents);
    expect(page2).toContain('<link rel="canonical" href="https://example.org/blog/page/2/">');
    expect(page2).toContain('<meta property="og:title" content="Paged: page 2">');
    expect(page2).toContain('<h1 class="site-heading">Paged <span class="page-number">page 2 of 3</span></h1>');
  });

  it('paginates tag pages at /tags/<slug>/page/2/', () => {
    expect(listPage(result, 'tags/all/index.html')).toEqual({
      titles: ['Post 5 /blog/2024/05/post-5/', 'Post 4 /blog/2024/04/post-4/'],
      headLinks: ['next /blog/tags/all/page/2/'],
      pager: ['Page 1 of 3', 'pager-older /blog/tags/all/page/2/ next Older posts →'],
    });
    expect(listPage(result, 'tags/all/page/2/index.html')).toEqual({
      titles: ['Post 3 /blog/2024/03/post-3/', 'Post 2 /blog/2024/02/post-2/'],
      headLinks: ['prev /blog/tags/all/', 'next /blog/tags/all/page/3/'],
      pager: [
        'pager-newer /blog/tags/all/ prev ← Newer posts',
        'Page 2 of 3',
        'pager-older /blog/tags/all/page/3/ next Older posts →',
      ],
    });
    expect(listPage(result, 'tags/odd/page/2/index.html')).toEqual({
      titles: ['Post 1 /blog/2024/01/post-1/'],
      headLinks: ['prev /blog/tags/odd/'],
      pager: ['pager-newer /blog/tags/odd/ prev ← Newer posts', 'Page 2 of 2'],
    });
    const allPage2 = String(result.files.find((f) => f.outputPath === 'tags/all/page/2/index.html')!.contents);
    expect(allPage2).toContain('<title>Tag: all (page 2) · Paged</title>');
    expect(allPage2).toContain(
      '<p class="list-count">5 posts · page 2 of 3 · <a href="/blog/tags/all/feed.xml">Atom feed</a></p>',
    );
  });

  it('shows no pager on a list that fits on one page', async () => {
    const single = await build({ siteDir: site, write: false, config: { paginate: 5 } });
    const home = listPage(single, 'index.html');
    expect(home).toEqual({
      titles: [
        'Post 5 /blog/2024/05/post-5/',
        'Post 4 /blog/2024/04/post-4/',
        'Post 3 /blog/2024/03/post-3/',
        'Post 2 /blog/2024/02/post-2/',
        'Post 1 /blog/2024/01/post-1/',
      ],
      headLinks: [],
      pager: [],
    });
    expect(String(single.files.find((f) => f.outputPath === 'index.html')!.contents)).not.toContain('class="pager"');
    expect(single.files.some((f) => f.outputPath.startsWith('page/'))).toBe(false);
  });
});
