/** Symbolic links inside a site must not reach outside it: a post or static file linked to /etc is not read. */
import { realpath } from 'node:fs/promises';
import { isInside } from './paths.js';

/** True when `file`, with every symbolic link resolved, lies outside `root` (also resolved). */
export async function escapesRoot(root: string, file: string): Promise<boolean> {
  try {
    return !isInside(await realpath(root), await realpath(file));
  } catch {
    // A dangling link leads nowhere we could read.
    return true;
  }
}
