/** The command line: argument parsing with commander, one function per command, exit codes. */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
// Each command's module is imported when the command runs: `build` never loads the dev server's
// watcher or the check's XML parsers, and `--help` loads none.
import type { BuildCommandOptions } from './build-command.js';
import type { CheckCommandOptions } from './check-command.js';
import type { DevCommandOptions } from './dev-command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { InitCommandOptions } from './init-command.js';
import type { NewCommandOptions } from './new-command.js';
import type { CliIo } from './terminal.js';

/** Runs the CLI with `argv` (without `node` and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('inkstone')
    .description('A static site generator for technical blogs: math, code and diagrams rendered at build time.')
    .version(VERSION, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run "inkstone --help" for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('build')
    .description('build the site in SITE_DIR into SITE_DIR/_site')
    .argument('[SITE_DIR]', 'the site directory', '.')
    .option('-o, --out <DIR>', 'write the site to DIR instead of SITE_DIR/_site')
    .option('--drafts', 'include draft posts (draft: true or published: false)')
    .option('--future', 'include posts dated in the future')
    .addOption(new Option('--base-url <URL>', 'the URL the site is served from, e.g. https://example.org/blog/'))
    .option('--strict', 'treat warnings as errors (for CI)')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--timings', 'print the time spent in each stage')
    .option(
      '--report-compat',
      'after the build, list every Jekyll or kramdown construct converted, approximated or not supported, with file:line',
    )
    .option('--force', 'replace an existing output directory that inkstone did not write')
    .option('--no-cache', 'render every post again instead of using the render cache in cache_dir')
    .option('--report-json <FILE>', 'write the diagnostics, page counts and stage timings to FILE as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 content or template errors, 2 usage or configuration errors.\n' +
        'Examples:\n  inkstone build\n  inkstone build my-blog --out public --base-url https://example.org/blog/',
    )
    .action(async (siteDir: string, options: BuildCommandOptions) => {
      const { buildCommand } = await import('./build-command.js');
      exitCode = await buildCommand(siteDir, options, io);
    });

  program
    .command('check')
    .description('build SITE_DIR in memory and check every internal link, image, #anchor, id, feed and the sitemap')
    .argument('[SITE_DIR]', 'the site directory', '.')
    .option('--external', 'also check external links (4 at a time, 10 s timeout each)')
    .option('--drafts', 'include draft posts')
    .option('--future', 'include posts dated in the future')
    .addOption(new Option('--base-url <URL>', 'the URL the site is served from'))
    .option('--strict', 'treat warnings as errors')
    .option('-q, --quiet', 'print only problems')
    .addHelpText(
      'after',
      '\nNothing is written. Exit codes: 0 no errors, 1 errors found, 2 usage or configuration errors.',
    )
    .action(async (siteDir: string, options: CheckCommandOptions) => {
      const { checkCommand } = await import('./check-command.js');
      exitCode = await checkCommand(siteDir, options, io);
    });

  program
    .command('dev')
    .description('build SITE_DIR, serve it on http://127.0.0.1:4000 and rebuild and reload the browser on every change')
    .argument('[SITE_DIR]', 'the site directory', '.')
    .option('-p, --port <PORT>', 'port to listen on (0: any free port)', '4000')
    .option(
      '--host <HOST>',
      'interface to listen on; anything but loopback makes the site reachable from the network',
      '127.0.0.1',
    )
    .option('--no-drafts', 'leave out drafts and posts dated in the future (included by default)')
    .option('--open', 'open the site in the browser')
    .option('--no-cache', 'render every post again instead of using the render cache in cache_dir')
    .addOption(new Option('--base-url <URL>', 'the URL the site is served from; overrides the configured url'))
    .option('--timings', 'print the time of each part of every rebuild')
    .addHelpText(
      'after',
      '\nThe site is served from memory: nothing is written to SITE_DIR/_site. Stop with Ctrl+C (exit 0).\nExit 2 when the port cannot be used.\nExample:\n  inkstone dev my-blog --port 8080 --open',
    )
    .action(async (siteDir: string, options: DevCommandOptions) => {
      const { devCommand } = await import('./dev-command.js');
      exitCode = await devCommand(siteDir, options, io);
    });

  program
    .command('new')
    .description('write a new post, posts/YYYY-MM-DD-<slug>.md, with its front matter filled in')
    .argument('<TITLE>', 'the post title (quote it)')
    .option('--tags <LIST>', 'comma-separated tags, e.g. --tags python,numerics')
    .option('--draft', 'mark the post as a draft')
    .option('--date <DATE>', 'publication date, e.g. 2024-05-01 (default: now)')
    .option('--site <SITE_DIR>', 'the site directory', '.')
    .addHelpText(
      'after',
      '\nThe command never overwrites a file: it exits 1 if the post already exists.\nExample:\n  inkstone new "Why my cache is slow" --tags performance,linux',
    )
    .action(async (title: string, options: NewCommandOptions) => {
      const { newCommand } = await import('./new-command.js');
      exitCode = await newCommand(title, options, io);
    });

  program
    .command('init')
    .description(
      'write a new blog into DIR: inkstone.yml, a first post, .gitignore, package.json and a GitHub Pages workflow',
    )
    .argument('[DIR]', 'the folder to write the blog into (made if missing; must be empty)', '.')
    .option('--title <TITLE>', "the blog's title (default: from the folder name)")
    .addHelpText(
      'after',
      '\nThe command never overwrites a file: it exits 2 if DIR holds anything but .git, a README or a licence.\nExample:\n  npx inkstone init my-blog && cd my-blog && npx inkstone dev',
    )
    .action(async (dir: string, options: InitCommandOptions) => {
      const { initCommand } = await import('./init-command.js');
      exitCode = await initCommand(dir, options, io);
    });

  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const done =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      return done && error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
