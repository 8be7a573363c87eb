/** `inkstone dev`: serves a site with live reload until interrupted (Ctrl+C). */
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { dev, type DevServer } from '../dev/dev.js';
import { isLoopbackName } from '../dev/hosts.js';
import { openBrowser } from '../dev/open-browser.js';
import { formatRebuild } from '../dev/report.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { formatTimings, type CliIo } from './terminal.js';

/** Options of `inkstone dev`, as parsed from the command line. */
export interface DevCommandOptions {
  port?: string;
  host?: string;
  /** False with --no-drafts. */
  drafts?: boolean;
  open?: boolean;
  /** False with --no-cache. */
  cache?: boolean;
  baseUrl?: string;
  /** Print the time of each part of every rebuild. */
  timings?: boolean;
}

/**
 * Serves `siteDir` until `stop` resolves (by default: SIGINT or SIGTERM). Exit 2 for a bad port or a
 * port already in use; otherwise 0 when stopped, whatever errors the site had meanwhile.
 */
export async function devCommand(
  siteDir: string,
  options: DevCommandOptions,
  io: CliIo,
  stop: Promise<unknown> = interrupted(),
): Promise<ExitCode> {
  const port = Number(options.port ?? '4000');
  if (!/^\d+$/.test(options.port ?? '4000') || port > 65535) {
    io.stderr.write(`error: --port must be a number from 0 to 65535, got "${options.port}"\n`);
    return EXIT.usage;
  }
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackName(host)) {
    io.stderr.write(
      `warning: --host ${host} is not a loopback address: other machines on the network can read this site, drafts included. ` +
        'Requests are answered only when they name this machine by an IP address, by localhost or by that host name.\n',
    );
  }
  const drafts = options.drafts ?? true;
  const printed = new Set<string>();
  const printDiagnostics = (diagnostics: readonly Diagnostic[]) => {
    // Errors every time (they block the site); a warning once, until it goes away and comes back.
    const current = new Set(diagnostics.map((d) => formatDiagnostic(d)));
    for (const d of diagnostics) {
      const text = formatDiagnostic(d);
      if (d.severity === 'error' || !printed.has(text)) io.stderr.write(`${text}\n`);
    }
    printed.clear();
    for (const text of current) printed.add(text);
  };
  // The search index's warnings, said when they change (not after every index).
  let searchWarnings = '';
  let server: DevServer;
  try {
    server = await dev({
      siteDir,
      host,
      port,
      drafts,
      cache: options.cache,
      config: options.baseUrl ? { url: options.baseUrl } : undefined,
      onRebuild(report, changes) {
        // A file saved without a change: nothing to say.
        if (report.scope === 'none' && report.ok && report.changed.length === 0 && report.removed.length === 0) return;
        printDiagnostics(report.diagnostics);
        io.stdout.write(`${clock()} ${formatRebuild(report, changes)}\n`);
        if (options.timings) io.stdout.write(`${formatTimings(report.timings)}\n`);
      },
      onWatchError: (error) => io.stderr.write(`${clock()} watcher: ${error.message} (still watching)\n`),
      // The search index is made after the reload; only its problems are worth a line.
      onSearchIndexed: (result) => {
        const text = result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('');
        if (text !== searchWarnings) io.stderr.write(text);
        searchWarnings = text;
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.stderr.write(`error: cannot listen on ${host}:${port} (${code}): choose another --port or --host\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const address = `${server.url}${server.session.base().basePath}`;
  io.stdout.write(
    `Serving ${siteDir} at ${address} (${drafts ? 'drafts and future posts included' : 'without drafts and future posts'}).\n` +
      'Watching posts, layouts, themes, static files and the configuration; press Ctrl+C to stop.\n',
  );
  if (options.open) openBrowser(address, (error) => io.stderr.write(`could not open a browser: ${error.message}\n`));
  await stop;
  await server.close();
  return EXIT.ok;
}

/** Resolves on the first SIGINT or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** `14:03:02`, local time: when each rebuild happened. */
function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
