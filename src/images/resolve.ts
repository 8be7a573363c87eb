/**
 * Which file of the site an image address names: a site path (`/img/a.png`, in `static/` or at the
 * site root, where Jekyll sites keep `assets/`), with or without the base path, or a path relative to
 * the post's own file. Remote addresses, data URLs, missing files and files that are not really inside
 * the site (through a symbolic link) name nothing.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside, toPosix } from '../core/paths.js';

/** Where a post sits: the site directory, the post's path relative to it, and the site's base path. */
export interface ImageContext {
  siteDir: string;
  /** The post's source path relative to the site (`posts/2024-01-01-x.md`). */
  file: string;
  /** The site's base path (`/blog/`). */
  basePath: string;
}

/** A local image file: its real path, and its path relative to the site (for messages and cache keys). */
export interface LocalImage {
  real: string;
  relPath: string;
}

/** The local file `src` names, or undefined. `root` is the real path of the site directory. */
export function resolveLocalImage(src: string, context: ImageContext, root: string): LocalImage | undefined {
  if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  let target: string;
  try {
    target = decodeURI(src.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  if (!target) return undefined;
  const { siteDir, file, basePath } = context;
  const candidates: string[] = [];
  if (target.startsWith('/')) {
    const sitePath = basePath !== '/' && target.startsWith(basePath) ? target.slice(basePath.length - 1) : target;
    candidates.push(path.join(siteDir, 'static', sitePath), path.join(siteDir, sitePath));
  } else {
    candidates.push(path.join(siteDir, path.dirname(file), target));
  }
  for (const candidate of candidates) {
    try {
      const real = realpathSync(candidate);
      if (!isInside(root, real) || !statSync(real).isFile()) continue;
      return { real, relPath: toPosix(path.relative(root, real)) };
    } catch {
      // Missing or unreadable: the next candidate.
    }
  }
  return undefined;
}
