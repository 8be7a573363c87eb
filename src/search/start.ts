/** The search stage as a build runs it: started early, awaited once the pages are rendered. */
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import type { PostChanges } from '../pipeline/site-output.js';
import type { RenderedPost } from '../types.js';
import { diskSearchStore } from './search-cache.js';
import { runSearchStage, type SearchResult } from './stage.js';

/**
 * The search stage, started now and awaited when the pages are rendered. With the build's cache, the
 * last index is used again while every post keeps its revision (see output-state.ts).
 */
export function startSearch(
  rendered: readonly RenderedPost[],
  config: SiteConfig,
  siteDir: string,
  changes: PostChanges | undefined,
): { result: Promise<SearchResult>; indexing: Promise<boolean> } {
  let told!: (indexing: boolean) => void;
  const indexing = new Promise<boolean>((resolve) => (told = resolve));
  const result = runSearchStage(rendered, {
    language: config.language,
    store: changes && diskSearchStore(path.resolve(siteDir, config.cache_dir, 'search')),
    revisionOf: changes && ((r) => changes.revision(r.post.source.relPath)),
    onIndexing: () => told(true),
  });
  // Awaited after the pages: a failure meanwhile must not count as unhandled.
  result.then(
    () => told(false),
    () => told(false),
  );
  return { result, indexing };
}
