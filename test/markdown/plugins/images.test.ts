/**
 * Images: every image loads lazily and decodes asynchronously; an image alone in its paragraph with a
 * title, or with an italic line under it, becomes a captioned `<figure>` (native posts only). Sizes and
 * variants of local images are the images stage's (test/images/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const LAZY = 'loading="lazy" decoding="async"';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const render = async (text: string) => (await md.render(text)).html;

describe('figures', () => {
  it('caption an image alone in its paragraph with its title, as text, and drop the tooltip', async () => {
    expect(await render('![A cat](cat.png "The cat, *asleep*")\n')).toBe(
      `<figure><img src="cat.png" alt="A cat" ${LAZY}><figcaption>The cat, *asleep*</figcaption>\n</figure>\n`,
    );
  });

  it('caption an image with the italic line right under it, keeping its markup', async () => {
    const figure = `<figure><img src="cat.png" alt="A cat" ${LAZY}><figcaption>The cat, <strong>asleep</strong></figcaption>\n</figure>\n`;
    expect(await render('![A cat](cat.png)\n*The cat, **asleep***\n')).toBe(figure);
    expect(await render('![A cat](cat.png)\n_The cat, **asleep**_\n')).toBe(figure);
  });

  it('need the italic to span the whole line', async () => {
    expect(await render('![A cat](cat.png)\n*one* and *two*\n')).toBe(
      `<p><img src="cat.png" alt="A cat" ${LAZY}>\n<em>one</em> and <em>two</em></p>\n`,
    );
    expect(await render('![A cat](cat.png)\n*cap* tail\n')).toBe(
      `<p><img src="cat.png" alt="A cat" ${LAZY}>\n<em>cap</em> tail</p>\n`,
    );
  });

  it('are not made for images with text or other images beside them, nor for linked images', async () => {
    expect(await render('Text ![A](a.png "t")\n')).toBe(`<p>Text <img src="a.png" alt="A" title="t" ${LAZY}></p>\n`);
    expect(await render('![a](a.png "T") ![b](b.png "U")\n')).toBe(
      `<p><img src="a.png" alt="a" title="T" ${LAZY}> <img src="b.png" alt="b" title="U" ${LAZY}></p>\n`,
    );
    expect(await render('[![A](a.png "cap")](/big.png)\n')).toBe(
      `<p><a href="/big.png"><img src="a.png" alt="A" title="cap" ${LAZY}></a></p>\n`,
    );
  });

  it('are made in a block quote, but not in a tight list item', async () => {
    expect(await render('> ![A](a.png "cap")\n')).toBe(
      `<blockquote>\n<figure><img src="a.png" alt="A" ${LAZY}><figcaption>cap</figcaption>\n</figure>\n</blockquote>\n`,
    );
    expect(await render('- ![A](a.png "cap")\n')).toBe(
      `<ul>\n<li><img src="a.png" alt="A" title="cap" ${LAZY}></li>\n</ul>\n`,
    );
  });

  it("take the paragraph's attribute list", async () => {
    expect(await render('![A](a.png "cap")\n{: .wide}\n')).toBe(
      `<figure class="wide"><img src="a.png" alt="A" ${LAZY}><figcaption>cap</figcaption>\n</figure>\n`,
    );
  });

  it('are not made in kramdown posts, where Jekyll showed the caption as written', async () => {
    const kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
    try {
      expect((await kramdown.render('![A](a.png "cap")\n')).html).toBe(
        `<p><img src="a.png" alt="A" title="cap" ${LAZY}></p>\n`,
      );
      expect((await kramdown.render('![A](a.png)\n*cap*\n')).html).toBe(
        `<p><img src="a.png" alt="A" ${LAZY}>\n<em>cap</em></p>\n`,
      );
    } finally {
      kramdown.dispose();
    }
  });
});
