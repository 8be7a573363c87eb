/**
 * A build killed with SIGKILL at any moment leaves a complete site: the old one, or (when the kill
 * came after the swap) the new one, never a mix; the next build cleans up and succeeds.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { sha256 } from '../../src/core/hash.js';
import { recoverInterruptedWrite } from '../../src/output/leftovers.js';
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

const MARKER = '.inkstone-site';
const MANIFEST = '.inkstone-manifest.json';

/** A site as the writer leaves it: its files, and the hashes its manifest should list. */
interface Site {
  files: Map<string, string>;
  manifest: Record<string, string>;
}

const siteOf = (files: readonly OutputFile[]): Site => ({
  files: new Map(files.map((f) => [f.outputPath, Buffer.from(f.contents).toString('latin1')])),
  manifest: Object.fromEntries(files.map((f) => [f.outputPath, sha256(f.contents)])),
});

/** True when `now` is `site`, whole: every file, nothing else, with its marker and manifest. */
function isWhole(now: Map<string, string>, site: Site): boolean {
  const pages = new Map([...now].filter(([k]) => k !== MARKER && k !== MANIFEST));
  const manifest = now.get(MANIFEST);
  return (
    now.has(MARKER) &&
    manifest !== undefined &&
    isDeepStrictEqual(JSON.parse(manifest), site.manifest) &&
    isDeepStrictEqual(pages, site.files)
  );
}

/**
 * Where in its work a build is killed. Each moment is recognised by what the build does in the site
 * folder (seen through fs.watch), not by a time: on any machine, however fast or loaded, the kills
 * fall before, during and after the swap. A kill lands a little after its moment; whenever it lands,
 * the site must be whole.
 */
const MOMENTS = [
  'as it starts',
  'once it has made the folder of the new site',
  'once it removes what the killed build left',
  'once it has moved the previous site aside',
  'once it has moved the new site in',
] as const;

/** Runs `inkstone build` on `site` and kills it at `moment` (or lets it finish, if it never comes). */
async function buildKilled(site: string, moment: (typeof MOMENTS)[number]): Promise<void> {
  const before = new Set(await readdir(site));
  const isNew = (name: string, prefix: string) => name.startsWith(prefix) && !before.has(name);
  let movedAside = false;
  const seen = (name: string) => {
    if (moment === 'once it has made the folder of the new site') return isNew(name, '._site.tmp-');
    if (moment === 'once it removes what the killed build left') return name.startsWith('._site.') && before.has(name);
    if (isNew(name, '._site.old-')) movedAside = true;
    if (moment === 'once it has moved the previous site aside') return movedAside;
    return moment === 'once it has moved the new site in' && movedAside && name === '_site';
  };
  let child: ReturnType<typeof spawn> | undefined;
  // Watching starts before the build does, so that no step of it is missed.
  const watcher = watch(site, (_event, name) => {
    if (name && seen(name)) child?.kill('SIGKILL');
  });
  try {
    child = spawn(process.execPath, ['--import', 'tsx', BIN, 'build', site, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    if (moment === 'as it starts') child.kill('SIGKILL');
    await exited;
  } finally {
    watcher.close();
  }
}

describe('a build killed half way', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('kill', postsFor('v1'));
  });
  afterAll(() => removeDir(site));

  it('leaves the old site or the new one, whole, at every moment', async () => {
    const first = await build({ siteDir: site });
    expect(first.ok).toBe(true);
    const old = siteOf(first.files);
    const out = path.join(site, '_site');
    expect(isWhole(await snapshot(out), old)).toBe(true);
    for (const [rel, text] of Object.entries(postsFor('v2'))) await writeFile(path.join(site, rel), text);
    const next = siteOf((await build({ siteDir: site, write: false })).files);

    const which = (now: Map<string, string>) => (isWhole(now, old) ? 'old' : isWhole(now, next) ? 'new' : 'neither');
    for (const moment of MOMENTS) {
      await buildKilled(site, moment);
      const names = await readdir(site);
      if (names.includes('_site')) {
        expect(which(await snapshot(out)), `after a kill ${moment}, the site`).not.toBe('neither');
        continue;
      }
      // Killed between its two renames: the previous site is whole beside, and the next build moves it back.
      const aside = names.filter((name) => name.startsWith('._site.old-')).sort();
      expect(aside.length, `after a kill ${moment}, the site is missing and not beside`).toBeGreaterThan(0);
      const previous = which(await snapshot(path.join(site, aside.at(-1)!)));
      expect(previous, `after a kill ${moment}, the previous site beside`).not.toBe('neither');
      expect(await recoverInterruptedWrite(out)).toEqual([]);
      expect(which(await snapshot(out))).toBe(previous);
    }
    const final = await build({ siteDir: site });
    expect(final.ok).toBe(true);
    expect(which(await snapshot(out))).toBe('new');
    expect((await readdir(site)).filter((name) => name.startsWith('._site.'))).toEqual([]);
  }, 600_000);
});
