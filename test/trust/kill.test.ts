/**
 * A build killed with SIGKILL at any moment leaves a complete site: the old one, or (when the kill
 * came after the swap) the new one, never a mix; the next build cleans up and succeeds.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { OutputFile } from '../../src/types.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

const BIN = path.join(TEST_DIR, '..', 'src', 'cli', 'bin.ts');
const POSTS = 300;

function postsFor(version: string): Record<string, string> {
  const files: Record<string, string> = { 'inkstone.yml': 'url: https://example.org/\n' };
  for (let i = 0; i < POSTS; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    files[`posts/2023-${month}-${day}-post-${i}.md`] =
      `---\ntitle: Post ${i} ${version}\ntags: [t${i % 7}]\n---\n\nBody of post ${i}, ${version}.\n`;
  }
  return files;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const out = new Map<string, string>();
  for (const entry of files) {
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), await readFile(full, 'latin1'));
  }
  return out;
}

const expected = (files: readonly OutputFile[]) =>
  new Map(
    files.map((f) => [
      f.outputPath,
      typeof f.contents === 'string'
        ? Buffer.from(f.contents).toString('latin1')
        : Buffer.from(f.contents).toString('latin1'),
    ]),
  );

describe('a build killed half way', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('kill', postsFor('v1'));
  });
  afterAll(() => removeDir(site));

  it('leaves the old site or the new one, whole, at every moment', async () => {
    expect((await build({ siteDir: site })).ok).toBe(true);
    const out = path.join(site, '_site');
    const old = await snapshot(out);
    for (const [rel, text] of Object.entries(postsFor('v2'))) await writeFile(path.join(site, rel), text);
    const next = expected((await build({ siteDir: site, write: false })).files);

    for (const delay of [400, 900, 1500, 2200]) {
      const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'build', site, '--quiet'], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const now = await snapshot(out);
      now.delete('.inkstone-site');
      const isOld =
        [...old.keys()].filter((k) => k !== '.inkstone-site').every((k) => now.get(k) === old.get(k)) &&
        now.size === old.size - 1;
      const isNew = [...next].every(([k, v]) => now.get(k) === v) && now.size === next.size;
      expect(isOld || isNew, `after a kill at ${delay} ms the site is neither the old nor the new one`).toBe(true);
    }
    const final = await build({ siteDir: site });
    expect(final.ok).toBe(true);
    expect((await readdir(site)).filter((name) => name.startsWith('._site.'))).toEqual([]);
  }, 120_000);
});
