/**
 * The images stage's cache in `<cache_dir>/images/`: each variant made, named by a hash of the
 * original's bytes, the encoder and the variant (so a replaced image, or a new sharp, makes new files),
 * and `facts.json`, which remembers for each image file its size, modification time, hash and
 * dimensions, so a build whose images did not change reads none of them. Files are written whole
 * (write, then rename); variants no build used last are removed when the next one is kept.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileWhole } from '../core/fs.js';
import type { ImageFacts } from './encode.js';

/** What is remembered of an image file. `stamp` is its size, modification time and inode. */
export interface StoredFacts extends ImageFacts {
  stamp: string;
  hash: string;
}

/** Where the stage keeps what it learnt and made. */
export interface ImageStore {
  facts(relPath: string): StoredFacts | undefined;
  remember(relPath: string, facts: StoredFacts): void;
  readVariant(name: string): Promise<Uint8Array | undefined>;
  writeVariant(name: string, bytes: Uint8Array): Promise<void>;
  /** Writes the facts of this build's images and removes the variants it did not use (`used`, by name). */
  keep(used: ReadonlySet<string>): Promise<void>;
}

const FACTS_FILE = 'facts.json';

/** The store in `dir`, with the facts the last build kept. */
export async function openDiskImageStore(dir: string): Promise<ImageStore> {
  const before = await readFacts(path.join(dir, FACTS_FILE));
  const now = new Map<string, StoredFacts>();
  return {
    facts: (relPath) => before.get(relPath),
    remember: (relPath, facts) => void now.set(relPath, facts),
    readVariant: (name) =>
      readFile(path.join(dir, name)).then(
        (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        () => undefined,
      ),
    async writeVariant(name, bytes) {
      // A variant that cannot be kept is made again by the next build: not a problem of this one.
      await writeFileWhole(path.join(dir, name), bytes).catch(() => undefined);
    },
    async keep(used) {
      const sorted = Object.fromEntries([...now].sort(([a], [b]) => (a < b ? -1 : 1)));
      await writeFileWhole(path.join(dir, FACTS_FILE), `${JSON.stringify(sorted)}\n`).catch(() => undefined);
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        names
          .filter((name) => name !== FACTS_FILE && !used.has(name))
          .map((name) => rm(path.join(dir, name), { force: true }).catch(() => undefined)),
      );
    },
  };
}

/** A store that keeps nothing (a build with `cache: false`). */
export function noImageStore(): ImageStore {
  return {
    facts: () => undefined,
    remember: () => undefined,
    readVariant: async () => undefined,
    writeVariant: async () => undefined,
    keep: async () => undefined,
  };
}

async function readFacts(file: string): Promise<Map<string, StoredFacts>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, StoredFacts>;
    return new Map(Object.entries(parsed).filter(([, facts]) => isFacts(facts)));
  } catch {
    return new Map();
  }
}

function isFacts(value: unknown): value is StoredFacts {
  const v = value as Partial<StoredFacts> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.stamp === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.type === 'string' &&
    typeof v.encodable === 'boolean' &&
    Number.isInteger(v.width) &&
    Number.isInteger(v.height)
  );
}
