/**
 * The search stage: the site's posts indexed by Pagefind, one index per shard (see shards.ts), each
 * taken from a store (the build's cache, the dev server's memory) when none of its posts changed.
 * What it cannot do is a warning, and the site is built without search (the search box says so when
 * opened).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics.js';
import { sha256 } from '../core/hash.js';
import { type CodeInputs, collectCodeInputs } from '../markdown/cache-inputs.js';
import type { OutputFile, RenderedPost } from '../types.js';
import { heavyMarkup, isSearchable, SEARCH_EXCLUDED, searchDocument } from './documents.js';
import { indexDocuments, SearchIndexError, type SearchFile } from './pagefind-index.js';
import { SEARCH_SHARD_SIZE, shardCount, shardDir, shardOf } from './shards.js';

/** Where made indexes are kept, by shard, with the key of what each was made from. */
export interface SearchStore {
  read(shard: number, key: string): Promise<readonly SearchFile[] | undefined>;
  write(shard: number, key: string, files: readonly SearchFile[]): Promise<void>;
}

/** What the stage needs to know of the site. */
export interface SearchOptions {
  language: string;
  /** Indexes made before; undefined: none (every shard is indexed). */
  store?: SearchStore;
  /**
   * A value that changes whenever the post's rendered HTML or front matter may have (the render
   * cache's key and the post's fields). Without it a shard's key is made from its documents.
   */
  revisionOf?: (rendered: RenderedPost) => string | number;
  /** Posts per shard, at most (default SEARCH_SHARD_SIZE; the search box's view must use the same). */
  shardSize?: number;
  /**
   * Pagefind processes that index shards side by side, at most (default: the machine's cores). The
   * index is the same whatever the number: each shard is made by one process, from the same documents.
   */
  services?: number;
  /** Told when Pagefind starts on the first shard not in the store (the stage then takes a second or more). */
  onIndexing?: () => void;
}

/** What the stage made. */
export interface SearchResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Posts in the index. */
  documents: number;
  /** Shards, and how many of them came from the store. */
  shards: number;
  kept: number;
  /** Whether the whole index came from the store. */
  cached: boolean;
  /** Bytes of the index's files. */
  bytes: number;
  /**
   * Puts the newly made shards in the store: called once the site is written (a build that fails
   * leaves nothing behind, the cache included). Absent when there is nothing to keep.
   */
  keep?: () => Promise<void>;
}

/** Indexes the searchable posts of `posts` (the site graph's). */
export async function runSearchStage(posts: readonly RenderedPost[], options: SearchOptions): Promise<SearchResult> {
  const searchable = posts.filter(isSearchable);
  const count = shardCount(searchable.length, options.shardSize ?? SEARCH_SHARD_SIZE);
  const shards: RenderedPost[][] = Array.from({ length: count }, () => []);
  for (const r of searchable) shards[shardOf(r.post.source.relPath, count)]!.push(r);
  const { store, revisionOf } = options;
  const code = store && searchCode();
  // The reducer of heavy markup and its HTML parser: loaded when a document of such a post is made.
  let slim: ((html: string) => string) | undefined;
  const documentsOf = async (members: readonly RenderedPost[]) => {
    if (!slim && members.some(heavyMarkup)) slim = (await import('./slim-html.js')).slimHtml;
    return (r: RenderedPost) => searchDocument(r, options.language, slim);
  };
  const shardIndex = async (
    shard: number,
    members: readonly RenderedPost[],
    service: number,
    stopped: () => boolean,
  ) => {
    // Made only when needed: a post's HTML is read from the cache's pack on first use.
    const documents = revisionOf && store ? undefined : members.map(await documentsOf(members));
    const key =
      code &&
      sha256(
        JSON.stringify([
          code,
          SEARCH_EXCLUDED,
          options.language,
          count,
          shard,
          documents ?? members.map((r) => [r.post.url, revisionOf!(r)]),
        ]),
      );
    const stored = key ? await store!.read(shard, key) : undefined;
    if (stored) return { files: stored, made: false, key };
    options.onIndexing?.();
    const files = documents
      ? await indexDocuments(documents, (d) => d, SEARCH_EXCLUDED, service, stopped)
      : await indexDocuments(members, await documentsOf(members), SEARCH_EXCLUDED, service, stopped);
    return { files, made: true, key };
  };
  try {
    const indexes = await eachShard(shards, options.services ?? availableParallelism(), shardIndex);
    const made: Array<{ shard: number; key: string; files: readonly SearchFile[] }> = [];
    const files: OutputFile[] = [];
    let kept = 0;
    for (const [shard, index] of indexes.entries()) {
      if (!index.made) kept++;
      else if (index.key) made.push({ shard, key: index.key, files: index.files });
      for (const f of index.files)
        files.push({ outputPath: shardDir(shard) + f.path, contents: f.contents, from: 'search index (Pagefind)' });
    }
    return {
      files,
      diagnostics: [],
      documents: searchable.length,
      shards: count,
      kept,
      cached: kept === count,
      bytes: files.reduce((sum, f) => sum + f.contents.length, 0),
      ...(made.length > 0 && store
        ? { keep: async () => void (await Promise.all(made.map((m) => store.write(m.shard, m.key, m.files)))) }
        : {}),
    };
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
      shards: 0,
      kept: 0,
      cached: false,
      bytes: 0,
    };
  }
}

/**
 * Runs `task` on every shard, `services` at a time at most, each in a Pagefind process of its own
 * (service 0, 1, …): Pagefind indexes on one core, so a site of several shards on a machine of
 * several cores has them indexed side by side. The results are in the shards' order, whatever order
 * they finished in. After a failure the other shards stop, and once every lane has ended, the first
 * failure is thrown.
 */
async function eachShard<T>(
  shards: readonly RenderedPost[][],
  services: number,
  task: (shard: number, members: readonly RenderedPost[], service: number, stopped: () => boolean) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  const errors: unknown[] = [];
  const stopped = () => errors.length > 0;
  let next = 0;
  // A lane never throws: its error is kept, and the others stop at their next document.
  const lane = async (service: number) => {
    while (!stopped() && next < shards.length) {
      const shard = next++;
      try {
        results[shard] = await task(shard, shards[shard]!, service, stopped);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(shards.length, Number.isFinite(services) ? services : 1));
  // Every lane has ended before the stage answers, so nothing of a failed build still runs.
  await Promise.all(Array.from({ length: lanes }, (_, service) => lane(service)));
  if (errors.length > 0) throw errors[0];
  return results;
}

/**
 * This stage's code and the packages it uses (Pagefind's version among them), for the store's keys;
 * undefined when it cannot be read, and then nothing is kept.
 */
function searchCode(): CodeInputs | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    return collectCodeInputs([fileURLToPath(import.meta.url).replace(/\.ts$/, '.js')], path.dirname(here));
  } catch {
    return undefined;
  }
}
