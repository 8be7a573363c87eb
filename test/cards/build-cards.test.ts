/**
 * Social cards in a build: the post's page points og:image and twitter:image at its card (absolute,
 * with its size), a post's own `thumbnail` or `image` wins, and there are no cards with
 * `social_cards: false` or without a host in `url`.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { removeDir, writeSite } from '../helpers/site.js';

const POSTS = {
  'posts/2024-06-02-ring-buffers.md': '---\ntitle: Ring buffers & queues\ntags: [rust]\n---\nText.\n',
  'posts/2024-06-03-own-picture.md': '---\ntitle: Own picture\nimage:\n  path: /img/own.jpg\n---\nText.\n',
};

describe('social cards in a build', () => {
  let site: string;
  const text = (result: BuildResult, rel: string) => String(result.files.find((f) => f.outputPath === rel)!.contents);
  const previews = (html: string) => html.match(/<meta (?:property="og:image|name="twitter:(?:image|card))[^>]*>/g);
  beforeAll(async () => {
    site = await writeSite('cards-build', {
      'inkstone.yml': 'title: Notes\nurl: https://example.org/blog/\n',
      ...POSTS,
    });
  });
  afterAll(() => removeDir(site));

  it('links each post to its card, absolute and with its size, and lets a post’s own image win', async () => {
    const result = await build({ siteDir: site, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.cards).toEqual({ cards: 1, drawn: 1 });
    const card = result.files.find((f) => f.outputPath.startsWith('assets/inkstone/cards/'))!;
    expect(card.outputPath).toMatch(/^assets\/inkstone\/cards\/ring-buffers-[0-9a-f]{10}\.png$/);
    expect(
      await sharp(card.contents)
        .metadata()
        .then((m) => [m.width, m.height]),
    ).toEqual([1200, 630]);
    const url = `https://example.org/blog/${card.outputPath}`;
    expect(previews(text(result, '2024/06/ring-buffers/index.html'))).toEqual([
      `<meta property="og:image" content="${url}">`,
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:alt" content="Ring buffers &amp; queues">',
      '<meta name="twitter:card" content="summary_large_image">',
      `<meta name="twitter:image" content="${url}">`,
    ]);
    expect(previews(text(result, '2024/06/own-picture/index.html'))).toEqual([
      '<meta property="og:image" content="https://example.org/blog/img/own.jpg">',
      '<meta name="twitter:card" content="summary_large_image">',
      '<meta name="twitter:image" content="https://example.org/blog/img/own.jpg">',
    ]);
  });

  it('makes none with social_cards: false, nor without a host in url', async () => {
    for (const config of [
      'title: Notes\nurl: https://example.org/\nsocial_cards: false\n',
      'title: Notes\nurl: /blog/\n',
    ]) {
      const other = await writeSite('cards-off', { 'inkstone.yml': config, ...POSTS });
      try {
        const result = await build({ siteDir: other, write: false });
        expect(result.cards).toBeUndefined();
        expect(result.files.filter((f) => f.outputPath.startsWith('assets/inkstone/cards/'))).toEqual([]);
        expect(previews(text(result, '2024/06/ring-buffers/index.html'))).toEqual([
          '<meta name="twitter:card" content="summary">',
        ]);
      } finally {
        await removeDir(other);
      }
    }
  });

  it('draws nothing in a warm build', async () => {
    await build({ siteDir: site });
    const warm = await build({ siteDir: site });
    expect(warm.cards).toEqual({ cards: 1, drawn: 0 });
    expect(path.basename(warm.outDir)).toBe('_site');
  });
});
