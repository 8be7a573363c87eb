/** Nunjucks filters available to every layout. */
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { absoluteUrl, siteUrl, type BaseUrl } from '../core/urls.js';

/** A Nunjucks filter. */
export type TemplateFilter = (value: unknown, ...args: never[]) => unknown;

/** The built-in filters, by name: `url`, `absolute_url`, `date`, `number` and `iso_date`. */
export function builtInFilters(config: SiteConfig, base: BaseUrl): Record<string, TemplateFilter> {
  const numbers = numberFormat(config.language);
  return {
    /** Prefixes a site path with the base path: `{{ '/tags/' | url }}`. */
    url: (target: unknown) => siteUrl(base, String(target ?? '')),
    /** Full URL with the configured origin: `{{ post.url | absolute_url }}`. */
    absolute_url: (target: unknown) => absoluteUrl(base, String(target ?? '')),
    /** Formats an ISO date in the site's time zone with Luxon tokens (default: `date_format`). */
    date: (iso: unknown, format?: string) => {
      const date = DateTime.fromISO(String(iso ?? ''), { zone: config.timezone });
      return date.isValid ? date.setLocale(config.language).toFormat(format ?? config.date_format) : '';
    },
    /** A number grouped in the site's language: `{{ 12500 | number }}` → `12,500` in English. */
    number: (value: unknown) => {
      const n = Number(value);
      return Number.isFinite(n) ? numbers.format(n) : '';
    },
    /** `YYYY-MM-DD`, for `<time datetime>`. */
    iso_date: (iso: unknown) => {
      const date = DateTime.fromISO(String(iso ?? ''), { zone: config.timezone });
      return date.isValid ? date.toISODate() : '';
    },
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
