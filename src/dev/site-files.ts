/**
 * Feeds, sitemap and robots.txt for the dev server. Feeds are rendered by the build's renderFeeds,
 * but from a graph cut down to the posts the wanted feeds list, so that a save does not rebuild a feed
 * entry for every post of the site. The rules are the build's: feeds and the sitemap only when the
 * base URL has an origin, robots.txt unless the site ships its own in `static/`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { renderFeeds } from '../site/feeds.js';
import { renderSitemap, robotsTxt } from '../site/sitemap.js';
import { absoluteUrl, type BaseUrl } from '../templates/urls.js';
import type { OutputFile, SiteGraph, Taxonomy } from '../types.js';
import { termFeedKey } from './fingerprints.js';

/**
 * The site feeds and the feeds of the terms whose keys (see termFeedKey) are in `termKeys`, rendered
 * from the posts they list: the newest `limit` of the site and of each of those terms.
 */
export function renderSomeFeeds(graph: SiteGraph, termKeys: ReadonlySet<string>, limit: number, base: BaseUrl, generator: string): OutputFile[] {
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
    terms: wanted(taxonomy).map((t) => ({ ...t, postIndices: t.postIndices.slice(0, limit).map((i) => remap.get(i)!) })),
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

/** The sitemap (with an origin) and robots.txt (unless `static/robots.txt` exists). */
export async function renderIndexFiles(graph: SiteGraph, base: BaseUrl, siteDir: string): Promise<OutputFile[]> {
  const robots = !(await isFile(path.join(siteDir, 'static', 'robots.txt')));
  if (!base.origin) return robots ? [robotsTxt(undefined)] : [];
  return [...renderSitemap(graph, base), ...(robots ? [robotsTxt(absoluteUrl(base, '/sitemap.xml'))] : [])];
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
