/** `inkstone build`: builds a site and maps the outcome to an exit code. */
import { performance } from 'node:perf_hooks';
import { build } from '../build.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { ConfigError, InkstoneError } from '../core/errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
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
}

/** Runs a build of `siteDir` and reports it; returns the exit code. */
export async function buildCommand(siteDir: string, options: BuildCommandOptions, io: CliIo): Promise<ExitCode> {
  const start = performance.now();
  const strict = options.strict ?? false;
  try {
    const result = await build({
      siteDir,
      outDir: options.out,
      drafts: options.drafts,
      future: options.future,
      baseUrl: options.baseUrl,
      strict,
    });
    printDiagnostics(io, result.diagnostics, strict);
    if (options.timings) io.stderr.write(`${formatTimings(result.timings)}\n`);
    if (!options.quiet || !result.ok) {
      (result.ok ? io.stdout : io.stderr).write(`${formatSummary(result, performance.now() - start, strict)}\n`);
    }
    if (!options.quiet && result.ok) for (const note of result.notes) io.stdout.write(`note: ${note}\n`);
    return result.ok ? EXIT.ok : EXIT.content;
  } catch (error) {
    if (error instanceof InkstoneError) {
      io.stderr.write(`${formatDiagnostic({ severity: 'error', code: error.code, message: error.message, location: error.location })}\n`);
      return error instanceof ConfigError ? EXIT.usage : EXIT.content;
    }
    throw error;
  }
}
