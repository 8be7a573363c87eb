/**
 * The writer: the whole site is written to a sibling temporary directory and swapped into place only
 * when complete, so a failed build leaves the last good site untouched. Nothing is written outside it.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputError } from '../core/errors.js';
import { isInside } from '../core/paths.js';
import type { OutputFile } from '../types.js';

/** Folders of the site that hold sources: the output may not be, contain or sit inside any of them. */
export const SOURCE_DIRS = ['posts', '_posts', 'layouts', 'themes', 'static'] as const;

/** Refuses output directories that would overwrite or mix with sources. */
export function checkOutputDir(siteDir: string, outDir: string): void {
  const site = path.resolve(siteDir);
  const out = path.resolve(outDir);
  if (isInside(out, site)) {
    throw new OutputError('output', `output directory ${out} is or contains the site directory ${site}: choose a folder such as ${path.join(site, '_site')}`);
  }
  for (const dir of SOURCE_DIRS) {
    if (isInside(path.join(site, dir), out)) {
      throw new OutputError('output', `output directory ${out} is inside the source folder ${dir}/: choose a folder outside it`);
    }
  }
}

/** Throws when two files would be written to one path, naming both sources. */
export function checkCollisions(files: readonly OutputFile[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = file.outputPath.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      throw new OutputError('output-collision', `${other} and ${file.from} would both write ${file.outputPath}`);
    }
    seen.set(key, file.from);
  }
}

/** Writes `files` into `outDir` atomically (build aside, then swap). */
export async function writeSite(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${path.basename(out)}.tmp-${stamp}`);
  const previous = path.join(parent, `.${path.basename(out)}.old-${stamp}`);
  await mkdir(parent, { recursive: true });
  try {
    await mkdir(staging);
    const dirs = new Set(files.map((f) => path.dirname(path.join(staging, f.outputPath))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await writeInBatches(files, staging);
    let hadPrevious = true;
    try {
      await rename(out, previous);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hadPrevious = false;
    }
    try {
      await rename(staging, out);
    } catch (error) {
      if (hadPrevious) await rename(previous, out);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof OutputError) throw error;
    throw new OutputError('output', `cannot write the site to ${out}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

async function writeInBatches(files: readonly OutputFile[], root: string): Promise<void> {
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(
      files.slice(i, i + batch).map((file) => {
        const target = path.join(root, file.outputPath);
        if (!isInside(root, target)) throw new OutputError('output', `refusing to write ${file.outputPath} outside the output directory`);
        return writeFile(target, file.contents);
      }),
    );
  }
}
