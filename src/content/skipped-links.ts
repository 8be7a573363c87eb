/**
 * Symbolic links among the post folders are never followed (a post is read only from a file inside the
 * site), and discovery skips them; this says so, once per link, so that a linked post or folder does
 * not vanish silently, and a link loop is named as one.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { DRAFTS_DIR, POST_DIRS } from './discover.js';

const POST_FILE = /\.(md|markdown)$/;

/** A warning for every symbolic link below the post folders of `siteDir` that names a post or a folder. */
export async function findSkippedLinks(siteDir: string): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const dir of [...POST_DIRS, DRAFTS_DIR]) await walk(siteDir, dir, found);
  return found.sort((a, b) => (a.location!.file < b.location!.file ? -1 : 1));
}

async function walk(siteDir: string, rel: string, found: Diagnostic[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(siteDir, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const childRel = `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walk(siteDir, childRel, found);
    else if (entry.isSymbolicLink()) {
      const reason = await linkProblem(path.join(siteDir, childRel), entry.name);
      if (reason) found.push({ severity: 'warning', code: 'symlink', message: reason, location: { file: childRel } });
    }
  }
}

async function linkProblem(absPath: string, name: string): Promise<string | undefined> {
  try {
    const target = await stat(absPath);
    if (target.isDirectory())
      return 'this folder is a symbolic link: skipped, with the posts it holds (posts are read only from real files and folders inside the site)';
    return POST_FILE.test(name)
      ? 'this post is a symbolic link: skipped (posts are read only from real files inside the site)'
      : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'this is a symbolic link loop (it leads back to itself): skipped';
    return POST_FILE.test(name)
      ? `this post is a symbolic link to nothing (${code ?? 'unreadable'}): skipped`
      : undefined;
  }
}
