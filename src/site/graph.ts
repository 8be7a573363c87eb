/** buildSiteGraph: rendered posts → the ordered posts, taxonomies and every page of the site. */
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Page, RenderedPost, Series, SiteGraph } from '../types.js';
import { routeFromUrlPath } from '../content/permalink.js';
import { outputPathOf, paginate } from './pagination.js';
import { relatedPosts } from './related.js';
import { buildSeries } from './series.js';
import { buildTaxonomy } from './taxonomies.js';

/** Orders posts newest first (ties by slug), builds taxonomies, series and related posts, and lists the pages to render. */
export function buildSiteGraph(
  config: SiteConfig,
  rendered: readonly RenderedPost[],
): { graph: SiteGraph; diagnostics: Diagnostic[] } {
  const posts = [...rendered].sort(comparePosts);
  const tags = buildTaxonomy('tag', posts);
  const categories = buildTaxonomy('category', posts);
  const series = buildSeries(posts);
  const pages: Page[] = [
    ...paginate(posts.length, config.paginate, '/').map(
      (pager): Page => ({ kind: 'home', url: pager.url, outputPath: outputPathOf(pager.url), pager }),
    ),
    // A post with `redirect:` is a redirect page at its own URL (al-folio's posts that point elsewhere).
    ...posts.map(
      (p, postIndex): Page =>
        p.post.meta.redirectTo !== undefined
          ? { kind: 'redirect', url: p.post.url, outputPath: p.post.outputPath, postIndex, to: p.post.meta.redirectTo }
          : { kind: 'post', url: p.post.url, outputPath: p.post.outputPath, postIndex },
    ),
  ];
  for (const taxonomy of [tags.taxonomy, categories.taxonomy]) {
    pages.push({ kind: 'taxonomy', url: taxonomy.url, outputPath: taxonomy.outputPath, taxonomy: taxonomy.name });
    taxonomy.terms.forEach((term, termIndex) => {
      for (const pager of paginate(term.postIndices.length, config.paginate, term.url)) {
        pages.push({
          kind: 'term',
          url: pager.url,
          outputPath: outputPathOf(pager.url),
          taxonomy: taxonomy.name,
          termIndex,
          pager,
        });
      }
    });
  }
  for (const [seriesIndex, s] of series.series.entries()) {
    pages.push({ kind: 'series', url: s.url, outputPath: s.outputPath, seriesIndex });
  }
  pages.push({ kind: 'archive', url: '/archive/', outputPath: 'archive/index.html' });
  pages.push({ kind: 'not-found', url: '/404.html', outputPath: '404.html' });
  posts.forEach((p, postIndex) => {
    for (const from of p.post.meta.redirectFrom) {
      // Validated when the post was read, so the route exists.
      const route = routeFromUrlPath(from);
      if (route.ok) pages.push({ kind: 'redirect', url: route.url, outputPath: route.outputPath, postIndex });
    }
  });
  return {
    graph: {
      config,
      posts,
      taxonomies: { tags: tags.taxonomy, categories: categories.taxonomy },
      series: series.series,
      related: relatedPosts(posts, config.related_posts, seriesKeys(posts.length, series.series)),
      pages,
    },
    diagnostics: [...tags.diagnostics, ...categories.diagnostics, ...series.diagnostics],
  };
}

/** The key of the series of each post, or undefined. */
function seriesKeys(count: number, series: readonly Series[]): Array<string | undefined> {
  const keys: Array<string | undefined> = new Array(count).fill(undefined);
  for (const s of series) for (const i of s.postIndices) keys[i] = s.key;
  return keys;
}

function comparePosts(a: RenderedPost, b: RenderedPost): number {
  const da = Date.parse(a.post.meta.date);
  const db = Date.parse(b.post.meta.date);
  if (da !== db) return db - da;
  return a.post.slug < b.post.slug ? -1 : a.post.slug > b.post.slug ? 1 : 0;
}
