/**
 * Request targets → files of the served site. The target is decoded exactly once and refused (400)
 * when it is not a plain path: not starting with `/`, badly encoded, holding a backslash, a NUL or
 * another control character, a `.` or `..` segment, or an empty segment. So `%2e%2e` is refused like
 * `..`, and `%252e` stays the three characters `%2e` (a name that is simply not found).
 */

/** A target that passed the checks. */
export type ParsedTarget = { ok: true; pathname: string; search: string } | { ok: false; reason: string };

/** Checks and decodes `raw` (the request line's target). */
export function parseRequestTarget(raw: string): ParsedTarget {
  if (!raw.startsWith('/') || raw.startsWith('//'))
    return { ok: false, reason: 'the request target must be a path starting with a single "/"' };
  const query = raw.indexOf('?');
  const encoded = query === -1 ? raw : raw.slice(0, query);
  const search = query === -1 ? '' : raw.slice(query);
  let pathname: string;
  try {
    pathname = decodeURIComponent(encoded);
  } catch {
    return { ok: false, reason: 'the path is not valid percent-encoded UTF-8' };
  }
  // Backslashes are separators on Windows and a classic way around "..” checks; control characters are never in a file name we write.
  if (/[\\\u0000-\u001f\u007f]/.test(pathname) || encoded.includes('\\'))
    return { ok: false, reason: 'the path holds a backslash or a control character' };
  const segments = pathname.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..'))
    return { ok: false, reason: 'the path holds a "." or ".." segment' };
  if (segments.slice(0, -1).some((s) => s === ''))
    return { ok: false, reason: 'the path holds an empty segment ("//")' };
  return { ok: true, pathname, search };
}

/** Where a checked path leads in the served site. */
export type Resolved =
  | { kind: 'file'; outputPath: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing'; outputPath: string };

/**
 * Resolves `pathname` (decoded, checked) against the site served under `basePath` (`/` or `/blog/`):
 * `/x/` serves `x/index.html`; `/x` redirects to `/x/` when that is a folder with an index; `/` redirects
 * to the base path when the site lives below it.
 */
export function resolveOutputPath(pathname: string, basePath: string, has: (outputPath: string) => boolean): Resolved {
  if (basePath !== '/' && (pathname === '/' || `${pathname}/` === basePath))
    return { kind: 'redirect', location: encodePath(basePath) };
  if (!pathname.startsWith(basePath)) return { kind: 'missing', outputPath: pathname.slice(1) };
  const rel = pathname.slice(basePath.length);
  const outputPath = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  if (has(outputPath)) return { kind: 'file', outputPath };
  if (rel !== '' && !rel.endsWith('/') && has(`${rel}/index.html`))
    return { kind: 'redirect', location: encodePath(`${basePath}${rel}/`) };
  return { kind: 'missing', outputPath };
}

/** Percent-encodes each segment of a decoded path, for a Location header. */
function encodePath(pathname: string): string {
  return pathname.split('/').map(encodeURIComponent).join('/');
}
