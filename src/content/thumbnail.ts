/**
 * al-folio's `thumbnail:` front matter: the image of a post's card on list pages and of its link
 * previews (Open Graph, Twitter card). A path of the site (`assets/img/x.jpg`, `/assets/img/x.jpg`)
 * or an http(s) URL is kept; anything else (`javascript:`, `data:`, `//host`) is refused, with a reason.
 */

/** The thumbnail as a site path (starting with `/`) or an http(s) URL, or why it cannot be one. */
export type ThumbnailResult = { ok: true; src: string } | { ok: false; reason: string };

/** Resolves the value of `thumbnail:` as written in the front matter. */
export function resolveThumbnail(value: unknown): ThumbnailResult {
  if (typeof value !== 'string')
    return {
      ok: false,
      reason: `expected an image path such as assets/img/photo.jpg, got ${value === null ? 'nothing' : typeof value}`,
    };
  const src = value.trim();
  if (src === '') return { ok: false, reason: 'it is empty' };
  // A scheme or a host: only http(s) images may be loaded from elsewhere.
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return isHttpUrl(src)
      ? { ok: true, src }
      : { ok: false, reason: `"${src}" is neither a path of the site nor an http(s) URL` };
  }
  if (/[\\\s]/.test(src))
    return {
      ok: false,
      reason: `"${src}" holds a backslash or a space; write the path with "/" and encode spaces as %20`,
    };
  // al-folio writes site-relative paths without the leading slash (`assets/img/x.jpg` | relative_url).
  return { ok: true, src: src.startsWith('/') ? src : `/${src.replace(/^\.\//, '')}` };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
