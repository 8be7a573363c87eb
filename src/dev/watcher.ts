/**
 * The watcher: chokidar on the site directory, limited to the folders and files that make the site
 * (see changes.ts). Symbolic links are not followed, so a link loop cannot make it walk forever, and
 * every watcher error is reported and survived.
 */
import { existsSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { CONFIG_MODULE_NAMES } from '../config/config-module.js';
import type { PostFolders } from '../content/discover.js';
import { toPosix } from '../core/paths.js';
import { classifyChange, isWatchedPath, type ChangeEvent, type SiteChange } from './changes.js';

/** A running watcher. */
export interface SiteWatcher {
  /** Resolves once the initial scan is done: changes after this are reported. */
  ready: Promise<void>;
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

const EVENTS: readonly string[] = ['add', 'change', 'unlink', 'addDir', 'unlinkDir'];

/**
 * chokidar drops every `change` of a file that comes within 50 ms of the previous one, so a second
 * save soon after a first would be lost. After each change the file is looked at again once that
 * window has passed, and reported again if it changed meanwhile.
 */
const RECHECK_MS = 70;

/** Watches `siteDir`; `exclude()` lists absolute folders never to look into (the output and the caches). */
export function watchSite(siteDir: string, exclude: () => readonly string[], handlers: WatchHandlers): SiteWatcher {
  const root = path.resolve(siteDir);
  // A site with a configuration module may import modules from any folder: code files are looked at everywhere.
  const hasModule = CONFIG_MODULE_NAMES.some((name) => existsSync(path.join(root, name)));
  const siteCode = () => handlers.siteCode?.() ?? new Set<string>();
  const prefix = `${root}${path.sep}`;
  // chokidar asks about every entry of a folder each time a file in it changes (thousands of posts):
  // a path under the root is cut, not resolved.
  const relative = (p: string) =>
    p.startsWith(prefix) ? toPosix(p.slice(prefix.length)) : toPosix(path.relative(root, path.resolve(root, p)));
  const rechecks = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const watcher: FSWatcher = chokidar.watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    // Report a delete at once: a rename (unlink + add) then lands in the same batch, and an editor's
    // delete-and-rewrite save is merged by the queue anyway.
    atomic: false,
    ignored: (p: string) => {
      const abs = p.startsWith(prefix) ? p : path.resolve(root, p);
      for (const dir of exclude())
        if (abs.startsWith(dir) && (abs.length === dir.length || abs[dir.length] === path.sep)) return true;
      const rel = relative(abs);
      return rel.startsWith('..') || !isWatchedPath(rel, hasModule);
    },
  });
  const recheck = (abs: string, change: SiteChange, seen: Stats | undefined) => {
    clearTimeout(rechecks.get(abs));
    const timer = setTimeout(async () => {
      rechecks.delete(abs);
      const now = await stat(abs).catch(() => undefined);
      if (closed || !now) return;
      if (!seen || now.mtimeMs !== seen.mtimeMs || now.size !== seen.size)
        report({ ...change, event: 'change' }, abs, now);
    }, RECHECK_MS);
    timer.unref();
    rechecks.set(abs, timer);
  };
  const report = (change: SiteChange, abs: string, stats: Stats | undefined) => {
    handlers.change(change);
    if (change.event === 'add' || change.event === 'change') recheck(abs, change, stats);
  };
  watcher.on('all', (event, p, stats) => {
    if (!EVENTS.includes(event)) return;
    const change = classifyChange(relative(p), event as ChangeEvent, siteCode(), handlers.postFolders?.() ?? {});
    if (change) report(change, path.resolve(root, p), stats);
  });
  watcher.on('error', (error) => handlers.error(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close() {
      closed = true;
      for (const timer of rechecks.values()) clearTimeout(timer);
      return watcher.close();
    },
  };
}
