/**
 * What the `distill` layout shows besides the post (al-folio's Distill front matter): the authors with
 * their affiliations, the table of contents listed by heading name, and the post's own CSS (`_styles`).
 */
import { jekyllSlugify } from '../content/slug.js';
import { isScriptUrl } from '../markdown/attribute-policy.js';
import nunjucks from 'nunjucks';
import type { TocEntry } from '../types.js';

/** A name with an optional link. */
export interface DistillLink {
  name: string;
  url: string | undefined;
}

/** One author of a Distill post. */
export interface DistillAuthor extends DistillLink {
  affiliations: DistillLink[];
}

/** One entry of a Distill post's table of contents, linked to the heading of that name. */
export interface DistillTocItem {
  name: string;
  id: string;
  children: DistillTocItem[];
}

/** The view of a Distill post's front matter. */
export interface DistillView {
  authors: DistillAuthor[];
  toc: DistillTocItem[];
  /** `_styles` as the text of a `<style>` element (marked safe: it cannot close the element). */
  styles: nunjucks.runtime.SafeString | undefined;
}

/** The Distill view of front matter `data`, with `headings` the post's headings (for the contents' ids). */
export function distillView(data: Record<string, unknown>, headings: readonly TocEntry[]): DistillView {
  const styles =
    typeof data['_styles'] === 'string' && data['_styles'].trim() !== '' ? styleText(data['_styles']) : undefined;
  return {
    authors: list(data['authors'])
      .map(author)
      .filter((a): a is DistillAuthor => a !== undefined),
    toc: list(data['toc'])
      .map((entry) => tocItem(entry, headings))
      .filter((t): t is DistillTocItem => t !== undefined),
    styles: styles === undefined ? undefined : new nunjucks.runtime.SafeString(styles),
  };
}

/** CSS text that cannot end its `<style>` element: every `</style` (any case) loses its `<`. */
export function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '\\3C/$1');
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;
}

/** A name with a link from `{name, url}` or a plain name. */
function link(value: unknown): DistillLink | undefined {
  if (typeof value === 'string') return text(value) ? { name: value.trim(), url: undefined } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const name = text(record['name']);
  return name ? { name, url: safeUrl(text(record['url'])) } : undefined;
}

/** al-folio's `{name, url, affiliations: {name, url}}` (affiliations may also be a list). */
function author(value: unknown): DistillAuthor | undefined {
  const who = link(value);
  if (!who) return undefined;
  const affiliations =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['affiliations'] : undefined;
  const all = Array.isArray(affiliations) ? affiliations : affiliations === undefined ? [] : [affiliations];
  return { ...who, affiliations: all.map(link).filter((a): a is DistillLink => a !== undefined) };
}

/** A link address that cannot run a script (the check attribute lists use, which also sees `java\tscript:`). */
function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && !isScriptUrl(url) ? url : undefined;
}

/** `{name, subsections}`: linked to the heading whose text is `name`, else to the id al-folio's `slugify` gives. */
function tocItem(value: unknown, headings: readonly TocEntry[]): DistillTocItem | undefined {
  const entry = link(value);
  if (!entry) return undefined;
  const subsections =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['subsections'] : undefined;
  const wanted = normalise(entry.name);
  const heading = headings.find((h) => normalise(h.text) === wanted);
  return {
    name: entry.name,
    id: heading?.id ?? jekyllSlugify(entry.name, 'default'),
    children: list(subsections)
      .map((s) => tocItem(s, headings))
      .filter((t): t is DistillTocItem => t !== undefined),
  };
}

function normalise(name: string): string {
  // Headings went through typographic quotes; the front matter names did not.
  return name.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}
