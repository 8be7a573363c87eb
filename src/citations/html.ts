/**
 * Citations and reference lists as HTML: `(Einstein, 1905; Knuth & Bibby, 1984)` or `[1, 2]`, each
 * part a link to its entry (`#ref-key`) in the post's reference list.
 */
import { escapeHtml } from '../core/html.js';
import type { Bibliography } from './bibliography.js';

/** The id of `key`'s entry in a reference list. */
export function referenceId(key: string): string {
  return `ref-${key.replace(/\s+/g, '-')}`;
}

/**
 * A citation of `keys` (all known to `bibliography`); `number` gives a key's number in the post for
 * numeric style; `locator` (a page, `p. 23`) follows the last key.
 */
export function citationHtml(
  bibliography: Bibliography,
  keys: readonly string[],
  number: (key: string) => number,
  locator?: string,
): string {
  return citationPartsHtml(
    bibliography,
    keys.map((key, i) => (locator && i === keys.length - 1 ? { key, locator } : { key })),
    number,
  );
}

/** A citation of `parts` (keys known to `bibliography`), each followed by its own locator when it has one. */
export function citationPartsHtml(
  bibliography: Bibliography,
  parts: ReadonlyArray<{ key: string; locator?: string }>,
  number: (key: string) => number,
): string {
  const numeric = bibliography.style === 'numeric';
  const html = parts.map(({ key, locator }) => {
    const link = `<a href="#${escapeHtml(referenceId(key))}">${escapeHtml(numeric ? String(number(key)) : bibliography.label(key))}</a>`;
    return locator ? `${link}, ${escapeHtml(locator)}` : link;
  });
  return numeric
    ? `<span class="citation">[${html.join(', ')}]</span>`
    : `<span class="citation">(${html.join('; ')})</span>`;
}

/** The text shown for `keys` that are not in the bibliography. */
export function missingCitationHtml(keys: readonly string[]): string {
  return `<span class="citation citation-missing">(missing reference: ${escapeHtml(keys.join(', '))})</span>`;
}

/** The heading and reference list added at the end of a post that cited without listing its references. */
export function referencesSectionHtml(bibliography: Bibliography, keys: readonly string[]): string {
  return `<h2 id="references" class="references-title">References</h2>\n${referenceListHtml(bibliography, keys)}`;
}

/** A reference list of `keys`, on one line (one HTML block): numbered for numeric style, in citation order. */
export function referenceListHtml(bibliography: Bibliography, keys: readonly string[]): string {
  const tag = bibliography.style === 'numeric' ? 'ol' : 'ul';
  const items = bibliography
    .references(keys)
    .map(({ key, html }) => `<li id="${escapeHtml(referenceId(key))}">${html}</li>`);
  return `<${tag} class="references">${items.join('')}</${tag}>`;
}
