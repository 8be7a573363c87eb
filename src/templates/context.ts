import { CARD_HEIGHT, CARD_WIDTH } from '../cards/draw.js';
import nunjucks from 'nunjucks';
import { type FeedFormat, isSiteFeed, type LayoutPage, type SiteGraph, type Term } from '../types.js';
import { groupByYear } from '../site/archive.js';
import { termDescription } from '../site/feeds.js';
import { capitalise } from '../site/taxonomies.js';
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
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import { searchView } from '../search/shards.js';
import { scriptSafeJson } from '../core/html.js';
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

/** The context of one page. */
export function pageContext(graph: SiteGraph, views: ContextViews, page: LayoutPage): Record<string, unknown> {
  const base = { site: views.site, theme: views.theme };
  const { config } = graph;
  switch (page.kind) {
    case 'post': {
      const post = views.posts[page.postIndex]!;
      // A standalone page (`/about/`) has no neighbours: it is in no list.
      const listed = page.postIndex < graph.listed;
      return {
        ...base,
        page: {
          ...pageView(page, post.title, post.description ?? summaryOf(post.excerpt.val), [post], views),
          image: previewImage(post, views.base),
          // A card's size is known: link previews can lay it out before fetching it.
          imageSize:
            post.thumbnail === undefined && post.card !== undefined
              ? { width: CARD_WIDTH, height: CARD_HEIGHT }
              : undefined,
          // A standalone page is no article; nor, for Open Graph (which needs its time), a page that gives no date.
          type: listed && !post.undated ? 'article' : 'website',
          published: post.date,
          modified: post.updated ?? post.date,
          jsonLd: listed ? blogPostingJsonLd(post, config.author, views) : undefined,
        },
        post,
        newer: listed ? views.posts[page.postIndex - 1] : undefined,
        older: listed && page.postIndex + 1 < graph.listed ? views.posts[page.postIndex + 1] : undefined,
      };
    }
    case 'home': {
      const posts = views.posts.slice(page.pager.start, page.pager.end);
      const title = page.pager.number === 1 ? config.title : `${config.title}: page ${page.pager.number}`;
      // al-folio pins featured posts above the list of its blog page; they stay in the list too.
      const featured = page.pager.number === 1 ? views.featured : [];
      return {
        ...base,
        page: pageView(page, title, config.description, [...posts, ...featured], views),
        posts,
        featured,
        pager: page.pager,
      };
    }
    case 'term': {
      const taxonomy = graph.taxonomies[page.taxonomy]!;
      const term = taxonomy.terms[page.termIndex]!;
      const view = views.terms[page.taxonomy]![page.termIndex]!;
      const posts = term.postIndices.slice(page.pager.start, page.pager.end).map((i) => views.posts[i]!);
      const label = capitalise(term.kind);
      const suffix = page.pager.number === 1 ? '' : ` (page ${page.pager.number})`;
      const feed = views.listFeeds.get(`${page.taxonomy}:${page.termIndex}`);
      return {
        ...base,
        page: {
          ...pageView(page, `${label}: ${term.name}${suffix}`, termDescription(term), posts, views),
          feeds: feed ? [feed] : [],
        },
        term: { ...view, kind: term.kind, feed: feed?.url },
        taxonomy: taxonomyView(graph, page.taxonomy, views),
        posts,
        pager: page.pager,
      };
    }
    case 'section': {
      const section = graph.sections[page.sectionIndex]!;
      const posts = section.postIndices.slice(page.pager.start, page.pager.end).map((i) => views.posts[i]!);
      const suffix = page.pager.number === 1 ? '' : ` (page ${page.pager.number})`;
      const feed = views.listFeeds.get(`section:${page.sectionIndex}`);
      return {
        ...base,
        page: {
          ...pageView(page, `${section.title}${suffix}`, `${section.title} on ${config.title}`, posts, views),
          feeds: feed ? [feed] : [],
        },
        section: {
          name: section.name,
          title: section.title,
          url: section.url,
          count: section.postIndices.length,
          feed: feed?.url,
        },
        posts,
        pager: page.pager,
      };
    }
    case 'taxonomy': {
      const taxonomy = taxonomyView(graph, page.taxonomy, views);
      const feed = views.listFeeds.get(`taxonomy:${page.taxonomy}`);
      return {
        ...base,
        page: { ...pageView(page, taxonomy.title, undefined, [], views), ...(feed ? { feeds: [feed] } : {}) },
        taxonomy,
      };
    }
    case 'archive':
      return {
        ...base,
        page: pageView(page, 'Archive', `Every post on ${config.title}, by year`, [], views),
        archive: views.archive,
      };
    case 'not-found':
      return {
        ...base,
        page: { ...pageView(page, 'Page not found', undefined, [], views), robots: 'noindex' },
        posts: views.posts.slice(0, Math.min(5, graph.listed)),
      };
    case 'redirect': {
      const post = views.posts[page.postIndex]!;
      return {
        ...base,
        page: { ...pageView(page, post.title, undefined, [], views), robots: 'noindex' },
        redirect: { to: page.to ?? post.url, title: post.title },
      };
    }
    case 'series': {
      const series = views.series[page.seriesIndex]!;
      const parts = `${series.count} ${series.count === 1 ? 'part' : 'parts'}`;
      return {
        ...base,
        page: pageView(
          page,
          `Series: ${series.name}`,
          `${series.name}, a series in ${parts} on ${config.title}`,
          series.posts,
          views,
        ),
        series,
      };
    }
  }
}

function taxonomyView(graph: SiteGraph, name: string, views: ContextViews) {
  const taxonomy = graph.taxonomies[name]!;
  return { name, title: taxonomy.title, url: taxonomy.url, terms: views.terms[name]! };
}

function pageView(
  page: LayoutPage,
  title: string,
  description: string | undefined,
  shown: readonly PostView[],
  views: ContextViews,
) {
  // A list page needs KaTeX's CSS or the mermaid client only when an excerpt on it has math or diagrams.
  const full = page.kind === 'post';
  const pager = page.kind === 'home' || page.kind === 'term' ? page.pager : undefined;
  return {
    kind: page.kind,
    url: page.url,
    canonical: absoluteUrl(views.base, page.url),
    title,
    description,
    type: 'website',
    math: shown.some((p) => (full ? p.math : p.excerptNeeds.math) || p.titleHtml !== undefined),
    mermaid: shown.some((p) => (full ? p.mermaid : p.excerptNeeds.mermaid)),
    code: shown.some((p) => (full ? p.code : p.excerptNeeds.code)),
    tabs: shown.some((p) => (full ? p.tabs : p.excerptNeeds.tabs)),
    // Interactive charts are live on their post's page; list pages show excerpts' charts static.
    widgets: full && shown.some((p) => p.widgets.length > 0),
    previousUrl: pager?.previousUrl,
    nextUrl: pager?.nextUrl,
    feeds: [] as Array<{ type: string; url: string; format: string }>,
    /** The absolute URL of the link preview image (`og:image`), when the page has one. */
    image: undefined as string | undefined,
    /** The preview image's size, when known (a social card's). */
    imageSize: undefined as { width: number; height: number } | undefined,
    robots: undefined as string | undefined,
  };
}

/**
 * schema.org BlogPosting as JSON for a `<script type="application/ld+json">`. Autoescaping cannot
 * apply inside a script, so `<`, `>`, `&` and line separators are escaped as JSON unicode escapes
 * here and the layout marks the string safe.
 */
function blogPostingJsonLd(post: PostView, author: string, views: ContextViews): nunjucks.runtime.SafeString {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    datePublished: post.undated ? undefined : post.date,
    dateModified: post.updated ?? (post.undated ? undefined : post.date),
    url: absoluteUrl(views.base, post.url),
    mainEntityOfPage: absoluteUrl(views.base, post.url),
    author: author ? { '@type': 'Person', name: author } : undefined,
    keywords: post.tags.length ? post.tags.map((t) => t.name).join(', ') : undefined,
  };
  return new nunjucks.runtime.SafeString(scriptSafeJson(data));
}

/**
 * A post's link preview image as an absolute URL for Open Graph, which needs one: its thumbnail, else
 * its social card; undefined when it has neither, or a site path and the site has no origin.
 */
function previewImage(post: PostView, base: BaseUrl): string | undefined {
  const image = post.thumbnail ?? post.card;
  if (image === undefined) return undefined;
  if (/^https?:/i.test(image)) return image;
  return base.origin ? absoluteUrl(base, image) : undefined;
}

/** Plain text of an excerpt for `<meta name="description">`: tags dropped, at most about 160 characters. */
function summaryOf(html: string): string | undefined {
  const text = html
    .replace(/<span class="katex-mathml">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '',
    )
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  if (text.length <= 160) return text;
  const cut = text.slice(0, 157);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}
