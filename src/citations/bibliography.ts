/**
 * Bibliographies: BibTeX files read with citation-js (its BibTeX parser, and citeproc with the APA or
 * Vancouver style for the references), as jekyll-scholar reads `_bibliography/*.bib`. A file that
 * cannot be parsed is a problem at its line and column; the entries of the others still work.
 */
import type { CslItem } from '@citation-js/core';
import { positionOf } from '../core/text-position.js';
import { authorYear } from './labels.js';

/** citation-js with its BibTeX and CSL plugins, loaded on first use: half a second that sites without citations never pay. */
async function loadCitationJs(): Promise<typeof import('@citation-js/core')> {
  const core = await import('@citation-js/core');
  await Promise.all([import('@citation-js/plugin-bibtex'), import('@citation-js/plugin-csl')]);
  return core;
}

/** How citations read: `(Einstein, 1905)` and an alphabetical list, or `[1]` and a list in citation order. */
export type CitationStyle = 'author-year' | 'numeric';

/** The entries of a post's bibliography files. */
export interface Bibliography {
  style: CitationStyle;
  has(key: string): boolean;
  /** Every key, in file order. */
  keys(): string[];
  /** `Einstein, 1905`: the author-year label of `key`. */
  label(key: string): string;
  /** The formatted references of `keys` (HTML, addresses linked), alphabetical for author-year, as given for numeric. */
  references(keys: readonly string[]): Array<{ key: string; html: string }>;
}

/** A bibliography file that could not be read, at a 1-based line and column when known. */
export interface BibliographyProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Parses `files` (site-relative path and text); the first entry of a key wins. */
export async function parseBibliography(
  files: ReadonlyArray<{ file: string; text: string }>,
  style: CitationStyle,
): Promise<{ bibliography: Bibliography; problems: BibliographyProblem[] }> {
  const { Cite } = await loadCitationJs();
  const items = new Map<string, CslItem>();
  const problems: BibliographyProblem[] = [];
  for (const { file, text } of files) {
    let parsed: CslItem[];
    try {
      parsed = (await Cite.async(text, { forceType: '@bibtex/text' })).data;
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? '';
      const at = /at line (\d+) col (\d+)/.exec(message);
      problems.push({
        file,
        ...(at ? { line: Number(at[1]), column: Number(at[2]) } : {}),
        message: `this BibTeX file cannot be read (${message.replace(/:$/, '')}): its entries are left out`,
      });
      continue;
    }
    for (const item of parsed) {
      if (items.has(item.id))
        problems.push({
          file,
          ...lineOf(text, item.id),
          message: `the key "${item.id}" is defined twice: the first entry is used`,
        });
      else items.set(item.id, item);
    }
  }
  const template = style === 'numeric' ? 'vancouver' : 'apa';
  return {
    problems,
    bibliography: {
      style,
      has: (key) => items.has(key),
      keys: () => [...items.keys()],
      label: (key) => (items.has(key) ? authorYear(items.get(key)!) : key),
      references(keys) {
        const wanted = keys.filter((k) => items.has(k));
        if (wanted.length === 0) return [];
        const html = new Cite(wanted.map((k) => items.get(k)!)).format('bibliography', {
          format: 'html',
          template,
          lang: 'en-US',
        });
        const byKey = new Map(splitEntries(html).map((e) => [e.key, e.html]));
        const order = style === 'numeric' ? wanted : [...byKey.keys()];
        return order.filter((k) => byKey.has(k)).map((key) => ({ key, html: linkAddresses(byKey.get(key)!) }));
      },
    },
  };
}

/** citeproc's `<div data-csl-entry-id="key" class="csl-entry">…</div>` pieces; Vancouver's number column is dropped. */
function splitEntries(html: string): Array<{ key: string; html: string }> {
  return html
    .split('<div data-csl-entry-id="')
    .slice(1)
    .map((chunk) => {
      const key = decodeEntities(chunk.slice(0, chunk.indexOf('"')));
      let body = chunk.slice(chunk.indexOf('>') + 1);
      const inline = body.indexOf('<div class="csl-right-inline">');
      if (inline >= 0)
        body = body.slice(inline + '<div class="csl-right-inline">'.length, body.indexOf('</div>', inline));
      else body = body.slice(0, body.indexOf('</div>'));
      return { key, html: body.trim() };
    });
}

/** DOIs and web addresses in a formatted reference become links. */
function linkAddresses(html: string): string {
  return html.replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;)]/g, (url) => `<a href="${url}">${url}</a>`);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The 1-based line and column of the entry whose key is `key` in BibTeX `text`. */
function lineOf(text: string, key: string): { line?: number; column?: number } {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = [...text.matchAll(new RegExp(`@\\w+\\s*\\{\\s*${escaped}\\s*,`, 'g'))];
  const last = matches[matches.length - 1];
  if (!last) return {};
  const { line0, column } = positionOf(text, last.index);
  return { line: line0 + 1, column };
}
