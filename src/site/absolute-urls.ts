/** Makes the links and images of post HTML absolute, for feeds (readers resolve nothing). */
import { absoluteUrl, type BaseUrl } from '../templates/urls.js';

const URL_ATTRIBUTE = /(\s(?:href|src|poster)=)(["'])([^"']*)\2/gi;

/**
 * Rewrites `href`, `src` and `poster` attribute values: site paths (`/x/`) get the site's origin and
 * base path; relative ones (`img.png`, `#notes`) are resolved against the post's own absolute URL.
 * Values with a scheme (`https:`, `mailto:`) and protocol-relative ones are left alone.
 */
export function absolutizeHtml(html: string, pageUrl: string, base: BaseUrl): string {
  const pageAbsolute = absoluteUrl(base, pageUrl);
  return html.replace(URL_ATTRIBUTE, (match, prefix: string, quote: string, value: string) => {
    if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return match;
    let resolved: string;
    if (value.startsWith('/')) resolved = absoluteUrl(base, value);
    else if (base.origin) resolved = new URL(value, pageAbsolute).href;
    else resolved = value.startsWith('#') ? `${pageAbsolute}${value}` : pageAbsolute + value;
    return `${prefix}${quote}${resolved}${quote}`;
  });
}
