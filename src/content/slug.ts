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
 * Jekyll's `:title` (its slugify in "pretty" mode, cased): runs of characters other than letters,
 * digits and `._~!$&'()+,;=@` become one hyphen, and case is kept, so `from-GAN-to-WGAN` stays as it is
 * and existing links to a Jekyll post keep working.
 */
export function jekyllTitleSlug(text: string): string {
  return text.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '');
}

/**
 * The key under which two spellings are one term: Unicode NFKC (so composed and decomposed accents,
 * and full-width letters, compare equal), lower case, inner spaces collapsed.
 */
export function termKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** Jekyll's `slugify`: modes `none`, `raw`, `default`, `pretty`, `ascii` and `latin`; lower case. */
export function jekyllSlugify(text: string, mode: string): string {
  let out: string;
  switch (mode) {
    case 'none':
      return text;
    case 'raw':
      out = text.replace(/\s+/g, '-');
      break;
    case 'pretty':
      out = text.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-');
      break;
    case 'ascii':
      out = text.replace(/[^a-zA-Z0-9]+/g, '-');
      break;
    case 'latin':
      out = text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-zA-Z0-9]+/g, '-');
      break;
    default:
      out = text.replace(/[^\p{L}\p{N}]+/gu, '-');
  }
  return out.replace(/^-+|-+$/g, '').toLowerCase();
}
