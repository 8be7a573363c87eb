/**
 * The watcher: chokidar on the site directory, in a thread of its own (see watch-worker.ts), limited
 * to the folders and files that make the site (see changes.ts). Symbolic links are not followed, so a
 * link loop cannot make it walk forever, and every watcher error is reported and survived. Changes are
 * classified here, where the session tells which modules are the site's code and where its posts are.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_MODULE_NAMES } from '../config/config-module.js';
import type { PostFolders } from '../content/discover.js';
import { startModuleWorker } from '../core/module-worker.js';
import { toPosix } from '../core/paths.js';
import { type ChangeEvent, classifyChange, type SiteChange } from './changes.js';
import { isWithin, type WatchCommand, type WatchReport, type WatchSetup } from './watch-worker.js';

/** A running watcher. */
export interface SiteWatcher {
  /** Resolves once the initial scan is done: changes after this are reported. */
  ready: Promise<void>;
  /** Looks at `exclude()` again: a folder it now names is no longer looked into. */
  excludeChanged(): void;
  close(): Promise<void>;
}

/** What the watcher reports to. */
export interface WatchHandlers {
  change(change: SiteChange): void;
  error(error: Error): void;
  /** The site's own modules (its configuration module's imports), relative to the site: changes to them reload the configuration. */
  siteCode?(): ReadonlySet<string>;
  /** A Hugo site's content folder, once the configuration is read. */
  postFolders?(): PostFolders;
}

/** Watches `siteDir`; `exclude()` lists absolute folders never to look into (the output and the caches). */
export function watchSite(siteDir: string, exclude: () => readonly string[], handlers: WatchHandlers): SiteWatcher {
  const root = path.resolve(siteDir);
  // A site with a configuration module may import modules from any folder: code files are looked at everywhere.
  const siteCode = CONFIG_MODULE_NAMES.some((name) => existsSync(path.join(root, name)));
  let excluded = [...exclude()];
  const setup: WatchSetup = { root, siteCode, exclude: excluded };
  const worker = startModuleWorker(import.meta.url, 'watch-worker', setup);
  const command = (message: WatchCommand) => worker.postMessage(message);
  let closed = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let markClosed!: () => void;
  const finished = new Promise<void>((resolve) => (markClosed = resolve));
  worker.on('message', (report: WatchReport) => {
    if (report.type === 'ready') markReady();
    else if (report.type === 'closed') markClosed();
    else if (report.type === 'error') handlers.error(new Error(report.message));
    else if (!closed && !excluded.some((dir) => isWithin(report.path, dir))) {
      const rel = toPosix(path.relative(root, report.path));
      const change = classifyChange(
        rel,
        report.event as ChangeEvent,
        handlers.siteCode?.() ?? new Set<string>(),
        handlers.postFolders?.() ?? {},
      );
      if (change) handlers.change(change);
    }
  });
  worker.on('error', (error) => handlers.error(error));
  // A thread that ended (closed, or failed) has nothing more to say.
  worker.once('exit', () => {
    markReady();
    markClosed();
  });
  return {
    ready,
    excludeChanged() {
      const now = [...exclude()];
      if (now.length === excluded.length && now.every((dir, i) => dir === excluded[i])) return;
      excluded = now;
      command({ type: 'exclude', dirs: now });
    },
    async close() {
      if (closed) return finished;
      closed = true;
      command({ type: 'close' });
      await finished;
      await worker.terminate();
    },
  };
}
