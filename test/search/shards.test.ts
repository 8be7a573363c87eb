import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { indexDocuments, SearchIndexError, type SearchFile } from '../../src/search/pagefind-index.js';
import { SEARCH_SHARD_SIZE, searchView, shardCount, shardOf } from '../../src/search/shards.js';
import { runSearchStage, type SearchStore } from '../../src/search/stage.js';
import { renderedPostRecord } from '../helpers/records.js';
import { indexDigest, sidePosts } from './side-by-side.js';

describe('shards of the search index', () => {
  it('are one up to the shard size, then the power of two that keeps each within it', () => {
    expect(SEARCH_SHARD_SIZE).toBe(1000);
    expect([0, 1, 1000, 1001, 2000, 2001, 4000, 4001, 9000].map((n) => shardCount(n))).toEqual([
      1, 1, 1, 2, 2, 4, 4, 8, 16,
    ]);
  });

  it('give each post a shard from its source path, the same in every build', () => {
    const paths = Array.from({ length: 400 }, (_, i) => `posts/2024-01-01-post-${i}.md`);
    const shards = paths.map((p) => shardOf(p, 4));
    expect(new Set(shards)).toEqual(new Set([0, 1, 2, 3]));
    // Roughly even: no shard has more than a third of the posts.
    for (let s = 0; s < 4; s++) expect(shards.filter((x) => x === s).length).toBeLessThan(400 / 3);
    expect(paths.map((p) => shardOf(p, 4))).toEqual(shards);
    expect(shardOf('posts/anything.md', 1)).toBe(0);
  });

  it('are told to the search box: the first is loaded, the others merged, under the base path', () => {
    const posts = Array.from({ length: 5 }, (_, i) => renderedPostRecord({ slug: `p${i}`, date: '2024-01-01' }));
    const base = { origin: 'https://example.org', basePath: '/blog/' };
    expect(searchView(posts, base)).toEqual({ bundle: '/blog/pagefind/', shards: [], base: '/blog/' });
    expect(searchView(posts, base, 2)).toEqual({
      bundle: '/blog/pagefind/',
      shards: ['/blog/pagefind/shard-1/', '/blog/pagefind/shard-2/', '/blog/pagefind/shard-3/'],
      base: '/blog/',
    });
  });
});

describe('the search stage with shards', () => {
  const post = (i: number, words: string) => {
    const r = renderedPostRecord({ slug: `post-${i}`, date: '2024-01-01T00:00:00.000Z' });
    r.html = `<p>${words}</p>`;
    return r;
  };

  it('leaves the same parts out of a prose post, sent as it is, as out of a reduced one', async () => {
    const html =
      '<p>Queues grow.<sup class="footnote-ref"><a href="#fn1">1</a></sup></p>' +
      '<p>Fast <svg><text>drawn</text></svg>paths.</p><script>var hidden = 1;</script>';
    const prose = post(0, '');
    prose.html = html;
    const heavy = post(1, '');
    heavy.html = html;
    heavy.features = { ...heavy.features, code: true };
    const result = await runSearchStage([prose, heavy], { language: 'en' });
    const contents = result.files
      .filter((f) => f.outputPath.endsWith('.pf_fragment'))
      .map((f) => JSON.parse(gunzipSync(Buffer.from(f.contents)).toString('utf8').slice('pagefind_dcd'.length)))
      .sort((a, b) => (a.url < b.url ? -1 : 1))
      .map((d: { url: string; content: string }) => [d.url, d.content]);
    expect(contents).toEqual([
      ['/post-0/', 'post-0. Queues grow. Fast paths.'],
      ['/post-1/', 'post-1. Queues grow. Fast paths.'],
    ]);
  });

  it('indexes each shard into its own folder, and makes again only the shard of a changed post', async () => {
    const saved = new Map<number, { key: string; files: readonly SearchFile[] }>();
    const store: SearchStore = {
      read: async (shard, key) => (saved.get(shard)?.key === key ? [...saved.get(shard)!.files] : undefined),
      write: async (shard, key, files) => void saved.set(shard, { key, files }),
    };
    const posts = Array.from({ length: 6 }, (_, i) => post(i, `words of post ${i}`));
    const revisions = new Map(posts.map((r) => [r, 1]));
    const options = {
      language: 'en',
      store,
      shardSize: 2,
      revisionOf: (r: (typeof posts)[number]) => revisions.get(r)!,
    };
    const first = await runSearchStage(posts, options);
    expect(first).toMatchObject({ documents: 6, shards: 4, kept: 0, cached: false, diagnostics: [] });
    const folders = new Set(
      first.files.map((f) => f.outputPath.replace(/[^/]*$/, '').replace(/(fragment|index)\/$/, '')),
    );
    expect([...folders].sort()).toEqual(['pagefind/', 'pagefind/shard-1/', 'pagefind/shard-2/', 'pagefind/shard-3/']);
    await first.keep!();

    const again = await runSearchStage(posts, options);
    expect(again).toMatchObject({ shards: 4, kept: 4, cached: true });
    expect(again.keep).toBeUndefined();
    expect(again.files.map((f) => f.outputPath)).toEqual(first.files.map((f) => f.outputPath));

    revisions.set(posts[3]!, 2);
    const changed = await runSearchStage(posts, options);
    expect(changed).toMatchObject({ shards: 4, kept: 3, cached: false });
  });

  // The child's Pagefind processes are counted in /proc.
  it.skipIf(process.platform !== 'linux')(
    'makes the same index with shards indexed side by side, each by a Pagefind process of its own',
    async () => {
      // More posts than the documents kept in flight, so that the feeding waits for the service.
      const alone = await runSearchStage(sidePosts(), { language: 'en', shardSize: 40, services: 1 });
      expect(alone).toMatchObject({ documents: 150, shards: 4, diagnostics: [] });
      const urls = alone.files
        .filter((f) => f.outputPath.endsWith('.pf_fragment'))
        .map(
          (f) =>
            (
              JSON.parse(gunzipSync(Buffer.from(f.contents)).toString('utf8').slice('pagefind_dcd'.length)) as {
                url: string;
              }
            ).url,
        );
      expect(urls.sort()).toEqual(
        sidePosts()
          .map((r) => r.post.url)
          .sort(),
      );
      // Side by side in a process of its own, as Node runs inkstone (the test runner keeps one copy of a
      // package whatever the URL it is imported under, so there would be one process for the copies).
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', SIDE_BY_SIDE],
        { cwd: path.resolve(import.meta.dirname, '../..') },
      );
      expect(JSON.parse(stdout)).toEqual({ processes: 3, files: indexDigest(alone.files) });
    },
  );
});

/** The stage run with three services on sidePosts(); prints the Pagefind processes it started and the digest. */
const SIDE_BY_SIDE = `
import { readdirSync, readFileSync } from 'node:fs';
const { runSearchStage } = await import('./src/search/stage.ts');
const { sidePosts, indexDigest } = await import('./test/search/side-by-side.ts');
const result = await runSearchStage(sidePosts(), { language: 'en', shardSize: 40, services: 3 });
const processes = readdirSync('/proc').filter((id) => {
  try {
    const stat = readFileSync('/proc/' + id + '/stat', 'utf8');
    return stat.includes('(pagefind') && stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(process.pid);
  } catch {
    return false;
  }
}).length;
console.log(JSON.stringify({ processes, files: indexDigest(result.files) }));
process.exit(0);
`;

describe('indexDocuments', () => {
  it('stops at the document where it is told to, with an error that says why', async () => {
    let made = 0;
    const documents = Array.from({ length: 40 }, (_, i) => ({ url: `/p${i}/`, content: `<p>post ${i}</p>` }));
    const indexing = indexDocuments(
      documents,
      (d) => {
        made++;
        return d;
      },
      [],
      0,
      () => made >= 10,
    );
    await expect(indexing).rejects.toThrow(new SearchIndexError('Pagefind stopped: another shard of the index failed'));
    expect(made).toBe(10);
  });
});
