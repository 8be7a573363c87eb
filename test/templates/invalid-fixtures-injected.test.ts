/**
 * The four diagnostic codes that no broken site on disk produces by itself. Each is produced from its
 * fixture under test/fixtures/invalid/<code>/ with the one failure it needs injected:
 *
 * - `internal`: an unexpected failure, that is a bug. Whatever a site gets wrong is an InkstoneError
 *   with a code of its own (test/trust/fuzz.test.ts throws hostile sites at the build to keep it so),
 *   so no site can raise it; `inkstone dev` reports any other error as `internal` and keeps serving.
 *   A configuration override whose getter throws stands in for the bug. `inkstone build` never prints
 *   it: the CLI lets an unexpected error crash with its stack trace.
 * - `vanished`: a post deleted between the moment the build lists the posts and the moment it reads
 *   them, a race no fixture can win every time; the listing is made to name a post that is not there.
 * - `output-leftover`: a folder beside the output that cannot be listed, moved back or removed. Only
 *   file modes refuse that, and they do not stop root, so the refusal comes from the writer's file
 *   system interface, as in test/output/swap-failures.test.ts.
 * - `search`: Pagefind without its binary (npm installs it as an optional package for the platform,
 *   which `--omit=optional` or an unsupported platform leaves out). Pagefind's own variable
 *   PAGEFIND_BINARY_PATH, pointed at nothing, stands in for the missing package.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { createDevSession } from '../../src/dev/session.js';
import type { OutputFs } from '../../src/output/output-fs.js';
import { failingFs } from '../output/failing-fs.js';

const injected = vi.hoisted(() => ({
  /** The writer's file system, when a test replaces it. */
  fs: undefined as OutputFs | undefined,
  /** Post paths (relative to `siteDir`) the listing of their folder adds to what is on disk. */
  listedPosts: [] as string[],
  siteDir: '',
}));

// build() takes no file system: route the writer's default one to the test's.
vi.mock('../../src/output/output-fs.js', async (importOriginal) => {
  const { routedOutputFsModule } = await import('../output/failing-fs.js');
  return routedOutputFsModule(
    await importOriginal<typeof import('../../src/output/output-fs.js')>(),
    () => injected.fs,
  );
});

// The listing of a post folder (read with entry types, as discovery walks it) names the injected paths too.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (dir: string, options?: { withFileTypes?: boolean }) => {
    const found = await (real.readdir as (d: string, o?: unknown) => Promise<unknown[]>)(dir, options);
    if (!options?.withFileTypes) return found;
    const here = injected.listedPosts.filter((relPath) => path.join(injected.siteDir, path.dirname(relPath)) === dir);
    return [
      ...found,
      ...here.map((relPath) => ({
        name: path.basename(relPath),
        isFile: () => true,
        isDirectory: () => false,
        isSymbolicLink: () => false,
      })),
    ];
  }) as typeof real.readdir;
  return { ...real, readdir, default: { ...real, readdir } };
});

const { nodeOutputFs: realFs } = await vi.importActual<typeof import('../../src/output/output-fs.js')>(
  '../../src/output/output-fs.js',
);

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  injected.fs = undefined;
  injected.listedPosts = [];
  injected.siteDir = '';
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** `inkstone <argv>`: its exit code and everything it wrote to stderr. */
async function cli(...argv: string[]): Promise<{ exit: number; stderr: string }> {
  let stderr = '';
  const exit = await runCli(argv, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
  return { exit, stderr };
}

/** A fresh output folder `<tmp>/site` (its parent is `<tmp>`), removed after the tests. */
function outputDir(): { parent: string; out: string } {
  const parent = path.join(TMP_ROOT, `injected-${randomUUID()}`);
  dirs.push(parent);
  return { parent, out: path.join(parent, 'site') };
}

describe('test/fixtures/invalid: the codes no site on disk produces alone', () => {
  it('internal: inkstone dev reports an unexpected failure of a rebuild, and serves no site', async () => {
    const bug = Object.assign(new Error('the disk is on fire'), { stack: 'Error: the disk is on fire' });
    const session = createDevSession({
      siteDir: path.join(INVALID, 'internal'),
      cache: false,
      config: {
        get title(): string {
          throw bug;
        },
      },
    });
    try {
      const report = await session.rebuild('full');
      expect(report.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'error[internal] rebuild failed: Error: the disk is on fire',
      ]);
      expect(report.ok).toBe(false);
      expect(session.served().size).toBe(0);
    } finally {
      session.close();
    }
  });

  it('vanished: inkstone build stops with exit 1 when a listed post is gone when read', async () => {
    injected.listedPosts = ['posts/2024-01-02-removed.md'];
    injected.siteDir = path.join(INVALID, 'vanished');
    const { out } = outputDir();
    const run = await cli('build', injected.siteDir, '--out', out, '--no-cache', '--quiet');
    expect(run.stderr).toBe(
      'posts/2024-01-02-removed.md error[vanished] this file was removed while it was being read\n',
    );
    expect(run.exit).toBe(1);
  });

  it('search: inkstone build warns when Pagefind has no binary, builds the site without an index, and exits 0 (1 under --strict)', async () => {
    vi.stubEnv('PAGEFIND_BINARY_PATH', '/nonexistent/pagefind');
    const site = path.join(INVALID, 'search');
    const { out } = outputDir();
    const header =
      'warning[search] PAGEFIND_BINARY_PATH is set to /nonexistent/pagefind, which is not an executable file: the site is built without its search index (set "search: false" in inkstone.yml to leave search out)';
    const run = await cli('build', site, '--out', out, '--no-cache', '--quiet');
    expect(run.stderr).toBe(`${header}\n`);
    expect(run.exit).toBe(0);
    // The post and its search box are there; the index is not.
    const page = await readFile(path.join(out, '2024/01/queues/index.html'), 'utf8');
    expect(page).toContain('data-search-open');
    await expect(readFile(path.join(out, 'pagefind/pagefind.js'))).rejects.toThrow('ENOENT');
    const strict = await cli('build', site, '--out', out, '--no-cache', '--quiet', '--strict');
    expect(strict.stderr.split('\n')[0]).toBe(header.replace('warning[', 'error['));
    expect(strict.exit).toBe(1);
  });

  it('output-leftover: inkstone build warns when it cannot look for folders an earlier build left, and exits 0 (1 under --strict)', async () => {
    const site = path.join(INVALID, 'output-leftover');
    const { parent, out } = outputDir();
    injected.fs = failingFs(realFs, { op: 'readdir', when: (p) => p === parent, code: 'EACCES' });
    const header = `warning[output-leftover] cannot look for folders left by an earlier build in ${parent} (EACCES: permission denied)`;
    const run = await cli('build', site, '--out', out, '--no-cache', '--quiet');
    expect(run.stderr).toBe(`${header}\n`);
    expect(run.exit).toBe(0);
    const strict = await cli('build', site, '--out', out, '--no-cache', '--quiet', '--strict');
    expect(strict.stderr.split('\n')[0]).toBe(header.replace('warning[', 'error['));
    expect(strict.exit).toBe(1);
  });
});
