/** The `sitemap.xml` route (every indexable page with its `lastmod`) and the `robots.txt` route. */
import { escapeHtml } from '../core/html.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import { isLayoutPage, type OutputFile, type Page, type SiteGraph } from '../types.js';

/** The sitemap route: every indexable page (rendered through a layout; not redirects or the 404 page). */
export function renderSitemap(graph: SiteGraph, base: BaseUrl, route: Page): OutputFile {
  const times = graph.posts.map((_, i) => Date.parse(changedAt(graph, i) ?? ''));
  const entries = graph.pages
    .filter(isLayoutPage)
    .filter((page) => page.kind !== 'redirect' && page.kind !== 'not-found')
    .map((page) => ({ loc: absoluteUrl(base, page.url), lastmod: lastModified(graph, page, times) }));
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (e) => `  <url><loc>${escapeHtml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
  return { outputPath: route.outputPath, contents: xml, from: 'sitemap' };
}

/** The robots.txt route: allows everything, and names the sitemap when the site has one. */
export function renderRobots(graph: SiteGraph, base: BaseUrl, route: Page): OutputFile {
  const sitemap = graph.pages.find((page) => page.kind === 'sitemap');
  return {
    outputPath: route.outputPath,
    contents: `User-agent: *\nAllow: /\n${sitemap ? `\nSitemap: ${absoluteUrl(base, sitemap.url)}\n` : ''}`,
    from: 'robots.txt',
  };
}

/**
 * The newest change among the posts a page shows (W3C datetime), or undefined for an empty list.
 * `times` is each post's change time in milliseconds (parsed once per sitemap: the archive and every
 * page of the home list ask about thousands of posts).
 */
function lastModified(graph: SiteGraph, page: Page, times: readonly number[]): string | undefined {
  let newest = -1;
  const consider = (i: number) => {
    // The first of equal times wins, as the first post of a list is the newest.
    if (newest === -1 || times[i]! > times[newest]!) newest = i;
  };
  switch (page.kind) {
    case 'post':
      consider(page.postIndex);
      break;
    case 'term': {
      const indices = graph.taxonomies[page.taxonomy]!.terms[page.termIndex]!.postIndices;
      for (let k = page.pager.start; k < Math.min(page.pager.end, indices.length); k++) consider(indices[k]!);
      break;
    }
    case 'home':
      for (let i = page.pager.start; i < Math.min(page.pager.end, graph.listed); i++) consider(i);
      break;
    case 'section': {
      const indices = graph.sections[page.sectionIndex]!.postIndices;
      for (let k = page.pager.start; k < Math.min(page.pager.end, indices.length); k++) consider(indices[k]!);
      break;
    }
    case 'series':
      for (const i of graph.series[page.seriesIndex]!.postIndices) consider(i);
      break;
    default:
      for (let i = 0; i < graph.listed; i++) consider(i);
  }
  return newest === -1 ? undefined : changedAt(graph, newest);
}

/** When the post at `index` last changed, as its front matter says; undefined for a page that gives no date. */
function changedAt(graph: SiteGraph, index: number): string | undefined {
  const meta = graph.posts[index]!.post.meta;
  return meta.updated ?? (meta.undated ? undefined : meta.date);
}
