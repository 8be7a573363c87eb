/** Symbolic links inside a site must not reach outside it: a post or static file linked to /etc is not read. */
import { lstat, realpath } from 'node:fs/promises';
import { ContentError } from './errors.js';
import { displayPath, isInside } from './paths.js';

/** A file that was listed (or read) a moment ago and no longer exists: it was removed meanwhile. */
export class VanishedFileError extends ContentError {
  constructor(file: string) {
    super('vanished', 'this file was removed while it was being read', { file });
  }
}

/**
 * True when `file`, with every symbolic link resolved, lies outside `root` (also resolved). Throws
 * VanishedFileError when `file` itself no longer exists, so that a file deleted during a build is not
 * mistaken for a link.
 */
export async function escapesRoot(root: string, file: string): Promise<boolean> {
  try {
    return !isInside(await realpath(root), await realpath(file));
  } catch {
    // A dangling link (or a loop, or a file we may not look at) leads nowhere we could read.
    if (await stillThere(file)) return true;
    throw new VanishedFileError(displayPath(root, file));
  }
}

/** False only when nothing at all is at `file` any more (not even a dangling link). */
async function stillThere(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
