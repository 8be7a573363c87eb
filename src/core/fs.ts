/** File system questions asked in several stages. */
import { stat } from 'node:fs/promises';

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
