/**
 * "Cite this post" (al-folio's `citation: true`): a reference to the post as text, and a BibTeX entry,
 * from its title, its authors (front matter `authors`, al-folio's list of names or of `{name: …}`, else
 * the site's author), its date, the site's title and its absolute URL.
 */
import type { SiteConfig } from '../config/schema.js';
import { titleText } from '../markdown/math/title.js';
import type { Post } from '../types.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';

/** What the post layout shows under "Cite this post". */
export interface PostCitation {
  /** `Ada Example, "Title", Site, 2024.` */
  reference: string;
  /** A BibTeX `@article` entry. */
  bibtex: string;
}

/** The citation of `post`, when its front matter asks for one. */
export function postCitation(post: Post, config: SiteConfig, base: BaseUrl): PostCitation | undefined {
  if (post.meta.data['citation'] !== true) return undefined;
  const authors = authorNames(post.meta.data['authors']);
  const names = authors.length > 0 ? authors : config.author ? [config.author] : [];
  const title = titleText(post.meta.title);
  const year = post.meta.undated ? 'n.d.' : post.meta.date.slice(0, 4);
  const url = absoluteUrl(base, post.url);
  const who =
    names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
  const reference = `${who ? `${who}, ` : ''}"${title}", ${config.title}, ${year}.`;
  const family = (names[0] ?? 'post').split(/\s+/).pop()!;
  const key = `${family}${year}${title.split(/\s+/).find((w) => /\w{3,}/.test(w)) ?? ''}`
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const fields: Array<[string, string]> = [
    ['title', title],
    ...(names.length > 0 ? ([['author', names.join(' and ')]] as Array<[string, string]>) : []),
    ['journal', config.title],
    ['year', year],
    ['url', url],
  ];
  const bibtex = `@article{${key},\n${fields.map(([k, v]) => `  ${k.padEnd(7)} = {${bibtexText(v, k === 'url')}}`).join(',\n')}\n}`;
  return { reference, bibtex };
}

/** al-folio's `authors`: a list of names, or of maps with a `name`. */
function authorNames(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value
    .map((a) =>
      typeof a === 'string'
        ? a
        : a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string'
          ? (a as { name: string }).name
          : '',
    )
    .filter((n) => n.trim() !== '');
}

/** Text for a braced BibTeX field: TeX's special characters escaped (an address keeps its `%`, `#` and `_`). */
function bibtexText(text: string, address: boolean): string {
  if (address) return text.replace(/[{}\\]/g, (c) => encodeURIComponent(c));
  return text.replace(/[\\{}&%$#_^~]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`,
  );
}
