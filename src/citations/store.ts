/**
 * The bibliographies of one build: the site's files (`bibliography.files`, or `scholar:` in
 * `_config.yml`) and, for a post that names its own with front matter `bibliography:`, those too. Each
 * combination is parsed once; each problem is reported once.
 */
import type { SiteReader } from '../core/site-reader.js';
import { parseBibliography, type Bibliography, type BibliographyProblem, type CitationStyle } from './bibliography.js';

/** Largest BibTeX file read. */
export const MAX_BIBLIOGRAPHY_BYTES = 20 * 1024 * 1024;

/** A post's bibliography. */
export interface BibliographyStore {
  /** The site's entries, and those of `postFiles` (front matter names) when given; undefined when there are none. */
  forPost(postFiles: readonly string[]): Promise<Bibliography | undefined>;
}

/** Where a post's `bibliography: name.bib` is looked for: al-folio's folder, jekyll-scholar's, then the site. */
const POST_FOLDERS = ['assets/bibliography/', '_bibliography/', ''];

/** A store over `siteFiles`, reporting problems (once each) to `report`. */
export function createBibliographyStore(
  reader: SiteReader,
  siteFiles: readonly string[],
  style: CitationStyle,
  report: (problem: BibliographyProblem) => void,
): BibliographyStore {
  const parsed = new Map<string, Promise<Bibliography | undefined>>();
  const reported = new Set<string>();
  const once = (problem: BibliographyProblem) => {
    const key = `${problem.file}:${problem.line}:${problem.message}`;
    if (!reported.has(key)) report(problem);
    reported.add(key);
  };
  const load = async (files: readonly string[]): Promise<Bibliography | undefined> => {
    const texts: Array<{ file: string; text: string }> = [];
    for (const file of files) {
      const got = await reader.readText(file, MAX_BIBLIOGRAPHY_BYTES);
      if (got.ok) texts.push({ file, text: got.text });
      else once({ file, message: `bibliography: ${got.reason}` });
    }
    if (texts.length === 0) return undefined;
    const { bibliography, problems } = await parseBibliography(texts, style);
    problems.forEach(once);
    return bibliography;
  };
  const locate = async (name: string): Promise<string> => {
    for (const folder of POST_FOLDERS) {
      const candidate = `${folder}${name.replace(/^\/+/, '')}`;
      const found = await reader.exists(candidate);
      if (!found.ok || found.exists) return candidate;
    }
    return name.replace(/^\/+/, '');
  };
  return {
    async forPost(postFiles) {
      const files = [...siteFiles, ...(await Promise.all(postFiles.map(locate)))];
      const key = files.join('\n');
      let pending = parsed.get(key);
      if (!pending) parsed.set(key, (pending = load(files)));
      return pending;
    },
  };
}

/** Front matter `bibliography:` (al-folio's Distill posts): a file name or a list of them. */
export function postBibliographyFiles(value: unknown): string[] {
  if (typeof value === 'string' && value.trim() !== '') return [value.trim()];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
    : [];
}
