/** Makes the links and images of post HTML absolute, for feeds (readers resolve nothing). */
import { absoluteUrl, siteUrl, type BaseUrl } from '../core/urls.js';

const URL_ATTRIBUTE = /(\s(?:href|src|poster)=)(["'])([^"']*)\2/gi;

/**
 * Rewrites `href`, `src` and `poster` attribute values: host-relative paths (`/blog/x/`) get the
 * site's origin; relative ones (`img.png`, `#notes`) are resolved against the post's absolute URL.
 * Values with a scheme (`https:`, `mailto:`) and protocol-relative ones are left alone.
 */
export function absolutizeHtml(html: string, pageUrl: string, base: BaseUrl): string {
  const pageAbsolute = absoluteUrl(base, pageUrl);
  return html.replace(URL_ATTRIBUTE, (match, prefix: string, quote: string, value: string) => {
    if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return match;
    let resolved: string;
    // Site paths are host-relative, as in a browser: Markdown links already carry the base path.
    if (value.startsWith('/')) resolved = base.origin + value;
    else if (base.origin) resolved = new URL(value, pageAbsolute).href;
    else resolved = value.startsWith('#') ? `${pageAbsolute}${value}` : pageAbsolute + value;
    return `${prefix}${quote}${resolved}${quote}`;
  });
}

/**
 * Points fragment-only links (`#notes`) at `pageUrl`: an excerpt shown on a list page must link to
 * the post's headings, not to ids on the list page.
 */
export function anchorLinksTo(html: string, pageUrl: string, base: BaseUrl): string {
  return html.replace(
    /(\shref=)(["'])#([^"']*)\2/gi,
    (_, prefix: string, quote: string, fragment: string) =>
      `${prefix}${quote}${siteUrl(base, pageUrl)}#${fragment}${quote}`,
  );
}
