/** Files of the site copied to the output at their own paths. */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { isInside } from '../core/paths.js';
import type { OutputFile } from '../types.js';

/**
 * Reads the site files an input adapter asks to copy as they are, each to the same path in the output
 * (a Jekyll site's static files). A symbolic link that leads outside the site is an error and is not read.
 */
export async function readSiteCopies(
  siteDir: string,
  relPaths: readonly string[],
  bag: DiagnosticBag,
): Promise<OutputFile[]> {
  const root = await realpath(siteDir);
  const files: OutputFile[] = [];
  for (const rel of relPaths) {
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
    files.push({ outputPath: rel, contents: await readFile(real), from: rel });
  }
  return files;
}
