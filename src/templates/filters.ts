/** Nunjucks filters available to every layout. */
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { formatDisplayDate } from '../content/dates.js';
import { absoluteUrl, siteUrl, type BaseUrl } from '../core/urls.js';

/** A Nunjucks filter. */
export type TemplateFilter = (value: unknown, ...args: never[]) => unknown;

/** The built-in filters, by name: `url`, `absolute_url`, `date`, `number` and `iso_date`. */
export function builtInFilters(config: SiteConfig, base: BaseUrl): Record<string, TemplateFilter> {
  const numbers = numberFormat(config.language);
  // A date is formatted once per build and format: list pages show the same posts' dates thousands of
  // times, and a Luxon parse and format costs ~70 µs (a quarter of a second on 4,000 posts).
  const formatted = boundedMemo<string>();
  const isoDates = boundedMemo<string>();
  return {
    /** Prefixes a site path with the base path: `{{ '/tags/' | url }}`. */
    url: (target: unknown) => siteUrl(base, String(target ?? '')),
    /** Full URL with the configured origin: `{{ post.url | absolute_url }}`. */
    absolute_url: (target: unknown) => absoluteUrl(base, String(target ?? '')),
    /** Formats an ISO date in the site's time zone with Luxon tokens (default: `date_format`). */
    date: (iso: unknown, format?: string) => {
      const text = String(iso ?? '');
      const pattern = format ?? config.date_format;
      return formatted(`${pattern}\u0000${text}`, () =>
        formatDisplayDate(text, pattern, config.timezone, config.language),
      );
    },
    /** A number grouped in the site's language: `{{ 12500 | number }}` → `12,500` in English. */
    number: (value: unknown) => {
      const n = Number(value);
      return Number.isFinite(n) ? numbers.format(n) : '';
    },
    /** `YYYY-MM-DD`, for `<time datetime>`. */
    iso_date: (iso: unknown) => {
      const text = String(iso ?? '');
      return isoDates(text, () => {
        const date = DateTime.fromISO(text, { zone: config.timezone });
        return date.isValid ? (date.toISODate() ?? '') : '';
      });
    },
  };
}

/** Results kept by key, up to a bound (past it the memo starts again, so a long dev session stays small). */
function boundedMemo<T>(limit = 20_000): (key: string, make: () => T) => T {
  const values = new Map<string, T>();
  return (key, make) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    if (values.size >= limit) values.clear();
    const value = make();
    values.set(key, value);
    return value;
  };
}

/** Grouping for the site's language; a tag Intl does not accept (`en_US`) falls back to plain digits. */
function numberFormat(language: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(language);
  } catch {
    return new Intl.NumberFormat('en', { useGrouping: false });
  }
}
