/**
 * A Hugo site's single pages at the top of content/ (`about.md`, a top-level bundle), which Hugo
 * builds but lists nowhere; pages without a date, dated by Hugo's other date keys or by none; the
 * `weight` order of list pages; the front matter `summary` as the list excerpt; a section's title
 * from its `_index.md`; and a Hugo `layout` name, which names a Go template. Each behaviour as hugo 0.111 showed it on the same pages.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { listFiles, readOutput, removeDir, writeSite } from '../helpers/site.js';

const FILES: Record<string, string> = {
  'hugo.toml': 'baseURL = "https://pages.example.org/"\ntitle = "Pages"\n',
  'content/about.md': '---\ntitle: About me\nlayout: about\n---\nI write about **rings**.\n',
  'content/now/index.md': '+++\ntitle = "Now"\ndate = 2023-02-01\n+++\nReading, mostly.\n',
  'content/_index.md': '---\ntitle: Home\n---\nNot a page of its own.\n',
  'content/posts/_index.md': '+++\ntitle = "Writing"\n+++\n',
  'content/posts/pinned.md': '---\ntitle: Pinned\ndate: 2019-01-01\nweight: 1\n---\nRead this first.\n',
  'content/posts/newest.md':
    '---\ntitle: Newest\ndate: 2023-05-01\nsummary: "A *summary* of my own"\n---\nThe body starts here.\n\nAnd goes on.\n',
  'content/posts/published.md':
    '---\ntitle: Published\npublishDate: 2021-03-04\nlastmod: 2022-08-09\n---\nDated by publishDate.\n',
  'content/posts/undated.md': '---\ntitle: Undated\n---\nNo date at all.\n',
};

describe('single pages, dates, weight and summaries of a Hugo site', () => {
  let site: string;
  let result: BuildResult;
  const out = () => path.join(site, '_site');
  const titles = (html: string) =>
    [...html.matchAll(/<h2 class="post-item-title"><a href="[^"]*">([^<]*)</g)].map((m) => m[1]);

  beforeAll(async () => {
    site = await writeSite('hugo-pages', FILES);
    result = await build({ siteDir: site, now: new Date('2024-01-01T00:00:00Z') });
  });
  afterAll(() => removeDir(site));

  it('builds the single pages at the top of content/ at their URLs, outside every list', async () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.stats.posts).toBe(4);
    const files = await listFiles(out());
    expect(files).toContain('about/index.html');
    expect(files).toContain('now/index.html');
    const about = await readOutput(out(), 'about/index.html');
    expect(about).toContain('<article class="post page">');
    expect(about).toContain('<h1 class="post-title">About me</h1>');
    expect(about).toContain('<div class="post-content">\n    <p>I write about <strong>rings</strong>.</p>');
    expect(about).toContain('<meta property="og:type" content="website">');
    expect(about).not.toContain('<time');
    expect(about).not.toContain('class="post-nav');
    for (const list of ['index.html', 'posts/index.html', 'index.xml', 'feed.xml', 'archive/index.html']) {
      const html = await readOutput(out(), list);
      expect(html, list).not.toContain('/about/');
      expect(html, list).not.toContain('/now/');
    }
    const sitemap = await readOutput(out(), 'sitemap.xml');
    expect(sitemap).toContain('<url><loc>https://pages.example.org/about/</loc></url>');
    expect(sitemap).toContain(
      '<url><loc>https://pages.example.org/now/</loc><lastmod>2023-02-01T00:00:00.000Z</lastmod></url>',
    );
  });

  it("keeps inkstone's layout where the front matter names a Hugo template, and says so", () => {
    expect(
      result.compat
        .filter((e) => e.file.startsWith('content/'))
        .map((e) => `${e.file}:${e.line} ${e.construct} ${e.status}: ${e.detail}`),
    ).toEqual([
      "content/about.md:3 layout: about approximated: a Hugo template, which inkstone does not run: the page uses inkstone's page layout",
    ]);
  });

  it("titles a section's list page as its _index.md does", async () => {
    const section = await readOutput(out(), 'posts/index.html');
    expect(section).toContain('<title>Writing · Pages</title>');
    expect(section).toContain('<h1>Writing</h1>');
    expect(await readOutput(out(), 'posts/index.xml')).toContain('<title>Pages: Writing</title>');
  });

  it('lists weighted pages first, then by date, and the undated last, as Hugo does', async () => {
    const order = ['Pinned', 'Newest', 'Published', 'Undated'];
    expect(titles(await readOutput(out(), 'index.html'))).toEqual(order);
    expect(titles(await readOutput(out(), 'posts/index.html'))).toEqual(order);
    const rss = await readOutput(out(), 'posts/index.xml');
    expect([...rss.matchAll(/<item>\s*<title><!\[CDATA\[([^\]]*)\]\]>/g)].map((m) => m[1])).toEqual(order);
    // The archive stays by date.
    const archive = await readOutput(out(), 'archive/index.html');
    expect(archive.indexOf('Newest')).toBeLessThan(archive.indexOf('Published'));
    expect(archive.indexOf('Published')).toBeLessThan(archive.indexOf('Pinned'));
  });

  it('dates a page by publishDate when it gives no date, updates it by lastmod, and shows no date for one that gives none', async () => {
    const published = await readOutput(out(), 'posts/published/index.html');
    expect(published).toContain('<time datetime="2021-03-04T00:00:00.000Z">March 4, 2021</time>');
    // Hugo's lastmod is the page's last change.
    expect(published).toContain(' · updated <time datetime="2022-08-09T00:00:00.000Z">August 9, 2022</time>');
    expect(await readOutput(out(), 'sitemap.xml')).toContain(
      '<url><loc>https://pages.example.org/posts/published/</loc><lastmod>2022-08-09T00:00:00.000Z</lastmod></url>',
    );
    const undated = await readOutput(out(), 'posts/undated/index.html');
    expect(undated).toContain('<p class="post-meta">\n<span class="reading-time">1 min read</span>');
    expect(undated).not.toContain('<time');
    expect(undated).not.toContain('datePublished');
    expect(undated).toContain('<meta property="og:type" content="website">');
    const home = await readOutput(out(), 'index.html');
    const item = home.slice(home.indexOf('>Undated<'));
    expect(item.slice(0, item.indexOf('</li>'))).not.toContain('<time');
  });

  it("uses the front matter's summary, read as Markdown, as the excerpt", async () => {
    const home = await readOutput(out(), 'index.html');
    expect(home).toContain('<div class="post-item-summary"><p>A <em>summary</em> of my own</p>\n</div>');
    expect(await readOutput(out(), 'posts/newest/index.html')).toContain(
      '<meta name="description" content="A summary of my own">',
    );
  });
});

describe('a Hugo page with both a summary and <!--more-->', () => {
  it('shows the text before <!--more-->, as hugo 0.111 does', async () => {
    const site = await writeSite('hugo-divided', {
      'hugo.toml': 'baseURL = "https://pages.example.org/"\ntitle = "Pages"\n',
      'content/posts/divided.md':
        '---\ntitle: Divided\ndate: 2018-01-01\nsummary: Not this one\n---\nBefore the divider.\n\n<!--more-->\n\nAfter it.\n',
    });
    try {
      expect((await build({ siteDir: site })).ok).toBe(true);
      const home = await readOutput(path.join(site, '_site'), 'index.html');
      expect(home).toContain('<div class="post-item-summary"><p>Before the divider.</p>\n');
      expect(home).not.toContain('Not this one');
    } finally {
      await removeDir(site);
    }
  });
});
