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
export function citationHtml(bibliography: Bibliography, keys: readonly string[], number: (key: string) => number, locator?: string): string {
  const numeric = bibliography.style === 'numeric';
  const parts = keys.map((key) => `<a href="#${escapeHtml(referenceId(key))}">${escapeHtml(numeric ? String(number(key)) : bibliography.label(key))}</a>`);
  const where = locator ? `, ${escapeHtml(locator)}` : '';
  return numeric ? `<span class="citation">[${parts.join(', ')}${where}]</span>` : `<span class="citation">(${parts.join('; ')}${where})</span>`;
}

/** A reference list of `keys`, on one line (one HTML block): numbered for numeric style, in citation order. */
export function referenceListHtml(bibliography: Bibliography, keys: readonly string[]): string {
  const tag = bibliography.style === 'numeric' ? 'ol' : 'ul';
  const items = bibliography.references(keys).map(({ key, html }) => `<li id="${escapeHtml(referenceId(key))}">${html}</li>`);
  return `<${tag} class="references">${items.join('')}</${tag}>`;
}
