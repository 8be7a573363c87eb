/**
 * A site written in two parts: the pages staged while the search index is made (stageSite), then the
 * rest and the swap (writeSite with the staged part). The result must be the site writeSite makes in
 * one go, and a staged site that is not put in place must leave nothing behind.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeOutputFs } from '../../src/output/output-fs.js';
import { discardStagedSite, stageSite, writeSite as writeOutput } from '../../src/output/writer.js';
import type { OutputFile } from '../../src/types.js';
import { removeDir, tempDir, writeSite } from '../helpers/site.js';
import { failingFs } from './failing-fs.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
const temp = async (label: string) => {
  const dir = await tempDir(label);
  dirs.push(dir);
  return dir;
};
const siblings = async (out: string) =>
  (await readdir(path.dirname(out))).filter((name) => name.startsWith(`.${path.basename(out)}.`));

/** Every file below `dir` with its text, by relative path. */
async function tree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile()))
    files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(
      path.join(entry.parentPath, entry.name),
      'utf8',
    );
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const file = (outputPath: string, contents: string): OutputFile => ({ outputPath, contents, from: 'test' });
const pages = [file('index.html', 'home'), file('2024/01/a/index.html', 'a'), file('tags/x/index.html', 'x')];
const extras = [file('pagefind/pagefind.js', 'index'), file('pagefind/fragment/en_1.pf_fragment', 'doc')];

describe('a site staged ahead of its last files', () => {
  it('is, once finished, the site written in one go, with the staging folder there only until the swap', async () => {
    const root = await temp('staged-same');
    const whole = path.join(root, 'whole');
    const parts = path.join(root, 'parts');
    expect(await writeOutput(whole, [...pages, ...extras])).toEqual([]);
    const staged = await stageSite(parts, pages);
    // The pages are in the staging folder beside the output, which does not exist yet.
    const [staging] = await siblings(parts);
    expect(staging).toMatch(/^\.parts\.tmp-/);
    expect(Object.keys(await tree(path.join(root, staging!)))).toEqual([
      '2024/01/a/index.html',
      'index.html',
      'tags/x/index.html',
    ]);
    expect(await writeOutput(parts, [...pages, ...extras], undefined, new Map(), undefined, staged)).toEqual([]);
    expect(await tree(parts)).toEqual(await tree(whole));
    expect(await siblings(parts)).toEqual([]);
  });

  it('replaces a previous site, linking the pages it already had', async () => {
    const root = await temp('staged-again');
    const out = path.join(root, '_site');
    await writeOutput(out, [...pages, ...extras]);
    const changed = [file('index.html', 'home, again'), ...pages.slice(1)];
    const staged = await stageSite(out, changed);
    // Until the swap, the previous site is served as it was.
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home');
    await writeOutput(out, [...changed, ...extras], undefined, new Map(), undefined, staged);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home, again');
    expect(Object.keys(await tree(out))).toEqual([
      '.inkstone-manifest.json',
      '.inkstone-site',
      '2024/01/a/index.html',
      'index.html',
      'pagefind/fragment/en_1.pf_fragment',
      'pagefind/pagefind.js',
      'tags/x/index.html',
    ]);
    expect(await siblings(out)).toEqual([]);
  });

  it('is removed whole when the site is not written, and the previous site stays', async () => {
    const root = await temp('staged-discard');
    const out = path.join(root, '_site');
    await writeOutput(out, pages);
    const before = await tree(out);
    const staged = await stageSite(out, [file('index.html', 'never shown')]);
    expect(await siblings(out)).toHaveLength(1);
    await discardStagedSite(staged);
    expect(await siblings(out)).toEqual([]);
    expect(await tree(out)).toEqual(before);
  });

  it('is dropped for a write whose files are not the ones staged, which then writes its site whole', async () => {
    const root = await temp('staged-other');
    const out = path.join(root, '_site');
    const staged = await stageSite(out, pages);
    // A build that rendered again (a kept file went missing) has other files: the staged ones must not stay.
    const other = [file('index.html', 'rendered again')];
    await writeOutput(out, other, undefined, new Map(), undefined, staged);
    expect(Object.keys(await tree(out))).toEqual(['.inkstone-manifest.json', '.inkstone-site', 'index.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('rendered again');
    expect(await siblings(out)).toEqual([]);
  });

  it('that cannot be written takes its staging folder with it and says why', async () => {
    const root = await temp('staged-fails');
    const out = path.join(root, '_site');
    const fs = failingFs(nodeOutputFs, {
      op: 'writeFile',
      when: (p) => p.endsWith(`tags${path.sep}x${path.sep}index.html`),
      code: 'ENOSPC',
    });
    await expect(stageSite(out, pages, fs)).rejects.toThrow(
      'cannot write tags/x/index.html into the new site (ENOSPC: no space left on device)',
    );
    expect(await siblings(out)).toEqual([]);
  });
});

describe('a build whose search index is made while its pages are staged', () => {
  const post = (title: string, extra = '') =>
    `---\ntitle: ${title}\ndate: 2024-01-01\n${extra}---\n\n${title} is a post about ring buffers.\n`;

  it('puts the pages and the index in place together', async () => {
    const site = await writeSite('staged-build', {
      'inkstone.yml': 'title: Staged\nurl: https://staged.example/\n',
      'posts/2024-01-01-a.md': post('Alpha'),
    });
    dirs.push(site);
    const out = path.join(site, '_site');
    const result = await build({ siteDir: site });
    expect(result.ok).toBe(true);
    expect(result.search).toMatchObject({ documents: 1, cached: false });
    const files = Object.keys(await tree(out));
    expect(files).toContain('2024/01/a/index.html');
    expect(files).toContain('pagefind/pagefind-entry.json');
    const manifest = JSON.parse(await readFile(path.join(out, '.inkstone-manifest.json'), 'utf8')) as object;
    // The manifest lists every file of the site, the staged pages and the index alike.
    expect(Object.keys(manifest).sort()).toEqual(files.filter((f) => !f.startsWith('.inkstone-')).sort());
    expect(await siblings(out)).toEqual([]);
  });

  it('leaves the previous site and no staging folder when a page then fails', async () => {
    const site = await writeSite('staged-build-fails', {
      'inkstone.yml': 'title: Staged\nurl: https://staged.example/\n',
      'posts/2024-01-01-a.md': post('Alpha'),
      'layouts/post.njk':
        '<h1>{{ post.title }}</h1>{{ post.content }}{% if post.data.boom %}{{ post.data.boom() }}{% endif %}\n',
    });
    dirs.push(site);
    const out = path.join(site, '_site');
    expect((await build({ siteDir: site })).ok).toBe(true);
    const before = await tree(out);
    // A new text (its search shard is indexed again, so the pages are staged) and a page that fails.
    await writeFile(path.join(site, 'posts/2024-01-01-a.md'), post('Alpha', 'boom: 1\n'));
    const failed = await build({ siteDir: site });
    expect(failed.ok).toBe(false);
    expect(failed.written).toBe(false);
    expect(failed.diagnostics.map((d) => d.code)).toContain('template');
    expect(await tree(out)).toEqual(before);
    expect(await siblings(out)).toEqual([]);
  });
});
