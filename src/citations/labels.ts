/**
 * Author-year labels (`Einstein, 1905`, `Knuth & Bibby, 1984`, `Lamport et al., 1982`) from CSL-JSON,
 * as APA cites in text: family names, "&" for two, "et al." from three, the year of publication.
 */
import type { CslItem } from '@citation-js/core';

/** The label of `item`, without parentheses. */
export function authorYear(item: CslItem): string {
  const people = (item.author?.length ? item.author : item.editor) ?? [];
  const names = people.map((p) => p.family ?? p.literal ?? p.given ?? '').filter(Boolean);
  const who =
    names.length === 0
      ? (item.title ?? item.id)
      : names.length === 1
        ? names[0]!
        : names.length === 2
          ? `${names[0]} & ${names[1]}`
          : `${names[0]} et al.`;
  return `${who}, ${year(item)}`;
}

/** The year of `item`, or "n.d." as APA writes a missing one. */
export function year(item: CslItem): string {
  const first = item.issued?.['date-parts']?.[0]?.[0];
  return first !== undefined ? String(first) : (item.issued?.literal ?? 'n.d.');
}
