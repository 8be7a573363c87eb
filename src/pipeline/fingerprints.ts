/**
 * Fingerprints of what each page and each feed is made from, so a rebuild renders only the pages whose
 * inputs changed. A page's fingerprint is its route, the `site` view every page sees (site settings,
 * the tag and category lists with their counts, the post count, the series), and a token for each post
 * the page shows. A post's token changes whenever the post is rendered again (in the dev server; across
 * builds, whenever what it renders to may change: see output-state.ts), and when its related posts or
 * its place in a series change.
 *
 * The posts a page shows (its dependencies):
 * - a post page: the post, its newer and older neighbours, its related posts, the parts of its series;
 * - a redirect: its post;  a home or term page: the posts of its pager slice (the home's first page: and the featured posts);  a series page: its parts;
 * - a tag or category index, robots.txt: none besides `site` (which holds the terms);
 * - a feed: the newest `feeds.limit` posts of the site or of its term; a taxonomy's feed: every post;
 * - the archive, the 404 page, the sitemap and any other kind of page: every post.
 * A layout that reaches two steps away (a neighbour's related posts) is not tracked; layout changes
 * render every page again.
 */
import { sha256 } from '../core/hash.js';
import type { Page, SiteGraph } from '../types.js';
import type { ContextViews } from '../templates/context.js';

/** The indices of `graph.posts` whose data `page` shows. */
export function pageDependencies(graph: SiteGraph, page: Page, seriesOf: ReadonlyMap<number, number>): number[] {
  switch (page.kind) {
    case 'post': {
      const i = page.postIndex;
      // A standalone page (after the listed posts) shows itself only.
      if (i >= graph.listed) return [i];
      const series = seriesOf.get(i);
      const parts = series === undefined ? [] : graph.series[series]!.postIndices;
      return [i, i - 1, i + 1, ...(graph.related[i] ?? []), ...parts].filter((k) => k >= 0 && k < graph.listed);
    }
    case 'redirect':
      return [page.postIndex];
    case 'home': {
      // The first page also lists the featured posts (al-folio's pinned posts), wherever they are in the order.
      const featured =
        page.pager.number === 1
          ? range(0, graph.listed).filter((i) => graph.posts[i]!.post.meta.featured === true)
          : [];
      return [...range(page.pager.start, page.pager.end), ...featured];
    }
    case 'term':
      return graph.taxonomies[page.taxonomy]!.terms[page.termIndex]!.postIndices.slice(
        page.pager.start,
        page.pager.end,
      );
    case 'section':
      return graph.sections[page.sectionIndex]!.postIndices.slice(page.pager.start, page.pager.end);
    case 'taxonomy':
      return [];
    case 'series':
      return graph.series[page.seriesIndex]!.postIndices;
    case 'feed': {
      // A taxonomy's feed dates each term by its newest post, wherever it is.
      if (page.taxonomy !== undefined) return range(0, graph.listed);
      const listed = page.term
        ? graph.taxonomies[page.term.taxonomy]!.terms[page.term.termIndex]!.postIndices
        : page.section !== undefined
          ? graph.sections[page.section]!.postIndices
          : range(0, graph.listed);
      return listed.slice(0, graph.config.feeds.limit);
    }
    case 'robots':
      return [];
    default:
      return range(0, graph.posts.length);
  }
}

/** For each post index in a series, the index of that series. */
export function seriesIndexOf(graph: SiteGraph): Map<number, number> {
  const out = new Map<number, number>();
  graph.series.forEach((s, seriesIndex) => {
    for (const i of s.postIndices) out.set(i, seriesIndex);
  });
  return out;
}

/**
 * A token per post: `revision(i)` (which changes whenever the post is rendered again), its related
 * posts and its place in its series, all by source path so that posts moving in the order do not count.
 */
export function postTokens(
  graph: SiteGraph,
  revision: (index: number) => number | string,
  seriesOf: ReadonlyMap<number, number>,
): string[] {
  const pathOf = (i: number) => graph.posts[i]!.post.source.relPath;
  return graph.posts.map((r, i) => {
    const series = seriesOf.get(i);
    const place =
      series === undefined ? '' : `${graph.series[series]!.key}:${graph.series[series]!.postIndices.indexOf(i)}`;
    return `${r.post.source.relPath}#${revision(i)}|${(graph.related[i] ?? []).map(pathOf).join(',')}|${place}`;
  });
}

/** A hash of the part every page sees: the `site` and `theme` views. */
export function siteToken(views: ContextViews): string {
  return sha256(JSON.stringify([views.site, views.theme]));
}

/**
 * The fingerprint of a page: a hash of its route key, what every page sees, and the tokens of the
 * posts it shows (`deps`). A hash, so that builds can keep one per route (the archive shows every post).
 */
export function pageFingerprint(
  routeKey: string,
  site: string,
  deps: readonly number[],
  tokens: readonly string[],
): string {
  return sha256(JSON.stringify([routeKey, site, deps.map((i) => tokens[i])]));
}

/**
 * A page's identity across rebuilds: a hash of its route without its indices into the graph (posts
 * moving in the order do not change it). A hash, so that builds can keep one per route (a list page's
 * route holds the URLs of every page of its list).
 */
export function routeKey(page: Page): string {
  return sha256(JSON.stringify(page, (key, value: unknown) => (key.endsWith('Index') ? undefined : value)));
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k);
}
