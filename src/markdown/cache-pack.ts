/**
 * The cache pack: a build's caches in one file, read in one go, and its long texts (rendered HTML)
 * in a few files beside it. The pack is a line naming the format, then one line of JSON: its sections
 * (what each cache keeps) and the text files it refers to. A text is referred to by file and byte
 * range and read only when asked for: a build that renders no page again reads no text file. A new pack refers to the texts it keeps where they are and
 * puts new ones in a new text file; the text files are merged into one when more than half of their
 * bytes are no longer referred to, or when there are many. Every file is written to a temporary name
 * and renamed into place, the pack last, so a killed build never leaves half a pack; text files no
 * pack refers to any more are removed after the new pack is in place.
 */
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type TextChunk, writeTextFile } from './pack-texts.js';

const FORMAT = 'inkstone-pack ';
const MAGIC = `${FORMAT}2\n`;

/** A text of a pack: the index of its text file in the pack's list, its first byte, its length in bytes. */
export type TextRef = [file: number, start: number, length: number];

/** A pack as read: its sections, and its texts. */
export interface Pack {
  sections: Record<string, unknown>;
  /** The folder of the pack and its text files, and the text files (name, size) it refers to. */
  dir: string;
  files: ReadonlyArray<[name: string, size: number]>;
  /** The text at `ref`, read and decoded. Throws PackError when its file is gone or shorter. */
  text(ref: TextRef): string;
  /** Whether `ref` is the range of a text of this pack (in one of its files, within its size). */
  has(ref: unknown): ref is TextRef;
}

/** A pack that is there but cannot be read as one (truncated, overwritten, of another version). */
export class PackError extends Error {}

interface Header {
  sections: Record<string, unknown>;
  /** The text files, by name, with their sizes. */
  files: Array<[name: string, size: number]>;
}

/** Reads the pack in `file`: undefined when there is none; throws PackError when it is not a whole pack. */
export function readPack(file: string): Pack | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new PackError(`cannot read ${path.basename(file)} (${(error as Error).message})`);
  }
  const corrupt = (why: string) => new PackError(`its pack is damaged (${why})`);
  if (!data.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) {
    // A pack of another version of inkstone is not damaged: it is not read, and the next one replaces it.
    if (data.subarray(0, FORMAT.length).equals(Buffer.from(FORMAT))) return undefined;
    throw corrupt('it does not start as a pack');
  }
  if (data.at(-1) !== 0x0a) throw corrupt('it is cut short');
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', MAGIC.length, data.length - 1)) as Header;
  } catch (error) {
    throw corrupt(`it is not JSON: ${(error as Error).message}`);
  }
  if (typeof header.sections !== 'object' || header.sections === null || !Array.isArray(header.files))
    throw corrupt('it has no sections');
  const dir = path.dirname(file);
  // A text file that is gone or shorter than the pack says (removed by hand, or by a build running
  // at the same time) makes the texts in it unknown: their entries are rendered again.
  const whole = header.files.map(
    ([name, size]) => statSync(path.join(dir, name), { throwIfNoEntry: false })?.size === size,
  );
  const has = (ref: unknown): ref is TextRef =>
    Array.isArray(ref) &&
    ref.length === 3 &&
    ref.every((n) => Number.isInteger(n) && n >= 0) &&
    ref[0] < header.files.length &&
    whole[ref[0]] === true &&
    ref[1] + ref[2] <= header.files[ref[0]]![1];
  // Texts are read one by one (a warm build that fills in the diagrams of a few posts needs a few
  // of a file's thousands) until a quarter of the file has been read that way: then the file is read
  // whole, since a build that needs that much needs most of it (the views of a list show every post).
  const loaded = new Map<number, Buffer>();
  const bytesRead = new Map<number, number>();
  return {
    sections: header.sections,
    dir,
    files: header.files,
    has,
    text(ref) {
      if (!has(ref)) throw corrupt('a text is out of range');
      const [name, size] = header.files[ref[0]]!;
      let data = loaded.get(ref[0]);
      const read = (bytesRead.get(ref[0]) ?? 0) + ref[2];
      bytesRead.set(ref[0], read);
      if (!data && read > size / 4) loaded.set(ref[0], (data = readRange(path.join(dir, name), 0, size)));
      const bytes = data ? data.subarray(ref[1], ref[1] + ref[2]) : readRange(path.join(dir, name), ref[1], ref[2]);
      // ASCII (most HTML) is copied as it is: several times cheaper than decoding UTF-8.
      return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    },
  };
}

function readRange(file: string, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new PackError(`a text file of the pack cannot be read (${(error as Error).message})`);
  }
  try {
    let done = 0;
    while (done < length) {
      const read = readSync(fd, buffer, done, length - done, start + done);
      if (read === 0) throw new PackError(`a text file of the pack is cut short: ${path.basename(file)}`);
      done += read;
    }
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Collects the texts of the next pack: see packWriter. */
export interface PackWriter {
  /** A text of the last pack, kept where it is. */
  keep(ref: TextRef): TextRef;
  /** A new text. */
  add(text: string): TextRef;
  /** Writes the new texts, then the pack with `sections`, then removes text files no pack refers to. */
  write(sections: Record<string, unknown>): Promise<void>;
}

/** Text files past this many are merged into one. */
const MAX_TEXT_FILES = 8;

/** How long a text file no pack refers to is kept (a build that started before it was dropped may read it). */
const UNUSED_TEXTS_KEPT_MS = 10 * 60 * 1000;

/**
 * A writer of the pack `file` that follows `previous` (the pack read at the start of the build, if
 * any). `stamp` names the text file of the new texts (unique to this write).
 */
export function packWriter(file: string, previous: Pack | undefined, stamp: string): PackWriter {
  const dir = path.dirname(file);
  const oldFiles = previous?.files ?? [];
  // Old text files, by index: the ranges kept in each, to find how much of it is still referred to.
  const kept = oldFiles.map(() => [] as TextRef[]);
  // New texts are kept as strings and encoded only as they are written; their refs are filled in then.
  const added: string[] = [];
  const addedRefs: TextRef[] = [];
  // Kept refs are made before the files are laid out ([-2 - old file index]) and fixed once they are.
  const keptRefs: TextRef[] = [];

  /** Writes the text file (if any) and fixes every ref; returns the text files of the new pack. */
  const layOut = async (): Promise<Array<[string, number]>> => {
    await mkdir(dir, { recursive: true });
    const used = oldFiles.map((_, i) => kept[i]!.length > 0);
    const live = kept.reduce((sum, list) => sum + distinctBytes(list), 0);
    const total = oldFiles.reduce((sum, [, size], i) => sum + (used[i] ? size : 0), 0);
    const merge = total - live > live || used.filter(Boolean).length + (added.length > 0 ? 1 : 0) > MAX_TEXT_FILES;
    const files: Array<[string, number]> = [];
    const name = `texts-${stamp}.bin`;
    const writeNew = (chunks: TextChunk[]) => {
      const written = writeTextFile(path.join(dir, name), chunks);
      files.push([name, written.size]);
      return written.sizes;
    };
    const placeAdded = (fileIndex: number, sizes: readonly number[], first: number, start: number) => {
      let offset = start;
      addedRefs.forEach((ref, i) => {
        const length = sizes[first + i]!;
        ref.splice(0, 3, fileIndex, offset, length);
        offset += length;
      });
    };
    if (merge) {
      // One new file with every text still referred to (each old file read once), then the new ones.
      const chunks: TextChunk[] = [];
      let size = 0;
      const moved = new Map<string, number>();
      oldFiles.forEach(([oldName], i) => {
        if (!used[i]) return;
        for (const ref of kept[i]!) {
          const id = ref.join(':');
          if (moved.has(id)) continue;
          moved.set(id, size);
          chunks.push({ file: path.join(dir, oldName), start: ref[1], length: ref[2] });
          size += ref[2];
        }
      });
      for (const ref of keptRefs) ref.splice(0, 2, 0, moved.get([-2 - ref[0], ref[1], ref[2]].join(':'))!);
      if (chunks.length + added.length > 0) placeAdded(0, writeNew([...chunks, ...added]), chunks.length, size);
    } else {
      const place = new Map<number, number>();
      oldFiles.forEach((entry, i) => {
        if (!used[i]) return;
        place.set(i, files.length);
        files.push(entry);
      });
      for (const ref of keptRefs) ref[0] = place.get(-2 - ref[0])!;
      const fresh = files.length;
      if (added.length > 0) placeAdded(fresh, writeNew(added), 0, 0);
    }
    return files;
  };

  return {
    keep(ref) {
      const out: TextRef = [-2 - ref[0], ref[1], ref[2]];
      kept[ref[0]]!.push(ref);
      keptRefs.push(out);
      return out;
    },
    add(text) {
      const out: TextRef = [-1, 0, 0];
      added.push(text);
      addedRefs.push(out);
      return out;
    },
    async write(sections) {
      const files = await layOut();
      const temp = `${file}.${stamp}.tmp`;
      try {
        await writeFile(temp, `${MAGIC}${JSON.stringify({ sections, files } satisfies Header)}\n`);
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      // Text files the new pack does not refer to (and leftovers of killed writes) go, once they are a
      // few minutes old: a build running at the same time may still read one its pack refers to.
      const current = new Set(files.map(([name]) => name));
      const names = await readdir(dir).catch(() => [] as string[]);
      const old = Date.now() - UNUSED_TEXTS_KEPT_MS;
      await Promise.all(
        names
          .filter((name) => /^texts-.*\.bin(?:\.tmp)?$/.test(name) && !current.has(name))
          .map(async (name) => {
            const target = path.join(dir, name);
            const info = await stat(target).catch(() => undefined);
            if (info && info.mtimeMs < old) await rm(target, { force: true }).catch(() => undefined);
          }),
      );
    },
  };
}

/** Bytes of the distinct ranges in `refs` (one text may be kept by two fields). */
function distinctBytes(refs: readonly TextRef[]): number {
  const seen = new Set<string>();
  let bytes = 0;
  for (const ref of refs) {
    const id = ref.join(':');
    if (!seen.has(id)) bytes += ref[2];
    seen.add(id);
  }
  return bytes;
}
