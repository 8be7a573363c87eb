/** Nunjucks filters available to every layout. */
import { DateTime } from 'luxon';
import type nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import { absoluteUrl, siteUrl, type BaseUrl } from '../core/urls.js';

/** Registers `url`, `absolute_url`, `date`, `number` and `iso_date` on `env`. */
export function registerFilters(env: nunjucks.Environment, config: SiteConfig, base: BaseUrl): void {
  /** Prefixes a site path with the base path: `{{ '/tags/' | url }}`. */
  env.addFilter('url', (target: unknown) => siteUrl(base, String(target ?? '')));
  /** Full URL with the configured origin: `{{ post.url | absolute_url }}`. */
  env.addFilter('absolute_url', (target: unknown) => absoluteUrl(base, String(target ?? '')));
  /** Formats an ISO date in the site's time zone with Luxon tokens (default: `date_format`). */
  env.addFilter('date', (iso: unknown, format?: string) => {
    const date = DateTime.fromISO(String(iso ?? ''), { zone: config.timezone });
    return date.isValid ? date.setLocale(config.language).toFormat(format ?? config.date_format) : '';
  });
  /** A number grouped in the site's language: `{{ 12500 | number }}` → `12,500` in English. */
  const numbers = numberFormat(config.language);
  env.addFilter('number', (value: unknown) => {
    const n = Number(value);
    return Number.isFinite(n) ? numbers.format(n) : '';
  });
  /** `YYYY-MM-DD`, for `<time datetime>`. */
  env.addFilter('iso_date', (iso: unknown) => {
    const date = DateTime.fromISO(String(iso ?? ''), { zone: config.timezone });
    return date.isValid ? date.toISODate() : '';
  });
}

/** Grouping for the site's language; a tag Intl does not accept (`en_US`) falls back to plain digits. */
function numberFormat(language: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(language);
  } catch {
    return new Intl.NumberFormat('en', { useGrouping: false });
  }
}
