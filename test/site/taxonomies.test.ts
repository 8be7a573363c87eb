import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { buildSiteGraph } from '../../src/site/graph.js';
import { buildTaxonomy } from '../../src/site/taxonomies.js';
import type { RenderedPost, Term } from '../../src/types.js';
import { renderedPostRecord } from '../helpers/records.js';

const CONFIG = siteConfigSchema.parse({});

/** The only pager of a list of `count` items at `url` (every list here fits on one page). */
const pager = (url: string, count: number) => ({
  url,
  number: 1,
  total: 1,
  start: 0,
  end: count,
  previousUrl: undefined,
  nextUrl: undefined,
  urls: [url],
});

/** A minimal rendered post: only what the site stage reads is meaningful. */
function rendered(slug: string, date: string, tags: string[], categories: string[] = []): RenderedPost {
  return renderedPostRecord({ slug, date, tags, categories });
}

function tag(key: string, name: string, slug: string, postIndices: number[]): Term {
  return { kind: 'tag', key, name, slug, url: `/tags/${slug}/`, outputPath: `tags/${slug}/index.html`, postIndices };
}

describe('buildTaxonomy', () => {
  it('merges tags that differ only by case; the most used spelling is the name', () => {
    const posts = [
      rendered('a', '2024-01-03T00:00:00.000Z', ['Python']),
      rendered('b', '2024-01-02T00:00:00.000Z', ['python']),
      rendered('c', '2024-01-01T00:00:00.000Z', ['python']),
    ];
    expect(buildTaxonomy('tag', posts)).toEqual({
      taxonomy: {
        kind: 'tag',
        name: 'tags',
        title: 'Tags',
        url: '/tags/',
        outputPath: 'tags/index.html',
        terms: [tag('python', 'python', 'python', [0, 1, 2])],
      },
      diagnostics: [],
    });
  });

  it('uses the capitalised spelling when it is the most used', () => {
    const posts = [
      rendered('a', '2024-01-03T00:00:00.000Z', ['JavaScript']),
      rendered('b', '2024-01-02T00:00:00.000Z', ['javascript']),
      rendered('c', '2024-01-01T00:00:00.000Z', ['JavaScript']),
    ];
    expect(buildTaxonomy('tag', posts).taxonomy.terms).toEqual([
      tag('javascript', 'JavaScript', 'javascript', [0, 1, 2]),
    ]);
  });

  it('merges NFC and NFD spellings of one word', () => {
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    const posts = [rendered('a', '2024-01-02T00:00:00.000Z', [nfc]), rendered('b', '2024-01-01T00:00:00.000Z', [nfd])];
    const { taxonomy, diagnostics } = buildTaxonomy('tag', posts);
    expect(diagnostics).toEqual([]);
    expect(taxonomy.terms).toEqual([tag(nfc, nfc, 'cafe', [0, 1])]);
  });

  it('counts a post once for a tag it spells twice', () => {
    const posts = [rendered('a', '2024-01-02T00:00:00.000Z', ['Rust', 'rust'])];
    expect(buildTaxonomy('tag', posts).taxonomy.terms).toEqual([tag('rust', 'Rust', 'rust', [0])]);
  });

  it('sorts terms by name, ignoring case', () => {
    const posts = [rendered('a', '2024-01-01T00:00:00.000Z', ['zebra', 'Apple', 'mango', 'Banana'])];
    expect(buildTaxonomy('tag', posts).taxonomy.terms.map((t) => t.name)).toEqual([
      'Apple',
      'Banana',
      'mango',
      'zebra',
    ]);
  });

  it('gives c, c++ and c# distinct slugs', () => {
    const posts = [rendered('a', '2024-01-01T00:00:00.000Z', ['c', 'c++', 'c#', 'C++'])];
    const { taxonomy, diagnostics } = buildTaxonomy('tag', posts);
    expect(diagnostics).toEqual([]);
    expect(taxonomy.terms).toEqual([
      tag('c', 'c', 'c', [0]),
      tag('c#', 'c#', 'c-sharp', [0]),
      tag('c++', 'c++', 'c-pp', [0]),
    ]);
  });

  it('builds categories with their own URLs', () => {
    const posts = [rendered('a', '2024-01-01T00:00:00.000Z', [], ['Web Dev'])];
    expect(buildTaxonomy('category', posts)).toEqual({
      taxonomy: {
        kind: 'category',
        name: 'categories',
        title: 'Categories',
        url: '/categories/',
        outputPath: 'categories/index.html',
        terms: [
          {
            kind: 'category',
            key: 'web dev',
            name: 'Web Dev',
            slug: 'web-dev',
            url: '/categories/web-dev/',
            outputPath: 'categories/web-dev/index.html',
            postIndices: [0],
          },
        ],
      },
      diagnostics: [],
    });
  });

  it('refuses two different terms whose slugs collide, naming both terms and files', () => {
    const posts = [
      rendered('first', '2024-01-02T00:00:00.000Z', ['foo bar']),
      rendered('second', '2024-01-01T00:00:00.000Z', ['foo-bar']),
    ];
    const { taxonomy, diagnostics } = buildTaxonomy('tag', posts);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'taxonomy',
        message:
          'tags "foo bar" (posts/first.md) and "foo-bar" (posts/second.md) would both be written to /tags/foo-bar/: rename one of them',
        location: { file: 'posts/second.md' },
      },
    ]);
    expect(taxonomy.terms.map((t) => t.name)).toEqual(['foo bar']);
  });

  it('refuses colliding categories, calling them categories', () => {
    const posts = [
      rendered('first', '2024-01-02T00:00:00.000Z', [], ['Data Science']),
      rendered('second', '2024-01-01T00:00:00.000Z', [], ['data-science']),
    ];
    expect(buildTaxonomy('category', posts).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'taxonomy',
        message:
          'categories "Data Science" (posts/first.md) and "data-science" (posts/second.md) would both be written to /categories/data-science/: rename one of them',
        location: { file: 'posts/second.md' },
      },
    ]);
  });

  it('is empty without terms', () => {
    expect(buildTaxonomy('tag', [rendered('a', '2024-01-01T00:00:00.000Z', [])])).toEqual({
      taxonomy: { kind: 'tag', name: 'tags', title: 'Tags', url: '/tags/', outputPath: 'tags/index.html', terms: [] },
      diagnostics: [],
    });
  });
});

describe('buildSiteGraph', () => {
  const input = [
    rendered('b-tie', '2024-01-01T00:00:00.000Z', ['Python'], ['Notes']),
    rendered('a-tie', '2024-01-01T00:00:00.000Z', ['python']),
    // The same instant as 2024-01-02T00:00Z, written with another offset.
    rendered('d-offset', '2024-01-02T05:00:00.000+05:00', ['python']),
    rendered('c-newest', '2024-01-02T00:00:00.000Z', []),
    rendered('e-oldest', '2023-12-31T23:59:59.000Z', ['Notes'], ['notes']),
  ];

  it('orders posts newest first, ties by slug', () => {
    const { graph } = buildSiteGraph(CONFIG, input);
    expect(graph.posts.map((p) => p.post.slug)).toEqual(['c-newest', 'd-offset', 'a-tie', 'b-tie', 'e-oldest']);
  });

  it('does not depend on the input order', () => {
    const { graph } = buildSiteGraph(CONFIG, [...input].reverse());
    expect(graph.posts.map((p) => p.post.slug)).toEqual(['c-newest', 'd-offset', 'a-tie', 'b-tie', 'e-oldest']);
  });

  it('indexes term posts in graph order, newest first', () => {
    const { graph, diagnostics } = buildSiteGraph(CONFIG, input);
    expect(diagnostics).toEqual([]);
    expect(graph.taxonomies.tags.terms).toEqual([
      tag('notes', 'Notes', 'notes', [4]),
      tag('python', 'python', 'python', [1, 2, 3]),
    ]);
    expect(graph.taxonomies.categories.terms.map((t) => [t.name, t.postIndices])).toEqual([['Notes', [3, 4]]]);
  });

  it('lists every page: home, posts, then each taxonomy and its terms', () => {
    const { graph } = buildSiteGraph(CONFIG, input);
    expect(graph.pages).toEqual([
      { kind: 'home', url: '/', outputPath: 'index.html', pager: pager('/', 5) },
      { kind: 'post', url: '/c-newest/', outputPath: 'c-newest/index.html', postIndex: 0 },
      { kind: 'post', url: '/d-offset/', outputPath: 'd-offset/index.html', postIndex: 1 },
      { kind: 'post', url: '/a-tie/', outputPath: 'a-tie/index.html', postIndex: 2 },
      { kind: 'post', url: '/b-tie/', outputPath: 'b-tie/index.html', postIndex: 3 },
      { kind: 'post', url: '/e-oldest/', outputPath: 'e-oldest/index.html', postIndex: 4 },
      { kind: 'taxonomy', url: '/tags/', outputPath: 'tags/index.html', taxonomy: 'tags' },
      {
        kind: 'term',
        url: '/tags/notes/',
        outputPath: 'tags/notes/index.html',
        taxonomy: 'tags',
        termIndex: 0,
        pager: pager('/tags/notes/', graph.taxonomies.tags.terms[0]!.postIndices.length),
      },
      {
        kind: 'term',
        url: '/tags/python/',
        outputPath: 'tags/python/index.html',
        taxonomy: 'tags',
        termIndex: 1,
        pager: pager('/tags/python/', graph.taxonomies.tags.terms[1]!.postIndices.length),
      },
      { kind: 'taxonomy', url: '/categories/', outputPath: 'categories/index.html', taxonomy: 'categories' },
      {
        kind: 'term',
        url: '/categories/notes/',
        outputPath: 'categories/notes/index.html',
        taxonomy: 'categories',
        termIndex: 0,
        pager: pager('/categories/notes/', graph.taxonomies.categories.terms[0]!.postIndices.length),
      },
      { kind: 'archive', url: '/archive/', outputPath: 'archive/index.html' },
      { kind: 'not-found', url: '/404.html', outputPath: '404.html' },
      // Without an origin there are no feeds and no sitemap (they need absolute URLs); robots.txt stays.
      { kind: 'robots', url: '/robots.txt', outputPath: 'robots.txt' },
    ]);
    expect(graph.config).toBe(CONFIG);
  });

  it('adds the feeds of the site and of each term, and the sitemap, when the site has an origin', () => {
    const config = siteConfigSchema.parse({ url: 'https://example.org/blog/' });
    const { graph } = buildSiteGraph(config, input);
    expect(graph.pages.filter((p) => p.kind === 'feed' || p.kind === 'sitemap' || p.kind === 'robots')).toEqual([
      { kind: 'feed', url: '/feed.xml', outputPath: 'feed.xml', format: 'atom' },
      { kind: 'feed', url: '/rss.xml', outputPath: 'rss.xml', format: 'rss' },
      { kind: 'feed', url: '/feed.json', outputPath: 'feed.json', format: 'json' },
      {
        kind: 'feed',
        url: '/tags/notes/feed.xml',
        outputPath: 'tags/notes/feed.xml',
        format: 'atom',
        term: { taxonomy: 'tags', termIndex: 0 },
      },
      {
        kind: 'feed',
        url: '/tags/python/feed.xml',
        outputPath: 'tags/python/feed.xml',
        format: 'atom',
        term: { taxonomy: 'tags', termIndex: 1 },
      },
      {
        kind: 'feed',
        url: '/categories/notes/feed.xml',
        outputPath: 'categories/notes/feed.xml',
        format: 'atom',
        term: { taxonomy: 'categories', termIndex: 0 },
      },
      { kind: 'sitemap', url: '/sitemap.xml', outputPath: 'sitemap.xml' },
      { kind: 'robots', url: '/robots.txt', outputPath: 'robots.txt' },
    ]);
    // A site that ships its own robots.txt gets none generated.
    const own = buildSiteGraph(config, input, { ownRobots: true }).graph;
    expect(own.pages.some((p) => p.kind === 'robots')).toBe(false);
  });

  it('returns the collision diagnostics of both taxonomies', () => {
    const { diagnostics } = buildSiteGraph(CONFIG, [
      rendered('x', '2024-01-02T00:00:00.000Z', ['foo bar'], ['a b']),
      rendered('y', '2024-01-01T00:00:00.000Z', ['foo-bar'], ['a-b']),
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'tags "foo bar" (posts/x.md) and "foo-bar" (posts/y.md) would both be written to /tags/foo-bar/: rename one of them',
      'categories "a b" (posts/x.md) and "a-b" (posts/y.md) would both be written to /categories/a-b/: rename one of them',
    ]);
  });
});
