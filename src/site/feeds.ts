/**
 * Feeds: Atom (`/feed.xml`), RSS 2.0 (`/rss.xml`) and JSON Feed 1.1 (`/feed.json`) for the site, and
 * an Atom feed per tag and category (`/tags/<slug>/feed.xml`), written by the `feed` library. Entries
 * carry the full post HTML (or its excerpt, with `feeds.content: excerpt`) with absolute URLs, math as
 * MathML only and diagrams as light SVG.
 */
import { titleText } from '../markdown/math/title.js';
import { createRequire } from 'node:module';
import type { Feed, Item } from 'feed';
import type { SiteConfig } from '../config/schema.js';
import { escapeHtml } from '../core/html.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import { type FeedPage, isSiteFeed, type OutputFile, type RenderedPost, type SiteGraph, type Term } from '../types.js';
import { absolutizeHtml } from './absolute-urls.js';
import { zonedDate } from './feed-dates.js';

/** Feed entries of a graph's posts, each made once, when a feed first needs it. */
export type FeedItems = (postIndex: number) => Item;

/** The entries of `graph`'s posts, made on demand: a rebuild that renders one feed makes only its entries. */
export function feedItems(graph: SiteGraph, base: BaseUrl): FeedItems {
  const made = new Map<number, Item>();
  return (i) => {
    let item = made.get(i);
    if (!item) made.set(i, (item = feedItem(graph.posts[i]!, graph.config, base)));
    return item;
  };
}

/** Every feed route of the graph, rendered. */
export function renderFeeds(graph: SiteGraph, base: BaseUrl, generator: string): OutputFile[] {
  const items = feedItems(graph, base);
  return graph.pages
    .filter((p): p is FeedPage => p.kind === 'feed')
    .map((p) => renderFeed(graph, p, base, generator, items));
}

/** One feed: the site's or a term's (Atom, and RSS as Hugo wrote it), with the newest `feeds.limit` posts. */
export function renderFeed(
  graph: SiteGraph,
  page: FeedPage,
  base: BaseUrl,
  generator: string,
  items: FeedItems,
): OutputFile {
  const { config } = graph;
  const newest = (indices: readonly number[]) => indices.slice(0, config.feeds.limit).map(items);
  let spec: FeedSpec;
  let of = '';
  if (page.term) {
    const term = graph.taxonomies[page.term.taxonomy]!.terms[page.term.termIndex]!;
    spec = {
      title: `${config.title}: ${termLabel(term)}`,
      description: `${termDescription(term)} on ${config.title}`,
      home: term.url,
      links: { [page.format]: page.url },
      items: newest(term.postIndices),
    };
    of = ` of ${term.kind} ${term.name}`;
  } else if (page.taxonomy !== undefined) {
    const taxonomy = graph.taxonomies[page.taxonomy]!;
    spec = {
      title: `${taxonomy.title} on ${config.title}`,
      description: `Recent content in ${taxonomy.title} on ${config.title}`,
      home: taxonomy.url,
      links: { [page.format]: page.url },
      items: termItems(graph, taxonomy.terms, base).slice(0, config.feeds.limit),
    };
    of = ` of ${taxonomy.name}`;
  } else if (page.section !== undefined) {
    const section = graph.sections[page.section]!;
    spec = {
      title: `${config.title}: ${section.title}`,
      description: `${section.title} on ${config.title}`,
      home: section.url,
      links: { [page.format]: page.url },
      items: newest(section.postIndices),
    };
    of = ` of section ${section.name}`;
  } else {
    // Each site feed links to all three, for readers that prefer another format.
    const links: FeedSpec['links'] = {};
    for (const other of graph.pages)
      if (other.kind === 'feed' && isSiteFeed(other) && links[other.format] === undefined)
        links[other.format] = other.url;
    spec = {
      title: config.title,
      description: config.description,
      home: '/',
      links,
      items: newest(graph.posts.slice(0, graph.listed).map((_, i) => i)),
    };
  }
  switch (page.format) {
    case 'atom':
      return { outputPath: page.outputPath, contents: atom(config, base, generator, spec), from: `feed (Atom)${of}` };
    case 'rss':
      return {
        outputPath: page.outputPath,
        contents: xmlSafe(createFeed(config, base, generator, { ...spec, items: spec.items.map(xmlItem) }).rss2()),
        from: `feed (RSS)${of}`,
      };
    case 'json':
      return {
        outputPath: page.outputPath,
        contents: toJsonFeed11(createFeed(config, base, generator, spec).json1(), config),
        from: `feed (JSON Feed)${of}`,
      };
  }
}

/**
 * An Atom feed. The library writes entry titles and summaries as `type="html"`, so feed readers render
 * them as HTML: the text is escaped first (a title `</title><script>` shows as written, and runs
 * nothing). It also leaves `<` raw inside attribute values (`<category label="…">`), which makes the
 * whole feed invalid XML: those are escaped in its output.
 */
function atom(config: SiteConfig, base: BaseUrl, generator: string, spec: FeedSpec): string {
  const items = spec.items.map((item) =>
    xmlItem({
      ...item,
      title: escapeHtml(item.title),
      ...(item.description !== undefined ? { description: escapeHtml(item.description) } : {}),
    }),
  );
  const xml = xmlSafe(createFeed(config, base, generator, { ...spec, items }).atom1());
  return xml.replace(/<category((?:\s+[\w:]+="[^"]*")*)\s*(\/?)>/g, (_whole, attributes: string, slash: string) => {
    const escaped = attributes.replace(
      /="([^"]*)"/g,
      (_m, value: string) => `="${value.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
    );
    return `<category${escaped}${slash}>`;
  });
}

/**
 * Code points XML 1.0 does not allow: C0 controls but tab, line feed and carriage return, U+FFFE,
 * U+FFFF, and (with the u flag, half pairs only) surrogates. One of them anywhere makes the whole feed
 * invalid, and feed readers drop it. Posts lose them with a warning (content/control-characters.ts);
 * whatever else reaches a feed (the site title, a configured author) loses them here, silently.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

/**
 * A "]]>" in an entry's title, summary or content, for `xmlSafe` to split: the library writes those
 * as CDATA and splits only the first "]]>", so a second one would end the CDATA early. U+FFFF marks
 * it, as `xmlItem` has removed every U+FFFF of the text.
 */
const CDATA_END = ']]\uffff>';

/** An entry without the code points XML forbids, its CDATA ends marked. */
function xmlItem(item: Item): Item {
  const clean = (text: string) => text.replace(XML_FORBIDDEN, '');
  const cdata = (text: string) => clean(text).replaceAll(']]>', CDATA_END);
  return {
    ...item,
    title: cdata(item.title),
    ...(item.description !== undefined ? { description: cdata(item.description) } : {}),
    ...(item.content !== undefined ? { content: cdata(item.content) } : {}),
    ...(item.category
      ? {
          category: item.category.map((c) => ({
            ...c,
            ...(c.name !== undefined ? { name: clean(c.name) } : {}),
            ...(c.term !== undefined ? { term: clean(c.term) } : {}),
          })),
        }
      : {}),
  };
}

/** A feed's XML with its marked CDATA ends split, and no code point XML forbids in any field. */
function xmlSafe(xml: string): string {
  return xml.replaceAll(CDATA_END, ']]]]><![CDATA[>').replace(XML_FORBIDDEN, '');
}

interface FeedSpec {
  title: string;
  description: string;
  home: string;
  links: { atom?: string; rss?: string; json?: string };
  items: Item[];
}

/**
 * The `feed` library, loaded by the first feed rendered: a site without `url` has no feeds and never
 * loads it. Required, not imported, as rendering is synchronous (Node >= 20.19 requires ES modules).
 */
function feedLibrary(): typeof import('feed') {
  return createRequire(import.meta.url)('feed') as typeof import('feed');
}

function createFeed(config: SiteConfig, base: BaseUrl, generator: string, spec: FeedSpec): Feed {
  const abs = (path: string) => absoluteUrl(base, path);
  // The newest entry dates the feed, so the same posts always give the same bytes.
  const updated = spec.items.reduce<Date | undefined>(
    (latest, item) => (!latest || item.date > latest ? item.date : latest),
    undefined,
  );
  const feed = new (feedLibrary().Feed)({
    title: spec.title,
    description: spec.description || undefined,
    id: abs(spec.home),
    link: abs(spec.home),
    language: config.language,
    updated: updated ?? zonedDate('1970-01-01T00:00:00Z', config.timezone),
    generator,
    feedLinks: Object.fromEntries(Object.entries(spec.links).map(([kind, path]) => [kind, abs(path)])),
    // Atom requires an author: without a configured one, the site speaks for itself.
    author: { name: config.author || config.title },
    copyright: `© ${config.author || config.title}`,
  });
  for (const item of spec.items) feed.addItem(item);
  return feed;
}

function feedItem(rendered: RenderedPost, config: SiteConfig, base: BaseUrl): Item {
  const { post } = rendered;
  const url = absoluteUrl(base, post.url);
  return {
    title: titleText(post.meta.title),
    id: url,
    link: url,
    date: zonedDate(post.meta.updated ?? post.meta.date, config.timezone),
    published: zonedDate(post.meta.date, config.timezone),
    description: post.meta.description,
    content: absolutizeHtml(feedBody(rendered, config, url), post.url, base),
    author: config.author ? [{ name: config.author }] : undefined,
    category: post.meta.tags.map((name) => ({ name, term: name })),
  };
}

/** The whole post, or (with `feeds.content: excerpt`) its excerpt and a link to the rest. */
function feedBody(rendered: RenderedPost, config: SiteConfig, absoluteUrl: string): string {
  if (config.feeds.content !== 'excerpt' || !rendered.feedExcerptHtml) return rendered.feedHtml;
  return `${rendered.feedExcerptHtml}<p><a href="${escapeHtml(absoluteUrl)}">Read the whole post</a></p>\n`;
}

/** The library writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
function toJsonFeed11(json: string, config: SiteConfig): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  const upgrade = (object: Record<string, unknown>) => {
    if (object.author) {
      object.authors = [object.author];
      delete object.author;
    }
  };
  upgrade(feed);
  feed.items.forEach(upgrade);
  return `${JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', ...withoutVersion(feed), language: config.language }, null, 2)}\n`;
}

function withoutVersion(feed: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...rest } = feed;
  return rest;
}

function termLabel(term: Term): string {
  return `${term.kind} ${term.name}`;
}

/** What a term's list holds: `Posts tagged X`, `Posts in X` (a category), `Posts with author X`. */
export function termDescription(term: Term): string {
  if (term.kind === 'tag') return `Posts tagged ${term.name}`;
  if (term.kind === 'category') return `Posts in ${term.name}`;
  return `Posts with ${term.kind} ${term.name}`;
}

/**
 * An entry per term, for the feed of a taxonomy's index as Hugo writes it: the term's page, dated by its
 * newest post; the terms with the newest posts first (ties by name).
 */
function termItems(graph: SiteGraph, terms: readonly Term[], base: BaseUrl): Item[] {
  const dated = terms.map((term) => {
    // The first post of a term is its newest unless weights come first: look at each.
    let best = { time: Number.NEGATIVE_INFINITY, at: '' };
    for (const i of term.postIndices) {
      const { meta } = graph.posts[i]!.post;
      const at = meta.updated ?? meta.date;
      const time = Date.parse(at);
      if (time > best.time) best = { time, at };
    }
    return { term, ...best };
  });
  dated.sort((a, b) => b.time - a.time);
  return dated.map(({ term, at }) => {
    const url = absoluteUrl(base, term.url);
    return { title: term.name, id: url, link: url, date: zonedDate(at, graph.config.timezone) };
  });
}
