/**
 * Finds the Markdown posts of a site: `posts/**\/*.md`, plus Jekyll's `_posts/` and `_drafts/`
 * (where Jekyll's `.markdown` extension is read too).
 */
import { readFile, stat } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { VanishedFileError } from '../core/containment.js';
import { sha256 } from '../core/hash.js';
import type { SourceFile } from '../types.js';
import path from 'node:path';

/** Folders whose Markdown files are posts, relative to the site directory. */
export const POST_DIRS = ['posts', '_posts'] as const;

/** Jekyll's folder of drafts: its posts are drafts, built only with `--drafts`. */
export const DRAFTS_DIR = '_drafts';

/** True for a source in `_posts/` or `_drafts/`, Jekyll's folders (whose bodies are Liquid templates). */
export function isJekyllSource(relPath: string): boolean {
  return relPath.startsWith('_posts/') || relPath.startsWith(`${DRAFTS_DIR}/`);
}

/** Reads every post source of `siteDir`, sorted by relative path. Symbolic links are not followed. */
export async function discoverPosts(siteDir: string): Promise<SourceFile[]> {
  const relPaths = await listPostPaths(siteDir);
  return Promise.all(relPaths.map((relPath) => readPostSource(siteDir, relPath)));
}

/** The relative paths (forward slashes, sorted) of the post sources of `siteDir`, as discoverPosts reads them. */
export async function listPostPaths(siteDir: string): Promise<string[]> {
  const relPaths = await glob(['posts/**/*.md', '_posts/**/*.{md,markdown}', `${DRAFTS_DIR}/**/*.{md,markdown}`], {
    cwd: siteDir,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    expandDirectories: false,
  });
  return relPaths.sort();
}

/** Reads one post source (`relPath` relative to `siteDir`, forward slashes), as discoverPosts does. Throws VanishedFileError when it is gone. */
export async function readPostSource(siteDir: string, relPath: string): Promise<SourceFile> {
  const absPath = path.join(siteDir, relPath);
  const gone = vanished(relPath);
  // Old Mac line ends (a lone CR) are line ends: read as such, the front matter is found, and a draft stays a draft.
  const bytes = await readFile(absPath).catch(gone);
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r(?!\n)/g, '\n');
  const source: SourceFile = { relPath, absPath, text, hash: sha256(text) };
  const invalid = firstInvalidUtf8Line(bytes);
  if (invalid !== undefined) source.invalidUtf8Line = invalid;
  // Jekyll dates a draft without a date by its file's modification time.
  if (relPath.startsWith(`${DRAFTS_DIR}/`)) source.modified = (await stat(absPath).catch(gone)).mtime.toISOString();
  return source;
}

/** Rethrows a file system error, as VanishedFileError when the file is not there (it was listed, so it was removed meanwhile). */
function vanished(relPath: string): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    throw error.code === 'ENOENT' || error.code === 'ENOTDIR' ? new VanishedFileError(relPath) : error;
  };
}

/** The 1-based line of the first byte sequence that is not UTF-8, or undefined when the file is valid. */
function firstInvalidUtf8Line(bytes: Buffer): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Decode line by line to find the first bad one (rare: only for files that are not UTF-8).
    let start = 0;
    let line = 1;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      const stop = end === -1 ? bytes.length : end;
      try {
        decoder.decode(bytes.subarray(start, stop));
      } catch {
        return line;
      }
      start = stop + 1;
      line += 1;
    }
    return 1;
  }
}

/** True when `relPath` (forward slashes) is a file discoverPosts reads: the same folders, extensions and no dot segments. */
export function isPostPath(relPath: string): boolean {
  const segments = relPath.split('/');
  if (segments.length < 2 || segments.some((s) => s === '' || s.startsWith('.'))) return false;
  const [top] = segments;
  if (top === 'posts') return relPath.endsWith('.md');
  return (top === '_posts' || top === DRAFTS_DIR) && /\.(md|markdown)$/.test(relPath);
}
