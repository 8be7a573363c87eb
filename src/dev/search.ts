/**
 * The dev server's search index, made in the background: after each rebuild the session's posts are
 * indexed again (by the build's search stage, in Pagefind's own process) while the reload goes out at
 * once; the index files are served from memory beside the site, and replaced when a new index is
 * ready. An index starts once rebuilds have paused for a moment (see DevSearchOptions), and saves
 * that arrive while one is being made are folded into one more, with the posts as they are when it
 * starts. Only the shards of posts whose revision changed are indexed again (the shards are kept here).
 */
import type { SiteConfig } from '../config/schema.js';
import { diagnosticFromError } from '../core/diagnostics.js';
import type { SearchFile } from '../search/pagefind-index.js';
import { runSearchStage, type SearchResult, type SearchStore } from '../search/stage.js';
import type { OutputFile, RenderedPost } from '../types.js';

/** What the index is made from: the session's posts (the graph's), their revisions, the configuration. */
export interface SearchInput {
  posts: readonly RenderedPost[];
  revisionOf(rendered: RenderedPost): number | string;
  config: SiteConfig;
}

/** The background indexer. */
export interface DevSearch {
  /** The index's files, by output path (empty before the first index, and with `search: false`). */
  files(): ReadonlyMap<string, OutputFile>;
  /** Asks for an index of `input` (undefined: no site yet); returns at once. */
  update(input: SearchInput | undefined): void;
  /** Resolves when no index is being made or waiting. */
  idle(): Promise<void>;
  /** Drops a request that waits for its quiet period (an index being made finishes). */
  stop(): void;
}

/** Options of the background indexer. */
export interface DevSearchOptions {
  /**
   * How long no rebuild must have come before an index is made (default 1,500 ms): Pagefind takes
   * seconds on a site of thousands of posts, and a writer's saves in quick succession need one index,
   * made while they read, not one beside each rebuild.
   */
  quietMs?: number;
}

/** A background indexer; `onIndexed` hears of each index made (its diagnostics, counts). */
export function createDevSearch(onIndexed?: (result: SearchResult) => void, options: DevSearchOptions = {}): DevSearch {
  const quietMs = options.quietMs ?? 1500;
  let files = new Map<string, OutputFile>();
  let waiting: SearchInput | undefined;
  let running: Promise<void> | undefined;
  let timer: { handle: NodeJS.Timeout; fired: Promise<void>; fire: () => void } | undefined;
  // Each shard's last index, by its key: a change makes only the changed posts' shards again.
  const shards = new Map<number, { key: string; files: readonly SearchFile[] }>();
  const store: SearchStore = {
    read: async (shard, key) => (shards.get(shard)?.key === key ? shards.get(shard)!.files : undefined),
    write: async (shard, key, made) => void shards.set(shard, { key, files: made }),
  };

  const index = async (input: SearchInput): Promise<void> => {
    const { config } = input;
    if (!config.search) {
      files = new Map();
      shards.clear();
      return;
    }
    const result = await runSearchStage(input.posts, {
      language: config.language,
      store,
      revisionOf: input.revisionOf,
    });
    await result.keep?.();
    // Every shard as it was (a save without a change, a layout edited): the files served already are these.
    if (result.cached && files.size > 0) return;
    files = new Map(result.files.map((f) => [f.outputPath, f]));
    onIndexed?.(result);
  };

  const start = () => {
    const input = waiting;
    waiting = undefined;
    if (!input) return;
    running = index(input)
      .catch((error: unknown) => {
        // A failure of inkstone's own (Pagefind's are warnings in the result): said, and the old index kept.
        const diagnostic = diagnosticFromError(error, 'the search index could not be made');
        onIndexed?.({
          files: [],
          diagnostics: [diagnostic],
          documents: 0,
          shards: 0,
          kept: 0,
          cached: false,
          bytes: 0,
        });
      })
      .finally(() => {
        running = undefined;
        if (waiting) schedule();
      });
  };

  // Each request moves the start to `quietMs` after it; a timer that fires while an index is being
  // made leaves the start to that index's end.
  const schedule = () => {
    if (timer) clearTimeout(timer.handle);
    let fire!: () => void;
    const fired = new Promise<void>((resolve) => (fire = resolve));
    const handle = setTimeout(() => {
      timer = undefined;
      if (!running) start();
      fire();
    }, quietMs);
    handle.unref();
    const previous = timer;
    timer = { handle, fired, fire };
    previous?.fire();
  };

  return {
    files: () => files,
    update(input) {
      if (!input) return;
      waiting = input;
      if (!running) schedule();
    },
    async idle() {
      while (timer || running) await (timer ? timer.fired : running);
    },
    stop() {
      if (timer) clearTimeout(timer.handle);
      timer?.fire();
      timer = undefined;
      waiting = undefined;
    },
  };
}
