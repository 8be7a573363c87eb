/** buildSiteGraph: rendered posts → the ordered posts, taxonomies and every page of the site. */
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Page, RenderedPost, Section, Series, SiteGraph, Taxonomies, Taxonomy } from '../types.js';
import { routeFromUrlPath } from '../content/permalink.js';
import { outputPathOf, paginate } from './pagination.js';
import { relatedPosts } from './related.js';
import { buildSeries } from './series.js';
import { buildTaxonomy, taxonomySpecs } from './taxonomies.js';

/** What the site graph needs to know of the site's own files. */
export interface SiteGraphOptions {
  /** The site ships its own `robots.txt` (in `static/`): none is generated. */
  ownRobots?: boolean;
  /** The site ships its own `favicon.ico`: pages link it instead of the theme's icon. */
  ownFavicon?: boolean;
}

/**
 * Orders posts newest first (ties by slug; a Hugo page's `weight` first), builds taxonomies, series
 * and related posts, and lists every route: the pages to render through layouts, the feeds, the
 * sitemap and robots.txt. Standalone pages come after the posts, in no list.
 */
export function buildSiteGraph(
  config: SiteConfig,
  rendered: readonly RenderedPost[],
  options: SiteGraphOptions = {},
): { graph: SiteGraph; diagnostics: Diagnostic[] } {
  const listed = rendered.filter((p) => !p.post.meta.standalone).sort(comparePosts);
  const standalone = rendered.filter((p) => p.post.meta.standalone).sort(compareUrls);
  const posts = [...listed, ...standalone];
  const built = taxonomySpecs(config.taxonomies).map((spec) => buildTaxonomy(spec, listed, config.url_style));
  const taxonomyList = built.map((b) => b.taxonomy);
  const series = buildSeries(listed);
  const pages: Page[] = [
    ...paginate(listed.length, config.paginate, '/').map(
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
  for (const taxonomy of taxonomyList) {
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
  const sections = buildSections(listed);
  sections.forEach((section, sectionIndex) => {
    for (const pager of paginate(section.postIndices.length, config.paginate, section.url))
      pages.push({ kind: 'section', url: pager.url, outputPath: outputPathOf(pager.url), sectionIndex, pager });
  });
  pages.push({ kind: 'archive', url: '/archive/', outputPath: 'archive/index.html' });
  pages.push({ kind: 'not-found', url: '/404.html', outputPath: '404.html' });
  posts.forEach((p, postIndex) => {
    for (const from of p.post.meta.redirectFrom) {
      // Validated when the post was read, so the route exists.
      const route = routeFromUrlPath(from);
      if (route.ok) pages.push({ kind: 'redirect', url: route.url, outputPath: route.outputPath, postIndex });
    }
  });
  pages.push(...siteFileRoutes(config, taxonomyList, sections, options));
  return {
    graph: {
      config,
      posts,
      listed: listed.length,
      taxonomies: Object.fromEntries(taxonomyList.map((t) => [t.name, t])) as Taxonomies,
      series: series.series,
      sections,
      related: relatedPosts(listed, config.related_posts, seriesKeys(listed.length, series.series)),
      pages,
      ownFavicon: options.ownFavicon ?? false,
    },
    diagnostics: [...built.flatMap((b) => b.diagnostics), ...series.diagnostics],
  };
}

/**
 * Feeds and the sitemap need absolute URLs, so they exist only when the site has an origin: the site's
 * Atom, RSS and JSON feeds, and an Atom feed per tag and category beside the term's page.
 */
function siteFileRoutes(
  config: SiteConfig,
  taxonomies: readonly Taxonomy[],
  sections: readonly Section[],
  options: SiteGraphOptions,
): Page[] {
  const routes: Page[] = [];
  if (config.base.origin) {
    routes.push(
      { kind: 'feed', url: '/feed.xml', outputPath: 'feed.xml', format: 'atom' },
      { kind: 'feed', url: '/rss.xml', outputPath: 'rss.xml', format: 'rss' },
      { kind: 'feed', url: '/feed.json', outputPath: 'feed.json', format: 'json' },
    );
    for (const taxonomy of taxonomies) {
      for (const [termIndex, term] of taxonomy.terms.entries()) {
        routes.push({
          kind: 'feed',
          url: `${term.url}feed.xml`,
          outputPath: `${term.outputPath.replace(/index\.html$/, '')}feed.xml`,
          format: 'atom',
          term: { taxonomy: taxonomy.name, termIndex },
        });
      }
    }
    // Hugo's RSS feeds, where a Hugo site's readers subscribed: index.xml beside the home page, each
    // taxonomy's index (an entry per term), each term page and each section page.
    if (config.url_style === 'hugo') {
      routes.push({ kind: 'feed', url: '/index.xml', outputPath: 'index.xml', format: 'rss' });
      for (const taxonomy of taxonomies)
        routes.push({
          kind: 'feed',
          url: `${taxonomy.url}index.xml`,
          outputPath: `${taxonomy.name}/index.xml`,
          format: 'rss',
          taxonomy: taxonomy.name,
        });
      for (const taxonomy of taxonomies)
        for (const [termIndex, term] of taxonomy.terms.entries())
          routes.push({
            kind: 'feed',
            url: `${term.url}index.xml`,
            outputPath: `${term.outputPath.replace(/index\.html$/, '')}index.xml`,
            format: 'rss',
            term: { taxonomy: taxonomy.name, termIndex },
          });
      for (const [index, section] of sections.entries())
        routes.push({
          kind: 'feed',
          url: `${section.url}index.xml`,
          outputPath: `${section.outputPath.replace(/index\.html$/, '')}index.xml`,
          format: 'rss',
          section: index,
        });
    }
    routes.push({ kind: 'sitemap', url: '/sitemap.xml', outputPath: 'sitemap.xml' });
  }
  if (!options.ownRobots) routes.push({ kind: 'robots', url: '/robots.txt', outputPath: 'robots.txt' });
  return routes;
}

/** The key of the series of each post, or undefined. */
function seriesKeys(count: number, series: readonly Series[]): Array<string | undefined> {
  const keys: Array<string | undefined> = new Array(count).fill(undefined);
  for (const s of series) for (const i of s.postIndices) keys[i] = s.key;
  return keys;
}

function comparePosts(a: RenderedPost, b: RenderedPost): number {
  // Hugo's order: pages with a weight first, lightest first; then the rest by date.
  const wa = a.post.meta.weight ?? Number.POSITIVE_INFINITY;
  const wb = b.post.meta.weight ?? Number.POSITIVE_INFINITY;
  if (wa !== wb) return wa < wb ? -1 : 1;
  const da = Date.parse(a.post.meta.date);
  const db = Date.parse(b.post.meta.date);
  if (da !== db) return db - da;
  return a.post.slug < b.post.slug ? -1 : a.post.slug > b.post.slug ? 1 : 0;
}

function compareUrls(a: RenderedPost, b: RenderedPost): number {
  return a.post.url < b.post.url ? -1 : a.post.url > b.post.url ? 1 : 0;
}

/**
 * The content sections of `posts` (newest first), each with its list page at `/<section>/`: a Hugo
 * site's `content/posts/` and `content/_posts/`. Posts without a section are in none.
 */
function buildSections(posts: readonly RenderedPost[]): Section[] {
  const byName = new Map<string, number[]>();
  const titles = new Map<string, string>();
  posts.forEach((p, index) => {
    const { section: name, sectionTitle } = p.post.meta;
    if (name === undefined) return;
    const list = byName.get(name) ?? [];
    list.push(index);
    byName.set(name, list);
    if (sectionTitle !== undefined) titles.set(name, sectionTitle);
  });
  return [...byName]
    .map(([name, postIndices]) => ({
      name,
      title: titles.get(name) ?? (name.replace(/^_+/, '').replace(/^./, (c) => c.toUpperCase()) || name),
      url: `/${name.split('/').map(encodeURIComponent).join('/')}/`,
      outputPath: `${name}/index.html`,
      postIndices,
    }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
