/**
 * The front matter keys a post is listed by: its terms (tags, categories, and the taxonomies of the
 * `taxonomies` setting) and, for a Hugo page, the date keys Hugo reads after `date`.
 */
import { keyIgnoringCase } from '../core/objects.js';
import type { FrontMatter } from './meta-schema.js';

/** Hugo's date keys after `date`, in the order it reads them; its keys have no case. */
export const HUGO_DATE_KEYS = ['publishdate', 'pubdate', 'published', 'lastmod', 'modified'];

/** Hugo's keys of a page's last change, in the order it reads them. */
export const HUGO_LASTMOD_KEYS = ['lastmod', 'modified'];

/** The first of `keys` (lower case) that `fm` gives a date text for, as [key as written, value]. */
export function hugoDateKey(fm: Record<string, unknown>, keys: readonly string[]): [string, string] | undefined {
  for (const wanted of keys) {
    const key = keyIgnoringCase(fm, wanted);
    const value = key === undefined ? undefined : fm[key];
    if (typeof value === 'string' && value.trim() !== '') return [key!, value];
  }
  return undefined;
}

/** Most tags, and most categories, one post may have (each is a page and a feed of the site). */
export const MAX_TERMS_PER_POST = 100;

/**
 * A string is split on whitespace as Jekyll does (with `split`; Hugo keeps it whole); lists keep their
 * items. Duplicates and blanks go.
 */
export function termList(value: FrontMatter['tags'], split = true): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.map(String) : split ? String(value).split(/\s+/) : [String(value)];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item && !seen.has(item)) {
      seen.add(item);
      out.push(item);
    }
  }
  return out;
}

/**
 * The terms `fm` gives for each taxonomy of the `taxonomies` setting (a key matched without case, as
 * Hugo reads it), with the key as written; or the key whose value is not a string or list of strings.
 */
export function otherTerms(
  fm: Record<string, unknown>,
  taxonomies: Record<string, string>,
  split: boolean,
): { ok: true; terms: Record<string, string[]>; keys: Record<string, string> } | { ok: false; key: string } {
  const terms: Record<string, string[]> = {};
  const keys: Record<string, string> = {};
  for (const name of Object.keys(taxonomies)) {
    const key = keyIgnoringCase(fm, name);
    if (key === undefined) continue;
    const value = fm[key];
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
    if (value !== null && !scalar(value) && !(Array.isArray(value) && value.every(scalar))) return { ok: false, key };
    const list = termList(value as FrontMatter['tags'], split);
    if (list.length > 0) {
      terms[name] = list;
      keys[name] = key;
    }
  }
  return { ok: true, terms, keys };
}
