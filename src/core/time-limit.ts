/** Waiting for a promise no longer than a time limit. */

/** What `withinTime` resolves to when the limit passed first. */
export const TIMED_OUT = Symbol('timed out');

/** `promise`'s value, or TIMED_OUT when it takes longer than `ms` (the promise itself is left running). */
export function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
