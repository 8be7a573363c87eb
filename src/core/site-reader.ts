/**
 * Reads files of a site by their site path, for content that names files (`{% file_exists %}`,
 * notebooks): never outside the site. A path is taken from the site's root, as Jekyll joins it to its
 * source folder (`/assets/x` and `assets/x` are the same file); `..` segments, backslashes, drive
 * letters and control characters are refused, and a symbolic link leading out of the site is not
 * followed. One reader per build: answers are kept, so a file named by many posts is read once.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './paths.js';

/** An answer, or why there is none. */
export type SiteRead<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** Looks up and reads files inside one site. */
export interface SiteReader {
  /** Whether a file or a folder is at `sitePath` (as Ruby's `File.exist?`); a refused path is not an answer. */
  exists(sitePath: string): Promise<SiteRead<{ exists: boolean }>>;
  /** The UTF-8 text of the file at `sitePath`, refused when it is larger than `maxBytes`. */
  readText(sitePath: string, maxBytes: number): Promise<SiteRead<{ text: string }>>;
}

/** `input` as a relative path inside the site (forward slashes, no `.` segments), or why it cannot be one. */
export function normaliseSitePath(input: string): SiteRead<{ path: string }> {
  const refused = (why: string): SiteRead<{ path: string }> => ({
    ok: false,
    reason: `"${input}" is not a path inside the site (${why})`,
  });
  if (/[\\\u0000-\u001f\u007f]/.test(input)) return refused('it holds a backslash or a control character');
  if (/^[a-z]:/i.test(input) || /^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    return refused('a drive letter or an address is not a site path');
  const segments = input.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return refused('".." segments are not allowed');
  if (segments.length === 0) return refused('it names no file');
  return { ok: true, path: segments.join('/') };
}

/** A reader for the site in `siteDir`. */
export function createSiteReader(siteDir: string): SiteReader {
  const lookups = new Map<string, Promise<SiteRead<{ real: string | undefined; display: string }>>>();
  const texts = new Map<string, Promise<SiteRead<{ text: string }>>>();

  /** The real path of `sitePath` (undefined when nothing is there), once checked to be inside the site. */
  const locate = (sitePath: string) => {
    let pending = lookups.get(sitePath);
    if (!pending) lookups.set(sitePath, (pending = resolveInside(siteDir, sitePath)));
    return pending;
  };

  return {
    async exists(sitePath) {
      const found = await locate(sitePath);
      return found.ok ? { ok: true, exists: found.real !== undefined } : found;
    },
    readText(sitePath, maxBytes) {
      const key = `${maxBytes}\0${sitePath}`;
      let pending = texts.get(key);
      if (!pending) texts.set(key, (pending = read(sitePath, maxBytes)));
      return pending;
    },
  };

  async function read(sitePath: string, maxBytes: number): Promise<SiteRead<{ text: string }>> {
    const found = await locate(sitePath);
    if (!found.ok) return found;
    if (found.real === undefined) return { ok: false, reason: `${found.display} does not exist` };
    try {
      const info = await stat(found.real);
      if (!info.isFile()) return { ok: false, reason: `${found.display} is not a file` };
      if (info.size > maxBytes)
        return {
          ok: false,
          reason: `${found.display} is ${sizeText(info.size)}, more than the ${sizeText(maxBytes)} allowed`,
        };
      return { ok: true, text: await readFile(found.real, 'utf8') };
    } catch (error) {
      return { ok: false, reason: `cannot read ${found.display}: ${(error as Error).message}` };
    }
  }
}

async function resolveInside(
  siteDir: string,
  sitePath: string,
): Promise<SiteRead<{ real: string | undefined; display: string }>> {
  const normal = normaliseSitePath(sitePath);
  if (!normal.ok) return normal;
  const display = normal.path;
  try {
    const root = await realpath(siteDir);
    const real = await realpath(path.join(root, ...display.split('/')));
    if (!isInside(root, real)) return { ok: false, reason: `${display} leads outside the site (a symbolic link)` };
    return { ok: true, real, display };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, real: undefined, display };
    // A link loop or a file we may not look at: nothing we could read.
    return { ok: false, reason: `cannot look at ${display}: ${(error as Error).message}` };
  }
}

/** `20 MB`, `1.5 MB`, `12 KB`, `100 bytes`: sizes as people read them (powers of 1024). */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}
