/** Maps a URL found in a page to the output file it names, the way a static file server would. */
import { absoluteUrl, type BaseUrl } from '../core/urls.js';

/** Where a link points: a file of the site (and a fragment), outside the site, or nowhere checkable. */
export type LinkTarget =
  | { kind: 'internal'; path: string; fragment: string | undefined }
  | { kind: 'external'; url: string }
  | { kind: 'ignored' };

/**
 * Resolves `value`, found on the page at `pageUrl`, against the site. `files` holds every output path.
 * A directory URL resolves to its `index.html`; a path outside the base path is external.
 */
export function resolveLink(value: string, pageUrl: string, base: BaseUrl, files: ReadonlySet<string>): LinkTarget {
  if (/^(mailto|tel|data|javascript):/i.test(value)) return { kind: 'ignored' };
  const origin = base.origin || 'http://site.invalid';
  let url: URL;
  try {
    url = new URL(value, new URL(absoluteUrl(base, pageUrl), origin));
  } catch {
    return { kind: 'internal', path: value, fragment: undefined };
  }
  if (url.origin !== new URL(origin).origin)
    return /^https?:$/.test(url.protocol) ? { kind: 'external', url: url.href } : { kind: 'ignored' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = url.pathname;
  }
  if (!pathname.startsWith(base.basePath)) return { kind: 'external', url: url.href };
  const rel = pathname.slice(base.basePath.length);
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`, `${rel}.html`];
  const found = candidates.find((c) => files.has(c));
  return { kind: 'internal', path: found ?? candidates[0]!, fragment };
}
