/** buildSiteGraph: rendered posts → the ordered posts, taxonomies and every page of the site. */
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Page, RenderedPost, SiteGraph } from '../types.js';
import { buildTaxonomy } from './taxonomies.js';

/** Orders posts newest first (ties by slug), builds taxonomies and lists the pages to render. */
export function buildSiteGraph(config: SiteConfig, rendered: readonly RenderedPost[]): { graph: SiteGraph; diagnostics: Diagnostic[] } {
  const posts = [...rendered].sort(comparePosts);
  const tags = buildTaxonomy('tag', posts);
  const categories = buildTaxonomy('category', posts);
  const pages: Page[] = [
    { kind: 'home', url: '/', outputPath: 'index.html' },
    ...posts.map((p, postIndex): Page => ({ kind: 'post', url: p.post.url, outputPath: p.post.outputPath, postIndex })),
  ];
  for (const taxonomy of [tags.taxonomy, categories.taxonomy]) {
    pages.push({ kind: 'taxonomy', url: taxonomy.url, outputPath: taxonomy.outputPath, taxonomy: taxonomy.name });
    taxonomy.terms.forEach((term, termIndex) =>
      pages.push({ kind: 'term', url: term.url, outputPath: term.outputPath, taxonomy: taxonomy.name, termIndex }),
    );
  }
  return {
    graph: { config, posts, taxonomies: { tags: tags.taxonomy, categories: categories.taxonomy }, pages },
    diagnostics: [...tags.diagnostics, ...categories.diagnostics],
  };
}

function comparePosts(a: RenderedPost, b: RenderedPost): number {
  const da = Date.parse(a.post.meta.date);
  const db = Date.parse(b.post.meta.date);
  if (da !== db) return db - da;
  return a.post.slug < b.post.slug ? -1 : a.post.slug > b.post.slug ? 1 : 0;
}
