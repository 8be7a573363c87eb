/** Runs the CLI in-process, as `inkstone …` would, and captures what it prints. */
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/terminal.js';

/** What one command did: its exit code and everything it printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `inkstone ...argv`. */
export function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

/** Runs `inkstone ...argv` with `io`'s other parts (a terminal's `isTTY`, `env`, the progress line's timing). */
export async function cliWith(
  io: Partial<Pick<CliIo, 'env' | 'progress'>> & { tty?: { columns: number } },
  ...argv: string[]
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), ...(io.tty ? { isTTY: true, columns: io.tty.columns } : {}) },
    ...(io.env ? { env: io.env } : {}),
    ...(io.progress ? { progress: io.progress } : {}),
  });
  return { code, stdout, stderr };
}
