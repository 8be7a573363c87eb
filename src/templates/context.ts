/**
 * The template context: the one documented shape layouts see (`site`, `page`, `post`, `posts`,
 * `term`, `taxonomy`, `theme`). Layouts never see pipeline records directly.
 * Only post bodies, excerpts, headings with formulas (rendered by KaTeX from the post) and the JSON-LD are
 * marked safe; everything else is autoescaped.
 */
import { titleHtml, titleText } from '../markdown/math/title.js';
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import type {
  ExcerptFeatures,
  FeedFormat,
  LayoutPage,
  RenderedPost,
  Series,
  SiteGraph,
  Taxonomy,
  Term,
  TocEntry,
} from '../types.js';
import { termKey } from '../content/slug.js';
import { anchorLinksTo } from '../site/absolute-urls.js';
import { groupByYear } from '../site/archive.js';
import { tableOfContents, type TableOfContents } from '../site/toc.js';
import { distillView, type DistillView } from './distill-view.js';
import { postCitation, type PostCitation } from './post-citation.js';
import { postComments, type PostComments } from './post-comments.js';
import type { Theme } from './theme.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';

/** A tag or category as layouts see it. */
export interface TermView {
  name: string;
  slug: string;
  url: string;
  count: number;
}

/** A post as layouts see it. `content` and `excerpt` are HTML, marked safe. */
export interface PostView {
  /** The title as text: formulas as readable text. */
  title: string;
  /** The title with formulas rendered by KaTeX, when it has any (for headings and lists). */
  titleHtml?: nunjucks.runtime.SafeString;
  url: string;
  /** Where the post sends readers (`redirect:` in its front matter): lists link there. */
  redirect: string | undefined;
  date: string;
  updated: string | undefined;
  description: string | undefined;
  tags: TermView[];
  categories: TermView[];
  slug: string;
  excerpt: nunjucks.runtime.SafeString;
  content: nunjucks.runtime.SafeString;
  toc: TocEntry[];
  /** The table of contents shown beside the post, or undefined (see the `toc` configuration). */
  tableOfContents: TableOfContents | undefined;
  /** Words of prose (code and formulas not counted). */
  wordCount: number;
  /** Minutes to read, at least 1 (`wordCount` / `words_per_minute`, rounded up). */
  readingTime: number;
  /** Where the post sits in its series, or undefined when it is in none. */
  series: SeriesPlace | undefined;
  /** Posts sharing the most tags with this one, best first (`related_posts` of them at most). */
  related: PostView[];
  /** al-folio's `thumbnail`: a site path (use the `url` filter) or an http(s) URL; shown on list cards and in link previews. */
  thumbnail: string | undefined;
  /** al-folio's `featured: true`: listed under "Featured" on the home page's first page. */
  featured: boolean;
  /** Every front matter key as written. */
  data: Record<string, unknown>;
  /** Source path relative to the site. */
  source: string;
  math: boolean;
  mermaid: boolean;
  /** What the excerpt alone needs, on list pages: KaTeX, the mermaid client, the copy and tabs scripts. */
  excerptNeeds: ExcerptFeatures;
  /** The post has a code block (its page loads the copy-button script). */
  code: boolean;
  /** The post has a tab group (its page loads the tabs script). */
  tabs: boolean;
  /** "Cite this post", when the front matter says `citation: true`. */
  citation: PostCitation | undefined;
  /** giscus or Disqus under the post, when its front matter asks and the site configures that system. */
  comments: PostComments | undefined;
  /** al-folio's Distill front matter: authors with affiliations, contents by heading name, `_styles`. */
  distill: DistillView;
}

/** A post's place in its series. */
export interface SeriesPlace {
  name: string;
  /** The series index page. */
  url: string;
  /** 1-based part number of this post, in date order. */
  number: number;
  total: number;
  previous: PostView | undefined;
  next: PostView | undefined;
  /** Every part, in order; `current` marks this post. */
  parts: Array<{ number: number; title: string; url: string; current: boolean }>;
}

/** A series as layouts see it. */
export interface SeriesView {
  name: string;
  slug: string;
  url: string;
  count: number;
  /** The parts, part 1 first. */
  posts: PostView[];
}

/** Views shared by every page of a build, built once. */
export interface ContextViews {
  site: Record<string, unknown>;
  theme: Record<string, unknown>;
  posts: PostView[];
  /** Posts with `featured: true`, newest first. */
  featured: PostView[];
  tags: TermView[];
  categories: TermView[];
  archive: Array<{ year: number; posts: PostView[] }>;
  series: SeriesView[];
  base: BaseUrl;
  /** Each term's feed, by `taxonomy:termIndex`. */
  termFeeds: Map<string, FeedLink>;
}

/** Builds the views shared by all pages. */
export function createContextViews(graph: SiteGraph, theme: Theme, generator: string, base: BaseUrl): ContextViews {
  const termView = (t: Term): TermView => ({ name: t.name, slug: t.slug, url: t.url, count: t.postIndices.length });
  const tags = graph.taxonomies.tags.terms.map(termView);
  const categories = graph.taxonomies.categories.terms.map(termView);
  const tagByKey = indexTerms(graph.taxonomies.tags, tags);
  const categoryByKey = indexTerms(graph.taxonomies.categories, categories);
  const { config } = graph;
  const posts = graph.posts.map((r) => postView(r, tagByKey, categoryByKey, base, config));
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
      postCount: posts.length,
      series: series.map(({ name, slug, url, count }) => ({ name, slug, url, count })),
      generator,
      // The site graph has feed routes only when the site has an origin (feeds need absolute URLs).
      feeds: siteFeeds(graph),
    },
    theme: { name: theme.name, stylesheets: theme.manifest.stylesheets, mermaid: theme.manifest.mermaid },
    posts,
    featured: posts.filter((p) => p.featured),
    tags,
    categories,
    archive: groupByYear(graph.posts, config.timezone).map((y) => ({
      year: y.year,
      posts: y.postIndices.map((i) => posts[i]!),
    })),
    series,
    base,
    termFeeds: termFeedLinks(graph),
  };
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
    p.kind === 'feed' && !p.term
      ? [{ type: FEED_TYPES[p.format].type, url: p.url, format: FEED_TYPES[p.format].format }]
      : [],
  );
}

/** The feed of each term that has one, by `taxonomy:termIndex`. */
function termFeedLinks(graph: SiteGraph): Map<string, FeedLink> {
  const links = new Map<string, FeedLink>();
  for (const p of graph.pages) {
    if (p.kind !== 'feed' || !p.term) continue;
    const term = graph.taxonomies[p.term.taxonomy].terms[p.term.termIndex]!;
    const { type, format } = FEED_TYPES[p.format];
    links.set(`${p.term.taxonomy}:${p.term.termIndex}`, { type, url: p.url, format: `${format}, ${term.name}` });
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
      return {
        ...base,
        page: {
          ...pageView(page, post.title, post.description ?? summaryOf(post.excerpt.val), [post], views),
          image: previewImage(post, views.base),
          type: 'article',
          published: post.date,
          modified: post.updated ?? post.date,
          jsonLd: blogPostingJsonLd(post, config.author, views),
        },
        post,
        newer: views.posts[page.postIndex - 1],
        older: views.posts[page.postIndex + 1],
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
      const taxonomy = graph.taxonomies[page.taxonomy];
      const term = taxonomy.terms[page.termIndex]!;
      const view = (page.taxonomy === 'tags' ? views.tags : views.categories)[page.termIndex]!;
      const posts = term.postIndices.slice(page.pager.start, page.pager.end).map((i) => views.posts[i]!);
      const label = term.kind === 'tag' ? 'Tag' : 'Category';
      const suffix = page.pager.number === 1 ? '' : ` (page ${page.pager.number})`;
      const feed = views.termFeeds.get(`${page.taxonomy}:${page.termIndex}`);
      return {
        ...base,
        page: {
          ...pageView(
            page,
            `${label}: ${term.name}${suffix}`,
            `Posts ${term.kind === 'tag' ? 'tagged' : 'in'} ${term.name}`,
            posts,
            views,
          ),
          feeds: feed ? [feed] : [],
        },
        term: { ...view, kind: term.kind, feed: feed?.url },
        taxonomy: taxonomyView(page.taxonomy, views),
        posts,
        pager: page.pager,
      };
    }
    case 'taxonomy': {
      const taxonomy = taxonomyView(page.taxonomy, views);
      return { ...base, page: pageView(page, taxonomy.title, undefined, [], views), taxonomy };
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
        posts: views.posts.slice(0, 5),
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

function taxonomyView(name: 'tags' | 'categories', views: ContextViews) {
  return {
    name,
    title: name === 'tags' ? 'Tags' : 'Categories',
    url: `/${name}/`,
    terms: name === 'tags' ? views.tags : views.categories,
  };
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
    previousUrl: pager?.previousUrl,
    nextUrl: pager?.nextUrl,
    feeds: [] as Array<{ type: string; url: string; format: string }>,
    /** The absolute URL of the link preview image (`og:image`), when the page has one. */
    image: undefined as string | undefined,
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
    datePublished: post.date,
    dateModified: post.updated ?? post.date,
    url: absoluteUrl(views.base, post.url),
    mainEntityOfPage: absoluteUrl(views.base, post.url),
    author: author ? { '@type': 'Person', name: author } : undefined,
    keywords: post.tags.length ? post.tags.map((t) => t.name).join(', ') : undefined,
  };
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return new nunjucks.runtime.SafeString(json);
}

function indexTerms(taxonomy: Taxonomy, views: TermView[]): Map<string, TermView> {
  return new Map(taxonomy.terms.map((t, i) => [t.key, views[i]!]));
}

function postView(
  r: RenderedPost,
  tags: Map<string, TermView>,
  categories: Map<string, TermView>,
  base: BaseUrl,
  config: SiteConfig,
): PostView {
  const { post } = r;
  const lookup = (names: string[], index: Map<string, TermView>) =>
    names.map((n) => index.get(termKey(n))).filter((t): t is TermView => t !== undefined);
  const html = titleHtml(post.meta.title, config.math.macros);
  return {
    title: titleText(post.meta.title),
    ...(html ? { titleHtml: new nunjucks.runtime.SafeString(html) } : {}),
    url: post.url,
    redirect: post.meta.redirectTo,
    date: post.meta.date,
    updated: post.meta.updated,
    description: post.meta.description,
    tags: lookup(post.meta.tags, tags),
    categories: lookup(post.meta.categories, categories),
    slug: post.slug,
    excerpt: new nunjucks.runtime.SafeString(anchorLinksTo(r.excerptHtml, post.url, base)),
    content: new nunjucks.runtime.SafeString(r.html),
    toc: r.toc,
    tableOfContents: tableOfContents(r.toc, post.meta.data['toc'], config.toc),
    wordCount: r.words,
    readingTime: Math.max(1, Math.ceil(r.words / config.words_per_minute)),
    series: undefined,
    related: [],
    thumbnail: post.meta.thumbnail,
    featured: post.meta.featured === true,
    data: post.meta.data,
    source: post.source.relPath,
    math: r.features.math || html !== undefined,
    mermaid: r.features.mermaid,
    code: r.features.code,
    tabs: r.features.tabs === true,
    excerptNeeds: r.excerptFeatures,
    citation: postCitation(post, config, base),
    comments: postComments(post, config, base),
    distill: distillView(post.meta.data, r.toc),
  };
}

/** The view of series `s`; also records each part's place in it on the part's post view. */
function seriesView(s: Series, posts: PostView[]): SeriesView {
  const parts = s.postIndices.map((i) => posts[i]!);
  parts.forEach((post, k) => {
    post.series = {
      name: s.name,
      url: s.url,
      number: k + 1,
      total: parts.length,
      previous: parts[k - 1],
      next: parts[k + 1],
      parts: parts.map((part, j) => ({ number: j + 1, title: part.title, url: part.url, current: j === k })),
    };
  });
  return { name: s.name, slug: s.slug, url: s.url, count: parts.length, posts: parts };
}

/** A post's thumbnail as an absolute URL for Open Graph, which needs one: undefined when the site has no origin. */
function previewImage(post: PostView, base: BaseUrl): string | undefined {
  if (post.thumbnail === undefined) return undefined;
  if (/^https?:/i.test(post.thumbnail)) return post.thumbnail;
  return base.origin ? absoluteUrl(base, post.thumbnail) : undefined;
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
