/**
 * Whether the site in the output directory is already the one to write: then the build writes nothing
 * (no staging folder, no links, no previous site to remove). Only reads, with synchronous calls (a
 * folder per page, each read in microseconds); anything unexpected is a no, and the site is written
 * as usual.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../types.js';
import { type FileHashes, fileHash, MANIFEST, type Manifest, OUTPUT_MARKER } from './staging.js';

/**
 * True when `manifest` (the output's) lists exactly `files`, each with the hash of its bytes, and the
 * folder `out` holds those files, the manifest and the marker, and nothing else: no file, link or
 * folder a build would not write (the output is replaced whole by every build).
 */
export function isSameSite(
  out: string,
  files: readonly OutputFile[],
  manifest: Readonly<Manifest>,
  hashes: FileHashes,
): boolean {
  if (Object.keys(manifest).length !== files.length) return false;
  for (const file of files) {
    if (!Object.hasOwn(manifest, file.outputPath) || manifest[file.outputPath] !== fileHash(file, hashes)) return false;
  }
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = path.posix.dirname(file.outputPath); dir !== '.' && !folders.has(dir); dir = path.posix.dirname(dir))
      folders.add(dir);
  }
  let found = 0;
  const walk = (rel: string): boolean => {
    for (const entry of readdirSync(rel ? path.join(out, rel) : out, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!folders.has(childRel) || !walk(childRel)) return false;
      } else if (entry.isFile() && (Object.hasOwn(manifest, childRel) || (!rel && OWN_FILES.has(entry.name)))) found++;
      else return false;
    }
    return true;
  };
  try {
    return walk('') && found === files.length + OWN_FILES.size;
  } catch {
    return false;
  }
}

const OWN_FILES: ReadonlySet<string> = new Set([MANIFEST, OUTPUT_MARKER]);
