/**
 * The site's icon (favicon): the `<link rel="icon">` elements every page gives, from `favicon:` in
 * inkstone.yml, the site's own `favicon.ico`, or the theme's icon, in that order.
 */
import type { SiteConfig } from '../config/schema.js';
import { siteUrl, type BaseUrl } from '../core/urls.js';
import { escapeHtml } from '../core/html.js';
import type { ThemeManifest } from './theme.js';

/** One `<link rel="icon">`. */
export interface IconLink {
  href: string;
  type?: string;
  sizes?: string;
}

/** Where the theme's `favicon.ico` is written when the site uses the theme's icon. */
export const ROOT_FAVICON = 'favicon.ico';

const ICON_TYPES: Readonly<Record<string, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

/**
 * The icon links of every page. `favicon:` is a path of the site or an http(s) address of an image, a
 * short text (an emoji, drawn as an SVG icon, as al-folio does with `icon: ⚛️`), or `false` for none.
 * Without it, a site that ships its own `favicon.ico` links that, and any other site the theme's icon:
 * its `favicon.ico` (at the root, for tools that ask for it there) and its SVG, which browsers prefer.
 */
export function iconLinks(
  favicon: SiteConfig['favicon'],
  theme: ThemeManifest,
  base: BaseUrl,
  ownFavicon: boolean,
): IconLink[] {
  if (favicon === false) return [];
  if (favicon !== undefined) {
    if (isTextIcon(favicon)) return [{ href: textIcon(favicon), type: 'image/svg+xml' }];
    const type = ICON_TYPES[/\.([a-z0-9]+)(?:[?#].*)?$/i.exec(favicon)?.[1]?.toLowerCase() ?? ''];
    return [{ href: siteUrl(base, favicon), ...(type ? { type } : {}) }];
  }
  if (ownFavicon) return [{ href: siteUrl(base, `/${ROOT_FAVICON}`), type: ICON_TYPES['ico']! }];
  const links: IconLink[] = [];
  // The .ico is marked 32x32 so that browsers that draw SVG icons take the SVG.
  if (theme.favicon?.ico) links.push({ href: siteUrl(base, `/${ROOT_FAVICON}`), sizes: '32x32' });
  if (theme.favicon?.svg) links.push({ href: siteUrl(base, `/assets/${theme.favicon.svg}`), type: ICON_TYPES['svg']! });
  return links;
}

/** Whether the theme's `favicon.ico` goes to the root of the site (see iconLinks). */
export function writesThemeFavicon(favicon: SiteConfig['favicon'], theme: ThemeManifest): boolean {
  return favicon === undefined && theme.favicon?.ico !== undefined;
}

/** A value that is neither a path nor an address: an emoji or a letter or two. */
function isTextIcon(favicon: string): boolean {
  return !/[/.:]/.test(favicon);
}

/** An SVG icon that shows `text` (an emoji) filling the square, as a data: URL. */
function textIcon(text: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">${escapeHtml(text)}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
