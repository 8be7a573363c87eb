/**
 * The search index in shards. Pagefind cannot change one page of an index: any change makes the whole
 * index again, which on a site of thousands of posts takes seconds. So a large site's posts are split
 * into shards of at most SEARCH_SHARD_SIZE posts, each its own Pagefind index, and a build with one
 * post changed makes only that post's shard again. A post's shard comes from a hash of its source
 * path, so it keeps its shard while the site grows, until the number of shards doubles. The first
 * shard is the index the search box loads (`/pagefind/`); the others (`/pagefind/shard-N/`) are
 * merged into it in the reader's browser (Pagefind's `mergeIndex`). A site of up to
 * SEARCH_SHARD_SIZE posts has one index, as if there were no shards.
 */
import { createHash } from 'node:crypto';
import { siteUrl, type BaseUrl } from '../core/urls.js';
import type { RenderedPost } from '../types.js';
import { isSearchable } from './documents.js';

/** Posts per shard, at most: about a second and a half of Pagefind's time on this project's 2-core machine. */
export const SEARCH_SHARD_SIZE = 1000;

/** Where the index goes in the output; the search box loads `pagefind.js` from here. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** Shards for `posts` searchable posts: 1 up to `size`, then the power of two that keeps each at most `size`. */
export function shardCount(posts: number, size = SEARCH_SHARD_SIZE): number {
  return posts <= size ? 1 : 2 ** Math.ceil(Math.log2(posts / size));
}

/** The shard of the post at `relPath`, among `count`. */
export function shardOf(relPath: string, count: number): number {
  if (count === 1) return 0;
  return createHash('sha256').update(relPath).digest().readUInt32BE(0) % count;
}

/** The folder of shard `i` in the output: `pagefind/`, `pagefind/shard-1/`, … */
export function shardDir(i: number): string {
  return i === 0 ? `${SEARCH_BUNDLE_DIR}/` : `${SEARCH_BUNDLE_DIR}/shard-${i}/`;
}

/** What the search box is told: the index it loads, those it merges, and the site's base path. */
export interface SearchView {
  bundle: string;
  /** The other shards' folders (URLs), merged into the first. */
  shards: string[];
  /** The base path, which Pagefind puts in front of the URLs of every shard's results. */
  base: string;
}

/** The search box's view of a site with these posts (the site graph's). */
export function searchView(posts: readonly RenderedPost[], base: BaseUrl, size = SEARCH_SHARD_SIZE): SearchView {
  const count = shardCount(posts.filter(isSearchable).length, size);
  return {
    bundle: siteUrl(base, `/${shardDir(0)}`),
    shards: Array.from({ length: count - 1 }, (_, i) => siteUrl(base, `/${shardDir(i + 1)}`)),
    base: base.basePath,
  };
}
