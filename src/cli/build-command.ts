/** `inkstone build`: builds a site and maps the outcome to an exit code. */
import { performance } from 'node:perf_hooks';
import { build } from '../build.js';
import { diagnosticFromError, formatDiagnostic } from '../core/diagnostics.js';
import { ConfigError, InkstoneError } from '../core/errors.js';
import { formatCompatReport } from '../jekyll/compat.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { progressLine, wantsProgressLine } from './progress-line.js';
import { createReport, writeReport } from './report.js';
import { formatSummary, formatTimings, printDiagnostics, type CliIo } from './terminal.js';

/** Options of `inkstone build`, as parsed from the command line. */
export interface BuildCommandOptions {
  out?: string;
  drafts?: boolean;
  future?: boolean;
  baseUrl?: string;
  strict?: boolean;
  quiet?: boolean;
  timings?: boolean;
  force?: boolean;
  /** False with --no-cache. */
  cache?: boolean;
  /** Write a JSON report of the build to this file. */
  reportJson?: string;
  /** Print the Jekyll compatibility report to stdout after the build. */
  reportCompat?: boolean;
}

/** Runs a build of `siteDir` and reports it; returns the exit code. */
export async function buildCommand(siteDir: string, options: BuildCommandOptions, io: CliIo): Promise<ExitCode> {
  const start = performance.now();
  const strict = options.strict ?? false;
  const line = wantsProgressLine(io.stderr, io.env ?? process.env, options.quiet ?? false)
    ? progressLine(io.stderr, io.progress)
    : undefined;
  try {
    const result = await build({
      siteDir,
      outDir: options.out,
      drafts: options.drafts,
      future: options.future,
      baseUrl: options.baseUrl,
      strict,
      force: options.force,
      cache: options.cache,
      progress: line?.report,
    });
    line?.clear();
    printDiagnostics(io, result.diagnostics, strict);
    if (options.timings) io.stderr.write(`${formatTimings(result.timings)}\n`);
    if (!options.quiet || !result.ok) {
      (result.ok ? io.stdout : io.stderr).write(`${formatSummary(result, performance.now() - start, strict)}\n`);
    }
    if (!options.quiet && result.ok) for (const note of result.notes) io.stdout.write(`note: ${note}\n`);
    if (options.reportCompat) io.stdout.write(`${formatCompatReport(result.compat)}\n`);
    const code = result.ok ? EXIT.ok : EXIT.content;
    if (options.reportJson) await writeReport(options.reportJson, createReport(code, result));
    return code;
  } catch (error) {
    line?.clear();
    if (error instanceof InkstoneError) {
      const diagnostic = diagnosticFromError(error);
      io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      const code = error instanceof ConfigError ? EXIT.usage : EXIT.content;
      if (options.reportJson) await writeReport(options.reportJson, createReport(code, undefined, diagnostic));
      return code;
    }
    throw error;
  }
}
