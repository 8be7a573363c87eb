import { type FeedFormat, isSiteFeed, type SiteGraph, type Term } from '../types.js';
import { groupByYear } from '../site/archive.js';
import type { Theme } from './theme.js';
import {
  indexTerms,
  type PostView,
  postView,
  type SeriesView,
  seriesView,
  type TermIndex,
  type TermView,
} from './post-view.js';

export type { PostView, SeriesPlace, SeriesView, TermView } from './post-view.js';
import type { BaseUrl } from '../core/urls.js';
import { searchView } from '../search/shards.js';
import { iconLinks } from './icons.js';

/** Views shared by every page of a build, built once. */
export interface ContextViews {
  site: Record<string, unknown>;
  theme: Record<string, unknown>;
  posts: PostView[];
  /** Posts with `featured: true`, newest first. */
  featured: PostView[];
  tags: TermView[];
  categories: TermView[];
  /** The terms of every taxonomy (tags, categories and the `taxonomies` setting's), by taxonomy name. */
  terms: Record<string, TermView[]>;
  archive: Array<{ year: number; posts: PostView[] }>;
  series: SeriesView[];
  base: BaseUrl;
  /** The feed of each list page that has one: a term's by `taxonomy:termIndex`, a section's by `section:index`. */
  listFeeds: Map<string, FeedLink>;
  /**
   * While `current` is set, the index of each post whose rendered content (HTML, contents, word count,
   * features, card) a page reads is added to it: the caller sets it around one page's rendering to learn
   * which posts' content that page showed.
   */
  contentReads: { current: Set<number> | undefined };
}

/** Builds the views shared by all pages. */
export function createContextViews(
  graph: SiteGraph,
  theme: Theme,
  generator: string,
  base: BaseUrl,
  data: Record<string, unknown> = {},
): ContextViews {
  const termView = (t: Term): TermView => ({ name: t.name, slug: t.slug, url: t.url, count: t.postIndices.length });
  const taxonomies = Object.values(graph.taxonomies);
  const terms = Object.fromEntries(taxonomies.map((t) => [t.name, t.terms.map(termView)]));
  const tags = terms['tags']!;
  const categories = terms['categories']!;
  const indices = termIndices(graph, terms);
  const { config } = graph;
  const contentReads: ContextViews['contentReads'] = { current: undefined };
  const posts = graph.posts.map((r, i) => postView(r, indices, base, config, contentReader(contentReads, i)));
  graph.related.forEach((indices, i) => {
    // al-folio's `related_posts: false` turns the list off for one post.
    if (posts[i]!.data['related_posts'] !== false) posts[i]!.related = indices.map((j) => posts[j]!);
  });
  const series = graph.series.map((s) => seriesView(s, posts));
  return {
    site: {
      title: config.title,
      description: config.description,
      author: config.author,
      url: config.url,
      language: config.language,
      timezone: config.timezone,
      theme: config.theme,
      tags,
      categories,
      // The taxonomies of the `taxonomies` setting (`authors`), for layouts that link them.
      taxonomies: taxonomies.slice(2).map((t) => ({ name: t.name, title: t.title, url: t.url, terms: terms[t.name] })),
      postCount: graph.listed,
      series: series.map(({ name, slug, url, count }) => ({ name, slug, url, count })),
      generator,
      // The site graph has feed routes only when the site has an origin (feeds need absolute URLs).
      feeds: siteFeeds(graph),
      // The configuration module's `data` (part of every page's fingerprint, through `site`).
      data,
      icons: iconLinks(config.favicon, theme.manifest, base, graph.ownFavicon),
      // Where the search index is (see src/search/), for the search box; absent with `search: false`.
      search: config.search ? searchView(graph.posts, base) : undefined,
    },
    theme: { name: theme.name, stylesheets: theme.manifest.stylesheets, mermaid: theme.manifest.mermaid },
    posts,
    featured: posts.slice(0, graph.listed).filter((p) => p.featured),
    tags,
    categories,
    terms,
    archive: groupByYear(graph.posts.slice(0, graph.listed), config.timezone).map((y) => ({
      year: y.year,
      posts: y.postIndices.map((i) => posts[i]!),
    })),
    series,
    base,
    listFeeds: listFeedLinks(graph),
    contentReads,
  };
}

/** Tells `reads` that the content of post `index` was read. */
function contentReader(reads: ContextViews['contentReads'], index: number): () => void {
  return () => reads.current?.add(index);
}

/** The term indices postView looks a post's terms up in, one per taxonomy, tags and categories first. */
function termIndices(graph: SiteGraph, terms: Record<string, TermView[]>): TermIndex[] {
  return Object.values(graph.taxonomies).map((t) => ({
    name: t.name,
    title: t.title,
    byKey: indexTerms(t, terms[t.name]!),
  }));
}

/**
 * Makes the views of the posts at `changed` again, in place, for a graph whose structure is the one
 * `views` were made from (the same posts in the same order, terms, series and related posts), where only
 * those posts were rendered again. Their objects are kept, so the lists, series and related posts that
 * hold them stay valid; a post's related posts and series place are structure and are kept too.
 */
export function refreshPostViews(views: ContextViews, graph: SiteGraph, changed: readonly number[]): void {
  if (changed.length === 0) return;
  const indices = termIndices(graph, views.terms);
  for (const i of changed) {
    const view = views.posts[i]!;
    const fresh = postView(graph.posts[i]!, indices, views.base, graph.config, contentReader(views.contentReads, i));
    const { related, series } = view;
    // A key the new view lacks (a title without formulas now: no `titleHtml`) must not survive.
    for (const key of Object.keys(view)) if (!(key in fresh)) delete (view as unknown as Record<string, unknown>)[key];
    Object.defineProperties(view, Object.getOwnPropertyDescriptors(fresh));
    view.related = related;
    view.series = series;
  }
}

/** A feed link as layouts see it (`<link rel="alternate">`). */
interface FeedLink {
  type: string;
  url: string;
  format: string;
}

const FEED_TYPES: Record<FeedFormat, { type: string; format: string }> = {
  atom: { type: 'application/atom+xml', format: 'Atom' },
  rss: { type: 'application/rss+xml', format: 'RSS' },
  json: { type: 'application/feed+json', format: 'JSON Feed' },
};

/** The site-wide feeds of the graph, linked from every page for autodiscovery. */
function siteFeeds(graph: SiteGraph): FeedLink[] {
  return graph.pages.flatMap((p) =>
    p.kind === 'feed' && isSiteFeed(p)
      ? [{ type: FEED_TYPES[p.format].type, url: p.url, format: FEED_TYPES[p.format].format }]
      : [],
  );
}

/** The feed of each term and section that has one (see ContextViews.listFeeds), found in one pass over the routes. */
function listFeedLinks(graph: SiteGraph): Map<string, FeedLink> {
  const links = new Map<string, FeedLink>();
  for (const p of graph.pages) {
    if (p.kind !== 'feed' || isSiteFeed(p)) continue;
    const [key, name] = p.term
      ? [`${p.term.taxonomy}:${p.term.termIndex}`, graph.taxonomies[p.term.taxonomy]!.terms[p.term.termIndex]!.name]
      : p.taxonomy !== undefined
        ? [`taxonomy:${p.taxonomy}`, graph.taxonomies[p.taxonomy]!.title]
        : [`section:${p.section}`, graph.sections[p.section!]!.title];
    const { type, format } = FEED_TYPES[p.format];
    // The first of a term's feeds (its Atom feed; a Hugo-style site also has an RSS one) is the one linked.
    if (!links.has(key)) links.set(key, { type, url: p.url, format: `${format}, ${name}` });
  }
  return links;
}
