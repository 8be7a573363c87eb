/** `inkstone check`: the build in memory plus link, anchor, id, feed and sitemap checks. */
import { performance } from 'node:perf_hooks';
import { checkSite } from '../check/run.js';
import { countDiagnostics, diagnosticFromError, formatDiagnostic } from '../core/diagnostics.js';
import { ConfigError, InkstoneError } from '../core/errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { printDiagnostics, type CliIo } from './terminal.js';

/** Options of `inkstone check`. */
export interface CheckCommandOptions {
  drafts?: boolean;
  future?: boolean;
  baseUrl?: string;
  strict?: boolean;
  external?: boolean;
  quiet?: boolean;
}

/** Checks `siteDir`; exit 1 when the build or the check found an error. */
export async function checkCommand(siteDir: string, options: CheckCommandOptions, io: CliIo): Promise<ExitCode> {
  const start = performance.now();
  const strict = options.strict ?? false;
  try {
    const result = await checkSite({
      siteDir,
      drafts: options.drafts,
      future: options.future,
      baseUrl: options.baseUrl,
      strict,
      external: options.external,
    });
    const all = [...result.build.diagnostics, ...result.diagnostics];
    printDiagnostics(io, all, strict);
    const { errors, warnings } = countDiagnostics(all, strict);
    if (!options.quiet || errors > 0) {
      const seconds = ((performance.now() - start) / 1000).toFixed(2);
      (errors ? io.stderr : io.stdout).write(
        `Checked ${result.pagesChecked} pages and ${result.linksChecked} links${options.external ? ' (external links too)' : ''} in ${seconds} s: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.\n`,
      );
    }
    return errors > 0 ? EXIT.content : EXIT.ok;
  } catch (error) {
    if (!(error instanceof InkstoneError)) throw error;
    io.stderr.write(`${formatDiagnostic(diagnosticFromError(error))}\n`);
    return error instanceof ConfigError ? EXIT.usage : EXIT.content;
  }
}
