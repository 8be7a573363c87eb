/** Slugs for URLs: post slugs and taxonomy term slugs. */
import slugifyText from '@sindresorhus/slugify';

// Programming-language names would otherwise collapse: "C++", "C#" and "C" all to "c".
const REPLACEMENTS: Array<[string, string]> = [
  ['++', ' pp '],
  ['#', ' sharp '],
  ['&', ' and '],
];

/** URL-safe lower-case slug; non-Latin letters are transliterated. */
export function slugify(text: string): string {
  return slugifyText(text.normalize('NFC'), { customReplacements: REPLACEMENTS, decamelize: false });
}

/**
 * The key under which two spellings are one term: Unicode NFKC (so composed and decomposed accents,
 * and full-width letters, compare equal), lower case, inner spaces collapsed.
 */
export function termKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}
