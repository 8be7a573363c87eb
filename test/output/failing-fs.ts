/**
 * An OutputFs that fails chosen operations the way the OS does (an error with `code`, `syscall` and
 * Node's message), so that the writer's failure paths can be tested as root, which file modes do not
 * stop, as well as by a normal user.
 */
import type { OutputFs } from '../../src/output/output-fs.js';

const DESCRIPTIONS = {
  EACCES: 'permission denied',
  EBUSY: 'resource busy or locked',
  ENOSPC: 'no space left on device',
  EPERM: 'operation not permitted',
} as const;

/** An errno code the fake can raise. */
export type FailureCode = keyof typeof DESCRIPTIONS;

/** One operation to fail: `op` whose path arguments `when` accepts, `times` times (default: every time). */
export interface Failure {
  op: keyof OutputFs;
  when: (...paths: string[]) => boolean;
  code: FailureCode;
  times?: number;
}

/** The error Node gives for `code` in `syscall` on `from` (and `to`, for two-path calls). */
export function osError(code: FailureCode, syscall: string, from: string, to?: string): NodeJS.ErrnoException {
  const message = `${code}: ${DESCRIPTIONS[code]}, ${syscall} '${from}'${to === undefined ? '' : ` -> '${to}'`}`;
  return Object.assign(new Error(message), { code, syscall, path: from, ...(to === undefined ? {} : { dest: to }) });
}

/** `base`, except that the operations matching `failures` throw. */
export function failingFs(base: OutputFs, ...failures: Failure[]): OutputFs {
  const left = failures.map((f) => f.times ?? Number.POSITIVE_INFINITY);
  const wrapped = Object.entries(base).map(([op, real]) => {
    const call = async (...args: unknown[]): Promise<unknown> => {
      const paths = args.filter((a): a is string => typeof a === 'string');
      const index = failures.findIndex((f, i) => f.op === op && left[i]! > 0 && f.when(...paths));
      if (index >= 0) {
        left[index]!--;
        throw osError(failures[index]!.code, op, paths[0]!, paths[1]);
      }
      return (real as (...a: unknown[]) => Promise<unknown>)(...args);
    };
    return [op, call];
  });
  return Object.fromEntries(wrapped) as unknown as OutputFs;
}

/**
 * The output-fs module with its default file system routed through `current()` when that returns one
 * (build() takes no file system of its own): for a `vi.mock` factory of `src/output/output-fs.js`.
 */
export function routedOutputFsModule<M extends { nodeOutputFs: OutputFs }>(
  real: M,
  current: () => OutputFs | undefined,
): M {
  const routed = Object.fromEntries(
    Object.entries(real.nodeOutputFs).map(([op, fn]) => [
      op,
      (...args: unknown[]) => ((current()?.[op as keyof OutputFs] ?? fn) as (...a: unknown[]) => unknown)(...args),
    ]),
  );
  return { ...real, nodeOutputFs: routed as unknown as OutputFs };
}
