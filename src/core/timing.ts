/** Stage timing for `--timings` and the build report. */
import { performance } from 'node:perf_hooks';

/** Milliseconds spent per named stage, in the order the stages ran. */
export type StageTimings = Array<{ stage: string; ms: number }>;

/** Runs `fn`, records its duration under `stage` in `timings`, and returns its result. */
export async function timed<T>(timings: StageTimings, stage: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings.push({ stage, ms: performance.now() - start });
  }
}
