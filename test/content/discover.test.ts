import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPosts, POST_DIRS } from '../../src/content/discover.js';

const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('discoverPosts', () => {
  let site: string;

  beforeAll(async () => {
    site = path.join(TMP_ROOT, `discover-${randomUUID()}`);
    await writeTree(site, {
      'posts/2024-02-01-second.md': '# Second\n',
      'posts/2024-01-01-first.md': '# First\n',
      'posts/deep/nested/2023-05-05-nested.md': '# Nested\n',
      'posts/bundle/index.md': '# Bundle\n',
      'posts/bundle/diagram.png': 'not markdown',
      'posts/notes.markdown': 'other extension',
      'posts/README.txt': 'not a post',
      'posts/.hidden.md': 'dot file',
      '_posts/2015-10-20-jekyll.md': '\uFEFF---\ntitle: Jekyll\n---\nBOM\n',
      '_site/posts/2024-01-01-first.md': 'built copy',
      '_site/index.md': 'built copy',
      'drafts/2024-03-01-draft.md': 'not in a post folder',
      'README.md': 'site readme',
      'layouts/post.md': 'not a post',
    });
  });

  afterAll(async () => {
    await rm(site, { recursive: true, force: true });
  });

  it('looks in posts/ and _posts/', () => {
    expect(POST_DIRS).toEqual(['posts', '_posts']);
  });

  it('finds posts/**/*.md and _posts/**/*.md sorted by path, and nothing else', async () => {
    const sources = await discoverPosts(site);
    expect(sources.map((s) => s.relPath)).toEqual([
      '_posts/2015-10-20-jekyll.md',
      'posts/2024-01-01-first.md',
      'posts/2024-02-01-second.md',
      'posts/bundle/index.md',
      'posts/deep/nested/2023-05-05-nested.md',
    ]);
  });

  it('reads each file with its absolute path, text and SHA-256', async () => {
    const sources = await discoverPosts(site);
    const first = sources.find((s) => s.relPath === 'posts/2024-01-01-first.md');
    expect(first).toEqual({
      relPath: 'posts/2024-01-01-first.md',
      absPath: path.join(site, 'posts/2024-01-01-first.md'),
      text: '# First\n',
      hash: sha256('# First\n'),
    });
  });

  it('removes a byte order mark so front matter is still found', async () => {
    const sources = await discoverPosts(site);
    const jekyll = sources.find((s) => s.relPath === '_posts/2015-10-20-jekyll.md');
    expect(jekyll?.text).toBe('---\ntitle: Jekyll\n---\nBOM\n');
    expect(jekyll?.hash).toBe(sha256('---\ntitle: Jekyll\n---\nBOM\n'));
  });

  it('returns nothing for a site without post folders', async () => {
    const empty = path.join(TMP_ROOT, `discover-empty-${randomUUID()}`);
    await writeTree(empty, { 'README.md': 'nothing here', '_site/posts/x.md': 'built' });
    try {
      expect(await discoverPosts(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
