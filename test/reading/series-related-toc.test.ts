/** Series numbering and order, related posts by shared tags, and when a post shows a table of contents. */
import { describe, expect, it } from 'vitest';
import { relatedPosts } from '../../src/site/related.js';
import { buildSeries } from '../../src/site/series.js';
import { tableOfContents } from '../../src/site/toc.js';
import type { RenderedPost } from '../../src/types.js';
import { renderedPostRecord } from '../helpers/records.js';

/** A rendered post with only what the site stage reads. */
function post(slug: string, date: string, tags: string[], data: Record<string, unknown> = {}): RenderedPost {
  return renderedPostRecord({ slug, date, tags, data });
}

describe('series', () => {
  it('numbers parts oldest first, same-day parts by slug, merging spellings of the name', () => {
    // Newest first, as the site graph orders posts.
    const posts = [
      post('c-third', '2024-03-01T00:00:00Z', [], { series: 'Regex by hand' }),
      post('x-other', '2024-02-20T00:00:00Z', [], { series: 'Other' }),
      post('b-second', '2024-02-01T00:00:00Z', [], { series: 'regex  BY hand' }),
      post('a-second', '2024-02-01T00:00:00Z', [], { series: 'Regex by hand' }),
      post('z-first', '2024-01-01T00:00:00Z', [], { series: 'Regex by Hand' }),
      post('none', '2023-01-01T00:00:00Z', []),
    ];
    const { series, diagnostics } = buildSeries(posts);
    expect(diagnostics).toEqual([]);
    expect(series).toEqual([
      {
        name: 'Other',
        key: 'other',
        slug: 'other',
        url: '/series/other/',
        outputPath: 'series/other/index.html',
        postIndices: [1],
      },
      {
        name: 'Regex by Hand',
        key: 'regex by hand',
        slug: 'regex-by-hand',
        url: '/series/regex-by-hand/',
        outputPath: 'series/regex-by-hand/index.html',
        postIndices: [4, 3, 2, 0],
      },
    ]);
  });

  it('refuses two series that would share a page', () => {
    const clash = buildSeries([
      post('a', '2024-01-02T00:00:00Z', [], { series: 'Go: tips' }),
      post('b', '2024-01-01T00:00:00Z', [], { series: 'Go tips' }),
    ]);
    expect(clash.diagnostics.map((d) => [d.code, d.message, d.location?.file])).toEqual([
      [
        'series',
        'series "Go: tips" (posts/a.md) and "Go tips" (posts/b.md) would both be written to /series/go-tips/: rename one of them',
        'posts/b.md',
      ],
    ]);
  });
});

describe('related posts', () => {
  const posts = [
    post('e', '2024-05-01T00:00:00Z', ['rust', 'perf']),
    post('d', '2024-04-01T00:00:00Z', ['rust', 'perf', 'simd']),
    post('c', '2024-03-01T00:00:00Z', ['perf']),
    post('b', '2024-02-01T00:00:00Z', ['Rust']),
    post('a', '2024-01-01T00:00:00Z', ['cooking']),
  ];

  it('ranks by shared tags, then newer first, and leaves out posts sharing none', () => {
    expect(relatedPosts(posts, 3)).toEqual([
      [1, 2, 3], // e: d shares two; c and b one each, c is newer
      [0, 2, 3],
      [0, 1],
      [0, 1],
      [],
    ]);
  });

  it('keeps at most the configured number, and none for 0', () => {
    expect(relatedPosts(posts, 1)[0]).toEqual([1]);
    expect(relatedPosts(posts, 0)).toEqual([[], [], [], [], []]);
  });

  it('leaves out parts of the same series, which the series box already links', () => {
    expect(relatedPosts(posts, 3, ['s', 's', undefined, undefined, undefined])[0]).toEqual([2, 3]);
  });
});

describe('table of contents', () => {
  const entries = [
    { level: 2, id: 'a', text: 'A' },
    { level: 3, id: 'a1', text: 'A.1' },
    { level: 4, id: 'a1x', text: 'A.1.x' },
    { level: 2, id: 'b', text: 'B' },
  ];
  const options = { threshold: 4 as number | false, depth: 3 };

  it('is shown when asked with true, a map or a list, nested by level and cut at the depth', () => {
    const expected = {
      side: 'right',
      items: [
        { id: 'a', text: 'A', children: [{ id: 'a1', text: 'A.1', children: [] }] },
        { id: 'b', text: 'B', children: [] },
      ],
    };
    expect(tableOfContents(entries, true, options)).toEqual(expected);
    expect(tableOfContents(entries, [{ name: 'Equations' }], options)).toEqual(expected);
    expect(tableOfContents(entries, { sidebar: 'left' }, options)).toEqual({ ...expected, side: 'left' });
  });

  it('is shown unasked only for more headings than the threshold, and never with toc: false', () => {
    expect(tableOfContents(entries, undefined, options)).toBeUndefined();
    expect(tableOfContents(entries, undefined, { threshold: 2, depth: 3 })?.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(tableOfContents(entries, undefined, { threshold: 2, depth: 2 })).toBeUndefined();
    expect(tableOfContents(entries, false, { threshold: 0, depth: 3 })).toBeUndefined();
    expect(tableOfContents(entries, null, { threshold: false, depth: 6 })).toBeUndefined();
    expect(tableOfContents([], true, options)).toBeUndefined();
  });

  it('nests a heading that skips a level one step under the one before it', () => {
    expect(
      tableOfContents(
        [
          { level: 2, id: 'a', text: 'A' },
          { level: 4, id: 'b', text: 'B' },
          { level: 3, id: 'c', text: 'C' },
        ],
        true,
        { threshold: false, depth: 6 },
      )?.items,
    ).toEqual([
      {
        id: 'a',
        text: 'A',
        children: [
          { id: 'b', text: 'B', children: [] },
          { id: 'c', text: 'C', children: [] },
        ],
      },
    ]);
  });
});
