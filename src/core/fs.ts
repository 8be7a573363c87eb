/** File system questions asked in several stages, and the caches' whole-file write. */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** True when `p` exists and is a directory (a missing or unreadable path is false). */
export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** True when `p` exists and is a regular file (a missing or unreadable path is false). */
export async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Writes `contents` to `target` whole: into a temporary file beside it, then renamed over it, so a
 * killed or concurrent build never leaves half a file (the caches' entries). Creates the folder; a
 * failure removes the temporary file and is thrown.
 */
export async function writeFileWhole(target: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, contents);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
