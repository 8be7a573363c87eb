/** Finds the Markdown posts of a site: `posts/**\/*.md`, plus Jekyll's `_posts/**\/*.md`. */
import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { sha256 } from '../core/hash.js';
import type { SourceFile } from '../types.js';
import path from 'node:path';

/** Folders whose Markdown files are posts, relative to the site directory. */
export const POST_DIRS = ['posts', '_posts'] as const;

/** Reads every post source of `siteDir`, sorted by relative path. Symbolic links are not followed. */
export async function discoverPosts(siteDir: string): Promise<SourceFile[]> {
  const relPaths = await glob(
    POST_DIRS.map((dir) => `${dir}/**/*.md`),
    { cwd: siteDir, onlyFiles: true, followSymbolicLinks: false, dot: false, expandDirectories: false },
  );
  relPaths.sort();
  return Promise.all(
    relPaths.map(async (relPath) => {
      const absPath = path.join(siteDir, relPath);
      const text = (await readFile(absPath, 'utf8')).replace(/^\uFEFF/, '');
      return { relPath, absPath, text, hash: sha256(text) };
    }),
  );
}
