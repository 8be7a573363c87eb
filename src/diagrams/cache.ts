/**
 * The diagram cache: one JSON file per rendered diagram under `<cache_dir>/diagrams/`, keyed by the
 * hash of everything that shapes the SVG (source, mermaid version, themes, renderer version). Entries
 * are never invalidated in place, so the folder is safe to keep between CI runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileWhole } from '../core/fs.js';

/**
 * A cached rendering: the two SVGs (a widget drawn once for both schemes has `dark` empty), or the
 * library's error message with the line (and for widgets the column) of the source it names.
 */
export type DiagramCacheEntry =
  | { ok: true; light: string; dark: string }
  | { ok: false; message: string; line: number | undefined; column?: number | undefined };

/** Reads and writes cache entries in `dir`. */
export interface DiagramCache {
  get(key: string): Promise<DiagramCacheEntry | undefined>;
  set(key: string, entry: DiagramCacheEntry): Promise<void>;
}

/** A cache in `dir` (created on first write). Unreadable or corrupt entries count as misses. */
export function createDiagramCache(dir: string): DiagramCache {
  const file = (key: string) => path.join(dir, `${key}.json`);
  return {
    async get(key) {
      try {
        const entry = JSON.parse(await readFile(file(key), 'utf8')) as DiagramCacheEntry;
        return typeof entry === 'object' && entry !== null && typeof entry.ok === 'boolean' ? entry : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, entry) {
      await writeFileWhole(file(key), JSON.stringify(entry));
    },
  };
}
