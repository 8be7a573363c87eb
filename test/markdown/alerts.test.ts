/**
 * GitHub's alerts (`> [!NOTE]` and its four siblings) as callouts in native and kramdown posts, and
 * al-folio's kinds of block quote (`{: .block-tip }`) kept as classes the themes style.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkdownProfile } from '../../src/types.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';

describe.each<MarkdownProfile>(['native', 'kramdown'])('alerts in %s posts', (profile) => {
  let md: TestMarkdown;
  beforeAll(async () => {
    md = await createTestMarkdown({}, { profile });
  });
  afterAll(() => md.dispose());

  it('turns a quote that starts with a marker into a callout of that kind', async () => {
    const { html } = await md.render(
      '> [!NOTE]\n> Useful, *even* when skimming.\n\n> [!warning]\n> Urgent.\n>\n> Second paragraph.\n',
    );
    expect(html).toBe(
      [
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Note</p>',
        '<p>Useful, <em>even</em> when skimming.</p>',
        '</div>',
        '<div class="callout callout-warning" role="note">',
        '<p class="callout-title">Warning</p>',
        '<p>Urgent.</p>',
        '<p>Second paragraph.</p>',
        '</div>',
        '',
      ].join('\n'),
    );
  });

  it('knows the five kinds, and leaves other quotes alone', async () => {
    for (const kind of ['TIP', 'IMPORTANT', 'CAUTION']) {
      expect((await md.render(`> [!${kind}]\n> Text.\n`)).html).toContain(
        `<div class="callout callout-${kind.toLowerCase()}" role="note">`,
      );
    }
    for (const quote of [
      '> [!TIP] with text\n> after it\n',
      '> [!DANGER]\n> unknown\n',
      '> Text [!NOTE]\n',
      '> [!NOTE](/link)\n',
    ]) {
      expect((await md.render(quote)).html).toMatch(/^<blockquote>/);
    }
  });

  it('ends the callout with its quote, a nested quote included', async () => {
    const { html } = await md.render('> [!TIP]\n> Outer.\n>\n> > Inner quote.\n\nAfter.\n');
    expect(html).toBe(
      '<div class="callout callout-tip" role="note">\n<p class="callout-title">Tip</p>\n<p>Outer.</p>\n<blockquote>\n<p>Inner quote.</p>\n</blockquote>\n</div>\n<p>After.</p>\n',
    );
  });
});

describe("al-folio's kinds of block quote", () => {
  it('keep their class on the quote in kramdown posts', async () => {
    const md = await createTestMarkdown({}, { profile: 'kramdown' });
    const { html } = await md.render(
      '> ##### TIP\n>\n> Some advice.\n{: .block-tip }\n\n> Danger ahead.\n{: .block-danger }\n',
    );
    md.dispose();
    expect(html).toContain('<blockquote class="block-tip">\n<div class="section-heading"><h5 id="tip">TIP</h5>');
    expect(html).toContain('<blockquote class="block-danger">\n<p>Danger ahead.</p>\n</blockquote>');
  });
});
