/** Path helpers that keep every write inside its intended directory. */
import path from 'node:path';

/** True when `child` is `parent` itself or lies below it (both resolved, no symlink resolution). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Forward-slash form of a relative path, for diagnostics and URLs. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** A path for messages: relative to the site (forward slashes) when inside it, else absolute. */
export function displayPath(siteDir: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(siteDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : toPosix(rel);
}

/** `text` as a lower-case ASCII file name segment (letters, digits, `-`, `_`), at most `max` characters; `fallback` when nothing is left. */
export function fileNameSegment(text: string, max: number, fallback: string): string {
  const safe = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
  return safe || fallback;
}
