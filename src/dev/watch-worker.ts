/**
 * The watcher's thread: chokidar runs here, not beside the rebuilds. Each time a file in a folder
 * changes, chokidar lists that folder again and looks at every entry (an lstat and an ignore check
 * each): for a folder of thousands of posts, tens of milliseconds of a save's reload. Here that work
 * runs on another core, and the main thread is told only of the changes (see watcher.ts).
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import chokidar from 'chokidar';
import { toPosix } from '../core/paths.js';
import { isWatchedPath } from './changes.js';

/** What the thread is started with. */
export interface WatchSetup {
  /** The site folder, absolute. */
  root: string;
  /** The site has a configuration module: code files are looked at everywhere (see isWatchedPath). */
  siteCode: boolean;
  /** Absolute folders never to look into (the output and the caches). */
  exclude: string[];
}

/** What the main thread tells the watcher's thread. */
export type WatchCommand = { type: 'exclude'; dirs: string[] } | { type: 'close' };

/** What the watcher's thread tells the main thread. */
export type WatchReport =
  | { type: 'change'; event: string; path: string }
  | { type: 'error'; message: string }
  | { type: 'ready' }
  | { type: 'closed' };

const EVENTS: readonly string[] = ['add', 'change', 'unlink', 'addDir', 'unlinkDir'];

/**
 * chokidar drops every `change` of a file that comes within 50 ms of the previous one, so a second
 * save soon after a first would be lost. After each change the file is looked at again once that
 * window has passed, and reported again if it changed meanwhile.
 */
const RECHECK_MS = 70;

/** True when `abs` is `dir` or inside it. */
export function isWithin(abs: string, dir: string): boolean {
  return abs.startsWith(dir) && (abs.length === dir.length || abs[dir.length] === path.sep);
}

const port = parentPort;
if (port) {
  const setup = workerData as WatchSetup;
  const { root } = setup;
  let exclude = setup.exclude;
  const prefix = `${root}${path.sep}`;
  const rechecks = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const send = (report: WatchReport) => port.postMessage(report);
  const watcher = chokidar.watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    // Report a delete at once: a rename (unlink + add) then lands in the same batch, and an editor's
    // delete-and-rewrite save is merged by the queue anyway.
    atomic: false,
    // Asked of every entry of a folder each time a file in it changes: a path under the root is cut, not resolved.
    ignored: (p: string) => {
      const abs = p.startsWith(prefix) ? p : path.resolve(root, p);
      if (exclude.some((dir) => isWithin(abs, dir))) return true;
      const rel = abs.startsWith(prefix) ? toPosix(abs.slice(prefix.length)) : toPosix(path.relative(root, abs));
      return rel.startsWith('..') || !isWatchedPath(rel, setup.siteCode);
    },
  });
  const recheck = (abs: string, seen: Stats | undefined) => {
    clearTimeout(rechecks.get(abs));
    const timer = setTimeout(async () => {
      rechecks.delete(abs);
      const now = await stat(abs).catch(() => undefined);
      if (closed || !now) return;
      if (!seen || now.mtimeMs !== seen.mtimeMs || now.size !== seen.size) report('change', abs, now);
    }, RECHECK_MS);
    rechecks.set(abs, timer);
  };
  const report = (event: string, abs: string, stats: Stats | undefined) => {
    send({ type: 'change', event, path: abs });
    if (event === 'add' || event === 'change') recheck(abs, stats);
  };
  watcher.on('all', (event, p, stats) => {
    if (EVENTS.includes(event)) report(event, path.resolve(root, p), stats);
  });
  watcher.on('error', (error) =>
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
  watcher.once('ready', () => send({ type: 'ready' }));
  port.on('message', (command: WatchCommand) => {
    if (command.type === 'exclude') exclude = command.dirs;
    else {
      closed = true;
      for (const timer of rechecks.values()) clearTimeout(timer);
      void watcher.close().finally(() => {
        send({ type: 'closed' });
        port.close();
      });
    }
  });
}
