/**
 * The progress line of `inkstone build` on a terminal: one line on stderr, drawn again in place as
 * the long stages go (posts rendered, diagrams drawn, pages rendered, files written, each n/N) and
 * erased when the build ends, before anything else is printed. A build shorter than `delayMs` draws
 * nothing, and the line is drawn at most once per `intervalMs`. Never in CI, in a pipe, or with --quiet.
 */
import { performance } from 'node:perf_hooks';
import type { ProgressReport, ProgressStage } from '../core/progress.js';

/** A stream the line is drawn on: a terminal says so with `isTTY`, and its width with `columns`. */
export interface LineStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A live progress line. */
export interface ProgressLine {
  report: ProgressReport;
  /** Erases the line, if one was drawn. */
  clear(): void;
}

/** How the line is timed; tests pass their own clock. */
export interface ProgressLineOptions {
  now?: () => number;
  delayMs?: number;
  intervalMs?: number;
}

const LABELS: Record<ProgressStage, string> = {
  posts: 'rendering posts',
  diagrams: 'drawing diagrams',
  images: 'making image variants',
  cards: 'drawing social cards',
  pages: 'rendering pages',
  writing: 'writing files',
};

/** Erases the terminal's current line and returns to its start. */
const ERASE = '\r\x1b[2K';

/** Whether to draw a progress line on `stream`: a terminal, not CI, not --quiet, not a dumb terminal. */
export function wantsProgressLine(stream: LineStream, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  const ci = ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'GITHUB_ACTIONS'].some(
    (name) => env[name] !== undefined && env[name] !== '' && env[name] !== 'false' && env[name] !== '0',
  );
  return stream.isTTY === true && !quiet && !ci && env['TERM'] !== 'dumb';
}

/** A progress line drawn on `stream`. */
export function progressLine(stream: LineStream, options: ProgressLineOptions = {}): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 500;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let shown = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastStage: ProgressStage | undefined;
  return {
    report(stage, done, total) {
      const at = now();
      if (at - started < delayMs) return;
      // A new stage and a finished one are drawn at once; steps within a stage at most once per interval.
      if (stage === lastStage && done < total && at - lastAt < intervalMs) return;
      lastAt = at;
      lastStage = stage;
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      const text = `${LABELS[stage]} ${done}/${total} (${percent}%)`;
      // Longer than the terminal is wide, the line would wrap, and erasing would leave its first part.
      const width = Math.max((stream.columns ?? 80) - 1, 10);
      stream.write(`${ERASE}${text.length > width ? text.slice(0, width) : text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write(ERASE);
      shown = false;
    },
  };
}
