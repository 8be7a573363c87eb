/**
 * The dev server's search index: made in the background once rebuilds pause (never before the reload
 * is sent), served beside the site under its base path, made again only when a post changed, and
 * dropped with `search: false`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dev, type DevServer } from '../../src/dev/dev.js';
import { createDevSearch } from '../../src/dev/search.js';
import { createDevSession } from '../../src/dev/session.js';
import type { SearchResult } from '../../src/search/stage.js';
import type { OutputFile } from '../../src/types.js';
import { copyFixtureSite, removeDir } from '../helpers/site.js';
import { WAITING_TEST_TIMEOUT_MS, waitUntil } from '../helpers/wait.js';

const POST = 'posts/2024-03-01-ring-buffers.md';

/** The text of each document of an index (its fragment files: gzip, a signature, then JSON). */
function documents(files: ReadonlyMap<string, OutputFile>): string[] {
  return [...files.values()]
    .filter((f) => f.outputPath.endsWith('.pf_fragment'))
    .map((f) => {
      const text = gunzipSync(Buffer.from(f.contents as Uint8Array)).toString('utf8');
      return (JSON.parse(text.slice('pagefind_dcd'.length)) as { content: string }).content;
    });
}

describe('the dev session search index', () => {
  let site: string;
  beforeAll(async () => {
    site = await copyFixtureSite('search');
  });
  afterAll(() => removeDir(site));

  it('is made after the rebuild returns, again only when a post changed, and dropped with search: false', async () => {
    const session = createDevSession({ siteDir: site, cache: false });
    const indexed: SearchResult[] = [];
    const search = createDevSearch((r) => indexed.push(r), { quietMs: 0 });
    try {
      expect((await session.rebuild('full')).ok).toBe(true);
      search.update(session.searchInput());
      // update() returns at once: nothing is served until Pagefind is done.
      expect(search.files().size).toBe(0);
      await search.idle();
      expect(indexed.map((r) => [r.documents, r.diagnostics])).toEqual([[1, []]]);
      expect(search.files().get('pagefind/pagefind.js')).toBeDefined();
      expect(documents(search.files())[0]).toContain('A footnote on memory order.');

      // Nothing changed: the same index, not made again.
      const before = search.files();
      search.update(session.searchInput());
      await search.idle();
      expect(search.files()).toBe(before);
      expect(indexed).toHaveLength(1);

      // Two updates while one index is being made: one more index, of the latest posts.
      const file = path.join(site, POST);
      await writeFile(file, (await readFile(file, 'utf8')).replace('memory order', 'memory fences'));
      expect((await session.rebuild([{ kind: 'post', relPath: POST, event: 'change' }])).ok).toBe(true);
      search.update(session.searchInput());
      search.update(session.searchInput());
      await search.idle();
      expect(indexed).toHaveLength(2);
      expect(documents(search.files())[0]).toContain('A footnote on memory fences.');

      // With a quiet period, requests in quick succession make one index, once they stop.
      const quiet = createDevSearch((r) => indexed.push(r), { quietMs: 300 });
      quiet.update(session.searchInput());
      quiet.update(session.searchInput());
      quiet.update(session.searchInput());
      expect(quiet.files().size).toBe(0);
      await quiet.idle();
      expect(indexed).toHaveLength(3);
      expect(documents(quiet.files())[0]).toContain('A footnote on memory fences.');
      // A request dropped by stop() makes no index.
      await writeFile(file, (await readFile(file, 'utf8')).replace('memory fences', 'memory models'));
      expect((await session.rebuild([{ kind: 'post', relPath: POST, event: 'change' }])).ok).toBe(true);
      quiet.update(session.searchInput());
      quiet.stop();
      await quiet.idle();
      expect(indexed).toHaveLength(3);

      await writeFile(path.join(site, 'inkstone.yml'), 'title: Search fixture\nurl: /blog/\nsearch: false\n');
      expect((await session.rebuild('full')).ok).toBe(true);
      search.update(session.searchInput());
      await search.idle();
      expect(search.files().size).toBe(0);
      expect([...session.served().keys()].filter((p) => p.includes('search'))).toEqual([]);
    } finally {
      session.close();
    }
  });
});

describe('inkstone dev serves the search index', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  let site: string;
  let server: DevServer;
  beforeAll(async () => {
    site = await copyFixtureSite('search');
    await writeFile(path.join(site, 'inkstone.yml'), 'title: Search fixture\nurl: /blog/\n');
    server = await dev({ siteDir: site, port: 0, cache: false });
  });
  afterAll(async () => {
    await server?.close();
    await removeDir(site);
  });

  it('under the base path, beside the site, and replaces it after a post changes', async () => {
    await server.searchIdle();
    const entry = async () => {
      const response = await fetch(`${server.url}/blog/pagefind/pagefind-entry.json`);
      return { status: response.status, body: await response.text() };
    };
    const first = await entry();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ languages: { en: { page_count: 1 } } });
    expect((await fetch(`${server.url}/blog/pagefind/pagefind.js`)).status).toBe(200);
    const page = await (await fetch(`${server.url}/blog/2024/03/ring-buffers/`)).text();
    expect(page).toContain('data-bundle="/blog/pagefind/"');

    const file = path.join(site, POST);
    await writeFile(file, (await readFile(file, 'utf8')).replace('memory order', 'memory barriers'));
    // The index's hash (in the entry file) changes once the new one is served.
    await waitUntil(async () => (await entry()).body !== first.body, 'the search index of the changed post is served');
    await server.searchIdle();
    expect((await entry()).status).toBe(200);
  });
});
