import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { escapesRoot } from '../../src/core/containment.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { recoverInterruptedWrite } from '../../src/output/leftovers.js';
import { OUTPUT_MARKER, writeSite as writeOutput } from '../../src/output/writer.js';
import { removeDir, tempDir, writeSite } from '../helpers/site.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
const site = async (label: string, files: Record<string, string>) => {
  const dir = await writeSite(label, files);
  dirs.push(dir);
  return dir;
};
const siblings = async (out: string) =>
  (await readdir(path.dirname(out))).filter((name) => name.startsWith(`.${path.basename(out)}.`));

describe('atomic output', () => {
  it('marks its output and replaces it whole on the next build', async () => {
    const dir = await site('marker', { 'posts/2024-01-01-a.md': 'A\n' });
    expect((await build({ siteDir: dir })).ok).toBe(true);
    const out = path.join(dir, '_site');
    expect(await readFile(path.join(out, OUTPUT_MARKER), 'utf8')).toContain('written by inkstone');
    await writeFile(path.join(out, 'stale.html'), 'old');
    expect((await build({ siteDir: dir })).ok).toBe(true);
    expect((await readdir(out)).includes('stale.html')).toBe(false);
    expect(await siblings(out)).toEqual([]);
  });

  it('refuses to replace a non-empty folder it did not write, unless forced', async () => {
    const dir = await site('foreign', { 'posts/2024-01-01-a.md': 'A\n', 'public/keep.txt': 'mine' });
    const out = path.join(dir, 'public');
    await expect(build({ siteDir: dir, outDir: out })).rejects.toThrow(
      `output directory ${out} is not empty and was not written by inkstone (it has no .inkstone-site file): move its files away, choose another --out, or pass --force to replace it`,
    );
    expect(await readFile(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect((await build({ siteDir: dir, outDir: out, force: true })).ok).toBe(true);
    expect((await readdir(out)).includes('keep.txt')).toBe(false);
  });

  it('leaves the previous site byte for byte and no temporary folder when writing fails', async () => {
    const dir = await site('fail-write', { 'posts/2024-01-01-a.md': 'A\n' });
    expect((await build({ siteDir: dir })).ok).toBe(true);
    const out = path.join(dir, '_site');
    const before = await readFile(path.join(out, '2024/01/a/index.html'), 'utf8');
    // A file and a folder of the same name cannot both be written: the write fails half way.
    const files = [
      { outputPath: 'x/index.html', contents: 'new', from: 'test' },
      { outputPath: 'x/index.html/inner.html', contents: 'new', from: 'test' },
    ];
    await expect(writeOutput(out, files)).rejects.toThrow(`cannot write the site to ${out}:`);
    expect(await readFile(path.join(out, '2024/01/a/index.html'), 'utf8')).toBe(before);
    expect(await siblings(out)).toEqual([]);
  });

  it('recovers from a build killed between moving the old site aside and moving the new one in', async () => {
    const root = await tempDir('recover');
    dirs.push(root);
    const out = path.join(root, '_site');
    await mkdir(path.join(root, '._site.old-1-a'), { recursive: true });
    await writeFile(path.join(root, '._site.old-1-a', 'index.html'), 'old site');
    await mkdir(path.join(root, '._site.tmp-1-a'), { recursive: true });
    await recoverInterruptedWrite(out);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old site');
    expect(await siblings(out)).toEqual([]);
  });
});

describe('containment', () => {
  it('does not read posts or static files that link outside the site', async () => {
    const outside = await tempDir('outside');
    dirs.push(outside);
    await writeFile(path.join(outside, 'secret.md'), 'TOP SECRET\n');
    const dir = await site('symlinks', { 'posts/2024-01-01-a.md': 'A\n' });
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'posts', '2024-01-02-secret.md'));
    await mkdir(path.join(dir, 'static'));
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'static', 'secret.txt'));
    const result = await build({ siteDir: dir, write: false });
    // Discovery never follows links, so neither file is seen at all.
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => f.outputPath)).not.toContain('secret.txt');
    expect(result.files.some((f) => String(f.contents).includes('TOP SECRET'))).toBe(false);
    // The second line of defence, for any file that does get through.
    expect(await escapesRoot(dir, path.join(dir, 'posts', '2024-01-02-secret.md'))).toBe(true);
    expect(await escapesRoot(dir, path.join(dir, 'posts', '2024-01-01-a.md'))).toBe(false);
    await symlink(path.join(dir, 'posts', 'nowhere.md'), path.join(dir, 'posts', 'dangling.md'));
    expect(await escapesRoot(dir, path.join(dir, 'posts', 'dangling.md'))).toBe(true);
  });

  it('reports layouts that include each other as the chain of names, without recursing', async () => {
    const dir = await site('cycle', {
      'posts/2024-01-01-a.md': 'A\n',
      'layouts/post.njk': '{% extends "base.njk" %}{% block content %}{% include "partials/a.njk" %}{% endblock %}',
      'layouts/partials/a.njk': 'A {% include "partials/b.njk" %}',
      'layouts/partials/b.njk': 'B {% include "partials/a.njk" %}',
    });
    const result = await build({ siteDir: dir, write: false });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'layouts/partials/a.njk error[template-cycle] layouts include each other in a loop: partials/a.njk → partials/b.njk → partials/a.njk',
    ]);
  });
});

describe('reproducibility', () => {
  it('takes "now" from SOURCE_DATE_EPOCH', async () => {
    const { buildTime } = await import('../../src/build.js');
    expect(buildTime({ SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(buildTime({ SOURCE_DATE_EPOCH: 'soon' }).getTime()).toBeGreaterThan(1_700_000_000_000);
  });

  it('gives identical bytes whatever the process time zone and locale', async () => {
    const dir = await site('tz', {
      'inkstone.yml': 'url: https://example.org/\ntimezone: Asia/Tokyo\n',
      'posts/2024-01-01-a.md': '---\ndate: 2024-01-01 23:30:00\ntags: [Zeta, alpha, Ähre]\n---\nA $x$\n',
      'posts/2024-06-01-b.md': '---\ntags: [beta]\n---\nB\n',
    });
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const bin = path.join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
    const run = (out: string, env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', bin, 'build', dir, '--out', out, '--quiet'], {
        env: { ...process.env, ...env },
      });
    await run(path.join(dir, 'out-a'), { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    await run(path.join(dir, 'out-b'), { TZ: 'Pacific/Kiritimati', LANG: 'C', LC_ALL: 'C' });
    const list = async (root: string): Promise<string[]> =>
      (await readdir(root, { recursive: true })).map(String).sort();
    const a = await list(path.join(dir, 'out-a'));
    expect(a).toEqual(await list(path.join(dir, 'out-b')));
    for (const file of a.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      expect(await readFile(path.join(dir, 'out-a', file), 'utf8'), file).toBe(
        await readFile(path.join(dir, 'out-b', file), 'utf8'),
      );
    }
    await rm(path.join(dir, 'out-a'), { recursive: true });
  });
});
