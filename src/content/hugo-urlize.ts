/**
 * Hugo's path making, as Hugo 0.111 writes URLs (checked against Debian's `hugo`): letters, digits,
 * marks and `. _ # ~ - / \` are kept, valid `%XX` escapes are decoded, whitespace becomes one hyphen
 * (none next to a hyphen, none at the start), everything else is dropped, and the result is lower
 * case. `:title` and `:slug` drop `+` as a separator as well (`C++ rust` → `c-rust`); term and file
 * paths keep it (`C++` → `/tags/c++/`).
 */

/** How a piece of text becomes a piece of a Hugo URL. */
export type HugoPathKind = 'title' | 'path';

/** `text` as Hugo puts it into a URL (see the module comment). */
export function hugoUrlize(text: string, kind: HugoPathKind = 'title'): string {
  const source = [...decodeEscapes(text)];
  let out = '';
  let hyphen = false;
  for (const ch of source) {
    if (isKept(ch, kind)) {
      if (hyphen && out !== '' && !out.endsWith('-') && ch !== '-') out += '-';
      hyphen = false;
      out += ch;
    } else if (/\s/u.test(ch) || (kind === 'title' && ch === '+')) hyphen = true;
  }
  return out.toLowerCase();
}

function isKept(ch: string, kind: HugoPathKind): boolean {
  if (/[\p{L}\p{N}\p{M}._#~\-/\\]/u.test(ch)) return true;
  return kind === 'path' && ch === '+';
}

/** Valid `%XX` escapes decoded (as Hugo's sanitizer keeps them and the URL is then read); others are left for the sanitizer to drop. */
function decodeEscapes(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return '';
    }
  });
}
