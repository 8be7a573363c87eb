/**
 * Footnotes: `[^1]` references, `[^1]: text` definitions and `^[inline notes]` become numbered
 * references and an endnote list with a back-link to each reference; excerpts carry no reference ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const ref = (n: number, id = `fnref${n}`) =>
  `<sup class="footnote-ref"><a href="#fn${n}" id="${id}" role="doc-noteref" aria-label="Note ${n}">${n}</a></sup>`;
const excerptRef = (n: number) =>
  `<sup class="footnote-ref"><a href="#fn${n}" role="doc-noteref" aria-label="Note ${n}">${n}</a></sup>`;
const back = (ref: string, label: string) =>
  ` <a href="#fnref${ref}" class="footnote-backref" role="doc-backlink" aria-label="Back to reference ${label}">\u21a9\uFE0E</a>`;
const notes = (...items: string[]) =>
  `<section class="footnotes" role="doc-endnotes" aria-label="Notes">\n<ol class="footnotes-list">\n${items.join('')}</ol>\n</section>\n`;
const item = (n: number, body: string) => `<li id="fn${n}" class="footnote-item">${body}</li>\n`;

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('footnotes', () => {
  it('number references and list the notes with a back-link to each reference', async () => {
    const { html, diagnostics } = await md.render('Text[^a] and[^b].\n\n[^a]: First *note*.\n[^b]: Second.\n');
    expect(html).toBe(
      `<p>Text${ref(1)} and${ref(2)}.</p>\n` +
        notes(item(1, `<p>First <em>note</em>.${back('1', '1')}</p>\n`), item(2, `<p>Second.${back('2', '2')}</p>\n`)),
    );
    expect(diagnostics).toEqual([]);
  });

  it('give a second reference to one note its own id and back-link', async () => {
    const { html } = await md.render('One[^a], two[^a].\n\n[^a]: Shared.\n');
    expect(html).toBe(
      `<p>One${ref(1)}, two${ref(1, 'fnref1:1')}.</p>\n` +
        notes(item(1, `<p>Shared.${back('1', '1')}${back('1:1', '1 (2)')}</p>\n`)),
    );
  });

  it('number notes in the order they are referenced, not defined', async () => {
    const { html } = await md.render('A[^b] B[^a].\n\n[^a]: Alpha.\n[^b]: Beta.\n');
    expect(html).toBe(
      `<p>A${ref(1)} B${ref(2)}.</p>\n` +
        notes(item(1, `<p>Beta.${back('1', '1')}</p>\n`), item(2, `<p>Alpha.${back('2', '2')}</p>\n`)),
    );
  });

  it('render inline notes', async () => {
    const { html } = await md.render('Inline^[An *inline* note] here.\n');
    expect(html).toBe(
      `<p>Inline${ref(1)} here.</p>\n${notes(item(1, `<p>An <em>inline</em> note${back('1', '1')}</p>\n`))}`,
    );
  });

  it('keep several paragraphs of a note, the back-link in the last', async () => {
    const { html } = await md.render('Multi[^m].\n\n[^m]: First para.\n\n    Second para.\n');
    expect(html).toBe(
      `<p>Multi${ref(1)}.</p>\n${notes(item(1, `<p>First para.</p>\n<p>Second para.${back('1', '1')}</p>\n`))}`,
    );
  });

  it('leave a reference to an undefined note as text, and an unreferenced note out', async () => {
    const result = await md.render('Undefined[^nope] ref.\n\n[^x]: Never referenced.\n');
    expect(result.html).toBe('<p>Undefined[^nope] ref.</p>\n');
    expect(result.diagnostics).toEqual([]);
  });

  it('give references in the excerpt no id, and leave the list out of it', async () => {
    const result = await md.render('Para[^1].\n\n<!--more-->\n\nMore.\n\n[^1]: Note.\n');
    expect(result.excerptHtml).toBe(`<p>Para${excerptRef(1)}.</p>\n`);
    expect(result.html).toBe(
      `<p>Para${ref(1)}.</p>\n<!--more-->\n<p>More.</p>\n${notes(item(1, `<p>Note.${back('1', '1')}</p>\n`))}`,
    );
    expect(result.feedHtml).toBe(result.html);
  });
});
