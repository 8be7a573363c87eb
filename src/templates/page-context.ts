/**
 * The context of one page: the views every page shares (see context.ts), and what this page's kind
 * adds (its post, its list and pager, its term, section, series or archive), with the page's head:
 * title, description, canonical URL, preview image, JSON-LD and the scripts its posts need.
 */
import nunjucks from 'nunjucks';
import { CARD_HEIGHT, CARD_WIDTH } from '../cards/draw.js';
import { scriptSafeJson } from '../core/html.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import { termDescription } from '../site/feeds.js';
import { capitalise } from '../site/taxonomies.js';
import type { LayoutPage, SiteGraph } from '../types.js';
import type { ContextViews } from './context.js';
import type { PostView } from './post-view.js';

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
