/** Process exit codes of the CLI. */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** Content or template errors (bad posts, layouts, output problems). */
  content: 1,
  /** Usage or configuration errors. */
  usage: 2,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
