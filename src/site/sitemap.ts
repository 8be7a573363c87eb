/** The `sitemap.xml` route (every indexable page with its `lastmod`) and the `robots.txt` route. */
import { escapeHtml } from '../core/html.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import { isLayoutPage, type OutputFile, type Page, type SiteGraph } from '../types.js';

/** The sitemap route: every indexable page (rendered through a layout; not redirects or the 404 page). */
export function renderSitemap(graph: SiteGraph, base: BaseUrl, route: Page): OutputFile {
  const entries = graph.pages
    .filter(isLayoutPage)
    .filter((page) => page.kind !== 'redirect' && page.kind !== 'not-found')
    .map((page) => ({ loc: absoluteUrl(base, page.url), lastmod: lastModified(graph, page) }));
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

/** The newest change among the posts a page shows (W3C datetime), or undefined for an empty list. */
function lastModified(graph: SiteGraph, page: Page): string | undefined {
  const changed = (i: number) => {
    const meta = graph.posts[i]!.post.meta;
    return meta.updated ?? meta.date;
  };
  let indices: number[];
  switch (page.kind) {
    case 'post':
      indices = [page.postIndex];
      break;
    case 'term':
      indices = graph.taxonomies[page.taxonomy].terms[page.termIndex]!.postIndices.slice(
        page.pager.start,
        page.pager.end,
      );
      break;
    case 'home':
      indices = graph.posts.map((_, i) => i).slice(page.pager.start, page.pager.end);
      break;
    case 'series':
      indices = graph.series[page.seriesIndex]!.postIndices;
      break;
    default:
      indices = graph.posts.map((_, i) => i);
  }
  return indices.map(changed).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}
