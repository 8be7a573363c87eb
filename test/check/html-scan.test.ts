/** What inkstone check reads out of a page: ids, and every URL, srcset candidates included. */
import { describe, expect, it } from 'vitest';
import { scanPage, srcsetUrls } from '../../src/check/html-scan.js';

describe('scanPage', () => {
  it('lists the URL of each srcset candidate of <source> and <img>, and leaves out links inside SVG', () => {
    const html =
      '<h2 id="a">A</h2><picture><source type="image/avif" srcset="/i/x-480.avif 480w, /i/x-960.avif 960w">' +
      '<img src="/x.jpg" srcset="/x.jpg 1x,/x@2.jpg 2x"></picture><svg><a href="#inside"></a></svg><a href="/b/">b</a>';
    expect(scanPage(html)).toEqual({
      ids: ['a'],
      links: [
        { tag: 'source', attribute: 'srcset', value: '/i/x-480.avif' },
        { tag: 'source', attribute: 'srcset', value: '/i/x-960.avif' },
        { tag: 'img', attribute: 'src', value: '/x.jpg' },
        { tag: 'img', attribute: 'srcset', value: '/x.jpg' },
        { tag: 'img', attribute: 'srcset', value: '/x@2.jpg' },
        { tag: 'a', attribute: 'href', value: '/b/' },
      ],
    });
  });
});

describe('srcsetUrls', () => {
  it('splits candidates at commas after descriptors, and at a comma that ends a URL', () => {
    expect(srcsetUrls('a.avif 480w, b.avif 960w')).toEqual(['a.avif', 'b.avif']);
    expect(srcsetUrls('a.jpg,b.jpg 2x')).toEqual(['a.jpg,b.jpg']);
    expect(srcsetUrls('a.jpg, b.jpg 2x')).toEqual(['a.jpg', 'b.jpg']);
    expect(srcsetUrls('  a.jpg 1x ,b.jpg 2x,  ')).toEqual(['a.jpg', 'b.jpg']);
    expect(srcsetUrls('data:image/png;base64,AAAA 1x')).toEqual(['data:image/png;base64,AAAA']);
    expect(srcsetUrls('')).toEqual([]);
  });
});
