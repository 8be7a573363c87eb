/**
 * The site's feeds (Atom, RSS 2.0, JSON Feed 1.1) and the per-term Atom feeds, built from a fixture
 * site and parsed: the elements each spec requires, dates in the site's time zone, entry HTML with
 * absolute URLs and MathML-only math, `feeds.limit`, drafts and future posts left out, and stable bytes.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { removeDir, writeSite } from '../helpers/site.js';

/** The "feeds" fixture: three published posts (winter and summer dates in Paris), a draft, a future post. */
const FEEDS_SITE: Record<string, string> = {
  'inkstone.yml': [
    'title: Feeds & Things',
    'description: A test blog.',
    'author: Ada Example',
    'url: https://example.org/blog/',
    'timezone: Europe/Paris',
    'diagrams:',
    '  mode: client',
    '',
  ].join('\n'),
  'posts/2024-01-02-winter-math.md': [
    '---',
    'title: Winter math',
    'date: 2024-01-02 10:00:00',
    'description: Squares in winter.',
    'tags: [math, notes]',
    'categories: [science]',
    '---',
    'The square $x^2$ grows. See [the other post](/2024/01/other/) and [the notes](#notes).',
    '',
    '![A plot](img/plot.png)',
    '',
    '<a href="/about/">About</a> and [KaTeX](https://katex.org/).',
    '',
    '## Notes',
    '',
    'Done.',
    '',
  ].join('\n'),
  'posts/2024-01-01-other.md': [
    '---',
    'title: Other',
    'date: 2024-01-01 09:00:00',
    'tags: [notes]',
    '---',
    'A diagram:',
    '',
    '```mermaid',
    'graph TD',
    '  A --> B',
    '```',
    '',
  ].join('\n'),
  'posts/2024-07-14-summer.md': [
    '---',
    'title: Summer',
    'date: 2024-07-14 08:30:00',
    'updated: 2024-07-20 12:00:00',
    'categories: [science]',
    '---',
    'Hot.',
    '',
  ].join('\n'),
  'posts/2024-03-01-secret.md': [
    '---',
    'title: Secret draft',
    'draft: true',
    'tags: [math, secret-tag]',
    '---',
    'Not yet.',
    '',
  ].join('\n'),
  'posts/2030-01-01-future.md': [
    '---',
    'title: From the future',
    'tags: [math, tomorrow]',
    'categories: [science]',
    '---',
    'Later.',
    '',
  ].join('\n'),
};

/** After every published post of the fixture and long before the future one. */
const NOW = new Date('2025-01-01T00:00:00Z');

const BLOG = 'https://example.org/blog';
const SUMMER = `${BLOG}/2024/07/summer/`;
const WINTER = `${BLOG}/2024/01/winter-math/`;
const OTHER = `${BLOG}/2024/01/other/`;

const WINTER_FEED_HTML =
  '<p>The square <span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>' +
  '<annotation encoding="application/x-tex">x^2</annotation></semantics></math></span> grows. ' +
  `See <a href="${OTHER}">the other post</a> and <a href="${WINTER}#notes">the notes</a>.</p>\n` +
  `<p><img src="${WINTER}img/plot.png" alt="A plot" loading="lazy" decoding="async"></p>\n` +
  // Raw HTML is not rewritten: `/about/` is host-relative on the page, and so in the feed.
  '<p><a href="https://example.org/about/">About</a> and <a href="https://katex.org/">KaTeX</a>.</p>\n' +
  '<h2 id="notes">Notes</h2>\n' +
  '<p>Done.</p>\n';

const OTHER_FEED_HTML =
  '<p>A diagram:</p>\n<figure class="diagram diagram-mermaid"><pre><code>graph TD\n  A --&gt; B\n</code></pre></figure>\n';

const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const RFC_822 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

interface XmlText {
  '#text': string;
  '@_type'?: string;
}
interface AtomLink {
  '@_rel'?: string;
  '@_href': string;
}
interface AtomEntry {
  id: string;
  title: XmlText;
  updated: string;
  published?: string;
  link: AtomLink | AtomLink[];
  summary?: XmlText;
  content: XmlText;
  author?: { name: string } | Array<{ name: string }>;
}
interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  subtitle?: string;
  author?: { name: string } | Array<{ name: string }>;
  link: AtomLink | AtomLink[];
  entry?: AtomEntry | AtomEntry[];
}
interface RssItem {
  title: string;
  link: string;
  guid: string | XmlText;
  pubDate: string;
  description?: string;
  'content:encoded': string;
  category?: string | string[];
}
interface RssChannel {
  title: string;
  link: string;
  description: string;
  lastBuildDate: string;
  'atom:link': { '@_href': string; '@_rel': string; '@_type': string };
  item?: RssItem | RssItem[];
}
interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  date_published: string;
  date_modified: string;
  tags: string[];
  authors: Array<{ name: string }>;
}
interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: Array<{ name: string }>;
  items: JsonFeedItem[];
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const parser = new XMLParser({ ignoreAttributes: false });

function fileText(result: BuildResult, outputPath: string): string {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`${outputPath} was not built`);
  return typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8');
}

function atomOf(result: BuildResult, outputPath: string): AtomFeed {
  return (parser.parse(fileText(result, outputPath)) as { feed: AtomFeed }).feed;
}

function rssOf(result: BuildResult): RssChannel {
  return (parser.parse(fileText(result, 'rss.xml')) as { rss: { '@_version': string; channel: RssChannel } }).rss
    .channel;
}

function jsonFeedOf(result: BuildResult): JsonFeed {
  return JSON.parse(fileText(result, 'feed.json')) as JsonFeed;
}

/** Every `href` and `src` value of `html`, in order. */
function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)=(["'])(.*?)\1/g)].map((m) => m[2]!);
}

const feedFiles = (result: BuildResult) =>
  result.files
    .map((f) => f.outputPath)
    .filter((p) => p.endsWith('feed.xml') || p === 'rss.xml' || p === 'feed.json')
    .sort();

describe('feeds of the "feeds" fixture site', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('feeds', FEEDS_SITE);
    result = await build({ siteDir: site, write: false, now: NOW });
  });
  afterAll(() => removeDir(site));

  it('builds without diagnostics and writes the site feeds and one Atom feed per term', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.notes).toEqual([]);
    expect(feedFiles(result)).toEqual([
      'categories/science/feed.xml',
      'feed.json',
      'feed.xml',
      'rss.xml',
      'tags/math/feed.xml',
      'tags/notes/feed.xml',
    ]);
    expect(result.stats.feeds).toBe(6);
  });

  it('writes an Atom feed with the elements RFC 4287 requires', () => {
    const xml = fileText(result, 'feed.xml');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    const feed = atomOf(result, 'feed.xml');
    expect(feed.id).toBe(`${BLOG}/`);
    expect(feed.title).toBe('Feeds & Things');
    expect(feed.subtitle).toBe('A test blog.');
    expect(feed.updated).toBe('2024-07-20T12:00:00+02:00');
    expect(list(feed.author)).toEqual([{ name: 'Ada Example' }]);
    expect(list(feed.link)).toEqual([
      { '@_rel': 'alternate', '@_href': `${BLOG}/` },
      { '@_rel': 'self', '@_href': `${BLOG}/feed.xml` },
    ]);
    const entries = list(feed.entry).map((e) => ({
      id: e.id,
      title: e.title,
      links: list(e.link),
      updated: e.updated,
      published: e.published,
      summary: e.summary,
      contentType: e.content['@_type'],
      authors: list(e.author),
    }));
    expect(entries).toEqual([
      {
        id: SUMMER,
        title: { '#text': 'Summer', '@_type': 'html' },
        links: [{ '@_href': SUMMER }],
        updated: '2024-07-20T12:00:00+02:00',
        published: '2024-07-14T08:30:00+02:00',
        summary: undefined,
        contentType: 'html',
        authors: [{ name: 'Ada Example' }],
      },
      {
        id: WINTER,
        title: { '#text': 'Winter math', '@_type': 'html' },
        links: [{ '@_href': WINTER }],
        updated: '2024-01-02T10:00:00+01:00',
        published: '2024-01-02T10:00:00+01:00',
        summary: { '#text': 'Squares in winter.', '@_type': 'html' },
        contentType: 'html',
        authors: [{ name: 'Ada Example' }],
      },
      {
        id: OTHER,
        title: { '#text': 'Other', '@_type': 'html' },
        links: [{ '@_href': OTHER }],
        updated: '2024-01-01T09:00:00+01:00',
        published: '2024-01-01T09:00:00+01:00',
        summary: undefined,
        contentType: 'html',
        authors: [{ name: 'Ada Example' }],
      },
    ]);
    for (const date of [feed.updated, ...list(feed.entry).flatMap((e) => [e.updated, e.published!])])
      expect(date).toMatch(RFC_3339);
  });

  it('writes an RSS 2.0 feed with the channel and item elements the spec requires', () => {
    const xml = fileText(result, 'rss.xml');
    expect(xml).toContain('<rss version="2.0" ');
    expect(xml).toContain(' xmlns:atom="http://www.w3.org/2005/Atom"');
    const channel = rssOf(result);
    expect(channel.title).toBe('Feeds & Things');
    expect(channel.link).toBe(`${BLOG}/`);
    expect(channel.description).toBe('A test blog.');
    expect(channel.lastBuildDate).toBe('Sat, 20 Jul 2024 12:00:00 +0200');
    expect(channel['atom:link']).toEqual({
      '@_href': `${BLOG}/rss.xml`,
      '@_rel': 'self',
      '@_type': 'application/rss+xml',
    });
    const items = list(channel.item).map((item) => ({
      title: item.title,
      link: item.link,
      guid: typeof item.guid === 'string' ? item.guid : item.guid['#text'],
      pubDate: item.pubDate,
      description: item.description,
      categories: list(item.category),
    }));
    expect(items).toEqual([
      {
        title: 'Summer',
        link: SUMMER,
        guid: SUMMER,
        pubDate: 'Sun, 14 Jul 2024 08:30:00 +0200',
        description: undefined,
        categories: [],
      },
      {
        title: 'Winter math',
        link: WINTER,
        guid: WINTER,
        pubDate: 'Tue, 02 Jan 2024 10:00:00 +0100',
        description: 'Squares in winter.',
        categories: ['math', 'notes'],
      },
      {
        title: 'Other',
        link: OTHER,
        guid: OTHER,
        pubDate: 'Mon, 01 Jan 2024 09:00:00 +0100',
        description: undefined,
        categories: ['notes'],
      },
    ]);
    for (const date of [channel.lastBuildDate, ...items.map((i) => i.pubDate)]) expect(date).toMatch(RFC_822);
  });

  it('writes a JSON Feed 1.1', () => {
    const feed = jsonFeedOf(result);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Feeds & Things');
    expect(feed.home_page_url).toBe(`${BLOG}/`);
    expect(feed.feed_url).toBe(`${BLOG}/feed.json`);
    expect(feed.description).toBe('A test blog.');
    expect(feed.language).toBe('en');
    expect(feed.authors).toEqual([{ name: 'Ada Example' }]);
    expect('author' in feed).toBe(false);
    expect(feed.items.map(({ content_html: _html, ...rest }) => rest)).toEqual([
      {
        id: SUMMER,
        url: SUMMER,
        title: 'Summer',
        date_published: '2024-07-14T08:30:00+02:00',
        date_modified: '2024-07-20T12:00:00+02:00',
        tags: [],
        authors: [{ name: 'Ada Example' }],
      },
      {
        id: WINTER,
        url: WINTER,
        title: 'Winter math',
        summary: 'Squares in winter.',
        date_published: '2024-01-02T10:00:00+01:00',
        date_modified: '2024-01-02T10:00:00+01:00',
        tags: ['math', 'notes'],
        authors: [{ name: 'Ada Example' }],
      },
      {
        id: OTHER,
        url: OTHER,
        title: 'Other',
        date_published: '2024-01-01T09:00:00+01:00',
        date_modified: '2024-01-01T09:00:00+01:00',
        tags: ['notes'],
        authors: [{ name: 'Ada Example' }],
      },
    ]);
    for (const item of feed.items) {
      expect(item.date_published).toMatch(RFC_3339);
      expect(item.date_modified).toMatch(RFC_3339);
    }
  });

  it('gives every entry the full post HTML with math as MathML only and every URL absolute', () => {
    const atomContent = Object.fromEntries(
      list(atomOf(result, 'feed.xml').entry).map((e) => [e.id, e.content['#text']]),
    );
    const rssContent = Object.fromEntries(list(rssOf(result).item).map((i) => [i.link, i['content:encoded']]));
    const jsonContent = Object.fromEntries(jsonFeedOf(result).items.map((i) => [i.id, i.content_html]));
    for (const content of [atomContent, rssContent, jsonContent]) {
      expect(content[WINTER]).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
      expect(content[WINTER]).not.toContain('class="katex-html"');
      expect(urlsIn(content[WINTER]!)).toEqual([
        OTHER,
        `${WINTER}#notes`,
        `${WINTER}img/plot.png`,
        'https://example.org/about/',
        'https://katex.org/',
      ]);
      expect(content).toEqual({ [SUMMER]: '<p>Hot.</p>\n', [WINTER]: WINTER_FEED_HTML, [OTHER]: OTHER_FEED_HTML });
    }
    // The page itself keeps KaTeX's HTML rendering, which the feed leaves out.
    expect(fileText(result, '2024/01/winter-math/index.html')).toContain('class="katex-html"');
  });

  it("writes an Atom feed per tag and per category with only that term's posts", () => {
    const terms = ['tags/math/', 'tags/notes/', 'categories/science/'].map((dir) => {
      const feed = atomOf(result, `${dir}feed.xml`);
      return {
        id: feed.id,
        title: feed.title,
        updated: feed.updated,
        links: list(feed.link),
        entries: list(feed.entry).map((e) => e.id),
      };
    });
    expect(terms).toEqual([
      {
        id: `${BLOG}/tags/math/`,
        title: 'Feeds & Things: tag math',
        updated: '2024-01-02T10:00:00+01:00',
        links: [
          { '@_rel': 'alternate', '@_href': `${BLOG}/tags/math/` },
          { '@_rel': 'self', '@_href': `${BLOG}/tags/math/feed.xml` },
        ],
        entries: [WINTER],
      },
      {
        id: `${BLOG}/tags/notes/`,
        title: 'Feeds & Things: tag notes',
        updated: '2024-01-02T10:00:00+01:00',
        links: [
          { '@_rel': 'alternate', '@_href': `${BLOG}/tags/notes/` },
          { '@_rel': 'self', '@_href': `${BLOG}/tags/notes/feed.xml` },
        ],
        entries: [WINTER, OTHER],
      },
      {
        id: `${BLOG}/categories/science/`,
        title: 'Feeds & Things: category science',
        updated: '2024-07-20T12:00:00+02:00',
        links: [
          { '@_rel': 'alternate', '@_href': `${BLOG}/categories/science/` },
          { '@_rel': 'self', '@_href': `${BLOG}/categories/science/feed.xml` },
        ],
        entries: [SUMMER, WINTER],
      },
    ]);
  });

  it('leaves drafts and future posts out of every feed, the sitemap, the term pages, the home page and the archive', () => {
    const pagesAndFeeds = result.files.filter((f) => !f.outputPath.startsWith('assets/'));
    for (const file of pagesAndFeeds) {
      const text = fileText(result, file.outputPath);
      for (const hidden of [
        'Secret draft',
        'From the future',
        '/2024/03/secret/',
        '/2030/01/future/',
        'secret-tag',
        'tomorrow',
      ]) {
        expect({ file: file.outputPath, contains: text.includes(hidden) }).toEqual({
          file: file.outputPath,
          contains: false,
        });
      }
    }
    const locs = [...fileText(result, 'sitemap.xml').matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      `${BLOG}/`,
      SUMMER,
      WINTER,
      OTHER,
      `${BLOG}/tags/`,
      `${BLOG}/tags/math/`,
      `${BLOG}/tags/notes/`,
      `${BLOG}/categories/`,
      `${BLOG}/categories/science/`,
      `${BLOG}/archive/`,
    ]);
    const titlesOn = (page: string) =>
      [...fileText(result, page).matchAll(/<h2 class="post-item-title"><a href="[^"]*">(.*?)<\/a><\/h2>/g)].map(
        (m) => m[1],
      );
    expect(titlesOn('tags/math/index.html')).toEqual(['Winter math']);
    expect(titlesOn('categories/science/index.html')).toEqual(['Summer', 'Winter math']);
    expect(titlesOn('index.html')).toEqual(['Summer', 'Winter math', 'Other']);
    const archive = [
      ...fileText(result, 'archive/index.html').matchAll(
        /<li><time [^>]*>[^<]*<\/time> <a href="[^"]*">(.*?)<\/a><\/li>/g,
      ),
    ].map((m) => m[1]);
    expect(archive).toEqual(['Summer', 'Winter math', 'Other']);
  });

  it('includes the draft and the future post when the build asks for them (the fixture is what keeps them out)', async () => {
    const all = await build({ siteDir: site, write: false, now: NOW, drafts: true, future: true });
    expect(all.ok).toBe(true);
    expect(list(atomOf(all, 'feed.xml').entry).map((e) => e.id)).toEqual([
      `${BLOG}/2030/01/future/`,
      SUMMER,
      `${BLOG}/2024/03/secret/`,
      WINTER,
      OTHER,
    ]);
    expect(list(atomOf(all, 'tags/math/feed.xml').entry).map((e) => e.id)).toEqual([
      `${BLOG}/2030/01/future/`,
      `${BLOG}/2024/03/secret/`,
      WINTER,
    ]);
    expect(feedFiles(all)).toEqual([
      'categories/science/feed.xml',
      'feed.json',
      'feed.xml',
      'rss.xml',
      'tags/math/feed.xml',
      'tags/notes/feed.xml',
      'tags/secret-tag/feed.xml',
      'tags/tomorrow/feed.xml',
    ]);
  });

  it('caps every feed at feeds.limit entries, newest first', async () => {
    const capped = await build({ siteDir: site, write: false, now: NOW, config: { feeds: { limit: 1 } } });
    expect(capped.ok).toBe(true);
    expect(list(atomOf(capped, 'feed.xml').entry).map((e) => e.id)).toEqual([SUMMER]);
    expect(list(rssOf(capped).item).map((i) => i.link)).toEqual([SUMMER]);
    expect(jsonFeedOf(capped).items.map((i) => i.id)).toEqual([SUMMER]);
    expect(list(atomOf(capped, 'tags/notes/feed.xml').entry).map((e) => e.id)).toEqual([WINTER]);
    expect(list(atomOf(capped, 'categories/science/feed.xml').entry).map((e) => e.id)).toEqual([SUMMER]);
    // The feed is dated by its newest entry.
    expect(atomOf(capped, 'tags/notes/feed.xml').updated).toBe('2024-01-02T10:00:00+01:00');
  });

  it('gives the same feed bytes on every build, whatever the clock and the process time zone', async () => {
    const previousTz = process.env.TZ;
    let again: BuildResult;
    try {
      process.env.TZ = 'America/Los_Angeles';
      again = await build({ siteDir: site, write: false, now: new Date('2029-06-01T00:00:00Z') });
    } finally {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
    expect(feedFiles(again)).toEqual(feedFiles(result));
    for (const file of [...feedFiles(result), 'sitemap.xml']) {
      expect({ file, text: fileText(again, file) }).toEqual({ file, text: fileText(result, file) });
    }
  });
});

describe('feeds of a site without an author', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('feeds-no-author', {
      'inkstone.yml': 'title: Anonymous\nurl: https://example.org/\n',
      'posts/2024-05-01-one.md': '---\ntitle: One\ntags: [x]\n---\nOne.\n',
    });
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('still gives every Atom feed an author, as RFC 4287 (4.1.1) requires of the feed or of each entry', () => {
    expect(result.ok).toBe(true);
    for (const file of ['feed.xml', 'tags/x/feed.xml']) {
      const feed = atomOf(result, file);
      const named = (authors: Array<{ name: string }>) =>
        authors.length > 0 && authors.every((a) => typeof a.name === 'string' && a.name !== '');
      const valid = named(list(feed.author)) || list(feed.entry).every((e) => named(list(e.author)));
      expect({ file, hasAuthor: valid }).toEqual({ file, hasAuthor: true });
    }
  });

  it('writes the RSS channel description element even when the site has no description', () => {
    expect(fileText(result, 'rss.xml')).toContain('<description></description>');
    expect(rssOf(result).description).toBe('');
  });
});
