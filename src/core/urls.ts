/** Site URLs: a base URL (absolute or a path) and the `url`/`absolute_url` helpers layouts use. */

/** The parts of the configured base URL. */
export interface BaseUrl {
  /** `https://example.org` or '' when only a path was configured. */
  origin: string;
  /** Always starts and ends with `/`: `/` or `/blog/`. */
  basePath: string;
}

/** Splits `https://example.org/blog` or `/blog/` into origin and base path. */
export function parseBaseUrl(url: string): BaseUrl {
  if (url.startsWith('/')) return { origin: '', basePath: withSlashes(url) };
  const parsed = new URL(url);
  return { origin: parsed.origin, basePath: withSlashes(parsed.pathname) };
}

/** `/tags/x/` → `/blog/tags/x/`. External URLs, fragments and relative paths pass through. */
export function siteUrl(base: BaseUrl, target: string): string {
  if (!target.startsWith('/') || target.startsWith('//')) return target;
  return base.basePath + target.slice(1);
}

/** `/tags/x/` → `https://example.org/blog/tags/x/` (path only when no origin is known). */
export function absoluteUrl(base: BaseUrl, target: string): string {
  // An address with a scheme (`https://…`) or a host (`//host/…`) is absolute already.
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return target;
  return base.origin + siteUrl(base, target);
}

function withSlashes(p: string): string {
  let out = p.startsWith('/') ? p : `/${p}`;
  if (!out.endsWith('/')) out += '/';
  return out.replace(/\/{2,}/g, '/');
}
