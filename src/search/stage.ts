/**
 * The search stage: the site's posts indexed by Pagefind into `/pagefind/`, or the last index taken
 * from the cache when nothing it was made from changed. What it cannot do is a warning, and the site is
 * built without search (the search box says so when opened).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics.js';
import { sha256 } from '../core/hash.js';
import { type CodeInputs, collectCodeInputs } from '../markdown/cache-inputs.js';
import type { OutputFile, RenderedPost } from '../types.js';
import { isSearchable, SEARCH_EXCLUDED, searchDocument } from './documents.js';
import { indexDocuments, SEARCH_BUNDLE_DIR, SearchIndexError, type SearchFile } from './pagefind-index.js';
import { readSearchCache, writeSearchCache } from './search-cache.js';

/** What the stage needs to know of the site. */
export interface SearchOptions {
  language: string;
  /** `<cache_dir>/search`; undefined: no cache (every build indexes). */
  cacheDir?: string;
  /**
   * A value that changes whenever the post's rendered HTML or front matter may have (the render
   * cache's key and the post's fields). Without it the key is made from the documents themselves.
   */
  revisionOf?: (rendered: RenderedPost) => string | number;
}

/** What the stage made. */
export interface SearchResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Posts in the index. */
  documents: number;
  /** Whether the index came from the cache. */
  cached: boolean;
  /** Bytes of the index's files. */
  bytes: number;
  /**
   * Keeps a newly made index in the cache, for the next build: called once the site is written
   * (a build that fails leaves nothing behind, the cache included). Absent when there is nothing to keep.
   */
  keep?: () => Promise<void>;
}

/** Indexes the searchable posts of `posts` (the site graph's). */
export async function runSearchStage(posts: readonly RenderedPost[], options: SearchOptions): Promise<SearchResult> {
  const searchable = posts.filter(isSearchable);
  const documents = () => searchable.map((r) => searchDocument(r, options.language));
  const result = (files: SearchFile[], cached: boolean): SearchResult => ({
    files: files.map((f) => ({
      outputPath: `${SEARCH_BUNDLE_DIR}/${f.path}`,
      contents: f.contents,
      from: 'search index (Pagefind)',
    })),
    diagnostics: [],
    documents: searchable.length,
    cached,
    bytes: files.reduce((sum, f) => sum + f.contents.length, 0),
  });
  try {
    const { cacheDir, revisionOf } = options;
    const code = cacheDir && searchCode();
    if (!cacheDir || !code) return result(await indexDocuments(documents(), SEARCH_EXCLUDED), false);
    const made = revisionOf ? undefined : documents();
    const key = sha256(
      JSON.stringify([
        code,
        SEARCH_EXCLUDED,
        options.language,
        made ?? searchable.map((r) => [r.post.url, revisionOf!(r)]),
      ]),
    );
    const kept = await readSearchCache(cacheDir, key);
    if (kept) return result(kept, true);
    const files = await indexDocuments(made ?? documents(), SEARCH_EXCLUDED);
    // A cache that cannot be written costs the next build an indexing run, nothing more.
    const keep = () => writeSearchCache(cacheDir, key, files).catch(() => undefined);
    return { ...result(files, false), keep };
  } catch (error) {
    if (!(error instanceof SearchIndexError)) throw error;
    return {
      files: [],
      diagnostics: [
        {
          severity: 'warning',
          code: 'search',
          message: `${error.message}: the site is built without its search index (set "search: false" in inkstone.yml to leave search out)`,
        },
      ],
      documents: 0,
      cached: false,
      bytes: 0,
    };
  }
}

/**
 * This stage's code and the packages it uses (Pagefind's version among them), for the cache's key;
 * undefined when it cannot be read, and then nothing is cached.
 */
function searchCode(): CodeInputs | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    return collectCodeInputs([fileURLToPath(import.meta.url).replace(/\.ts$/, '.js')], path.dirname(here));
  } catch {
    return undefined;
  }
}
