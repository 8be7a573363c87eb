/**
 * Waiting in tests for a condition, never for a fixed time: a test goes on as soon as what it waits for
 * has happened, however fast or slow the machine, and fails only when it never happens.
 */

/**
 * How long a condition may take before the wait fails: far longer than any of them takes on a loaded
 * machine (the slowest, a child `inkstone dev` loading through tsx and building, took 30 s on two
 * busy cores).
 */
export const PATIENCE_MS = 120_000;

/** The timeout of a test that waits (set it on its describe): above its waits, so that theirs is the failure reported. */
export const WAITING_TEST_TIMEOUT_MS = 3 * PATIENCE_MS;

/**
 * Resolves once `condition()` holds, looking again every few milliseconds; rejects with `what` (and
 * `detail()`, if given) once `timeoutMs` have passed without it. Needs real timers.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: { timeoutMs?: number; detail?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? PATIENCE_MS);
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) {
      const detail = options.detail ? `; ${options.detail()}` : '';
      throw new Error(`timed out waiting until ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
