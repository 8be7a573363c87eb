/** The kramdown differential corpus: our own small documents and kramdown's committed output for each. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/kramdown */
export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/kramdown');

/** One document of the corpus. */
export interface CorpusCase {
  name: string;
  markdown: string;
  /** kramdown's HTML, as committed. */
  expected: string;
}

/** Every case, by name. */
export function loadCorpus(): CorpusCase[] {
  return readdirSync(path.join(CORPUS_DIR, 'cases'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -3);
      return {
        name,
        markdown: readFileSync(path.join(CORPUS_DIR, 'cases', file), 'utf8'),
        expected: readFileSync(path.join(CORPUS_DIR, 'expected', `${name}.html`), 'utf8'),
      };
    });
}
