/** Nunjucks filters available to every layout. */
import { DateTime } from 'luxon';
import type nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import { absoluteUrl, siteUrl, type BaseUrl } from './urls.js';

/** Registers `url`, `absolute_url`, `date` and `iso_date` on `env`. */
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
  /** `YYYY-MM-DD`, for `<time datetime>`. */
  env.addFilter('iso_date', (iso: unknown) => {
    const date = DateTime.fromISO(String(iso ?? ''), { zone: config.timezone });
    return date.isValid ? date.toISODate() : '';
  });
}
