/**
 * The rebuild queue: changes that arrive close together are batched into one rebuild, only one
 * rebuild runs at a time, and changes that arrive during a rebuild make exactly one follow-up rebuild.
 *
 * A lone change waits only `delayMs`, so a single save shows at once. A change that comes less than
 * `burstDelayMs` after the one before is part of a burst (a stream of saves, a script writing files):
 * the queue then waits for `burstDelayMs` of quiet, so the whole burst is one rebuild of its last
 * state, but never longer than `maxDelayMs` after the first waiting change.
 */

/** Timing of the queue. */
export interface RebuildQueueOptions {
  /** Quiet time after a lone change before a rebuild starts (editors write a file in several steps). */
  delayMs: number;
  /**
   * Quiet time after a change that came less than this after the previous change (default `delayMs`).
   * Longer than the watcher's second look at a saved file (70 ms), so that saves of one file in a
   * stream, which the watcher reports 50–70 ms apart, are one burst.
   */
  burstDelayMs?: number;
  /** A rebuild starts at the latest this long after the first waiting change, even if changes keep coming. */
  maxDelayMs: number;
}

/** Default timing: a lone save rebuilds after 25 ms, a burst 100 ms after it stops, a stream at least every 2 s. */
export const DEFAULT_QUEUE_OPTIONS: Required<RebuildQueueOptions> = {
  delayMs: 25,
  burstDelayMs: 100,
  maxDelayMs: 2_000,
};

/** Feeds changes to `rebuild` in batches. */
export interface RebuildQueue<T> {
  /** Adds a change; a rebuild follows after the quiet time. */
  add(change: T): void;
  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void>;
  /** Drops waiting changes and stops starting rebuilds. */
  close(): void;
}

/** A queue that calls `rebuild` with each batch; `rebuild` must not throw (it reports its own errors). */
export function createRebuildQueue<T>(
  rebuild: (batch: T[]) => Promise<void>,
  options: RebuildQueueOptions = DEFAULT_QUEUE_OPTIONS,
): RebuildQueue<T> {
  const burstDelayMs = options.burstDelayMs ?? options.delayMs;
  let pending: T[] = [];
  let firstPendingAt = 0;
  let lastChangeAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running || timer || pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const start = () => {
    timer = undefined;
    if (closed || running || pending.length === 0) {
      settleIdle();
      return;
    }
    const batch = pending;
    pending = [];
    running = rebuild(batch).finally(() => {
      running = undefined;
      // Changes that came in meanwhile: one follow-up, after their own quiet time if it has not passed.
      if (pending.length > 0 && !timer) start();
      else settleIdle();
    });
  };

  return {
    add(change) {
      if (closed) return;
      const now = Date.now();
      const quiet = now - lastChangeAt < burstDelayMs ? burstDelayMs : options.delayMs;
      lastChangeAt = now;
      if (pending.length === 0) firstPendingAt = now;
      pending.push(change);
      if (timer) clearTimeout(timer);
      const wait = Math.max(0, Math.min(quiet, firstPendingAt + options.maxDelayMs - now));
      timer = setTimeout(start, wait);
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = [];
      settleIdle();
    },
  };
}
