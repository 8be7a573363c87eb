/**
 * The writer: the whole site is written to a sibling temporary directory and swapped into place only
 * when complete, so a failed build leaves the last good site untouched. Nothing is written outside it.
 */
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { sha256 } from '../core/hash.js';
import path from 'node:path';
import { OutputError } from '../core/errors.js';
import { isInside } from '../core/paths.js';
import type { Diagnostic } from '../core/diagnostics.js';
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

/** The file that marks a folder as inkstone's output, so a rebuild may replace it. */
export const OUTPUT_MARKER = '.inkstone-site';

const MARKER_TEXT = 'This folder is written by inkstone and replaced whole by every build. Do not keep your own files here.\n';

/**
 * Refuses to replace an existing folder that inkstone did not write (no marker file) unless `force`:
 * pointing `--out` at the wrong folder must not delete someone's files.
 */
export async function checkOutputOwnership(outDir: string, force: boolean): Promise<void> {
  const out = path.resolve(outDir);
  let entries: string[];
  try {
    const info = await stat(out);
    if (!info.isDirectory()) throw new OutputError('output', `output path ${out} exists and is not a directory`);
    entries = await readdir(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER) && !force) {
    throw new OutputError(
      'output',
      `output directory ${out} is not empty and was not written by inkstone (it has no ${OUTPUT_MARKER} file): move its files away, choose another --out, or pass --force to replace it`,
    );
  }
}

/** One error per output path that two files would write, naming both sources. */
export function findCollisions(files: readonly OutputFile[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const file of files) {
    // Case-insensitive file systems (macOS, Windows) would merge paths that differ only by case.
    const key = file.outputPath.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      const [first, second] = [other, file.from].sort();
      problems.push({ severity: 'error', code: 'output-collision', message: `${first} and ${second} would both write ${file.outputPath}`, location: { file: second! } });
    } else {
      seen.set(key, file.from);
    }
  }
  return problems;
}

/** Writes `files` into `outDir` atomically (build aside, then swap). */
export async function writeSite(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${path.basename(out)}.tmp-${stamp}`);
  const previous = path.join(parent, `.${path.basename(out)}.old-${stamp}`);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedWrite(out);
  try {
    await mkdir(staging);
    const dirs = new Set(files.map((f) => path.dirname(path.join(staging, f.outputPath))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    const manifest = await writeInBatches(files, staging, out, await readManifest(out));
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest));
    await writeFile(path.join(staging, OUTPUT_MARKER), MARKER_TEXT);
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

/**
 * Writes every file into `root`. A file whose bytes equal those of the same path in the previous
 * site (per its manifest) is hard-linked from there instead: on a rebuild most pages are unchanged,
 * and a link costs a fraction of writing the bytes again. Returns the new manifest.
 */
async function writeInBatches(files: readonly OutputFile[], root: string, previousRoot: string, previous: Manifest): Promise<Manifest> {
  const manifest: Manifest = {};
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(
      files.slice(i, i + batch).map(async (file) => {
        const target = path.join(root, file.outputPath);
        if (!isInside(root, target)) throw new OutputError('output', `refusing to write ${file.outputPath} outside the output directory`);
        const hash = sha256(file.contents);
        manifest[file.outputPath] = hash;
        if (previous[file.outputPath] === hash) {
          try {
            await link(path.join(previousRoot, file.outputPath), target);
            return;
          } catch {
            // The old file is gone or on another device: write it.
          }
        }
        await writeFile(target, file.contents);
      }),
    );
  }
  return manifest;
}

/** Output path → SHA-256 of its bytes, kept in the output to recognise unchanged files. */
type Manifest = Record<string, string>;

const MANIFEST = '.inkstone-manifest.json';

async function readManifest(out: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(path.join(out, MANIFEST), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

/**
 * Cleans up after a build that was killed while writing: a staging folder is removed, and if the
 * kill fell between the two renames of the swap (the old site moved aside, the new one not yet in
 * place), the old site is moved back first.
 */
export async function recoverInterruptedWrite(out: string): Promise<void> {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.`;
  const leftovers = (await readdir(parent)).filter((name) => name.startsWith(`${prefix}tmp-`) || name.startsWith(`${prefix}old-`)).sort();
  const outExists = await stat(out).then(() => true, () => false);
  const previous = leftovers.filter((name) => name.startsWith(`${prefix}old-`)).pop();
  if (!outExists && previous) await rename(path.join(parent, previous), out);
  for (const name of leftovers) {
    if (name !== previous || outExists) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
