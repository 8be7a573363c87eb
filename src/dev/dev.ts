/**
 * dev(): the dev server, composed of the session (the last good build, rebuilt incrementally), the
 * watcher, the rebuild queue, the HTTP server and the live-reload stream. Nothing here writes the site
 * to disk: it is served from memory.
 */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { SiteChange } from './changes.js';
import type { ConnectionLimits } from './connections.js';
import { createLiveReload, type LiveMessage } from './live-reload.js';
import { overlayHtml } from './overlay.js';
import { createRebuildQueue, DEFAULT_QUEUE_OPTIONS, type RebuildQueueOptions } from './queue.js';
import { startServer } from './server.js';
import { createDevSession, type DevSession, type DevSessionOptions, type RebuildReport } from './session.js';
import { watchSite } from './watcher.js';
import { createDevSearch, type DevSearchOptions } from './search.js';
import type { SearchResult } from '../search/stage.js';
import type { OutputFile } from '../types.js';

/** Options of dev(). */
export interface DevOptions extends DevSessionOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 4000; 0 picks a free one). */
  port?: number;
  /** Batching of changes (tests shorten or lengthen it). */
  queue?: RebuildQueueOptions;
  /** Limits on the server's connections (default DEFAULT_CONNECTION_LIMITS; measurements lift them). */
  connections?: ConnectionLimits;
  /** Called after every rebuild, the first one included; `changes` is empty for the first. */
  onRebuild?(report: RebuildReport, changes: readonly SiteChange[]): void;
  /** Called when the watcher reports an error (it keeps watching). */
  onWatchError?(error: Error): void;
  /** Called when a search index was made in the background (with its warnings, if any). */
  onSearchIndexed?(result: SearchResult): void;
  /** Options of the background search index (tests shorten its quiet period). */
  search?: DevSearchOptions;
}

/** A running dev server. */
export interface DevServer {
  url: string;
  port: number;
  session: DevSession;
  /** The report of the first build. */
  first: RebuildReport;
  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void>;
  /** Resolves when no rebuild and no search index is being made or waiting. */
  searchIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the site, starts serving it and watching it. Rejects when the port cannot be bound. */
export async function dev(options: DevOptions): Promise<DevServer> {
  const siteDir = path.resolve(options.siteDir);
  const session = createDevSession({ ...options, siteDir });
  const live = createLiveReload(() => greeting(session));
  const search = createDevSearch(options.onSearchIndexed, options.search);
  let first: RebuildReport | undefined;
  const queue = createRebuildQueue<SiteChange | 'full'>(async (batch) => {
    const changes = batch.filter((c): c is SiteChange => c !== 'full');
    const report = await session.rebuild(batch.includes('full') ? 'full' : changes);
    // The output and cache folders are known once the configuration is read.
    watcher.excludeChanged();
    first ??= report;
    for (const message of messagesFor(report, session)) live.broadcast(message);
    // The search index follows in the background: the reload does not wait for it.
    if (report.ok) search.update(session.searchInput());
    options.onRebuild?.(report, changes);
  }, options.queue ?? DEFAULT_QUEUE_OPTIONS);
  // Watch before the first build, so that a save during it is not lost; the caches are known only after it.
  const modules = path.join(siteDir, 'node_modules');
  const ignored = () => [...session.ignoredDirs(), modules];
  const watcher = watchSite(siteDir, ignored, {
    change: (change) => queue.add(change),
    error: (error) => options.onWatchError?.(error),
    siteCode: () => session.siteCode(),
    postFolders: () => session.postFolders(),
  });
  queue.add('full');
  await queue.idle();
  // In the background: Shiki and the site's grammars (100–300 ms each) are ready before the first save.
  void session.warm().catch(() => undefined);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      options.host ?? '127.0.0.1',
      options.port ?? 4000,
      {
        files: servedWith(session.served, search.files),
        generation: session.generation,
        basePath: () => session.base().basePath,
      },
      live,
      options.connections,
    );
  } catch (error) {
    queue.close();
    await watcher.close();
    session.close();
    live.close();
    throw error;
  }
  await watcher.ready;
  const running = server;
  return {
    url: running.url,
    port: running.port,
    session,
    first: first!,
    idle: () => queue.idle(),
    searchIdle: async () => {
      await queue.idle();
      await search.idle();
    },
    async close() {
      queue.close();
      await watcher.close();
      live.close();
      await running.close();
      await queue.idle();
      search.stop();
      await search.idle();
      session.close();
    },
  };
}

/**
 * The site's files and the search index's, as one map for the server: made again only when either
 * changed (the site's files win where both have a path; the build reports such a collision).
 */
function servedWith(
  site: () => ReadonlyMap<string, OutputFile>,
  search: () => ReadonlyMap<string, OutputFile>,
): () => ReadonlyMap<string, OutputFile> {
  let made:
    | {
        site: ReadonlyMap<string, OutputFile>;
        search: ReadonlyMap<string, OutputFile>;
        all: ReadonlyMap<string, OutputFile>;
      }
    | undefined;
  return () => {
    const now = { site: site(), search: search() };
    if (made?.site !== now.site || made.search !== now.search)
      made = { ...now, all: now.search.size === 0 ? now.site : new Map([...now.search, ...now.site]) };
    return made.all;
  };
}

/** What a page that just connected is told: the generation it should be at, and the overlay if the site is broken. */
function greeting(session: DevSession): LiveMessage[] {
  const errors = session.errors();
  return [{ type: 'hello', generation: session.generation() }, ...(errors.length > 0 ? [errorsMessage(errors)] : [])];
}

/**
 * What the pages are told after a rebuild: the overlay, or its removal and the files that changed.
 * Pages reload when their own file changed; CSS is swapped in place; any other asset (script, image,
 * font) reloads every page, while feeds, the sitemap and robots.txt reload none.
 */
export function messagesFor(report: RebuildReport, session: Pick<DevSession, 'generation' | 'base'>): LiveMessage[] {
  if (!report.ok) return [errorsMessage(report.diagnostics.filter((d) => d.severity === 'error'))];
  const touched = [...report.changed, ...report.removed];
  const messages: LiveMessage[] = [{ type: 'ok' }];
  if (touched.length === 0) return messages;
  const basePath = session.base().basePath;
  const pages = touched.filter((p) => p.endsWith('.html'));
  const css = touched.filter((p) => p.endsWith('.css')).map((p) => `${basePath}${p}`);
  const all = touched.some((p) => !/\.(html|css|xml|txt)$/.test(p) && !/(^|\/)feed\.json$/.test(p));
  messages.push({ type: 'update', generation: session.generation(), pages, css, all });
  return messages;
}

function errorsMessage(errors: readonly Diagnostic[]): LiveMessage {
  return { type: 'errors', html: overlayHtml(errors) };
}
