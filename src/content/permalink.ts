/** Permalinks: expand a pattern into a URL and an output path that cannot leave the output directory. */
import type { DateTime } from 'luxon';
import { slugify } from './slug.js';

/** What a permalink pattern can refer to. */
export interface PermalinkParts {
  date: DateTime;
  slug: string;
  /** Jekyll's `:title`: the file name's slug (or front matter `slug`) with its case kept; defaults to `slug`. */
  title?: string;
  categories: string[];
}

/** A resolved route; `error` is set when the pattern does not give a safe path. */
export type ResolvedPermalink = { ok: true; url: string; outputPath: string } | { ok: false; reason: string };

/** The placeholders a permalink pattern may use (Jekyll's names). */
export const PERMALINK_TOKENS = [
  'year',
  'short_year',
  'month',
  'i_month',
  'short_month',
  'long_month',
  'day',
  'i_day',
  'y_day',
  'short_day',
  'long_day',
  'hour',
  'minute',
  'second',
  'week',
  'w_year',
  'title',
  'slug',
  'categories',
  'output_ext',
] as const;

const TOKEN_PATTERN = new RegExp(`:(${PERMALINK_TOKENS.join('|')})\\b`, 'g');

/**
 * Expands the placeholders of `pattern` (see PERMALINK_TOKENS) from the post's date, slug and categories.
 * Names are English whatever the system locale, so URLs do not depend on the machine.
 */
export function expandPermalink(pattern: string, parts: PermalinkParts): string {
  const date = parts.date.setLocale('en');
  const expanded = pattern.replace(TOKEN_PATTERN, (_, token: (typeof PERMALINK_TOKENS)[number]) => {
    switch (token) {
      case 'year':
        return date.toFormat('yyyy');
      case 'short_year':
        return date.toFormat('yy');
      case 'month':
        return date.toFormat('MM');
      case 'i_month':
        return date.toFormat('M');
      case 'short_month':
        return date.toFormat('LLL');
      case 'long_month':
        return date.toFormat('LLLL');
      case 'day':
        return date.toFormat('dd');
      case 'i_day':
        return date.toFormat('d');
      case 'y_day':
        return date.toFormat('ooo');
      case 'short_day':
        return date.toFormat('ccc');
      case 'long_day':
        return date.toFormat('cccc');
      case 'hour':
        return date.toFormat('HH');
      case 'minute':
        return date.toFormat('mm');
      case 'second':
        return date.toFormat('ss');
      case 'week':
        return date.toFormat('WW');
      case 'w_year':
        return date.toFormat('kkkk');
      case 'categories':
        return parts.categories.map(slugify).filter(Boolean).join('/');
      case 'output_ext':
        // Posts are always written as HTML, so Jekyll's extension placeholder is always `.html`.
        return '.html';
      case 'title':
        return parts.title || parts.slug;
      default:
        return parts.slug;
    }
  });
  // An empty `:categories` leaves `//` behind, which Jekyll collapses; a `//` written in the pattern stays (and is refused).
  return pattern.includes('//') ? expanded : expanded.replace(/\/{2,}/g, '/');
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
    return {
      ok: false,
      reason: `permalink "${urlPath}" contains "." or ".." segments and would leave the output directory`,
    };
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
