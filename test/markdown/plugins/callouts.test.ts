/**
 * Callouts: `::: note`, `::: tip` and `::: warning` containers become a box with `role="note"` whose
 * first line names the kind, or the title written after it; the content is ordinary Markdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const render = async (text: string) => (await md.render(text)).html;

describe('callout containers', () => {
  it.each([
    ['note', 'Note'],
    ['tip', 'Tip'],
    ['warning', 'Warning'],
  ])('renders ::: %s as a callout titled "%s"', async (kind, title) => {
    const result = await md.render(`::: ${kind}\nBody *text*.\n:::\n`);
    expect(result.html).toBe(
      `<div class="callout callout-${kind}" role="note">\n<p class="callout-title">${title}</p>\n<p>Body <em>text</em>.</p>\n</div>\n`,
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('uses the text after the kind as the title, escaped and not parsed as Markdown', async () => {
    expect(await render('::: warning Mind the <units> & *stars*\nText.\n:::\n')).toBe(
      '<div class="callout callout-warning" role="note">\n<p class="callout-title">Mind the &lt;units&gt; &amp; *stars*</p>\n<p>Text.</p>\n</div>\n',
    );
  });

  it('accepts the kind right after the colons', async () => {
    expect(await render(':::tip\nNo space.\n:::\n')).toBe(
      '<div class="callout callout-tip" role="note">\n<p class="callout-title">Tip</p>\n<p>No space.</p>\n</div>\n',
    );
  });

  it('renders block Markdown inside, and works inside a block quote', async () => {
    expect(await render('::: note\n- one\n- two\n\n> quoted\n:::\n')).toBe(
      '<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n</div>\n',
    );
    expect(await render('> ::: note\n> in quote\n> :::\n')).toBe(
      '<blockquote>\n<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<p>in quote</p>\n</div>\n</blockquote>\n',
    );
  });

  it('nests when the outer fence is longer', async () => {
    expect(await render(':::: note\nOuter\n\n::: tip\nInner\n:::\n::::\n')).toBe(
      '<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<p>Outer</p>\n' +
        '<div class="callout callout-tip" role="note">\n<p class="callout-title">Tip</p>\n<p>Inner</p>\n</div>\n</div>\n',
    );
  });

  it('closes both callouts at the first ::: when fences have the same length', async () => {
    // markdown-it-container's rule: the outer container ends at the first fence at least as long as its own.
    expect(await render('::: note\n::: tip\nInner.\n:::\n:::\n')).toBe(
      '<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n' +
        '<div class="callout callout-tip" role="note">\n<p class="callout-title">Tip</p>\n<p>Inner.</p>\n</div>\n</div>\n<p>:::</p>\n',
    );
  });

  it('runs an unclosed callout to the end of the post', async () => {
    const result = await md.render('::: note\nUnclosed *here*.\n');
    expect(result.html).toBe(
      '<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<p>Unclosed <em>here</em>.</p>\n</div>\n',
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('leaves unknown kinds, and words that merely start with a kind, as text', async () => {
    expect(await render('::: danger\nUnknown.\n:::\n')).toBe('<p>::: danger\nUnknown.\n:::</p>\n');
    expect(await render('::: notebook\nx\n:::\n')).toBe('<p>::: notebook\nx\n:::</p>\n');
  });
});
