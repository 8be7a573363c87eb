/**
 * Raw HTML as `markdown.html` says: `allow` writes the author's HTML as written, `escape` shows it as
 * text, `sanitize` cleans it with an allow-list. HTML inkstone writes itself is never touched, and the
 * styles of attribute lists meet the same allow-list in both `escape` and `sanitize`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawHtmlMode } from '../../../src/markdown/plugins/raw-html.js';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const renderers: Partial<Record<RawHtmlMode, TestMarkdown>> = {};
beforeAll(async () => {
  for (const mode of ['allow', 'escape', 'sanitize'] as const)
    renderers[mode] = await createTestMarkdown({ markdown: { html: mode } });
});
afterAll(() => {
  for (const r of Object.values(renderers)) r.dispose();
});

const render = async (mode: RawHtmlMode, text: string) => (await renderers[mode]!.render(text)).html;

const BLOCK = '<div onclick="x()" class="box">\n\n*md*\n\n</div>\n';
const INLINE = 'A <span style="color: red; position: fixed">red</span> <script>alert(1)</script> b.\n';
const NOTE = 'Note[^1].\n\n[^1]: <b onclick="x">bold</b>\n';
/** The footnote list of NOTE around `body`, as the footnotes plugin writes it. */
const noteList = (body: string) =>
  '<p>Note<sup class="footnote-ref"><a href="#fn1" id="fnref1" role="doc-noteref" aria-label="Note 1">1</a></sup>.</p>\n' +
  '<section class="footnotes" role="doc-endnotes" aria-label="Notes">\n<ol class="footnotes-list">\n' +
  `<li id="fn1" class="footnote-item"><p>${body} <a href="#fnref1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1">\u21a9\uFE0E</a></p>\n</li>\n</ol>\n</section>\n`;

describe('allow', () => {
  it("writes the author's HTML and styles as written", async () => {
    expect(await render('allow', BLOCK)).toBe('<div onclick="x()" class="box">\n<p><em>md</em></p>\n</div>\n');
    expect(await render('allow', INLINE)).toBe(
      '<p>A <span style="color: red; position: fixed">red</span> <script>alert(1)</script> b.</p>\n',
    );
    expect(await render('allow', 'Para.\n{: style="position: absolute"}\n')).toBe(
      '<p style="position: absolute">Para.</p>\n',
    );
  });
});

describe('escape', () => {
  it('shows HTML blocks as paragraphs of text and inline HTML as text, Markdown between them rendered', async () => {
    expect(await render('escape', BLOCK)).toBe(
      '<p>&lt;div onclick=&quot;x()&quot; class=&quot;box&quot;&gt;</p>\n<p><em>md</em></p>\n<p>&lt;/div&gt;</p>\n',
    );
    expect(await render('escape', INLINE)).toBe(
      '<p>A &lt;span style=&quot;color: red; position: fixed&quot;&gt;red&lt;/span&gt; &lt;script&gt;alert(1)&lt;/script&gt; b.</p>\n',
    );
    expect(await render('escape', '<!-- comment -->\n\nText <!-- inline --> end.\n')).toBe(
      '<p>&lt;!-- comment --&gt;</p>\n<p>Text &lt;!-- inline --&gt; end.</p>\n',
    );
  });

  it("leaves inkstone's own HTML alone", async () => {
    expect(await render('escape', NOTE)).toBe(noteList('&lt;b onclick=&quot;x&quot;&gt;bold&lt;/b&gt;'));
  });
});

describe('sanitize', () => {
  it('drops handlers, scripts, script addresses and comments, and keeps safe markup', async () => {
    expect(await render('sanitize', BLOCK)).toBe('<div class="box">\n<p><em>md</em></p>\n</div>\n');
    expect(await render('sanitize', INLINE)).toBe('<p>A <span style="color:red">red</span>  b.</p>\n');
    expect(await render('sanitize', '<a href="javascript:alert(1)" title="t">x</a> <br>\n')).toBe(
      '<p><a title="t">x</a> <br /></p>\n',
    );
    expect(await render('sanitize', '<!-- comment -->\n\nText <!-- inline --> end.\n')).toBe('\n<p>Text  end.</p>\n');
  });

  it("cleans the author's HTML inside inkstone's own, and the excerpt and feed too", async () => {
    const result = await renderers.sanitize!.render(NOTE);
    expect(result.html).toBe(noteList('<b>bold</b>'));
    expect(result.feedHtml).toBe(result.html);
    expect((await renderers.sanitize!.render(INLINE)).excerptHtml).toBe(
      '<p>A <span style="color:red">red</span>  b.</p>\n',
    );
  });
});

describe.each<RawHtmlMode>(['escape', 'sanitize'])('attribute-list styles under %s', (mode) => {
  it('keep allowed declarations only, and lose the attribute when none is left', async () => {
    expect(await render(mode, 'Para.\n{: style="color: blue; position: absolute"}\n')).toBe(
      '<p style="color:blue">Para.</p>\n',
    );
    expect(await render(mode, 'Para.\n{: style="position: absolute" .k}\n')).toBe('<p class="k">Para.</p>\n');
    expect(await render(mode, '[k](/ok){: style="color: blue; background: url(x)"}\n')).toBe(
      '<p><a href="/ok" style="color:blue">k</a></p>\n',
    );
  });
});
