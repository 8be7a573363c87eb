/** Permalinks: expand a pattern into a URL and an output path that cannot leave the output directory. */
import type { DateTime } from 'luxon';
import { slugify } from './slug.js';

/** What a permalink pattern can refer to. */
export interface PermalinkParts {
  date: DateTime;
  slug: string;
  categories: string[];
}

/** A resolved route; `error` is set when the pattern does not give a safe path. */
export type ResolvedPermalink = { ok: true; url: string; outputPath: string } | { ok: false; reason: string };

/** Expands `:year`, `:month`, `:day`, `:slug`, `:title` and `:categories` in `pattern`. */
export function expandPermalink(pattern: string, parts: PermalinkParts): string {
  return pattern.replace(/:(year|month|day|slug|title|categories)\b/g, (_, token: string) => {
    switch (token) {
      case 'year':
        return parts.date.toFormat('yyyy');
      case 'month':
        return parts.date.toFormat('MM');
      case 'day':
        return parts.date.toFormat('dd');
      case 'categories':
        return parts.categories.map(slugify).filter(Boolean).join('/');
      default:
        return parts.slug;
    }
  });
}

/**
 * Turns a URL path into a site URL and an output file path. `/a/b/` and `/a/b` give `a/b/index.html`;
 * `/a/b.html` gives `a/b.html`. Anything that could escape the output directory is refused.
 */
export function routeFromUrlPath(urlPath: string): ResolvedPermalink {
  if (/[\\\0]/.test(urlPath) || /%(00|2f|5c)/i.test(urlPath)) {
    return { ok: false, reason: `permalink "${urlPath}" contains a backslash, a NUL byte or an encoded separator` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, reason: `permalink "${urlPath}" is not a valid URL path` };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith('//')) {
    return { ok: false, reason: `permalink "${urlPath}" must be a path on this site, not an absolute URL` };
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) {
    return { ok: false, reason: `permalink "${urlPath}" contains "." or ".." segments and would leave the output directory` };
  }
  if (segments.length === 0) {
    return { ok: false, reason: `permalink "${urlPath}" would replace the home page` };
  }
  const last = segments[segments.length - 1]!;
  if (/\.html?$/i.test(last)) {
    return { ok: true, url: `/${segments.join('/')}`, outputPath: segments.join('/') };
  }
  return { ok: true, url: `/${segments.join('/')}/`, outputPath: `${segments.join('/')}/index.html` };
}
