/**
 * Heading links: on the page, every heading with an id is wrapped with a `#` self-link placed after it,
 * labelled by the heading's text; the excerpt and the feed get the bare heading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

/** A heading as the page shows it: wrapped, with its self-link after it. */
const linked = (heading: string, id: string, label: string) =>
  `<div class="section-heading">${heading}\n<a class="heading-link" href="#${id}" aria-label="Link to the section ${label}">#</a></div>\n`;

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('heading self-links', () => {
  it('follow each heading on the page, labelled by its plain text', async () => {
    const { html } = await md.render('# Title\n\nText.\n\n## *Emph* and `code`\n');
    expect(html).toBe(
      linked('<h1 id="title">Title</h1>', 'title', 'Title') +
        '<p>Text.</p>\n' +
        linked('<h2 id="emph-and-code"><em>Emph</em> and <code>code</code></h2>', 'emph-and-code', 'Emph and code'),
    );
  });

  it('escape the label and the address', async () => {
    const { html } = await md.render('## Fish & "chips"\n\n## Given {: id="a&b"}\n');
    expect(html).toBe(
      linked('<h2 id="fish--chips">Fish &amp; &quot;chips&quot;</h2>', 'fish--chips', 'Fish &amp; &quot;chips&quot;') +
        linked('<h2 id="a&amp;b">Given</h2>', 'a&amp;b', 'Given'),
    );
  });

  it('are labelled by the id when the heading has no text', async () => {
    expect((await md.render('##\n')).html).toBe(linked('<h2 id="section"></h2>', 'section', 'section'));
  });

  it('stay inside the list item or quote of their heading', async () => {
    expect((await md.render('- ## Item\n\n> ## Quote\n')).html).toBe(
      `<ul>\n<li>\n${linked('<h2 id="item">Item</h2>', 'item', 'Item')}</li>\n</ul>\n` +
        `<blockquote>\n${linked('<h2 id="quote">Quote</h2>', 'quote', 'Quote')}</blockquote>\n`,
    );
  });

  it('are left out of the excerpt and the feed', async () => {
    const result = await md.render('# Title\n\nLead.\n\n<!--more-->\n\n## Next\n');
    expect(result.excerptHtml).toBe('<h1 id="title">Title</h1>\n<p>Lead.</p>\n');
    expect(result.feedHtml).toBe('<h1 id="title">Title</h1>\n<p>Lead.</p>\n<!--more-->\n<h2 id="next">Next</h2>\n');
  });

  it('skip headings that have no id (kramdown with auto_ids off)', async () => {
    const kramdown = await createTestMarkdown({ markdown: { kramdown: { auto_ids: false } } }, { profile: 'kramdown' });
    try {
      expect((await kramdown.render('# No id\n\n## Given {#given}\n')).html).toBe(
        `<h1>No id</h1>\n${linked('<h2 id="given">Given</h2>', 'given', 'Given')}`,
      );
    } finally {
      kramdown.dispose();
    }
  });
});
