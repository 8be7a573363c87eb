/**
 * Writing the new site into its staging folder: folders, files (hard links for files unchanged since
 * the previous site), the manifest and the marker. Every failure is a StepFailure naming the file.
 */
import { noProgress, type ProgressReport } from '../core/progress.js';
import path from 'node:path';
import { sha256 } from '../core/hash.js';
import type { OutputFile } from '../types.js';
import { attempt, type OutputFs } from './output-fs.js';

/** The file that marks a folder as inkstone's output, so a rebuild may replace it. */
export const OUTPUT_MARKER = '.inkstone-site';

const MARKER_TEXT =
  'This folder is written by inkstone and replaced whole by every build. Do not keep your own files here.\n';

/** Output path → SHA-256 of its bytes, kept in the output to recognise unchanged files. */
export type Manifest = Record<string, string>;

/** The manifest's file in the output. */
export const MANIFEST = '.inkstone-manifest.json';

/** The hash of each file's bytes: given for files whose bytes are not at hand, found (and kept) for the others. */
export type FileHashes = Map<OutputFile, string>;

/** The hash of `file`'s bytes, from `hashes` or found and put there. */
export function fileHash(file: OutputFile, hashes: FileHashes): string {
  let hash = hashes.get(file);
  if (hash === undefined) hashes.set(file, (hash = sha256(file.contents)));
  return hash;
}

/**
 * Writes `files`, the manifest and the marker into the existing folder `staging`; `previousRoot` is the
 * site it will replace, `previous` its manifest (read here when not given).
 */
export async function writeStaging(
  staging: string,
  previousRoot: string,
  files: readonly OutputFile[],
  fs: OutputFs,
  hashes: FileHashes = new Map(),
  previous?: Manifest,
  progress: ProgressReport = noProgress,
): Promise<void> {
  const manifest = await stageFiles(
    staging,
    previousRoot,
    files,
    fs,
    hashes,
    previous ?? (await readManifest(previousRoot, fs)),
    progress,
  );
  await finishStaging(staging, manifest, fs);
}

/**
 * Writes `files` (their folders first) into the existing folder `staging`, beside files written there
 * before; returns their part of the manifest. `previous` is the manifest of the site at `previousRoot`.
 */
export async function stageFiles(
  staging: string,
  previousRoot: string,
  files: readonly OutputFile[],
  fs: OutputFs,
  hashes: FileHashes,
  previous: Manifest,
  progress: ProgressReport = noProgress,
): Promise<Manifest> {
  const dirs = new Set(files.map((f) => path.dirname(path.join(staging, f.outputPath))));
  // Folders one level at a time, each level's together: a folder's parent is always there already.
  const levels: string[][] = [];
  for (const dir of [...dirs].sort()) (levels[path.relative(staging, dir).split(path.sep).length] ??= []).push(dir);
  for (const level of levels) {
    if (!level) continue;
    await settleInBatches(level, undefined, (dir) =>
      attempt(`cannot create the folder ${path.relative(staging, dir)}/ in the new site`, () =>
        fs.mkdir(dir, { recursive: true }),
      ),
    );
  }
  return writeInBatches(files, staging, previousRoot, previous, fs, hashes, progress);
}

/** Writes the manifest of every file staged and the marker: the staging folder is then a whole site. */
export async function finishStaging(staging: string, manifest: Manifest, fs: OutputFs): Promise<void> {
  await attempt(`cannot write ${MANIFEST} into the new site`, () =>
    fs.writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest)),
  );
  await attempt(`cannot write ${OUTPUT_MARKER} into the new site`, () =>
    fs.writeFile(path.join(staging, OUTPUT_MARKER), MARKER_TEXT),
  );
}

/**
 * Writes every file into `root`. A file whose bytes equal those of the same path in the previous
 * site (per its manifest) is hard-linked from there instead: on a rebuild most pages are unchanged,
 * and a link costs a fraction of writing the bytes again. Each batch is waited for whole before a
 * failure is thrown (the first in file order), so that no write is still running when the staging
 * folder is removed. Returns the new manifest.
 */
async function writeInBatches(
  files: readonly OutputFile[],
  root: string,
  previousRoot: string,
  previous: Manifest,
  fs: OutputFs,
  hashes: FileHashes,
  progress: ProgressReport,
): Promise<Manifest> {
  const manifest: Manifest = {};
  progress('writing', 0, files.length);
  await settleInBatches(
    files,
    (done) => progress('writing', done, files.length),
    async (file) => {
      const target = path.join(root, file.outputPath);
      // A file kept from the previous site comes with its hash: it is linked, its bytes never read. A
      // text not hashed yet is encoded once, for its hash and for the write.
      let bytes: Uint8Array | undefined;
      let hash = hashes.get(file);
      if (hash === undefined) {
        const { contents } = file;
        bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
        hashes.set(file, (hash = sha256(bytes)));
      }
      manifest[file.outputPath] = hash;
      if (previous[file.outputPath] === hash) {
        try {
          await fs.link(path.join(previousRoot, file.outputPath), target);
          return;
        } catch {
          // The old file is gone or on another device: write it.
        }
      }
      await attempt(`cannot write ${file.outputPath} into the new site`, () =>
        fs.writeFile(target, bytes ?? file.contents),
      );
    },
  );
  return manifest;
}

/**
 * Runs `operation` on every item, 64 at a time; each batch is waited for whole before a failure is
 * thrown (the first in item order), so that nothing is still running when the caller cleans up.
 * `settled` is told how many items are done after each batch.
 */
async function settleInBatches<T>(
  items: readonly T[],
  settled: ((done: number) => void) | undefined,
  operation: (item: T) => Promise<unknown>,
): Promise<void> {
  const batch = 64;
  for (let i = 0; i < items.length; i += batch) {
    const results = await Promise.allSettled(items.slice(i, i + batch).map(operation));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    settled?.(Math.min(i + batch, items.length));
  }
}

/** The manifest of the site in `out`; empty when it has none (or not one inkstone wrote). */
export async function readManifest(out: string, fs: OutputFs): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await fs.readText(path.join(out, MANIFEST))) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}
