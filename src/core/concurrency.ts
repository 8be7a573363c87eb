/** Bounded concurrency: work on many items, or many callers, a few at a time. */

/** Runs `work` on every item of `items` (with its index), at most `limit` at a time, in order of start. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/** A function that runs at most `max` pieces of work at a time, the others waiting their turn in order. */
export function limiter(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      // The turn passes to the next waiter, or the slot is freed.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
