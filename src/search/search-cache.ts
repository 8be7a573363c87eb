/**
 * The last search index made for each shard of the site, in `<cache_dir>/search/shard-N.bin`, with the
 * key of what it was made from (see stage.ts): a build whose shard's posts did not change uses it
 * instead of running Pagefind again. One file per shard: a JSON header line (the key, each file's path
 * and size), then the files' bytes one after another. Only the latest index of a shard is kept; it is
 * replaced whole (write, then rename).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileWhole } from '../core/fs.js';
import type { SearchFile } from './pagefind-index.js';
import type { SearchStore } from './stage.js';

interface Header {
  key: string;
  files: Array<[path: string, size: number]>;
}

/** The store of a build: the shards' files in `dir` (`<cache_dir>/search`). */
export function diskSearchStore(dir: string): SearchStore {
  const file = (shard: number) => path.join(dir, `shard-${shard}.bin`);
  return {
    read: (shard, key) => readSearchCache(file(shard), key),
    write: (shard, key, files) => writeSearchCache(file(shard), key, files),
  };
}

/** The cached index's files when it was made with `key`; undefined when there is none, another, or a broken one. */
async function readSearchCache(target: string, key: string): Promise<SearchFile[] | undefined> {
  const bytes = await readFile(target).catch(() => undefined);
  if (!bytes) return undefined;
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (header.key !== key || !Array.isArray(header.files)) return undefined;
  const files: SearchFile[] = [];
  let at = newline + 1;
  for (const [filePath, size] of header.files) {
    if (typeof filePath !== 'string' || !Number.isInteger(size) || at + size > bytes.length) return undefined;
    files.push({ path: filePath, contents: bytes.subarray(at, at + size) });
    at += size;
  }
  return at === bytes.length ? files : undefined;
}

/** Stores `files` as the index made with `key`, replacing the one before; a failure costs the next build an indexing run. */
async function writeSearchCache(target: string, key: string, files: readonly SearchFile[]): Promise<void> {
  const header: Header = { key, files: files.map((f) => [f.path, f.contents.length]) };
  const bytes = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...files.map((f) => f.contents)]);
  await writeFileWhole(target, bytes).catch(() => undefined);
}
