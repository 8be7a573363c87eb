/**
 * Finds the Markdown posts of a site: `posts/**\/*.md`, plus Jekyll's `_posts/` and `_drafts/`
 * (where Jekyll's `.markdown` extension is read too), plus, for a Hugo site, every page of its content
 * folder but the sections' `_index.md`: the pages of its sections are posts, and the single pages at its
 * top (`content/about.md`, `content/about/index.md`) are marked `standalone`.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, type Dirent, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
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
export async function discoverPosts(siteDir: string, folders?: PostFolders): Promise<SourceFile[]> {
  return (await discoverPostSources(siteDir, folders)).sources;
}

/** Which folders hold posts besides the fixed ones: a Hugo site's content folder (`content`). */
export interface PostFolders {
  hugoContent?: string;
}

/**
 * Reads every post source of `siteDir` (as discoverPosts), and counts the symbolic links met among the
 * post folders, which are skipped: only when there are some does anything need to look at them again
 * (findSkippedLinks). Each source was a regular file reached through real folders below the site when
 * the folders were read, and is still one after it was read (the folders are read again: a file
 * removed meanwhile throws VanishedFileError); `unsure` lists those that are now something else (a
 * symbolic link put in its place), whose containment the caller checks.
 */
export async function discoverPostSources(
  siteDir: string,
  folders: PostFolders = {},
): Promise<{ sources: SourceFile[]; links: number; unsure: SourceFile[] }> {
  const { relPaths, links } = await walkPostFolders(siteDir, folders);
  // Read one after the other, synchronously, into one buffer: for thousands of small files, several
  // times cheaper than as many reads in flight through the thread pool.
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  const sources = relPaths.map((relPath) => markStandalone(readPostSourceNow(siteDir, relPath, scratch), folders));
  const after = new Set((await walkPostFolders(siteDir, folders)).relPaths);
  const unsure: SourceFile[] = [];
  for (const source of sources) {
    if (after.has(source.relPath)) continue;
    // Not a file any more: gone (as the containment check said it), or replaced by something to look at.
    if (!(await lstat(source.absPath).catch(() => undefined))) throw new VanishedFileError(source.relPath);
    unsure.push(source);
  }
  return { sources, links, unsure };
}

/** The relative paths (forward slashes, sorted) of the post sources of `siteDir`, as discoverPosts reads them. */
export async function listPostPaths(siteDir: string, folders: PostFolders = {}): Promise<string[]> {
  return (await walkPostFolders(siteDir, folders)).relPaths;
}

/** Which file names are posts in each post folder: `posts/**\/*.md`, and `.markdown` too in Jekyll's folders. */
const POST_FOLDERS: ReadonlyArray<[string, RegExp]> = [
  ['posts', /\.md$/],
  ['_posts', /\.(?:md|markdown)$/],
  [DRAFTS_DIR, /\.(?:md|markdown)$/],
];

/** A page of a Hugo section: Markdown, but not the section's own `_index.md` (only files below a section count). */
const HUGO_PAGE = /^(?!_index\.).*\.(?:md|markdown)$/;

/**
 * One walk of the post folders: each folder is read once with the type of each entry, so no file is
 * looked at on its own. Names starting with a dot are skipped; so are symbolic links (a post folder
 * that is one included: it is not followed), which are counted.
 */
async function walkPostFolders(siteDir: string, folders: PostFolders): Promise<{ relPaths: string[]; links: number }> {
  const relPaths: string[] = [];
  const { hugoContent } = folders;
  const tops = hugoContent ? [...POST_FOLDERS, [hugoContent, HUGO_PAGE] as const] : POST_FOLDERS;
  let links = 0;
  const walk = async (rel: string, post: RegExp): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(siteDir, rel), { withFileTypes: true });
    } catch {
      // Gone, or not a folder: nothing to read here (the glob this replaces said the same).
      return;
    }
    const folders: string[] = [];
    // A Hugo leaf bundle (a folder with index.md): everything else in it is the page's resources.
    const leaf =
      post === HUGO_PAGE &&
      rel !== hugoContent &&
      entries.some((e) => e.isFile() && /^index\.(?:md|markdown)$/.test(e.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childRel = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!leaf) folders.push(childRel);
      } else if (entry.isFile()) {
        if (leaf ? /^index\.(?:md|markdown)$/.test(entry.name) : post.test(entry.name)) relPaths.push(childRel);
      } else if (entry.isSymbolicLink()) links++;
    }
    await Promise.all(folders.map((folder) => walk(folder, post)));
  };
  await Promise.all(
    tops.map(async ([top, post]) => {
      const info = await lstat(path.join(siteDir, top)).catch(() => undefined);
      if (info?.isSymbolicLink()) links++;
      else if (info?.isDirectory()) await walk(top, post);
    }),
  );
  return { relPaths: relPaths.sort(), links };
}

/** Reads one post source (`relPath` relative to `siteDir`, forward slashes), as discoverPosts does. Throws VanishedFileError when it is gone. */
export async function readPostSource(siteDir: string, relPath: string, folders: PostFolders = {}): Promise<SourceFile> {
  const absPath = path.join(siteDir, relPath);
  const gone = vanished(relPath);
  const source = sourceOf(relPath, absPath, await readFile(absPath).catch(gone));
  // Jekyll dates a draft without a date by its file's modification time.
  if (relPath.startsWith(`${DRAFTS_DIR}/`)) source.modified = (await stat(absPath).catch(gone)).mtime.toISOString();
  return markStandalone(source, folders);
}

/**
 * True for a single page at the top of a Hugo site's content folder: a file there (`content/about.md`)
 * or a leaf bundle there (`content/about/index.md`). It belongs to no section, and Hugo lists it nowhere.
 */
export function isStandalonePath(relPath: string, folders: PostFolders): boolean {
  const content = folders.hugoContent;
  if (!content || !relPath.startsWith(`${content}/`)) return false;
  const inner = relPath.slice(content.length + 1).split('/');
  return inner.length === 1 || (inner.length === 2 && /^index\.(?:md|markdown)$/.test(inner[1]!));
}

/** Marks a Hugo site's page as one (`hugo`), and as `standalone` when it is a single page at the top. */
function markStandalone(source: SourceFile, folders: PostFolders): SourceFile {
  const content = folders.hugoContent;
  if (!content || !source.relPath.startsWith(`${content}/`)) return source;
  source.hugo = true;
  if (isStandalonePath(source.relPath, folders)) source.standalone = true;
  return source;
}

/** readPostSource, synchronously; a file that fits in `scratch` is read into it (and decoded from it). */
function readPostSourceNow(siteDir: string, relPath: string, scratch: Buffer): SourceFile {
  const absPath = path.join(siteDir, relPath);
  const gone = vanished(relPath);
  let source: SourceFile;
  try {
    source = sourceOf(relPath, absPath, readWhole(absPath, scratch));
    if (relPath.startsWith(`${DRAFTS_DIR}/`)) source.modified = statSync(absPath).mtime.toISOString();
  } catch (error) {
    return gone(error as NodeJS.ErrnoException);
  }
  return source;
}

/** Most posts are smaller: one read into a buffer made once per discovery. */
const SCRATCH_BYTES = 1 << 16;

/** The bytes of `file`: a view of `scratch` when the file fits in it (valid until the next read), else a new buffer. */
function readWhole(file: string, scratch: Buffer): Buffer {
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, scratch, 0, scratch.length, 0);
    if (read < scratch.length) return scratch.subarray(0, read);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

function sourceOf(relPath: string, absPath: string, bytes: Buffer): SourceFile {
  // ASCII (most posts) is copied as it is: several times cheaper than decoding UTF-8, with the same text.
  const ascii = isAscii(bytes);
  // Old Mac line ends (a lone CR) are line ends: read as such, the front matter is found, and a draft stays a draft.
  let text = (ascii ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const source: SourceFile = { relPath, absPath, text, hash: sha256(text) };
  const invalid = ascii || isUtf8(bytes) ? undefined : firstInvalidUtf8Line(bytes);
  if (invalid !== undefined) source.invalidUtf8Line = invalid;
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
export function isPostPath(relPath: string, folders: PostFolders = {}): boolean {
  const segments = relPath.split('/');
  if (segments.length < 2 || segments.some((s) => s === '' || s.startsWith('.'))) return false;
  const [top] = segments;
  if (folders.hugoContent && relPath.startsWith(`${folders.hugoContent}/`)) return HUGO_PAGE.test(segments.at(-1)!);
  if (top === 'posts') return relPath.endsWith('.md');
  return (top === '_posts' || top === DRAFTS_DIR) && /\.(md|markdown)$/.test(relPath);
}
