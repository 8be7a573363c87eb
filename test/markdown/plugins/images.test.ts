/**
 * Images: every image loads lazily and decodes asynchronously; local images get their measured size
 * (unless sized by an attribute list); an image alone in its paragraph with a title, or with an italic
 * line under it, becomes a captioned `<figure>` (native posts only).
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../../src/config/schema.js';
import { createEnv } from '../../../src/markdown/env.js';
import { createCodeHighlighter, type CodeHighlighter } from '../../../src/markdown/highlighter.js';
import { createMarkdown } from '../../../src/markdown/renderer.js';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';
import { removeDir, tempDir } from '../../helpers/site.js';

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

/** A PNG header that declares `width` × `height` (all image-size reads). */
function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bytes);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes[24] = 8;
  bytes[25] = 2;
  return bytes;
}

describe('image sizes', () => {
  let site: string;
  let outside: string;
  let highlighter: CodeHighlighter;
  beforeAll(async () => {
    site = await tempDir('images-plugin');
    outside = await tempDir('images-outside');
    await mkdir(path.join(site, 'static/img'), { recursive: true });
    await mkdir(path.join(site, 'assets'), { recursive: true });
    await mkdir(path.join(site, 'posts'), { recursive: true });
    await writeFile(path.join(site, 'static/img/a.png'), png(40, 30));
    await writeFile(path.join(site, 'assets/b.png'), png(20, 10));
    await writeFile(path.join(site, 'posts/c d.png'), png(7, 5));
    await writeFile(path.join(site, 'posts/bad.png'), 'not an image');
    await writeFile(path.join(outside, 'o.png'), png(9, 9));
    await symlink(path.join(outside, 'o.png'), path.join(site, 'posts/link.png'));
    highlighter = await createCodeHighlighter({ light: 'github-light', dark: 'github-dark' });
  });
  afterAll(async () => {
    highlighter.dispose();
    await Promise.all([removeDir(site), removeDir(outside)]);
  });

  /** Renders `text` as posts/p.md of the site in the temporary directory (the test helper has no site). */
  const renderInSite = (text: string, url = 'https://example.org/'): string => {
    const markdown = createMarkdown(siteConfigSchema.parse({ url }), { highlighter });
    const env = createEnv('posts/p.md', text, 1);
    env.siteDir = site;
    return markdown.renderer.render(markdown.parse(text, env), markdown.options, env);
  };

  it('are measured in static/, at the site root and next to the post', async () => {
    expect(renderInSite('![a](/img/a.png?v=1) ![b](/assets/b.png) ![c](c%20d.png)\n')).toBe(
      `<p><img src="/img/a.png?v=1" alt="a" ${LAZY} width="40" height="30"> <img src="/assets/b.png" alt="b" ${LAZY} width="20" height="10"> <img src="c%20d.png" alt="c" ${LAZY} width="7" height="5"></p>\n`,
    );
  });

  it('are found under the base path, which the links plugin then adds to the others', async () => {
    expect(renderInSite('![a](/blog/img/a.png) ![b](/assets/b.png)\n', 'https://example.org/blog/')).toBe(
      `<p><img src="/blog/img/a.png" alt="a" ${LAZY} width="40" height="30"> <img src="/blog/assets/b.png" alt="b" ${LAZY} width="20" height="10"></p>\n`,
    );
  });

  it('give way to a size from an attribute list', async () => {
    expect(renderInSite('![a](/img/a.png){: width="50%"}\n')).toBe(
      `<p><img src="/img/a.png" alt="a" width="50%" ${LAZY}></p>\n`,
    );
  });

  it('are left out for remote, missing, unreadable and outside-the-site files', async () => {
    expect(renderInSite('![r](https://x.example/a.png) ![m](missing.png) ![b](bad.png) ![l](link.png)\n')).toBe(
      `<p><img src="https://x.example/a.png" alt="r" ${LAZY}> <img src="missing.png" alt="m" ${LAZY}> <img src="bad.png" alt="b" ${LAZY}> <img src="link.png" alt="l" ${LAZY}></p>\n`,
    );
  });
});
