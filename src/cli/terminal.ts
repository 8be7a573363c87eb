/** Terminal output: diagnostics to stderr, the build summary to stdout. */
import { countDiagnostics, formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import type { StageTimings } from '../core/timing.js';
import type { BuildResult } from '../build.js';
import type { ProgressLineOptions } from './progress-line.js';

/** Where the CLI writes; tests pass in-memory streams. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** A terminal says so (`isTTY`) and gives its width (`columns`): the build then draws a progress line. */
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** The environment (default `process.env`): CI turns the progress line off. */
  env?: NodeJS.ProcessEnv;
  /** How the progress line is timed (default: drawn after half a second, at most ten times a second). */
  progress?: ProgressLineOptions;
}

/** Prints every diagnostic with its code frame, in a stable order. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], strict: boolean): void {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, strict)}\n`);
}

/** The summary of a finished build: what was built, problems, time, and pages by kind. */
export function formatSummary(result: BuildResult, elapsedMs: number, strict: boolean): string {
  const { errors, warnings } = countDiagnostics(result.diagnostics, strict);
  const { stats } = result;
  const problems = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const seconds = (elapsedMs / 1000).toFixed(2);
  if (!result.ok)
    return `Build failed with ${problems} in ${seconds} s; ${result.written ? `the new site was written to ${result.outDir}` : `${result.outDir} was left unchanged`}.`;
  const kinds = stats.pagesByKind;
  const counts = `${plural(stats.posts, 'post')}, ${plural(stats.tags, 'tag')}, ${plural(stats.categories, 'category', 'categories')}`;
  const pages = [
    plural(kinds.post - stats.standalone, 'post'),
    // Only sites with pages of their own (an about page) have standalone pages.
    ...(stats.standalone > 0 ? [plural(stats.standalone, 'standalone page')] : []),
    plural(kinds.home, 'home page'),
    plural(kinds.term, 'tag or category page'),
    plural(kinds.taxonomy, 'index', 'indexes'),
    plural(kinds.archive, 'archive'),
    plural(kinds['not-found'], 'not-found page'),
    plural(kinds.redirect, 'redirect'),
    // Most sites have no series: their summary stays as it was.
    ...(kinds.series > 0 ? [plural(kinds.series, 'series page')] : []),
    // Only sites with content sections (a Hugo site's /posts/) have section pages.
    ...(kinds.section > 0 ? [plural(kinds.section, 'section page')] : []),
  ].join(', ');
  // Only sites with formulas KaTeX refused see the fallback's line.
  const fallbacks =
    stats.mathFallbacks > 0
      ? `\n  ${plural(stats.mathFallbacks, 'formula')} rendered by MathJax (KaTeX refused them).`
      : '';
  return `Built ${counts} into ${result.outDir} in ${seconds} s (${problems}).\n  ${plural(stats.pages, 'page')}: ${pages}; ${plural(stats.feeds, 'feed')}; ${plural(stats.files, 'file')} in all.${fallbacks}`;
}

/** The time of each stage, one per line. */
export function formatTimings(timings: StageTimings): string {
  const width = Math.max(...timings.map((t) => t.stage.length));
  return timings.map((t) => `  ${t.stage.padEnd(width)}  ${t.ms.toFixed(1).padStart(8)} ms`).join('\n');
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
