/**
 * The last search index made for the site, in `<cache_dir>/search/index.bin`, with the key of what
 * it was made from (see stage.ts): a build whose posts did not change uses it instead of running
 * Pagefind again. One file: a JSON header line (the key, each file's path and size), then the files'
 * bytes one after another. Only the latest index is kept; it is replaced whole (write, then rename).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SearchFile } from './pagefind-index.js';

interface Header {
  key: string;
  files: Array<[path: string, size: number]>;
}

/** The cached index's files when it was made with `key`; undefined when there is none, another, or a broken one. */
export async function readSearchCache(dir: string, key: string): Promise<SearchFile[] | undefined> {
  const bytes = await readFile(path.join(dir, 'index.bin')).catch(() => undefined);
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

/** Stores `files` as the index made with `key`, replacing the one before. */
export async function writeSearchCache(dir: string, key: string, files: readonly SearchFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const header: Header = { key, files: files.map((f) => [f.path, f.contents.length]) };
  const target = path.join(dir, 'index.bin');
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...files.map((f) => f.contents)]));
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
