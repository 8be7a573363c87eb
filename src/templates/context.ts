/**
 * The template context: the one documented shape layouts see (`site`, `page`, `post`, `posts`,
 * `term`, `taxonomy`, `theme`). Layouts never see pipeline records directly.
 * Only post bodies and excerpts are marked safe; everything else is autoescaped.
 */
import nunjucks from 'nunjucks';
import type { Page, RenderedPost, SiteGraph, Taxonomy, Term, TocEntry } from '../types.js';
import { termKey } from '../content/slug.js';
import type { Theme } from './theme.js';

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
}

/** Builds the views shared by all pages. */
export function createContextViews(graph: SiteGraph, theme: Theme, generator: string): ContextViews {
  const termView = (t: Term): TermView => ({ name: t.name, slug: t.slug, url: t.url, count: t.postIndices.length });
  const tags = graph.taxonomies.tags.terms.map(termView);
  const categories = graph.taxonomies.categories.terms.map(termView);
  const tagByKey = indexTerms(graph.taxonomies.tags, tags);
  const categoryByKey = indexTerms(graph.taxonomies.categories, categories);
  const posts = graph.posts.map((r) => postView(r, tagByKey, categoryByKey));
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
    },
    theme: { name: theme.name, stylesheets: theme.manifest.stylesheets, mermaid: theme.manifest.mermaid },
    posts,
    tags,
    categories,
  };
}

/** The context of one page. */
export function pageContext(graph: SiteGraph, views: ContextViews, page: Page): Record<string, unknown> {
  const base = { site: views.site, theme: views.theme };
  switch (page.kind) {
    case 'post': {
      const post = views.posts[page.postIndex]!;
      return {
        ...base,
        page: pageView(page, post.title, post.description, [post]),
        post,
        newer: views.posts[page.postIndex - 1],
        older: views.posts[page.postIndex + 1],
      };
    }
    case 'home':
      return { ...base, page: pageView(page, graph.config.title, graph.config.description, views.posts), posts: views.posts };
    case 'term': {
      const taxonomy = graph.taxonomies[page.taxonomy];
      const term = taxonomy.terms[page.termIndex]!;
      const view = (page.taxonomy === 'tags' ? views.tags : views.categories)[page.termIndex]!;
      const posts = term.postIndices.map((i) => views.posts[i]!);
      const label = term.kind === 'tag' ? 'Tag' : 'Category';
      return {
        ...base,
        page: pageView(page, `${label}: ${term.name}`, `Posts ${term.kind === 'tag' ? 'tagged' : 'in'} ${term.name}`, posts),
        term: { ...view, kind: term.kind },
        taxonomy: taxonomyView(page.taxonomy, views),
        posts,
      };
    }
    case 'taxonomy': {
      const taxonomy = taxonomyView(page.taxonomy, views);
      return { ...base, page: pageView(page, taxonomy.title, undefined, []), taxonomy };
    }
  }
}

function taxonomyView(name: 'tags' | 'categories', views: ContextViews) {
  return { name, title: name === 'tags' ? 'Tags' : 'Categories', url: `/${name}/`, terms: name === 'tags' ? views.tags : views.categories };
}

function pageView(page: Page, title: string, description: string | undefined, shown: readonly PostView[]) {
  // A list page needs KaTeX's CSS or the mermaid client only when an excerpt on it has math or diagrams.
  const full = page.kind === 'post';
  return {
    kind: page.kind,
    url: page.url,
    title,
    description,
    math: shown.some((p) => (full ? p.math : p.excerpt.val.includes('class="katex'))),
    mermaid: shown.some((p) => (full ? p.mermaid : p.excerpt.val.includes('class="mermaid"'))),
  };
}

function indexTerms(taxonomy: Taxonomy, views: TermView[]): Map<string, TermView> {
  return new Map(taxonomy.terms.map((t, i) => [t.key, views[i]!]));
}

function postView(r: RenderedPost, tags: Map<string, TermView>, categories: Map<string, TermView>): PostView {
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
    excerpt: new nunjucks.runtime.SafeString(r.excerptHtml),
    content: new nunjucks.runtime.SafeString(r.html),
    toc: r.toc,
    data: post.meta.data,
    source: post.source.relPath,
    math: r.features.math,
    mermaid: r.features.mermaid,
  };
}
