/**
 * Jekyll's Liquid filters that liquidjs lacks: URLs (`relative_url`, `absolute_url`), `xml_escape`,
 * `markdownify`, `slugify` (Jekyll's modes), `jsonify`, `smartify` (text unchanged), and the date,
 * word and escaping helpers that posts use (replacing liquidjs's versions, to use the site's time zone). liquidjs's own `date` filter already follows Ruby's strftime.
 */
import type { FilterImplOptions } from 'liquidjs';
import { DateTime } from 'luxon';
import { jekyllSlugify } from '../content/slug.js';
import { parsePostDate } from '../content/dates.js';
import { escapeHtml } from '../core/html.js';
import { absoluteUrl, siteUrl, type BaseUrl } from '../core/urls.js';
import type { LiquidSite } from './liquid-run.js';

/** The filters of this file, bound to the site's base URL, time zone and Markdown renderer. */
export function jekyllFilters(site: LiquidSite): Record<string, FilterImplOptions> {
  const toDate = (value: unknown) => toDateTime(value, site.timezone);
  return {
    relative_url: (input: unknown) => relativeUrl(site.base, input),
    absolute_url: (input: unknown) => (isExternal(input) ? String(input) : absoluteUrl(site.base, sitePath(input))),
    xml_escape: (input: unknown) => (input === undefined || input === null ? '' : escapeHtml(String(input))),
    markdownify: (input: unknown) => site.markdownify(input === undefined || input === null ? '' : String(input)),
    slugify: (input: unknown, mode?: unknown) =>
      jekyllSlugify(
        input === undefined || input === null ? '' : String(input),
        typeof mode === 'string' ? mode : 'default',
      ),
    jsonify: (input: unknown) => JSON.stringify(input ?? null),
    date_to_xmlschema: (input: unknown) => toDate(input)?.toISO({ suppressMilliseconds: true }) ?? input,
    date_to_rfc822: (input: unknown) =>
      toDate(input)?.setLocale('en').toFormat('ccc, dd LLL yyyy HH:mm:ss ZZZ') ?? input,
    date_to_string: (input: unknown) => toDate(input)?.setLocale('en').toFormat('dd LLL yyyy') ?? input,
    date_to_long_string: (input: unknown) => toDate(input)?.setLocale('en').toFormat('dd LLLL yyyy') ?? input,
    number_of_words: (input: unknown) =>
      String(input ?? '')
        .split(/\s+/)
        .filter(Boolean).length,
    array_to_sentence_string: (input: unknown, connector?: unknown) =>
      sentence(Array.isArray(input) ? input.map(String) : [], typeof connector === 'string' ? connector : 'and'),
    cgi_escape: (input: unknown) => encodeURIComponent(String(input ?? '')).replace(/%20/g, '+'),
    uri_escape: (input: unknown) => encodeURI(String(input ?? '')),
    normalize_whitespace: (input: unknown) =>
      String(input ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    // Typographic quotes are a rendering choice (markdown.typographer), not the post's: text passes through.
    smartify: (input: unknown) => (input === undefined || input === null ? '' : String(input)),
  };
}

/** Jekyll's `relative_url`: a site path (`x`, `/x`) with the base path before it; an address with a scheme or host as it is. */
export function relativeUrl(base: BaseUrl, input: unknown): string {
  return isExternal(input) ? String(input) : siteUrl(base, sitePath(input));
}

function isExternal(input: unknown): boolean {
  return typeof input === 'string' && (/^[a-z][a-z0-9+.-]*:/i.test(input) || input.startsWith('//'));
}

/** Jekyll treats `x`, `/x` and nothing alike: a path from the site root. */
function sitePath(input: unknown): string {
  const text = input === undefined || input === null ? '' : String(input);
  return text.startsWith('/') ? text : `/${text}`;
}

/** A date value of Liquid (a JS Date, an ISO or Jekyll date string, a Unix time) as a DateTime in `zone`. */
export function toDateTime(value: unknown, zone: string): DateTime | undefined {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
  if (typeof value === 'number') return DateTime.fromSeconds(value, { zone });
  if (typeof value === 'string') {
    const parsed = parsePostDate(value, zone);
    if (parsed.ok) return parsed.date;
    const iso = DateTime.fromISO(value, { zone });
    return iso.isValid ? iso : undefined;
  }
  return undefined;
}

function sentence(items: string[], connector: string): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} ${connector} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${connector} ${items[items.length - 1]}`;
}
