/**
 * Feeds, sitemap and robots.txt for the dev server. Feeds are rendered by the build's renderFeeds,
 * but from a graph cut down to the posts the wanted feeds list, so that a save does not rebuild a feed
 * entry for every post of the site. The sitemap and robots.txt come from the build's renderIndexFiles.
 */
import { renderFeeds } from '../site/feeds.js';
import type { BaseUrl } from '../core/urls.js';
import type { OutputFile, SiteGraph, Taxonomy } from '../types.js';
import { termFeedKey } from './fingerprints.js';

/**
 * The site feeds and the feeds of the terms whose keys (see termFeedKey) are in `termKeys`, rendered
 * from the posts they list: the newest `limit` of the site and of each of those terms.
 */
export function renderSomeFeeds(
  graph: SiteGraph,
  termKeys: ReadonlySet<string>,
  limit: number,
  base: BaseUrl,
  generator: string,
): OutputFile[] {
  const wanted = (taxonomy: Taxonomy) => taxonomy.terms.filter((t) => termKeys.has(termFeedKey(t)));
  const terms = [...wanted(graph.taxonomies.tags), ...wanted(graph.taxonomies.categories)];
  const keep = new Set<number>();
  for (let i = 0; i < Math.min(limit, graph.posts.length); i++) keep.add(i);
  for (const term of terms) for (const i of term.postIndices.slice(0, limit)) keep.add(i);
  // Kept in site order, so the first `limit` posts are still the site's newest.
  const order = [...keep].sort((a, b) => a - b);
  const remap = new Map(order.map((old, k) => [old, k]));
  const cut = (taxonomy: Taxonomy): Taxonomy => ({
    ...taxonomy,
    terms: wanted(taxonomy).map((t) => ({
      ...t,
      postIndices: t.postIndices.slice(0, limit).map((i) => remap.get(i)!),
    })),
  });
  const reduced: SiteGraph = {
    ...graph,
    posts: order.map((i) => graph.posts[i]!),
    taxonomies: { tags: cut(graph.taxonomies.tags), categories: cut(graph.taxonomies.categories) },
    series: [],
    related: order.map(() => []),
    pages: [],
  };
  return renderFeeds(reduced, base, generator);
}
