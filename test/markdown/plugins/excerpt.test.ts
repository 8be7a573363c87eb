/**
 * Excerpt: everything before a `<!--more-->` line, else the first top-level paragraph, rendered apart
 * (as on list pages: no heading self-links, no reference ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkdownProfile } from '../../../src/types.js';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const excerpt = async (text: string) => (await md.render(text)).excerptHtml;

describe('the <!--more--> separator', () => {
  it('ends the excerpt, which keeps every block before it; the page keeps the comment', async () => {
    const result = await md.render('# Title\n\nOne *a*.\n\n- item\n\n<!--more-->\n\nTwo.\n');
    expect(result.excerptHtml).toBe('<h1 id="title">Title</h1>\n<p>One <em>a</em>.</p>\n<ul>\n<li>item</li>\n</ul>\n');
    expect(result.html).toBe(
      '<div class="section-heading"><h1 id="title">Title</h1>\n<a class="heading-link" href="#title" aria-label="Link to the section Title">#</a></div>\n' +
        '<p>One <em>a</em>.</p>\n<ul>\n<li>item</li>\n</ul>\n<!--more-->\n<p>Two.</p>\n',
    );
  });

  it('may be written in capitals and with spaces, and the first one counts', async () => {
    expect(await excerpt('One.\n\n<!--   MORE   -->\n\nTwo.\n')).toBe('<p>One.</p>\n');
    expect(await excerpt('One.\n\n<!--more-->\n\nTwo.\n\n<!--more-->\n\nThree.\n')).toBe('<p>One.</p>\n');
  });

  it('ends its HTML block at the comment, so the next line starts the rest', async () => {
    const result = await md.render('One.\n\n<!--more-->\nTwo.\n');
    expect(result.excerptHtml).toBe('<p>One.</p>\n');
    expect(result.html).toBe('<p>One.</p>\n<!--more-->\n<p>Two.</p>\n');
  });

  it('makes an empty excerpt at the top of the post', async () => {
    expect(await excerpt('<!--more-->\n\nAfter.\n')).toBe('');
  });

  it('counts only on a line of its own', async () => {
    expect(await excerpt('One.\n\nText <!--more--> inline.\n')).toBe('<p>One.</p>\n');
    expect(await excerpt('Para\n\n<!--more--> tail\n\nLast.\n')).toBe('<p>Para</p>\n');
  });

  // The separator is inkstone's own syntax, not the author's HTML: the raw-HTML policy leaves it a
  // hidden comment, so no post that uses it gets a visible "<!--more-->" paragraph.
  it('stays out of the page when raw HTML is escaped', async () => {
    const escaped = await createTestMarkdown({ markdown: { html: 'escape' } });
    try {
      const result = await escaped.render('One.\n\n<!--more-->\n\nTwo.\n');
      expect(result.excerptHtml).toBe('<p>One.</p>\n');
      expect(result.html).not.toContain('&lt;!--more--&gt;');
    } finally {
      escaped.dispose();
    }
  });
});

describe('without a separator', () => {
  it('is the first top-level paragraph, after headings, lists and quotes', async () => {
    expect(await excerpt('# Title\n\n> Quoted.\n\n- item para\n\nFirst *para*.\n\nSecond.\n')).toBe(
      '<p>First <em>para</em>.</p>\n',
    );
  });

  it('is empty when the post has no top-level paragraph', async () => {
    expect(await excerpt('## Only a heading\n\n- and a list\n')).toBe('');
  });
});

describe.each<MarkdownProfile>(['native', 'kramdown'])('excerpts of %s posts', (profile) => {
  it('leave heading self-links out', async () => {
    const own = await createTestMarkdown({}, { profile });
    try {
      expect((await own.render('# Title\n\nLead.\n\n<!--more-->\n\nRest.\n')).excerptHtml).toBe(
        '<h1 id="title">Title</h1>\n<p>Lead.</p>\n',
      );
    } finally {
      own.dispose();
    }
  });
});
