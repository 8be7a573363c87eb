/**
 * Writing one text file of the cache pack: new texts (strings, encoded one by one, so that a lone
 * surrogate never pairs with its neighbour) and ranges of older text files, one after the other,
 * through one buffer: no buffer per text, and no pass over the texts to count their bytes first.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

/** A piece of a text file: a new text, or a range of bytes of an older text file. */
export type TextChunk = string | { file: string; start: number; length: number };

/** The text file as written: each chunk's size in bytes, and the file's size. */
export interface WrittenTexts {
  sizes: number[];
  size: number;
}

/** Bytes encoded before they are written in one call. */
const BUFFER_BYTES = 1 << 20;

/** Writes `chunks` to `target` (through a temporary name, renamed into place). */
export function writeTextFile(target: string, chunks: readonly TextChunk[]): WrittenTexts {
  const temp = `${target}.tmp`;
  const sizes: number[] = [];
  try {
    const fd = openSync(temp, 'w');
    try {
      const older = new Map<string, Buffer>();
      // Texts are encoded straight into one buffer, written whenever it is full: no buffer per text.
      const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
      let used = 0;
      const flush = () => {
        writeAll(fd, buffer.subarray(0, used));
        used = 0;
      };
      for (const chunk of chunks) {
        if (typeof chunk === 'string') {
          // A UTF-16 unit takes at most 3 bytes in UTF-8; a text that may not fit is written on its own.
          if (used + chunk.length * 3 > BUFFER_BYTES) flush();
          if (chunk.length * 3 > BUFFER_BYTES) {
            const bytes = Buffer.from(chunk, 'utf8');
            writeAll(fd, bytes);
            sizes.push(bytes.length);
          } else {
            const length = buffer.write(chunk, used, 'utf8');
            used += length;
            sizes.push(length);
          }
          continue;
        }
        let data = older.get(chunk.file);
        if (!data) older.set(chunk.file, (data = readFileSync(chunk.file)));
        if (chunk.start + chunk.length > data.length)
          throw new Error(`a text file of the pack is cut short: ${chunk.file}`);
        const bytes = data.subarray(chunk.start, chunk.start + chunk.length);
        if (used + bytes.length > BUFFER_BYTES) flush();
        if (bytes.length > BUFFER_BYTES) writeAll(fd, bytes);
        else used += bytes.copy(buffer, used);
        sizes.push(bytes.length);
      }
      flush();
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // The file's size as written: what `has` checks ranges against.
  return { sizes, size: statSync(target).size };
}

/** Writes all of `bytes` to `fd` (a write may take less than it is given). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
