/** Removing the writer's own folders (a staging folder, a previous site), also when they were made read-only. */
import path from 'node:path';
import { errorCode, type OutputFs } from './output-fs.js';

/**
 * Removes `target` and everything in it. A folder whose mode forbids removing its entries (an output
 * directory someone set to 555) is made writable by its owner and removal tried once more; the
 * error of that second try is the one thrown. Root is not stopped by modes and never needs the retry.
 */
export async function removeTree(target: string, fs: OutputFs): Promise<void> {
  try {
    await fs.rm(target);
    return;
  } catch (error) {
    if (!PERMISSION_CODES.includes(errorCode(error) ?? '')) throw error;
  }
  await makeFoldersWritable(target, fs);
  await fs.rm(target);
}

const PERMISSION_CODES: readonly string[] = ['EACCES', 'EPERM'];

/**
 * Adds the owner's rwx to every folder below `dir`, best effort. Only folders: a file's mode does not
 * decide whether it can be removed, and the previous site's files may be hard links that the new site
 * shares, whose modes must not change. Symbolic links are not followed.
 */
async function makeFoldersWritable(dir: string, fs: OutputFs): Promise<void> {
  const info = await fs.lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return;
  await fs.chmod(dir, (info.mode & 0o7777) | 0o700).catch(() => undefined);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.map((name) => makeFoldersWritable(path.join(dir, name), fs)));
}
