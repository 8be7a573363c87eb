import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSameSite } from '../../src/output/same-site.js';
import { readManifest } from '../../src/output/staging.js';
import { nodeOutputFs } from '../../src/output/output-fs.js';
import { writeSite } from '../../src/output/writer.js';
import type { OutputFile } from '../../src/types.js';
import { removeDir, tempDir } from '../helpers/site.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

const site: OutputFile[] = [
  { outputPath: 'index.html', contents: 'home', from: 'test' },
  { outputPath: 'a/b/page.html', contents: 'page', from: 'test' },
];

async function written(): Promise<string> {
  const root = await tempDir('same-site');
  dirs.push(root);
  const out = path.join(root, 'out');
  await writeSite(out, site);
  return out;
}

const same = async (out: string, files = site) =>
  isSameSite(out, files, await readManifest(out, nodeOutputFs), new Map());

describe('isSameSite', () => {
  it('is true for the output of the same files, whatever objects hold them', async () => {
    const out = await written();
    expect(await same(out)).toBe(true);
    expect(
      await same(
        out,
        site.map((f) => ({ ...f, contents: Buffer.from(String(f.contents)) })),
      ),
    ).toBe(true);
  });

  it('is false when a file differs, is missing or is added', async () => {
    const out = await written();
    expect(await same(out, [site[0]!, { ...site[1]!, contents: 'other' }])).toBe(false);
    expect(await same(out, [site[0]!])).toBe(false);
    expect(await same(out, [...site, { outputPath: 'new.html', contents: 'new', from: 'test' }])).toBe(false);
  });

  it('is false when the folder holds anything a build would not write, or lacks a file', async () => {
    for (const change of [
      (out: string) => writeFile(path.join(out, 'stray.html'), 'x'),
      (out: string) => mkdir(path.join(out, 'a', 'empty')),
      (out: string) => symlink('index.html', path.join(out, 'link.html')),
      (out: string) => rm(path.join(out, 'a', 'b', 'page.html')),
      (out: string) => rm(path.join(out, '.inkstone-site')),
    ]) {
      const out = await written();
      await change(out);
      expect(await same(out)).toBe(false);
    }
  });

  it('is false without a manifest', async () => {
    const out = await written();
    await rm(path.join(out, '.inkstone-manifest.json'));
    expect(await same(out)).toBe(false);
  });
});
