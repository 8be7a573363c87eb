/**
 * kramdown attribute lists in native posts: `{: .class #id key="value"}` after a span (image, link, code,
 * emphasis), on a line of its own next to a block, or at the end of a heading; one with nothing to
 * attach to is dropped, and text that is not an attribute list stays text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

/** Renders `text` as the feed does: no heading self-links, so headings show their attributes alone. */
const render = async (text: string) => (await md.render(text)).feedHtml;

describe('block attribute lists', () => {
  it('apply to the paragraph they end or start', async () => {
    expect(await render('A paragraph.\n{: .lead #intro data-x="1"}\n')).toBe(
      '<p id="intro" class="lead" data-x="1">A paragraph.</p>\n',
    );
    expect(await render('{: .first}\nParagraph after.\n')).toBe('<p class="first">Paragraph after.</p>\n');
    expect(await render('Line one\nLine two\n{: .multi}\n')).toBe('<p class="multi">Line one\nLine two</p>\n');
  });

  it('apply to the block right before or after them', async () => {
    expect(await render('- a\n- b\n{: .tight}\n')).toBe('<ul class="tight">\n<li>a</li>\n<li>b</li>\n</ul>\n');
    expect(await render('{: .before-list}\n- a\n')).toBe('<ul class="before-list">\n<li>a</li>\n</ul>\n');
    expect(await render('## Heading\n{: .x}\n')).toBe('<h2 class="x" id="heading">Heading</h2>\n');
  });

  it('apply to the paragraph they end in a loose list', async () => {
    expect(await render('- loose\n\n- list\n{: .item}\n')).toBe(
      '<ul>\n<li>\n<p>loose</p>\n</li>\n<li>\n<p class="item">list</p>\n</li>\n</ul>\n',
    );
  });

  it('are dropped when a blank line parts them from every block', async () => {
    expect(await render('Para one.\n\n{: .between}\n\nPara two.\n')).toBe('<p>Para one.</p>\n<p>Para two.</p>\n');
    expect(await render('{: .nothing}\n')).toBe('');
  });

  it('add classes, keep the last id, and drop handlers and script addresses', async () => {
    expect(await render('Para.\n{: class="a b" .c}\n')).toBe('<p class="c a b">Para.</p>\n');
    expect(await render('Para.\n{: #a #b}\n')).toBe('<p id="b">Para.</p>\n');
    expect(await render('Para.\n{: onclick="alert(1)" href="javascript:x" title=\'t\'}\n')).toBe(
      '<p title="t">Para.</p>\n',
    );
  });

  it('stay text when they are not attribute lists', async () => {
    expect(await render('Para.\n{:: not an ial}\n')).toBe('<p>Para.\n{:: not an ial}</p>\n');
    expect(await render('Para.\n{: bad=}\n')).toBe('<p>Para.\n{: bad=}</p>\n');
  });

  // markdown-it's table rule would take the attribute-list line as one more row; it ends the table
  // instead, and its attributes go on the table, as in the kramdown profile.
  it('apply to a table they follow', async () => {
    expect(await render('| a |\n|---|\n| b |\n{: .data}\n')).toBe(
      '<table class="data">\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('apply to the table they follow, not to the paragraph right after them (as kramdown does)', async () => {
    expect(await render('| a |\n|---|\n| b |\n{: .data}\nNext.\n')).toBe(
      '<table class="data">\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n<p>Next.</p>\n',
    );
  });
});

describe('heading attribute lists', () => {
  it('set the id with {#id} or {: ...}, which the anchors plugin keeps', async () => {
    expect(await render('## Heading {#custom-id}\n')).toBe('<h2 id="custom-id">Heading</h2>\n');
    expect(await render('## Heading {: .no_toc #h}\n')).toBe('<h2 id="h" class="no_toc">Heading</h2>\n');
    expect((await md.render('## Heading {#custom-id}\n')).toc).toEqual([
      { level: 2, id: 'custom-id', text: 'Heading' },
    ]);
  });
});

describe('span attribute lists', () => {
  it('apply to the link, code span, emphasis or image right before them', async () => {
    expect(await render('[x](/u){:target="_blank" rel="noopener"} `c`{: .lang} *em*{: .e} **s**{: .s}\n')).toBe(
      '<p><a href="/u" target="_blank" rel="noopener">x</a> <code class="lang">c</code> <em class="e">em</em> <strong class="s">s</strong></p>\n',
    );
    expect(await render('![w](w.png){: width="50%" .a}{: .b}\n')).toBe(
      '<p><img src="w.png" alt="w" class="a b" width="50%" loading="lazy" decoding="async"></p>\n',
    );
  });

  it('stay text after plain text, apart from their element, or inside code', async () => {
    expect(await render('Text{: .no} stays, *em* {: .no} too.\n')).toBe(
      '<p>Text{: .no} stays, <em>em</em> {: .no} too.</p>\n',
    );
    expect(await render('Code `x{: .no}` stays.\n')).toBe('<p>Code <code>x{: .no}</code> stays.</p>\n');
  });
});
