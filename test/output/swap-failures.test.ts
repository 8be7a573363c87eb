/**
 * Every way writing the output can fail, one test each, with the exact message and the files on disk
 * afterwards. The steps: create the parent folder, clean up what an earlier build left, create the
 * staging folder, write the files into it, move the previous site aside, move the new site in (and,
 * if that fails, the previous one back), remove the previous site. Failures are injected through the
 * writer's file-system interface, so each test behaves the same as root (which file modes do not
 * stop) and as a normal user; the read-only cases also run on real modes, where both must succeed.
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { OutputError } from '../../src/core/errors.js';
import { recoverInterruptedWrite } from '../../src/output/leftovers.js';
import type { OutputFs } from '../../src/output/output-fs.js';
import { removeTree } from '../../src/output/remove-tree.js';
import { checkOutputOwnership, writeSite as writeOutput } from '../../src/output/writer.js';
import type { OutputFile } from '../../src/types.js';
import { tempDir, writeSite } from '../helpers/site.js';
import { failingFs, type Failure } from './failing-fs.js';
import { cli } from '../helpers/cli.js';

// The CLI builds through build(), which takes no file system: route its default one to the test's.
const injected = vi.hoisted(() => ({ fs: undefined as OutputFs | undefined }));
vi.mock('../../src/output/output-fs.js', async (importOriginal) => {
  const { routedOutputFsModule } = await import('./failing-fs.js');
  return routedOutputFsModule(
    await importOriginal<typeof import('../../src/output/output-fs.js')>(),
    () => injected.fs,
  );
});
const { nodeOutputFs: realFs } = await vi.importActual<typeof import('../../src/output/output-fs.js')>(
  '../../src/output/output-fs.js',
);

const dirs: string[] = [];
afterEach(async () => {
  injected.fs = undefined;
  // Some tests leave read-only folders behind on purpose: removeTree makes them writable first.
  for (const dir of dirs.splice(0)) await removeTree(dir, realFs);
});

const site = (version: string): OutputFile[] => [
  { outputPath: 'index.html', contents: `home ${version}`, from: 'test' },
  { outputPath: 'a/page.html', contents: `page ${version}`, from: 'test' },
];

/** A folder with a previous site (v1) written to `dist/`. */
async function withPreviousSite(label: string): Promise<{ root: string; out: string; before: Record<string, string> }> {
  const root = await tempDir(label);
  dirs.push(root);
  const out = path.join(root, 'dist');
  expect(await writeOutput(out, site('v1'))).toEqual([]);
  return { root, out, before: await snapshot(out) };
}

/** Every file below `dir` (relative path → text). */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  return Object.fromEntries(
    files.map((f, i) => [path.relative(dir, f), texts[i]!]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

/** The writer's folders beside `out` (`.dist.tmp-*`, `.dist.old-*`). */
const leftovers = async (out: string) =>
  (await readdir(path.dirname(out))).filter((name) => name.startsWith(`.${path.basename(out)}.`)).sort();

const pages = (out: string) =>
  Promise.all([readFile(path.join(out, 'index.html'), 'utf8'), readFile(path.join(out, 'a/page.html'), 'utf8')]);

const isStaging = (p: string) => path.basename(p).startsWith('.dist.tmp-');
const inStaging = (rel: string) => (p: string) =>
  p.split(path.sep).some((part) => part.startsWith('.dist.tmp-')) && p.endsWith(`${path.sep}${rel}`);
const isPrevious = (p: string) => path.basename(p).startsWith('.dist.old-');
const fail = (...failures: Failure[]) => failingFs(realFs, ...failures);

/** The message of the OutputError that `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  expect((error as OutputError).code).toBe('output');
  return (error as OutputError).message;
}

describe('each step of writing the site, failing', () => {
  it('reading the output directory: an error naming it, nothing changed', async () => {
    const { out, before } = await withPreviousSite('swap-read');
    const fs = fail({ op: 'readdir', when: (p) => p === out, code: 'EACCES' });
    expect(await rejection(checkOutputOwnership(out, false, fs))).toBe(
      `cannot write the site to ${out}: cannot read the folder (EACCES: permission denied); it is unchanged`,
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('creating the parent folder: an error naming it, nothing created', async () => {
    const root = await tempDir('swap-parent');
    dirs.push(root);
    const out = path.join(root, 'deep', 'dist');
    const fs = fail({ op: 'mkdir', when: (p) => p === path.dirname(out), code: 'EACCES' });
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot create the folder ${path.dirname(out)} (EACCES: permission denied); ${out} was not created`,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('creating the staging folder: an error, the previous site unchanged', async () => {
    const { root, out, before } = await withPreviousSite('swap-staging');
    const fs = fail({ op: 'mkdir', when: isStaging, code: 'EACCES' });
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot create a folder for the new site in ${root} (EACCES: permission denied); the previous site in ${out} is unchanged`,
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('writing a file of the new site: an error naming the file, the previous site unchanged, no staging folder', async () => {
    const { out, before } = await withPreviousSite('swap-file');
    const fs = fail({ op: 'writeFile', when: inStaging(path.join('a', 'page.html')), code: 'ENOSPC' });
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot write a/page.html into the new site (ENOSPC: no space left on device); the previous site in ${out} is unchanged`,
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('writing a file, and then removing the unfinished new site: both in the error; the next build removes it', async () => {
    const { out, before } = await withPreviousSite('swap-file-cleanup');
    const fs = fail(
      { op: 'writeFile', when: inStaging(path.join('a', 'page.html')), code: 'ENOSPC' },
      { op: 'rm', when: isStaging, code: 'EACCES' },
    );
    const message = await rejection(writeOutput(out, site('v2'), fs));
    const [staging] = await leftovers(out);
    expect(staging).toMatch(/^\.dist\.tmp-/);
    expect(message).toBe(
      `cannot write the site to ${out}: cannot write a/page.html into the new site (ENOSPC: no space left on device); the previous site in ${out} is unchanged; ` +
        `the unfinished new site could not be removed from ${path.join(path.dirname(out), staging!)} (EACCES: permission denied), the next build tries again`,
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await writeOutput(out, site('v2'))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
  });

  it('moving the previous site aside: an error, the previous site unchanged, no staging folder', async () => {
    const { out, before } = await withPreviousSite('swap-aside');
    const fs = fail({ op: 'rename', when: (from) => from === out, code: 'EBUSY' });
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot move the previous site aside (EBUSY: resource busy or locked); the previous site in ${out} is unchanged`,
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('moving the new site in: the previous site is moved back, unchanged, and the error says so', async () => {
    const { out, before } = await withPreviousSite('swap-in');
    const fs = fail({ op: 'rename', when: (from, to) => isStaging(from) && to === out, code: 'EACCES' });
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot move the new site into place (EACCES: permission denied); the previous site was moved back to ${out} and is unchanged`,
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('moving the new site in when there was no previous site: an error, nothing left behind', async () => {
    const root = await tempDir('swap-in-first');
    dirs.push(root);
    const out = path.join(root, 'dist');
    const fs = fail({ op: 'rename', when: (from, to) => isStaging(from) && to === out, code: 'EACCES' });
    expect(await rejection(writeOutput(out, site('v1'), fs))).toBe(
      `cannot write the site to ${out}: cannot move the new site into place (EACCES: permission denied); ${out} was not created`,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('moving the new site in and the previous one back: the error says where the previous site is; the next build moves it back', async () => {
    const { out, before } = await withPreviousSite('swap-rollback');
    const fs = fail({ op: 'rename', when: (_from, to) => to === out, code: 'EACCES' });
    const message = await rejection(writeOutput(out, site('v2'), fs));
    const [aside] = await leftovers(out);
    expect(aside).toMatch(/^\.dist\.old-/);
    const previous = path.join(path.dirname(out), aside!);
    expect(message).toBe(
      `cannot write the site to ${out}: cannot move the new site into place (EACCES: permission denied), and cannot move the previous site back (EACCES: permission denied); ` +
        `the previous site is intact in ${previous}, and the next build moves it back to ${out}`,
    );
    expect(await snapshot(previous)).toEqual(before);
    expect(await recoverInterruptedWrite(out)).toEqual([]);
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('removing the previous site: a warning, not an error; the new site is in place and the next build removes the old copy', async () => {
    const { out } = await withPreviousSite('swap-remove');
    const fs = fail({ op: 'rm', when: isPrevious, code: 'EACCES' });
    const warnings = await writeOutput(out, site('v2'), fs);
    const [aside] = await leftovers(out);
    expect(aside).toMatch(/^\.dist\.old-/);
    expect(warnings.map((w) => formatDiagnosticHeader(w))).toEqual([
      `warning[output-leftover] the new site is in ${out}, but the previous site could not be removed from ${path.join(path.dirname(out), aside!)} (EACCES: permission denied); the next build tries again`,
    ]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
    expect(await writeOutput(out, site('v3'))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
    expect(await pages(out)).toEqual(['home v3', 'page v3']);
  });

  it('removing a read-only previous site (mode 555, the issue): its folders are made writable and it is removed, for root and for a normal user', async () => {
    const { out } = await withPreviousSite('swap-readonly');
    await chmod(path.join(out, 'a'), 0o555);
    await chmod(out, 0o555);
    expect(await writeOutput(out, site('v2'))).toEqual([]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
    expect(await leftovers(out)).toEqual([]);
    expect(await writeOutput(out, site('v3'))).toEqual([]);
    expect(await pages(out)).toEqual(['home v3', 'page v3']);
  });
});

describe('folders left by an earlier build', () => {
  /** A staging folder and a previous site, as a build killed after its swap (or the bug) leaves them. */
  async function leaveBehind(root: string, mode?: number): Promise<string[]> {
    const names = ['.dist.old-0000abcd-1', '.dist.tmp-0000abcd-1'];
    for (const name of names) {
      await mkdir(path.join(root, name, 'a'), { recursive: true });
      await writeFile(path.join(root, name, 'a', 'page.html'), 'stale');
      await writeFile(path.join(root, name, '.inkstone-site'), 'stale');
      if (mode !== undefined) {
        await chmod(path.join(root, name, 'a'), mode);
        await chmod(path.join(root, name), mode);
      }
    }
    return names;
  }

  it('read-only leftovers (mode 555) are removed by the next build, for root and for a normal user', async () => {
    const { root, out } = await withPreviousSite('leftover-readonly');
    await leaveBehind(root, 0o555);
    expect(await writeOutput(out, site('v2'))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
  });

  it('leftovers that cannot be removed: one warning each, and the site is still written', async () => {
    const { root, out } = await withPreviousSite('leftover-stuck');
    const names = await leaveBehind(root);
    const fs = fail({ op: 'rm', when: (p) => names.includes(path.basename(p)), code: 'EPERM' });
    const warnings = await writeOutput(out, site('v2'), fs);
    expect(warnings.map((w) => formatDiagnosticHeader(w))).toEqual(
      names.map(
        (name) =>
          `warning[output-leftover] ${path.join(root, name)} was left by an earlier build and cannot be removed (EPERM: operation not permitted); the next build tries again`,
      ),
    );
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
    expect(await leftovers(out)).toEqual(names);
    expect(await writeOutput(out, site('v3'))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
  });

  /** No output, and the previous site beside it: a build stopped between the two renames of its swap. */
  async function movedAside(label: string): Promise<{ out: string; aside: string }> {
    const root = await tempDir(label);
    dirs.push(root);
    const aside = path.join(root, '.dist.old-0000abcd-1');
    await mkdir(aside);
    await writeFile(path.join(aside, 'index.html'), 'home v1');
    return { out: path.join(root, 'dist'), aside };
  }

  it('a previous site moved aside that cannot be moved back: a warning, the new site is written, and the next build removes the old copy', async () => {
    const { out, aside } = await movedAside('leftover-restore');
    const fs = fail({ op: 'rename', when: (from) => from === aside, code: 'EACCES' });
    const warnings = await writeOutput(out, site('v2'), fs);
    expect(warnings.map((w) => formatDiagnosticHeader(w))).toEqual([
      `warning[output-leftover] an earlier build was interrupted after moving the previous site to ${aside}, and it cannot be moved back to ${out} (EACCES: permission denied); it is left there for the next build`,
    ]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
    expect(await readFile(path.join(aside, 'index.html'), 'utf8')).toBe('home v1');
    expect(await writeOutput(out, site('v3'))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a previous site that cannot be moved back, then a write that fails: the error says where the previous site is', async () => {
    const { out, aside } = await movedAside('leftover-restore-fail');
    const fs = fail(
      { op: 'rename', when: (from) => from === aside, code: 'EACCES' },
      { op: 'writeFile', when: inStaging('index.html'), code: 'ENOSPC' },
    );
    expect(await rejection(writeOutput(out, site('v2'), fs))).toBe(
      `cannot write the site to ${out}: cannot write index.html into the new site (ENOSPC: no space left on device); ${out} was not created; ` +
        `an earlier build was interrupted after moving the previous site to ${aside}, and it cannot be moved back to ${out} (EACCES: permission denied); it is left there for the next build`,
    );
    expect(await leftovers(out)).toEqual([path.basename(aside)]);
    expect(await recoverInterruptedWrite(out)).toEqual([]);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home v1');
    expect(await leftovers(out)).toEqual([]);
  });

  it('a parent folder that cannot be listed: a warning, and the site is still written', async () => {
    const { root, out } = await withPreviousSite('leftover-scan');
    const fs = fail({ op: 'readdir', when: (p) => p === root, code: 'EACCES' });
    const warnings = await writeOutput(out, site('v2'), fs);
    expect(warnings.map((w) => formatDiagnosticHeader(w))).toEqual([
      `warning[output-leftover] cannot look for folders left by an earlier build in ${root} (EACCES: permission denied)`,
    ]);
    expect(await pages(out)).toEqual(['home v2', 'page v2']);
    expect(await leftovers(out)).toEqual([]);
  });
});

describe('inkstone build when the output cannot be written', () => {
  /** A one-post site built once into `dist/`, then its post edited. */
  async function builtSite(
    label: string,
  ): Promise<{ dir: string; out: string; post: string; before: Record<string, string> }> {
    const dir = await writeSite(label, { 'posts/2024-01-01-a.md': '---\ntitle: A\n---\nversion one\n' });
    dirs.push(dir);
    const out = path.join(dir, 'dist');
    expect((await cli('build', dir, '--out', out, '--quiet')).code).toBe(0);
    await writeFile(path.join(dir, 'posts/2024-01-01-a.md'), '---\ntitle: A\n---\nversion two\n');
    return { dir, out, post: path.join(out, '2024/01/a/index.html'), before: await snapshot(out) };
  }

  it('exits 0 with a read-only output directory (the issue), replaces the site and leaves nothing behind', async () => {
    const { dir, out, post } = await builtSite('cli-readonly');
    await chmod(out, 0o555);
    expect(await cli('build', dir, '--out', out, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(post, 'utf8')).toContain('version two');
    expect(await leftovers(out)).toEqual([]);
    expect(await cli('build', dir, '--out', out, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 with a warning when the previous site cannot be removed, and the next build cleans up', async () => {
    const { dir, out, post } = await builtSite('cli-warning');
    injected.fs = fail({ op: 'rm', when: isPrevious, code: 'EACCES' });
    const run = await cli('build', dir, '--out', out);
    const [aside] = await leftovers(out);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `warning[output-leftover] the new site is in ${out}, but the previous site could not be removed from ${path.join(dir, aside!)} (EACCES: permission denied); the next build tries again\n`,
    );
    expect(run.stdout).toContain(`into ${out} in `);
    expect(run.stdout).toContain('(0 errors, 1 warning)');
    expect(await readFile(post, 'utf8')).toContain('version two');
    // Still stuck: a warning again, never an exception.
    const stuck = path.join(dir, aside!);
    injected.fs = fail({ op: 'rm', when: (p) => p === stuck, code: 'EACCES' });
    const again = await cli('build', dir, '--out', out, '--quiet');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      `warning[output-leftover] ${stuck} was left by an earlier build and cannot be removed (EACCES: permission denied); the next build tries again\n`,
    );
    expect(await leftovers(out)).toEqual([aside]);
    injected.fs = undefined;
    expect(await cli('build', dir, '--out', out, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await leftovers(out)).toEqual([]);
  });

  it('under --strict, that warning fails the build, and the summary says the new site was written', async () => {
    const { dir, out, post } = await builtSite('cli-strict');
    injected.fs = fail({ op: 'rm', when: isPrevious, code: 'EACCES' });
    const run = await cli('build', dir, '--out', out, '--strict');
    const [aside] = await leftovers(out);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(
      `error[output-leftover] the new site is in ${out}, but the previous site could not be removed from ${path.join(dir, aside!)} (EACCES: permission denied); the next build tries again`,
    );
    expect(lines[1]).toMatch(
      /^Build failed with 1 error, 0 warnings in \d+\.\d\d s; the new site was written to (.*)\.$/,
    );
    expect(lines[1]).toContain(`the new site was written to ${out}.`);
    expect(await readFile(post, 'utf8')).toContain('version two');
  });

  it('exits 1 naming the path and the OS error when the new site cannot be moved in; the previous site is unchanged', async () => {
    const { dir, out, before } = await builtSite('cli-error');
    injected.fs = fail({ op: 'rename', when: (from, to) => isStaging(from) && to === out, code: 'EACCES' });
    expect(await cli('build', dir, '--out', out)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error[output] cannot write the site to ${out}: cannot move the new site into place (EACCES: permission denied); the previous site was moved back to ${out} and is unchanged\n`,
    });
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });
});
