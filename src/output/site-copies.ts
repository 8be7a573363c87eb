/** Files of the site copied to the output: at their own paths, or (a Hugo bundle's) at another. */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { isInside } from '../core/paths.js';
import type { OutputFile } from '../types.js';

/** A site file to copy: a site-relative path (copied to the same path), or where from and where to. */
export type SiteCopy = string | { from: string; to: string };

/** The output path of `copy`. */
export function copyTarget(copy: SiteCopy): string {
  return typeof copy === 'string' ? copy : copy.to;
}

/**
 * Reads the site files an input adapter asks to copy as they are, each to its path in the output
 * (a Jekyll site's static files, a Hugo bundle's images). A symbolic link that leads outside the site
 * is an error and is not read.
 */
export async function readSiteCopies(
  siteDir: string,
  copies: readonly SiteCopy[],
  bag: DiagnosticBag,
): Promise<OutputFile[]> {
  const root = await realpath(siteDir);
  const files: OutputFile[] = [];
  for (const copy of copies) {
    const rel = typeof copy === 'string' ? copy : copy.from;
    const real = await realpath(path.join(siteDir, rel));
    if (!isInside(root, real)) {
      bag.add({
        severity: 'error',
        code: 'symlink',
        message: 'this file is a symbolic link to a file outside the site, so it is not copied',
        location: { file: rel },
      });
      continue;
    }
    files.push({ outputPath: copyTarget(copy), contents: await readFile(real), from: rel });
  }
  return files;
}
