/** The image elements of rendered HTML: found where a browser would load them, and written back with attributes added. */
import { describe, expect, it } from 'vitest';
import { findImgTags, withAttributes } from '../../src/images/img-tags.js';

const listed = (html: string) =>
  findImgTags(html).map((tag) => ({
    text: html.slice(tag.start, tag.end),
    attributes: Object.fromEntries(tag.attributes),
    inPicture: tag.inPicture,
  }));

describe('findImgTags', () => {
  it('lists each element with its decoded attributes, in order, whatever the quoting', () => {
    const html = `<p><img src="a.png" alt="Tom &amp; Jerry"> and <IMG SRC='b c.png' alt='say "hi"' hidden> <img src=d.png /></p>`;
    expect(listed(html)).toEqual([
      {
        text: '<img src="a.png" alt="Tom &amp; Jerry">',
        attributes: { src: 'a.png', alt: 'Tom & Jerry' },
        inPicture: false,
      },
      {
        text: `<IMG SRC='b c.png' alt='say "hi"' hidden>`,
        attributes: { src: 'b c.png', alt: 'say "hi"', hidden: '' },
        inPicture: false,
      },
      { text: '<img src=d.png />', attributes: { src: 'd.png' }, inPicture: false },
    ]);
  });

  it('keeps the first of a repeated attribute, as browsers do', () => {
    expect(listed('<img src="first.png" src="second.png">')[0]!.attributes).toEqual({ src: 'first.png' });
  });

  it('marks an element inside <picture> and skips those in script, style, template, noscript and textarea text', () => {
    const html =
      '<picture><source srcset="a.avif"><img src="a.png"></picture>' +
      '<script>let s = "<img src=x.png>";</script><template><img src="t.png"></template>' +
      '<noscript><img src="n.png"></noscript><textarea><img src="ta.png"></textarea><img src="after.png">';
    expect(listed(html).map((t) => [t.attributes.src, t.inPicture])).toEqual([
      ['a.png', true],
      ['after.png', false],
    ]);
  });

  it('finds nothing in HTML without images, nor in escaped markup', () => {
    expect(findImgTags('<p>No pictures here.</p>')).toEqual([]);
    expect(findImgTags('<code>&lt;img src="x.png"&gt;</code>')).toEqual([]);
  });
});

describe('withAttributes', () => {
  it('adds escaped attributes before the end of the tag, keeping a self-closing slash', () => {
    expect(
      withAttributes('<img src="a.png">', [
        ['width', '4'],
        ['alt', 'a "b"'],
      ]),
    ).toBe('<img src="a.png" width="4" alt="a &quot;b&quot;">');
    expect(withAttributes('<img src="a.png" />', [['width', '4']])).toBe('<img src="a.png" width="4" />');
    expect(withAttributes('<img src="a.png">', [])).toBe('<img src="a.png">');
  });
});
