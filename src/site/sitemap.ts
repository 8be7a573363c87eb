/** `sitemap.xml` (every indexable page with its `lastmod`) and `robots.txt`. */
import path from 'node:path';
import { isFile } from '../core/fs.js';
import { escapeHtml } from '../core/html.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';
import type { OutputFile, Page, SiteGraph } from '../types.js';

/** The sitemap of every indexable page. */
export function renderSitemap(graph: SiteGraph, base: BaseUrl): OutputFile[] {
  const entries = graph.pages
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
  return [{ outputPath: 'sitemap.xml', contents: xml, from: 'sitemap' }];
}

/** A robots.txt that allows everything and names the sitemap when there is one. */
export function robotsTxt(sitemapUrl: string | undefined): OutputFile {
  return {
    outputPath: 'robots.txt',
    contents: `User-agent: *\nAllow: /\n${sitemapUrl ? `\nSitemap: ${sitemapUrl}\n` : ''}`,
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

/**
 * The sitemap (only with an origin: its locations must be absolute) and robots.txt (unless the site
 * ships its own in `static/`). The same rule for `inkstone build` and the dev server.
 */
export async function renderIndexFiles(graph: SiteGraph, base: BaseUrl, siteDir: string): Promise<OutputFile[]> {
  const robots = !(await isFile(path.join(siteDir, 'static', 'robots.txt')));
  if (!base.origin) return robots ? [robotsTxt(undefined)] : [];
  return [...renderSitemap(graph, base), ...(robots ? [robotsTxt(absoluteUrl(base, '/sitemap.xml'))] : [])];
}
