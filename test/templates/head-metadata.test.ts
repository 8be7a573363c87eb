/**
 * The `<head>` of built pages: title, description, canonical URL, Open Graph, Twitter card, feed
 * autodiscovery and, on posts, `article:` tags and a JSON-LD BlogPosting that no title can break out of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { VERSION } from '../../src/version.js';
import { removeDir, writeSite } from '../helpers/site.js';

const HOSTILE_TITLE = "Ben & Jerry's </script><script>alert(1)</script>";

/** The "head" fixture: a post whose title and description need escaping, and a post without a description. */
const HEAD_SITE: Record<string, string> = {
  'inkstone.yml':
    'title: Notes & Queries\ndescription: Essays.\nauthor: Ada Example\nurl: https://example.org/blog/\ntimezone: Europe/Paris\n',
  'posts/2024-03-05-escaping.md': [
    '---',
    `title: "${HOSTILE_TITLE}"`,
    'date: 2024-03-05 14:15:00',
    'updated: 2024-04-01 09:00:00',
    'description: "Cones & <b>cream</b>"',
    'tags: [ice cream, dessert]',
    'categories: [food]',
    '---',
    'Body.',
    '',
  ].join('\n'),
  'posts/2024-02-01-plain-post.md':
    '---\ntitle: Plain post\n---\nThe first paragraph is *the* summary.\n\nMore text.\n',
};

const SITE_FEED_LINKS = [
  '<link rel="alternate" type="application/atom+xml" title="Notes &amp; Queries (Atom)" href="https://example.org/blog/feed.xml">',
  '<link rel="alternate" type="application/rss+xml" title="Notes &amp; Queries (RSS)" href="https://example.org/blog/rss.xml">',
  '<link rel="alternate" type="application/feed+json" title="Notes &amp; Queries (JSON Feed)" href="https://example.org/blog/feed.json">',
];

/** The default theme's icon, under the fixture's base path. */
const THEME_ICONS = [
  '<link rel="icon" href="/blog/favicon.ico" sizes="32x32">',
  '<link rel="icon" href="/blog/assets/favicon.svg" type="image/svg+xml">',
];

function fileText(result: BuildResult, outputPath: string): string {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`${outputPath} was not built`);
  return String(file.contents);
}

/** The `<head>` of a page. */
function headOf(result: BuildResult, outputPath: string): string {
  return /<head>([\s\S]*?)<\/head>/.exec(fileText(result, outputPath))![1]!;
}

/** Every `<meta>` and `<link>` tag of a page's head, as written, in order. */
function headTags(result: BuildResult, outputPath: string): string[] {
  return headOf(result, outputPath).match(/<(?:meta|link)\b[^>]*>/g) ?? [];
}

/** The text of the page's `<title>`, as written (escaped). */
function titleOf(result: BuildResult, outputPath: string): string {
  return /<title>([\s\S]*?)<\/title>/.exec(headOf(result, outputPath))![1]!;
}

describe('head metadata of the "head" fixture site', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('head', HEAD_SITE);
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('builds without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('gives a post its title, description, canonical URL, Open Graph, article, Twitter and feed tags, all escaped', () => {
    const page = '2024/03/escaping/index.html';
    expect(titleOf(result, page)).toBe(
      'Ben &amp; Jerry&#39;s &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Notes &amp; Queries',
    );
    const title = 'Ben &amp; Jerry&#39;s &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
    const description = 'Cones &amp; &lt;b&gt;cream&lt;/b&gt;';
    // The post has no picture of its own: its social card is its link preview image.
    const card = `https://example.org/blog/${result.files.find((f) => f.outputPath.startsWith('assets/inkstone/cards/escaping-'))!.outputPath}`;
    expect(headTags(result, page)).toEqual([
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light dark">',
      `<meta name="description" content="${description}">`,
      `<meta name="generator" content="inkstone ${VERSION}">`,
      '<link rel="canonical" href="https://example.org/blog/2024/03/escaping/">',
      ...THEME_ICONS,
      ...SITE_FEED_LINKS,
      '<meta property="og:site_name" content="Notes &amp; Queries">',
      '<meta property="og:type" content="article">',
      `<meta property="og:title" content="${title}">`,
      '<meta property="og:url" content="https://example.org/blog/2024/03/escaping/">',
      `<meta property="og:description" content="${description}">`,
      '<meta property="og:locale" content="en">',
      `<meta property="og:image" content="${card}">`,
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      `<meta property="og:image:alt" content="${title}">`,
      '<meta property="article:published_time" content="2024-03-05T14:15:00.000+01:00">',
      '<meta property="article:modified_time" content="2024-04-01T09:00:00.000+02:00">',
      '<meta property="article:tag" content="ice cream">',
      '<meta property="article:tag" content="dessert">',
      '<meta name="twitter:card" content="summary_large_image">',
      `<meta name="twitter:title" content="${title}">`,
      `<meta name="twitter:description" content="${description}">`,
      `<meta name="twitter:image" content="${card}">`,
      '<link rel="stylesheet" href="/blog/assets/style.css">',
    ]);
  });

  it('gives a post a JSON-LD BlogPosting that the title cannot break out of', () => {
    const head = headOf(result, '2024/03/escaping/index.html');
    const scripts = [...head.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const raw = scripts[0]!;
    expect(raw).toContain('\\u003c/script');
    expect(raw).toContain('Ben \\u0026 Jerry');
    expect(raw).not.toContain('<');
    expect(head).not.toContain('</script><script>');
    // The inline scripts are the line that applies the reader's colour scheme and the JSON-LD block; the
    // others are the scroll-regions, colour scheme and search box scripts, by address.
    expect(head.match(/<script\b[^>]*>/g)).toEqual([
      '<script>',
      '<script type="application/ld+json">',
      '<script src="/blog/assets/inkstone/scroll-regions.js" defer>',
      '<script src="/blog/assets/inkstone/theme-toggle.js" defer>',
      '<script src="/blog/assets/inkstone/search.js" defer>',
    ]);
    expect(JSON.parse(raw)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: HOSTILE_TITLE,
      description: 'Cones & <b>cream</b>',
      datePublished: '2024-03-05T14:15:00.000+01:00',
      dateModified: '2024-04-01T09:00:00.000+02:00',
      url: 'https://example.org/blog/2024/03/escaping/',
      mainEntityOfPage: 'https://example.org/blog/2024/03/escaping/',
      author: { '@type': 'Person', name: 'Ada Example' },
      keywords: 'ice cream, dessert',
    });
  });

  it('escapes the hostile title in the page body too', () => {
    const html = fileText(result, '2024/03/escaping/index.html');
    expect(html).toContain(
      '<h1 class="post-title">Ben &amp; Jerry&#39;s &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>',
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(fileText(result, 'index.html')).not.toContain('<script>alert(1)');
  });

  it('uses the excerpt as the description of a post that gives none', () => {
    const tags = headTags(result, '2024/02/plain-post/index.html');
    const described = tags.filter((t) => /name="description"|og:description|twitter:description/.test(t));
    expect(described).toEqual([
      '<meta name="description" content="The first paragraph is the summary.">',
      '<meta property="og:description" content="The first paragraph is the summary.">',
      '<meta name="twitter:description" content="The first paragraph is the summary.">',
    ]);
  });

  it('gives the home page the site title and description, as a website, without JSON-LD', () => {
    expect(titleOf(result, 'index.html')).toBe('Notes &amp; Queries');
    expect(headTags(result, 'index.html')).toEqual([
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light dark">',
      '<meta name="description" content="Essays.">',
      `<meta name="generator" content="inkstone ${VERSION}">`,
      '<link rel="canonical" href="https://example.org/blog/">',
      ...THEME_ICONS,
      ...SITE_FEED_LINKS,
      '<meta property="og:site_name" content="Notes &amp; Queries">',
      '<meta property="og:type" content="website">',
      '<meta property="og:title" content="Notes &amp; Queries">',
      '<meta property="og:url" content="https://example.org/blog/">',
      '<meta property="og:description" content="Essays.">',
      '<meta property="og:locale" content="en">',
      '<meta name="twitter:card" content="summary">',
      '<meta name="twitter:title" content="Notes &amp; Queries">',
      '<meta name="twitter:description" content="Essays.">',
      '<link rel="stylesheet" href="/blog/assets/style.css">',
    ]);
    expect(headOf(result, 'index.html')).not.toContain('application/ld+json');
  });

  it('links each tag and category page to its own Atom feed, after the site feeds', () => {
    const feedLinks = (page: string) => headTags(result, page).filter((t) => t.startsWith('<link rel="alternate"'));
    expect(feedLinks('tags/ice-cream/index.html')).toEqual([
      ...SITE_FEED_LINKS,
      '<link rel="alternate" type="application/atom+xml" title="Notes &amp; Queries (Atom, ice cream)" href="https://example.org/blog/tags/ice-cream/feed.xml">',
    ]);
    expect(feedLinks('categories/food/index.html')).toEqual([
      ...SITE_FEED_LINKS,
      '<link rel="alternate" type="application/atom+xml" title="Notes &amp; Queries (Atom, food)" href="https://example.org/blog/categories/food/feed.xml">',
    ]);
    expect(result.files.map((f) => f.outputPath)).toEqual(
      expect.arrayContaining(['tags/ice-cream/feed.xml', 'categories/food/feed.xml']),
    );
    expect(titleOf(result, 'tags/ice-cream/index.html')).toBe('Tag: ice cream · Notes &amp; Queries');
    expect(headTags(result, 'categories/food/index.html')).toContain(
      '<link rel="canonical" href="https://example.org/blog/categories/food/">',
    );
  });
});

describe('the site icon', () => {
  const sites: string[] = [];
  afterAll(async () => {
    for (const dir of sites) await removeDir(dir);
  });
  const POST = { 'posts/2024-01-02-one.md': '---\ntitle: One\n---\nText.\n' };
  const buildWith = async (files: Record<string, string>) => {
    const site = await writeSite('icon', { ...POST, ...files });
    sites.push(site);
    const result = await build({ siteDir: site, write: false });
    expect(result.diagnostics).toEqual([]);
    const icons = (page: string) => headTags(result, page).filter((t) => t.startsWith('<link rel="icon"'));
    const file = (outputPath: string) => result.files.find((f) => f.outputPath === outputPath);
    return { result, icons, file };
  };

  it("is the theme's: its SVG and its favicon.ico, written to the root as well as to assets/", async () => {
    const { icons, file } = await buildWith({ 'inkstone.yml': 'theme: paper\n' });
    expect(icons('index.html')).toEqual([
      '<link rel="icon" href="/favicon.ico" sizes="32x32">',
      '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
    ]);
    expect(icons('2024/01/one/index.html')).toEqual(icons('index.html'));
    const ico = file('favicon.ico')!;
    // An ICO of PNG images: reserved 0, type 1, then its image count.
    expect(Buffer.from(ico.contents as Uint8Array).subarray(0, 6)).toEqual(Buffer.from([0, 0, 1, 0, 3, 0]));
    expect(
      Buffer.compare(
        Buffer.from(ico.contents as Uint8Array),
        Buffer.from(file('assets/favicon.ico')!.contents as Uint8Array),
      ),
    ).toBe(0);
    expect(String(file('assets/favicon.svg')!.contents)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it("is the site's own favicon.ico when static/ has one, which the theme's does not replace", async () => {
    const { icons, file } = await buildWith({ 'static/favicon.ico': 'OWN ICON' });
    expect(icons('index.html')).toEqual(['<link rel="icon" href="/favicon.ico" type="image/x-icon">']);
    expect(String(file('favicon.ico')!.contents)).toBe('OWN ICON');
  });

  it('is the image, address or emoji favicon: names, or none with favicon: false', async () => {
    const image = await buildWith({ 'inkstone.yml': 'url: https://example.org/blog/\nfavicon: /images/me.png\n' });
    expect(image.icons('index.html')).toEqual(['<link rel="icon" href="/blog/images/me.png" type="image/png">']);
    // The theme's icon is not written when the site names its own.
    expect(image.file('favicon.ico')).toBe(undefined);
    const remote = await buildWith({ 'inkstone.yml': 'favicon: https://cdn.example.org/icon.svg?v=2\n' });
    expect(remote.icons('index.html')).toEqual([
      '<link rel="icon" href="https://cdn.example.org/icon.svg?v=2" type="image/svg+xml">',
    ]);
    const emoji = await buildWith({ 'inkstone.yml': 'favicon: "⚛️"\n' });
    const [link] = emoji.icons('index.html');
    const href = /href="([^"]+)"/.exec(link!)![1]!;
    expect(href.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(href.slice('data:image/svg+xml,'.length))).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">⚛️</text></svg>',
    );
    const none = await buildWith({ 'inkstone.yml': 'favicon: false\n' });
    expect(none.icons('index.html')).toEqual([]);
    expect(none.file('favicon.ico')).toBe(undefined);
  });

  it('refuses a favicon that is neither a path of the site, an address nor an emoji, at its line', async () => {
    const site = await writeSite('icon-bad', { ...POST, 'inkstone.yml': 'title: T\nfavicon: images/me.png\n' });
    sites.push(site);
    await expect(build({ siteDir: site, write: false })).rejects.toThrow(
      'expected a path of the site starting with "/", an http(s) address, an emoji, or false',
    );
  });
});
