/**
 * The sitemap (indexable pages only, absolute locations, `lastmod`), robots.txt, the note when no host
 * is configured, redirect pages from `redirect_from` and `aliases` (and the errors for ones that would
 * leave the site), the archive grouped by year, and the 404 page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { removeDir, writeSite } from '../helpers/site.js';

/** The "mapped" fixture: four posts over three years, with redirects written every accepted way. */
const MAPPED_SITE: Record<string, string> = {
  'inkstone.yml': 'title: Mapped\nurl: https://example.org/blog/\ntimezone: Europe/Paris\n',
  'posts/2022-06-15-first-steps.md': '---\ntitle: First steps\nredirect_from: /old/first-steps/\n---\nFirst.\n',
  'posts/2023-03-01-middle.md':
    '---\ntitle: Middle & more\ndate: 2023-03-01 12:00:00\nupdated: 2023-04-02 08:00:00\ntags: [notes]\nredirect_from: [/2023/middle.html, legacy/middle/]\n---\nMiddle.\n',
  'posts/2023-11-20-late-autumn.md': '---\ntitle: Late autumn\ntags: [notes]\naliases: [/autumn/]\n---\nAutumn.\n',
  // 00:30 in Paris is still 2023 in UTC: the archive must use the site's time zone.
  'posts/2024-01-01-just-after-midnight.md':
    '---\ntitle: Just after midnight\ndate: 2024-01-01 00:30:00\naliases: /midnight/\n---\nNew year.\n',
};

const NO_ORIGIN_NOTE =
  'no feeds, sitemap or social cards were written, because they need absolute URLs: set "url" in inkstone.yml (e.g. https://example.org/blog/) or pass --base-url';

function fileText(result: BuildResult, outputPath: string): string {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`${outputPath} was not built`);
  return typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8');
}

const outputPaths = (result: BuildResult) =>
  result.files.map((f) => f.outputPath).filter((p) => !p.startsWith('assets/'));

describe('the "mapped" fixture site', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('mapped', MAPPED_SITE);
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('builds without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.stats.pagesByKind).toEqual({
      post: 4,
      home: 1,
      term: 1,
      taxonomy: 2,
      archive: 1,
      'not-found': 1,
      redirect: 5,
      series: 0,
      section: 0,
    });
  });

  it('lists every indexable page in sitemap.xml with its absolute location and last change, and no 404 or redirect', () => {
    const url = (loc: string, lastmod: string) =>
      `  <url><loc>https://example.org/blog/${loc}</loc><lastmod>${lastmod}</lastmod></url>`;
    expect(fileText(result, 'sitemap.xml')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        url('', '2024-01-01T00:30:00.000+01:00'),
        url('2024/01/just-after-midnight/', '2024-01-01T00:30:00.000+01:00'),
        url('2023/11/late-autumn/', '2023-11-20T00:00:00.000+01:00'),
        url('2023/03/middle/', '2023-04-02T08:00:00.000+02:00'),
        url('2022/06/first-steps/', '2022-06-15T00:00:00.000+02:00'),
        url('tags/', '2024-01-01T00:30:00.000+01:00'),
        url('tags/notes/', '2023-11-20T00:00:00.000+01:00'),
        url('categories/', '2024-01-01T00:30:00.000+01:00'),
        url('archive/', '2024-01-01T00:30:00.000+01:00'),
        '</urlset>',
        '',
      ].join('\n'),
    );
  });

  it('writes robots.txt that allows everything and names the sitemap', () => {
    expect(fileText(result, 'robots.txt')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://example.org/blog/sitemap.xml\n',
    );
  });

  it('writes a redirect page at every old URL from redirect_from and aliases, as a string or a list', () => {
    const redirects = [
      'midnight/index.html',
      'autumn/index.html',
      '2023/middle.html',
      'legacy/middle/index.html',
      'old/first-steps/index.html',
    ];
    expect(outputPaths(result).filter((p) => fileText(result, p).includes('<title>Moved: '))).toEqual(redirects);
    const target = (p: string) => /<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(fileText(result, p))?.[1];
    expect(redirects.map((p) => [p, target(p)])).toEqual([
      ['midnight/index.html', '/blog/2024/01/just-after-midnight/'],
      ['autumn/index.html', '/blog/2023/11/late-autumn/'],
      ['2023/middle.html', '/blog/2023/03/middle/'],
      ['legacy/middle/index.html', '/blog/2023/03/middle/'],
      ['old/first-steps/index.html', '/blog/2022/06/first-steps/'],
    ]);
  });

  it('writes redirect pages with a meta refresh, a canonical link and a plain link, escaped', () => {
    expect(fileText(result, '2023/middle.html')).toBe(
      [
        '<!doctype html>',
        '<html lang="en">',
        '<head>',
        '  <meta charset="utf-8">',
        '  <title>Moved: Middle &amp; more</title>',
        '  <meta name="robots" content="noindex">',
        '  <link rel="canonical" href="https://example.org/blog/2023/03/middle/">',
        '  <meta http-equiv="refresh" content="0; url=/blog/2023/03/middle/">',
        '</head>',
        '<body>',
        '  <p>This post has moved to <a href="/blog/2023/03/middle/">Middle &amp; more</a>.</p>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });

  it("groups the archive by year in the site's time zone, newest first", () => {
    const html = fileText(result, 'archive/index.html');
    const years = [...html.matchAll(/<h2 id="year-(\d+)">\d+<\/h2>\s*<ul class="archive-list">([\s\S]*?)<\/ul>/g)].map(
      (m) => ({
        year: m[1],
        posts: [...m[2]!.matchAll(/<a href="([^"]*)">(.*?)<\/a>/g)].map((a) => `${a[2]} ${a[1]}`),
      }),
    );
    expect(years).toEqual([
      { year: '2024', posts: ['Just after midnight /blog/2024/01/just-after-midnight/'] },
      { year: '2023', posts: ['Late autumn /blog/2023/11/late-autumn/', 'Middle &amp; more /blog/2023/03/middle/'] },
      { year: '2022', posts: ['First steps /blog/2022/06/first-steps/'] },
    ]);
    expect(html).toContain('<p class="list-count">4 posts</p>');
  });

  it('writes 404.html with noindex', () => {
    const html = fileText(result, '404.html');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<title>Page not found · Mapped</title>');
    expect(html).toContain('<h1>Page not found</h1>');
    expect(fileText(result, 'index.html')).not.toContain('noindex');
  });
});

describe('robots.txt and the missing-host note', () => {
  const POST = { 'posts/2024-05-01-one.md': '---\ntitle: One\ntags: [x]\n---\nOne.\n' };
  const sites: string[] = [];
  afterAll(async () => {
    for (const site of sites) await removeDir(site);
  });
  async function buildSite(label: string, files: Record<string, string>): Promise<BuildResult> {
    const site = await writeSite(label, files);
    sites.push(site);
    return build({ siteDir: site, write: false });
  }

  it("keeps the site's own static/robots.txt instead of writing one", async () => {
    const own = 'User-agent: *\nDisallow: /private/\n';
    const result = await buildSite('robots-own', {
      ...POST,
      'inkstone.yml': 'url: https://example.org/\n',
      'static/robots.txt': own,
    });
    expect(result.ok).toBe(true);
    const robots = result.files.filter((f) => f.outputPath === 'robots.txt');
    expect(robots).toHaveLength(1);
    expect(fileText(result, 'robots.txt')).toBe(own);
    expect(outputPaths(result)).toContain('sitemap.xml');
  });

  for (const [label, config] of [
    ['no url', ''],
    ['a url that is only a path', 'url: /blog/\n'],
  ] as const) {
    it(`writes no feed or sitemap with ${label}, and says why in a note`, async () => {
      const result = await buildSite('no-origin', { ...POST, 'inkstone.yml': `title: Hostless\n${config}` });
      expect(result.ok).toBe(true);
      expect(result.notes).toEqual([NO_ORIGIN_NOTE]);
      expect(outputPaths(result).filter((p) => /(feed\.xml|rss\.xml|feed\.json|sitemap\.xml)$/.test(p))).toEqual([]);
      expect(result.stats.feeds).toBe(0);
      expect(fileText(result, 'robots.txt')).toBe('User-agent: *\nAllow: /\n');
    });
  }

  it('gives no note for a site without posts', async () => {
    const result = await buildSite('no-origin-empty', { 'inkstone.yml': 'title: Empty\n', 'posts/.keep': '' });
    expect(result.notes).toEqual([]);
  });
});

describe('redirects that would leave the site', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('redirect-escape', {
      'posts/2024-01-01-a.md': '---\ntitle: A\nredirect_from: ../x\n---\nA.\n',
      'posts/2024-01-02-b.md': '---\ntitle: B\nredirect_from:\n  - /fine/\n  - //evil.example/\n---\nB.\n',
      'posts/2024-01-03-c.md': '---\ntitle: C\naliases: [/ok/, /a/%2e%2e/b]\n---\nC.\n',
    });
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it("are errors at the offending value's file:line:col, with the reason", () => {
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ sourceText: _text, ...d }) => d)).toEqual([
      {
        severity: 'error',
        code: 'permalink',
        message:
          'front matter field "redirect_from": redirect "/../x" contains "." or ".." segments and would leave the output directory',
        location: { file: 'posts/2024-01-01-a.md', line: 3, column: 16 },
      },
      {
        severity: 'error',
        code: 'permalink',
        message:
          'front matter field "redirect_from": redirect "//evil.example/" must be a path on this site, not an absolute URL',
        location: { file: 'posts/2024-01-02-b.md', line: 5, column: 5 },
      },
      {
        severity: 'error',
        code: 'permalink',
        message:
          'front matter field "aliases": redirect "/a/%2e%2e/b" contains "." or ".." segments and would leave the output directory',
        location: { file: 'posts/2024-01-03-c.md', line: 3, column: 17 },
      },
    ]);
    expect(formatDiagnostic(result.diagnostics[2]!)).toBe(
      'posts/2024-01-03-c.md:3:17 error[permalink] front matter field "aliases": redirect "/a/%2e%2e/b" contains "." or ".." segments and would leave the output directory\n' +
        '  3 | aliases: [/ok/, /a/%2e%2e/b]\n' +
        '    |                 ^',
    );
  });

  it('refuses an absolute URL in redirect_from, like in permalink', async () => {
    const absolute = await writeSite('redirect-absolute', {
      'posts/2024-01-04-d.md': '---\ntitle: D\nredirect_from: https://evil.example/x\n---\nD.\n',
    });
    try {
      const built = await build({ siteDir: absolute, write: false });
      expect(built.diagnostics.map(({ sourceText: _text, ...d }) => d)).toEqual([
        {
          severity: 'error',
          code: 'permalink',
          message:
            'front matter field "redirect_from": redirect "https://evil.example/x" must be a path on this site, not an absolute URL',
          location: { file: 'posts/2024-01-04-d.md', line: 3, column: 16 },
        },
      ]);
      expect(built.files.map((f) => f.outputPath).filter((p) => p.startsWith('https'))).toEqual([]);
    } finally {
      await removeDir(absolute);
    }
  });
});
