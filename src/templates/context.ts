/**
 * The template context: the one documented shape layouts see (`site`, `page`, `post`, `posts`,
 * `term`, `taxonomy`, `theme`). Layouts never see pipeline records directly.
 * Only post bodies and excerpts are marked safe; everything else is autoescaped.
 */
import nunjucks from 'nunjucks';
import type { Page, RenderedPost, SiteGraph, Taxonomy, Term, TocEntry } from '../types.js';
import { termKey } from '../content/slug.js';
import { anchorLinksTo } from '../site/absolute-urls.js';
import { groupByYear } from '../site/archive.js';
import type { Theme } from './theme.js';
import { absoluteUrl, type BaseUrl } from './urls.js';

/** A tag or category as layouts see it. */
export interface TermView {
  name: string;
  slug: string;
  url: string;
  count: number;
}

/** A post as layouts see it. `content` and `excerpt` are HTML, marked safe. */
export interface PostView {
  title: string;
  url: string;
  date: string;
  updated: string | undefined;
  description: string | undefined;
  tags: TermView[];
  categories: TermView[];
  slug: string;
  excerpt: nunjucks.runtime.SafeString;
  content: nunjucks.runtime.SafeString;
  toc: TocEntry[];
  /** Every front matter key as written. */
  data: Record<string, unknown>;
  /** Source path relative to the site. */
  source: string;
  math: boolean;
  mermaid: boolean;
}

/** Views shared by every page of a build, built once. */
export interface ContextViews {
  site: Record<string, unknown>;
  theme: Record<string, unknown>;
  posts: PostView[];
  tags: TermView[];
  categories: TermView[];
  archive: Array<{ year: number; posts: PostView[] }>;
  base: BaseUrl;
}

/** Builds the views shared by all pages. */
export function createContextViews(graph: SiteGraph, theme: Theme, generator: string, base: BaseUrl): ContextViews {
  const termView = (t: Term): TermView => ({ name: t.name, slug: t.slug, url: t.url, count: t.postIndices.length });
  const tags = graph.taxonomies.tags.terms.map(termView);
  const categories = graph.taxonomies.categories.terms.map(termView);
  const tagByKey = indexTerms(graph.taxonomies.tags, tags);
  const categoryByKey = indexTerms(graph.taxonomies.categories, categories);
  const posts = graph.posts.map((r) => postView(r, tagByKey, categoryByKey, base));
  const { config } = graph;
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
      generator,
      feeds: SITE_FEEDS,
    },
    theme: { name: theme.name, stylesheets: theme.manifest.stylesheets, mermaid: theme.manifest.mermaid },
    posts,
    tags,
    categories,
    archive: groupByYear(graph.posts, config.timezone).map((y) => ({ year: y.year, posts: y.postIndices.map((i) => posts[i]!) })),
    base,
  };
}

/** The site-wide feeds, linked from every page for autodiscovery. */
const SITE_FEEDS = [
  { type: 'application/atom+xml', url: '/feed.xml', format: 'Atom' },
  { type: 'application/rss+xml', url: '/rss.xml', format: 'RSS' },
  { type: 'application/feed+json', url: '/feed.json', format: 'JSON Feed' },
];

/** The context of one page. */
export function pageContext(graph: SiteGraph, views: ContextViews, page: Page): Record<string, unknown> {
  const base = { site: views.site, theme: views.theme };
  const { config } = graph;
  switch (page.kind) {
    case 'post': {
      const post = views.posts[page.postIndex]!;
      return {
        ...base,
        page: { ...pageView(page, post.title, post.description ?? summaryOf(post.excerpt.val), [post], views), type: 'article', published: post.date, modified: post.updated ?? post.date, jsonLd: blogPostingJsonLd(post, config.author, views) },
        post,
        newer: views.posts[page.postIndex - 1],
        older: views.posts[page.postIndex + 1],
      };
    }
    case 'home': {
      const posts = views.posts.slice(page.pager.start, page.pager.end);
      const title = page.pager.number === 1 ? config.title : `${config.title}: page ${page.pager.number}`;
      return { ...base, page: pageView(page, title, config.description, posts, views), posts, pager: page.pager };
    }
    case 'term': {
      const taxonomy = graph.taxonomies[page.taxonomy];
      const term = taxonomy.terms[page.termIndex]!;
      const view = (page.taxonomy === 'tags' ? views.tags : views.categories)[page.termIndex]!;
      const posts = term.postIndices.slice(page.pager.start, page.pager.end).map((i) => views.posts[i]!);
      const label = term.kind === 'tag' ? 'Tag' : 'Category';
      const suffix = page.pager.number === 1 ? '' : ` (page ${page.pager.number})`;
      const feed = { type: 'application/atom+xml', url: `${term.url}feed.xml`, format: `Atom, ${term.name}` };
      return {
        ...base,
        page: { ...pageView(page, `${label}: ${term.name}${suffix}`, `Posts ${term.kind === 'tag' ? 'tagged' : 'in'} ${term.name}`, posts, views), feeds: [feed] },
        term: { ...view, kind: term.kind, feed: feed.url },
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
      return { ...base, page: pageView(page, 'Archive', `Every post on ${config.title}, by year`, [], views), archive: views.archive };
    case 'not-found':
      return { ...base, page: { ...pageView(page, 'Page not found', undefined, [], views), robots: 'noindex' }, posts: views.posts.slice(0, 5) };
    case 'redirect': {
      const post = views.posts[page.postIndex]!;
      return { ...base, page: { ...pageView(page, post.title, undefined, [], views), robots: 'noindex' }, redirect: { to: post.url, title: post.title } };
    }
  }
}

function taxonomyView(name: 'tags' | 'categories', views: ContextViews) {
  return { name, title: name === 'tags' ? 'Tags' : 'Categories', url: `/${name}/`, terms: name === 'tags' ? views.tags : views.categories };
}

function pageView(page: Page, title: string, description: string | undefined, shown: readonly PostView[], views: ContextViews) {
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
    math: shown.some((p) => (full ? p.math : p.excerpt.val.includes('class="katex'))),
    mermaid: shown.some((p) => (full ? p.mermaid : p.excerpt.val.includes('class="mermaid"'))),
    previousUrl: pager?.previousUrl,
    nextUrl: pager?.nextUrl,
    feeds: [] as Array<{ type: string; url: string; format: string }>,
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
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new nunjucks.runtime.SafeString(json);
}

function indexTerms(taxonomy: Taxonomy, views: TermView[]): Map<string, TermView> {
  return new Map(taxonomy.terms.map((t, i) => [t.key, views[i]!]));
}

function postView(r: RenderedPost, tags: Map<string, TermView>, categories: Map<string, TermView>, base: BaseUrl): PostView {
  const { post } = r;
  const lookup = (names: string[], index: Map<string, TermView>) =>
    names.map((n) => index.get(termKey(n))).filter((t): t is TermView => t !== undefined);
  return {
    title: post.meta.title,
    url: post.url,
    date: post.meta.date,
    updated: post.meta.updated,
    description: post.meta.description,
    tags: lookup(post.meta.tags, tags),
    categories: lookup(post.meta.categories, categories),
    slug: post.slug,
    excerpt: new nunjucks.runtime.SafeString(anchorLinksTo(r.excerptHtml, post.url, base)),
    content: new nunjucks.runtime.SafeString(r.html),
    toc: r.toc,
    data: post.meta.data,
    source: post.source.relPath,
    math: r.features.math,
    mermaid: r.features.mermaid,
  };
}

/** Plain text of an excerpt for `<meta name="description">`: tags dropped, at most about 160 characters. */
function summaryOf(html: string): string | undefined {
  const text = html
    .replace(/<span class="katex-mathml">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  if (text.length <= 160) return text;
  const cut = text.slice(0, 157);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}
