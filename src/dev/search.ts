/**
 * The dev server's search index, made in the background: after each rebuild the session's posts are
 * indexed again (by the build's search stage, in Pagefind's own process) while the reload goes out at
 * once; the index files are served from memory beside the site, and replaced when a new index is
 * ready. Saves that arrive while an index is being made are folded into one more run, with the
 * posts as they are when it starts. An index is made again only when some post's revision changed.
 */
import type { SiteConfig } from '../config/schema.js';
import { diagnosticFromError } from '../core/diagnostics.js';
import { runSearchStage, type SearchResult } from '../search/stage.js';
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
}

/** A background indexer; `onIndexed` hears of each index made (its diagnostics, counts). */
export function createDevSearch(onIndexed?: (result: SearchResult) => void): DevSearch {
  let files = new Map<string, OutputFile>();
  let madeFrom: string | undefined;
  let waiting: SearchInput | undefined;
  let running: Promise<void> | undefined;

  const run = async (): Promise<void> => {
    while (waiting) {
      const input = waiting;
      waiting = undefined;
      const { config } = input;
      if (!config.search) {
        files = new Map();
        madeFrom = undefined;
        continue;
      }
      const key = JSON.stringify([
        config.language,
        input.posts.map((r) => [r.post.source.relPath, input.revisionOf(r)]),
      ]);
      if (key === madeFrom) continue;
      const result = await runSearchStage(input.posts, { language: config.language });
      files = new Map(result.files.map((f) => [f.outputPath, f]));
      madeFrom = key;
      onIndexed?.(result);
    }
  };

  const start = () => {
    running = run()
      .catch((error: unknown) => {
        // A failure of inkstone's own (Pagefind's are warnings in the result): said, and the old index kept.
        const diagnostic = diagnosticFromError(error, 'the search index could not be made');
        onIndexed?.({ files: [], diagnostics: [diagnostic], documents: 0, cached: false, bytes: 0 });
      })
      .finally(() => {
        running = undefined;
        if (waiting) start();
      });
  };

  return {
    files: () => files,
    update(input) {
      if (!input) return;
      waiting = input;
      if (!running) start();
    },
    async idle() {
      while (running) await running;
    },
  };
}
