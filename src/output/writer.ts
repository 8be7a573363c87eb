/**
 * The writer: the whole site is written to a sibling temporary directory and swapped into place only
 * when complete, so a failed build leaves the last good site untouched. Nothing is written outside it.
 * Every failure says what could not be done, with the OS error, and where the previous site is.
 */
import { noProgress, type ProgressReport } from '../core/progress.js';
import path from 'node:path';
import { OutputError } from '../core/errors.js';
import { isInside } from '../core/paths.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { OutputFile } from '../types.js';
import { isMissing, newStamp, recoverInterruptedWrite, type SwapPaths, swapPaths } from './leftovers.js';
import { describeFsError, errorCode, nodeOutputFs, StepFailure, type OutputFs } from './output-fs.js';
import { removeTree } from './remove-tree.js';
import { isSameSite } from './same-site.js';
import {
  type FileHashes,
  finishStaging,
  type Manifest,
  OUTPUT_MARKER,
  readManifest,
  stageFiles,
  writeStaging,
} from './staging.js';
import { swapIntoPlace } from './swap.js';

export { type FileHashes, OUTPUT_MARKER } from './staging.js';

/** Folders of the site that hold sources: the output may not be, contain or sit inside any of them. */
export const SOURCE_DIRS = ['posts', '_posts', 'layouts', 'themes', 'static'] as const;

/** Refuses output directories that would overwrite or mix with sources. */
export function checkOutputDir(siteDir: string, outDir: string): void {
  const site = path.resolve(siteDir);
  const out = path.resolve(outDir);
  if (isInside(out, site)) {
    throw new OutputError(
      'output',
      `output directory ${out} is or contains the site directory ${site}: choose a folder such as ${path.join(site, '_site')}`,
    );
  }
  for (const dir of SOURCE_DIRS) {
    if (isInside(path.join(site, dir), out)) {
      throw new OutputError(
        'output',
        `output directory ${out} is inside the source folder ${dir}/: choose a folder outside it`,
      );
    }
  }
}

/**
 * Refuses to replace an existing folder that inkstone did not write (no marker file) unless `force`:
 * pointing `--out` at the wrong folder must not delete someone's files.
 */
export async function checkOutputOwnership(outDir: string, force: boolean, fs: OutputFs = nodeOutputFs): Promise<void> {
  const out = path.resolve(outDir);
  let entries: string[];
  try {
    const info = await fs.stat(out);
    if (!info.isDirectory()) throw new OutputError('output', `output path ${out} exists and is not a directory`);
    entries = await fs.readdir(out);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    if (errorCode(error) === 'ENOENT') return;
    throw new OutputError(
      'output',
      `cannot write the site to ${out}: cannot read the folder (${describeFsError(error)}); it is unchanged`,
      undefined,
      { cause: error },
    );
  }
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER) && !force) {
    throw new OutputError(
      'output',
      `output directory ${out} is not empty and was not written by inkstone (it has no ${OUTPUT_MARKER} file): move its files away, choose another --out, or pass --force to replace it`,
    );
  }
}

/** The manifest of the site in `outDir` (output path → hash of its bytes); empty when there is none. */
export function readOutputManifest(outDir: string, fs: OutputFs = nodeOutputFs): Promise<Record<string, string>> {
  return readManifest(path.resolve(outDir), fs);
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
      problems.push({
        severity: 'error',
        code: 'output-collision',
        message: `${first} and ${second} would both write ${file.outputPath}`,
        location: { file: second! },
      });
    } else {
      seen.set(key, file.from);
    }
  }
  return problems;
}

/**
 * Writes `files` into `outDir` atomically: leftovers of earlier builds are cleaned up, the site is
 * written into a staging folder beside the output, then swapped in. Throws an OutputError saying
 * what failed and where the previous site is when the new site was not put in place; returns
 * warnings about folders beside the output that could not be removed. When the output already is
 * this site (see isSameSite), nothing is written. `hashes` holds the hash of each file's bytes that
 * is known (a file kept from the previous site, whose bytes are not read), and gets the others.
 * `staged`, when given, is the first part of this write (see stageSite).
 */
export async function writeSite(
  outDir: string,
  files: readonly OutputFile[],
  fs: OutputFs = nodeOutputFs,
  hashes: FileHashes = new Map(),
  progress: ProgressReport = noProgress,
  staged?: StagedSite,
): Promise<Diagnostic[]> {
  const out = refuseOutside(outDir, files);
  // Every staged file must still be one of the site's (a build that rendered again has other files).
  const all = staged && new Set(files);
  if (staged && staged.start.out === out && staged.files.every((file) => all!.has(file)))
    return finishStagedSite(staged, files, fs, hashes, progress);
  if (staged) await discardStagedSite(staged, fs);
  const start = await startWrite(out, fs);
  if (!start.missing && isSameSite(out, files, start.previous, hashes)) return start.warnings;
  const paths = await makeStaging(start, fs);
  try {
    await writeStaging(paths.staging, out, files, fs, hashes, start.previous, progress);
    return [...start.warnings, ...(await swapIntoPlace(paths, out, fs))];
  } catch (error) {
    throw notWritten(out, error, start.unchanged, `${await removeStaging(paths.staging, fs)}${start.earlier}`);
  }
}

/**
 * Part of a site written into its staging folder ahead of the rest (stageSite): while the search index
 * is made, the pages are written; writeSite then adds the other files and swaps the folder into place.
 */
export interface StagedSite {
  start: WriteStart;
  paths: SwapPaths;
  /** The files written, and their part of the manifest. */
  files: readonly OutputFile[];
  manifest: Manifest;
}

/**
 * Writes `files` into a new staging folder beside `outDir`, as the first part of the next writeSite.
 * Throws (having removed the folder) when they cannot be written: the write then starts again whole.
 */
export async function stageSite(
  outDir: string,
  files: readonly OutputFile[],
  fs: OutputFs = nodeOutputFs,
  hashes: FileHashes = new Map(),
): Promise<StagedSite> {
  const start = await startWrite(refuseOutside(outDir, files), fs);
  const paths = await makeStaging(start, fs);
  try {
    const manifest = await stageFiles(paths.staging, start.out, files, fs, hashes, start.previous);
    return { start, paths, files, manifest };
  } catch (error) {
    await removeTree(paths.staging, fs).catch(() => undefined);
    throw error;
  }
}

/** Removes the staging folder of a staged site that will not be put in place. */
export async function discardStagedSite(staged: StagedSite, fs: OutputFs = nodeOutputFs): Promise<void> {
  await removeTree(staged.paths.staging, fs).catch(() => undefined);
}

/** Writes the files of `files` not staged yet, the manifest and the marker, and swaps the staged site into place. */
async function finishStagedSite(
  staged: StagedSite,
  files: readonly OutputFile[],
  fs: OutputFs,
  hashes: FileHashes,
  progress: ProgressReport,
): Promise<Diagnostic[]> {
  const { start, paths } = staged;
  const done = new Set(staged.files);
  const rest = files.filter((file) => !done.has(file));
  // Told of every file of the site: the staged ones are written already.
  progress('writing', 0, files.length);
  const more: ProgressReport = (stage, count) => progress(stage, staged.files.length + count, files.length);
  try {
    const manifest = {
      ...staged.manifest,
      ...(await stageFiles(paths.staging, start.out, rest, fs, hashes, start.previous, more)),
    };
    await finishStaging(paths.staging, manifest, fs);
    return [...start.warnings, ...(await swapIntoPlace(paths, start.out, fs))];
  } catch (error) {
    throw notWritten(start.out, error, start.unchanged, `${await removeStaging(paths.staging, fs)}${start.earlier}`);
  }
}

/** The output folder, resolved; throws when a file would be written outside it. */
function refuseOutside(outDir: string, files: readonly OutputFile[]): string {
  const out = path.resolve(outDir);
  const outside = files.find((file) => !isInside(out, path.join(out, file.outputPath)));
  if (outside) throw new OutputError('output', `refusing to write ${outside.outputPath} outside the output directory`);
  return out;
}

/** What a write finds before it makes its staging folder: what earlier builds left, and the previous site. */
interface WriteStart {
  out: string;
  /** Warnings of the clean-up, and the same as clauses for an error message. */
  warnings: Diagnostic[];
  earlier: string;
  missing: boolean;
  /** The previous site's manifest, and what an error says of it. */
  previous: Manifest;
  unchanged: string;
}

/** Creates the output's parent folder, cleans up after earlier builds and reads the previous site's manifest. */
async function startWrite(out: string, fs: OutputFs): Promise<WriteStart> {
  const parent = path.dirname(out);
  try {
    await fs.mkdir(parent, { recursive: true });
  } catch (error) {
    throw notWritten(out, new StepFailure(`cannot create the folder ${parent}`, error), `${out} was not created`);
  }
  const warnings = await recoverInterruptedWrite(out, fs);
  // An error ends the build, so it also carries what the clean-up found (where a kept previous site is).
  const earlier = warnings.map((w) => `; ${w.message}`).join('');
  const missing = await isMissing(out, fs);
  const previous = missing ? {} : await readManifest(out, fs);
  const unchanged = missing ? `${out} was not created` : `the previous site in ${out} is unchanged`;
  return { out, warnings, earlier, missing, previous, unchanged };
}

/** The folders of a new write, its staging folder created. */
async function makeStaging(start: WriteStart, fs: OutputFs): Promise<SwapPaths> {
  const paths = swapPaths(start.out, newStamp(Date.now(), process.pid));
  try {
    await fs.mkdir(paths.staging);
  } catch (error) {
    const where = path.dirname(start.out);
    throw notWritten(
      start.out,
      new StepFailure(`cannot create a folder for the new site in ${where}`, error),
      start.unchanged,
      start.earlier,
    );
  }
  return paths;
}

/** Removes the staging folder of a write that failed; returns the clause to add to the error if it stays. */
async function removeStaging(staging: string, fs: OutputFs): Promise<string> {
  try {
    await removeTree(staging, fs);
    return '';
  } catch (error) {
    return `; the unfinished new site could not be removed from ${staging} (${describeFsError(error)}), the next build tries again`;
  }
}

/** The error of a write that did not put the new site in place: what failed, what is on disk, then `more`. */
function notWritten(out: string, error: unknown, state: string, more = ''): OutputError {
  const failure = error instanceof StepFailure ? error : new StepFailure('cannot write the new site', error);
  return new OutputError(
    'output',
    `cannot write the site to ${out}: ${failure.message}; ${failure.state ?? state}${more}`,
    undefined,
    { cause: failure.error },
  );
}
