/**
 * Social cards: a 1200 × 630 PNG for each post without a picture of its own (none for a post with a
 * thumbnail or for a redirect), named after the post, the same bytes for the same text, a smaller
 * title for a long one, and drawn once with a store.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CARD_STYLE, drawCard } from '../../src/cards/draw.js';
import { type CardsOptions, runCardsStage } from '../../src/cards/stage.js';
import { openDiskImageStore } from '../../src/images/image-cache.js';
import type { RenderedPost } from '../../src/types.js';
import { renderedPostRecord } from '../helpers/records.js';
import { removeDir, tempDir } from '../helpers/site.js';

const OPTIONS: CardsOptions = {
  siteTitle: 'Notes',
  style: DEFAULT_CARD_STYLE,
  formatDate: (iso) => `on ${iso.slice(0, 10)}`,
};

function post(slug: string, title: string, meta: Partial<RenderedPost['post']['meta']> = {}): RenderedPost {
  const record = renderedPostRecord({ slug, date: '2024-06-02', tags: ['rust', 'queues'] });
  record.post.meta = { ...record.post.meta, title, ...meta };
  return record;
}

/** The rows of a card that hold ink (title text) between `top` and `bottom`: how tall its title is set. */
async function inkRows(png: Uint8Array, top: number, bottom: number): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let rows = 0;
  for (let y = top; y < bottom; y++) {
    let dark = false;
    for (let x = 80; x < info.width - 80 && !dark; x++) dark = data[y * info.width + x]! < 100;
    if (dark) rows++;
  }
  return rows;
}

describe('drawCard', () => {
  it('draws a 1200 × 630 PNG, the same bytes for the same text', async () => {
    const text = { title: 'A lock-free ring buffer', date: 'June 2, 2024', site: 'Notes', tags: ['rust'] };
    const [a, b] = await Promise.all([
      drawCard(sharp, text, DEFAULT_CARD_STYLE),
      drawCard(sharp, text, DEFAULT_CARD_STYLE),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    const other = await drawCard(sharp, { ...text, title: 'Another title' }, DEFAULT_CARD_STYLE);
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);
  });

  it('sets a long title smaller, and keeps it inside the title box', async () => {
    const short = await drawCard(sharp, { title: 'Short', date: '', site: '', tags: [] }, DEFAULT_CARD_STYLE);
    const long = await drawCard(
      sharp,
      { title: 'A very long title about write-ahead logs, '.repeat(8), date: '', site: '', tags: [] },
      DEFAULT_CARD_STYLE,
    );
    // One line of the short title is taller than one line of the long one, and the long one stays in its box.
    const shortRows = await inkRows(short, 80, 410);
    expect(shortRows).toBeGreaterThan(40);
    expect(await inkRows(long, 410, 470)).toBe(0);
    expect(await inkRows(long, 80, 410)).toBeGreaterThan(shortRows);
  });
});

describe('runCardsStage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('cards-stage');
  });
  afterAll(() => removeDir(dir));

  it('gives each post without a picture a card, and none to a post with a thumbnail or a redirect', async () => {
    const posts = [
      post('ring-buffers', 'Ring buffers'),
      post('with-picture', 'With a picture', { thumbnail: '/img/own.jpg' }),
      post('moved', 'Moved', { redirectTo: 'https://elsewhere.example/' }),
    ];
    const told: Array<[string, number, number]> = [];
    const result = await runCardsStage(posts, { ...OPTIONS, progress: (...report) => told.push(report) });
    expect(told).toEqual([
      ['cards', 0, 1],
      ['cards', 1, 1],
    ]);
    expect(result.files.map((f) => f.outputPath)).toEqual([
      expect.stringMatching(/^assets\/inkstone\/cards\/ring-buffers-[0-9a-f]{10}\.png$/),
    ]);
    expect(result.posts.map((p) => p.card)).toEqual([result.files[0]!.outputPath, undefined, undefined]);
    expect(result.stats).toEqual({ cards: 1, drawn: 1 });
  });

  it('draws a card once with a store, and again when its text changes', async () => {
    const options = { ...OPTIONS, store: () => openDiskImageStore(path.join(dir, 'cards')) };
    const first = await runCardsStage([post('a', 'First')], options);
    await first.keep();
    const second = await runCardsStage([post('a', 'First')], options);
    expect(second.stats).toEqual({ cards: 1, drawn: 0 });
    expect(second.files).toEqual(first.files);
    const renamed = await runCardsStage([post('a', 'First, renamed')], options);
    expect(renamed.stats).toEqual({ cards: 1, drawn: 1 });
    expect(renamed.files[0]!.outputPath).not.toBe(first.files[0]!.outputPath);
  });
});
