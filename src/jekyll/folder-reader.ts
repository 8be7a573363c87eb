/**
 * Reads files of `_includes/` only: no absolute paths, no `.` or `..` segments, no symbolic link
 * leading out of it; reasons name the file as `_includes/<name>`, and `missing` says when the site has
 * no such include (al-folio's built-in includes then apply). Each file is read once per build. Files
 * named by site path (notebooks, bibliographies) are read by core/site-reader.ts.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../core/paths.js';

/** A file's text, or why it cannot be read. */
export type FolderRead = { ok: true; text: string } | { ok: false; reason: string; missing: boolean };

/** A reader of `root`'s files, named `shown/<name>` in its reasons. */
export function folderReader(root: string, shown: string): (name: string) => Promise<FolderRead> {
  const cache = new Map<string, Promise<FolderRead>>();
  const prefix = shown === '' ? '' : `${shown}/`;
  const read = async (name: string): Promise<FolderRead> => {
    if (
      name === '' ||
      /[\\\0]/.test(name) ||
      name.startsWith('/') ||
      /^[a-z]:/i.test(name) ||
      name.split('/').some((s) => s === '..' || s === '.')
    ) {
      return {
        ok: false,
        missing: false,
        reason: `"${name}" is not a file name inside ${shown || 'the site'}/ (no absolute paths, "." or ".." segments)`,
      };
    }
    try {
      const base = await realpath(root);
      const file = await realpath(path.join(root, name));
      if (!isInside(base, file) || file === base)
        return { ok: false, missing: false, reason: `${prefix}${name} leads outside ${shown || 'the site'}/` };
      return { ok: true, text: await readFile(file, 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, missing: true, reason: `${prefix}${name} does not exist` };
      return { ok: false, missing: false, reason: `cannot read ${prefix}${name}: ${(error as Error).message}` };
    }
  };
  return (name) => {
    let pending = cache.get(name);
    if (!pending) cache.set(name, (pending = read(name)));
    return pending;
  };
}
