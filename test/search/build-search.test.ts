/**
 * The search index of a build (fixture site "search"): what Pagefind was given of each post (read back
 * from the index's own fragment files), the search box on the pages, the cache, and `search: false`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyFixtureSite, readOutput, removeDir } from '../helpers/site.js';

/** The documents of an index, as its fragment files hold them (gzip, a signature, then JSON). */
async function fragments(outDir: string): Promise<Array<Record<string, unknown>>> {
  const dir = path.join(outDir, 'pagefind', 'fragment');
  const names = (await readdir(dir)).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = gunzipSync(await readFile(path.join(dir, name))).toString('utf8');
      expect(text.startsWith('pagefind_dcd')).toBe(true);
      return JSON.parse(text.slice('pagefind_dcd'.length)) as Record<string, unknown>;
    }),
  );
}

/** Every file below `dir` with its bytes, by relative path. */
async function tree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = (await readFile(full)).toString('base64');
  }
  return files;
}

describe('the search index of the "search" fixture', () => {
  let site: string;
  let out: string;
  let first: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    site = await copyFixtureSite('search');
    out = path.join(site, '_site');
    first = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('indexes each post with a page of its own: not the one with search: false, not the redirect', async () => {
    expect(first.diagnostics).toEqual([]);
    expect(first.search).toMatchObject({ documents: 1, cached: false });
    const docs = await fragments(out);
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    // URLs within the site: Pagefind's library adds the folder it is served from (/blog/).
    expect(doc!.url).toBe('/2024/03/ring-buffers/');
    expect(doc!.meta).toEqual({
      title: 'Ring buffers & <bounded> queues',
      date: '2024-03-01',
      terms: 'queues, lock-free, systems',
    });
    // Formulas as their TeX source (not KaTeX's drawing or MathML); no footnote marks, back-links or heading links; code stays.
    expect(doc!.content).toBe(
      'Ring buffers & <bounded> queues. A ring buffer keeps the last n items, where n = 2^k makes the index a mask. ' +
        'Wrapping the index. The writer never waits: head & (n - 1) is the slot, and <script>alert(1)</script> stays text. ' +
        "size_t slot = head & mask; A footnote on memory order. Acquire on the reader's side. queues, lock-free, systems.",
    );
    expect(doc!.anchors).toContainEqual({ element: 'h2', id: 'wrapping', text: 'Wrapping the index', location: 22 });
  });

  it('writes the search library and index, and none of Pagefind’s own UI bundles', async () => {
    const files = (await readdir(path.join(out, 'pagefind'))).sort();
    expect(files.filter((f) => !f.endsWith('.pf_meta'))).toEqual([
      'fragment',
      'index',
      'pagefind-entry.json',
      'pagefind-worker.js',
      'pagefind.js',
      'wasm.en.pagefind',
      'wasm.unknown.pagefind',
    ]);
    expect(first.search!.bytes).toBe(
      first.files.filter((f) => f.outputPath.startsWith('pagefind/')).reduce((n, f) => n + f.contents.length, 0),
    );
  });

  it('puts a search button and dialog on every page, pointing at the index under the base path', async () => {
    for (const page of ['index.html', '2024/03/ring-buffers/index.html', 'tags/index.html']) {
      const html = await readOutput(out, page);
      expect(html).toContain(
        '<button type="button" class="search-open" data-search-open hidden aria-haspopup="dialog" aria-keyshortcuts="/">Search <kbd aria-hidden="true">/</kbd></button>',
      );
      expect(html).toContain(
        '<dialog class="search-dialog" data-search data-bundle="/blog/pagefind/" data-base="/blog/" aria-labelledby="inkstone-search-label">',
      );
      expect(html).toContain('<script src="/blog/assets/inkstone/search.js" defer></script>');
    }
    expect(await readOutput(out, 'assets/inkstone/search.js')).toContain('pagefind.js');
  });

  it('takes the index from the cache while no post changes, and makes it again when one does', async () => {
    const before = await tree(path.join(out, 'pagefind'));
    const warm = await build({ siteDir: site });
    expect(warm.search).toMatchObject({ documents: 1, cached: true });
    expect(await tree(path.join(out, 'pagefind'))).toEqual(before);

    const post = path.join(site, 'posts', '2024-03-01-ring-buffers.md');
    await writeFile(post, (await readFile(post, 'utf8')).replace('memory order', 'memory fences'));
    const changed = await build({ siteDir: site });
    expect(changed.search).toMatchObject({ documents: 1, cached: false });
    const [doc] = await fragments(out);
    expect(doc!.content).toContain('A footnote on memory fences.');
    expect(doc!.content).not.toContain('memory order');
  });

  it('makes the same index with and without the cache', async () => {
    const cold = await build({ siteDir: site, cache: false, outDir: path.join(site, '_cold') });
    expect(cold.search).toMatchObject({ cached: false });
    expect(await tree(path.join(site, '_cold', 'pagefind'))).toEqual(await tree(path.join(out, 'pagefind')));
  });
});

describe('search: false', () => {
  it('writes no index, no script and no search box', async () => {
    const site = await copyFixtureSite('search');
    try {
      await writeFile(
        path.join(site, 'inkstone.yml'),
        'title: Search fixture\nurl: https://example.org/blog/\nsearch: false\n',
      );
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      expect(result.search).toBeUndefined();
      expect(result.timings.map((t) => t.stage)).not.toContain('search');
      const paths = result.files.map((f) => f.outputPath);
      expect(paths.filter((p) => p.startsWith('pagefind/') || p.includes('search'))).toEqual([]);
      const html = await readOutput(path.join(site, '_site'), '2024/03/ring-buffers/index.html');
      expect(html).not.toContain('data-search');
      expect(html).not.toContain('search.js');
    } finally {
      await removeDir(site);
    }
  });
});
