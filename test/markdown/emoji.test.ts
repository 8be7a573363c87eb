/**
 * Emoji shortcodes (jemoji): `:tada:` becomes 🎉 with `emoji: true` (or jemoji in a Jekyll site's
 * plugins), in both profiles, never in code, math or addresses; unknown names stay text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { loadEmojiNames, replaceShortcodes } from '../../src/markdown/plugins/emoji.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

describe('replaceShortcodes', () => {
  it("uses GitHub's names and leaves unknown ones, words and addresses alone", async () => {
    const loaded = await loadEmojiNames();
    const names = () => loaded;
    expect(replaceShortcodes(':framed_picture: and :tada: and :+1:', names)).toBe('🖼️ and 🎉 and 👍');
    expect(replaceShortcodes(':not_an_emoji: a:tada: 10:30:00', names)).toBe(':not_an_emoji: a:tada: 10:30:00');
    expect(replaceShortcodes('see https://x.example/:tada:/ and www.example.org/:tada: :tada:', names)).toBe(
      'see https://x.example/:tada:/ and www.example.org/:tada: 🎉',
    );
  });
});

describe.each(['native', 'kramdown'] as const)('emoji in %s posts', (profile) => {
  let on: TestMarkdown;
  let off: TestMarkdown;
  beforeAll(async () => {
    on = await createTestMarkdown({ emoji: true }, { profile });
    off = await createTestMarkdown({}, { profile });
  });
  afterAll(() => {
    on.dispose();
    off.dispose();
  });

  it('replace shortcodes in text, headings and link text', async () => {
    const r = await on.render('## :tada: Release\n\nShipped :rocket: [docs :book:](/docs/) :unknown_name:\n');
    // The id is the one Jekyll gave (jemoji ran after kramdown), so turning emoji on moves no anchor.
    expect(r.html).toBe(
      '<div class="section-heading"><h2 id="tada-release">🎉 Release</h2>\n<a class="heading-link" href="#tada-release" aria-label="Link to the section 🎉 Release">#</a></div>\n' +
        '<p>Shipped 🚀 <a href="/docs/">docs 📖</a> :unknown_name:</p>\n',
    );
    expect(r.toc.map((e) => e.text)).toEqual(['🎉 Release']);
  });

  it('leave code spans, code blocks, math and link addresses alone', async () => {
    const r = await on.render('Code `:tada:` and $x:y:z$ and [a](/p/:tada:/).\n\n```\n:tada:\n```\n');
    expect(r.html).toMatch(
      /^<p>Code <code>:tada:<\/code> and <span class="katex">.*<annotation encoding="application\/x-tex">x:y:z<\/annotation>.* and <a href="\/p\/:tada:\/">a<\/a>\.<\/p>\n/,
    );
    expect(r.html).toContain('<code><span class="line"><span>:tada:</span></span></code></pre></div>\n');
    expect(r.html).not.toContain('🎉');
  });

  it('are off unless enabled', async () => {
    const r = await off.render('Shipped :rocket:\n');
    expect(r.html).toBe('<p>Shipped :rocket:</p>\n');
  });
});

describe('a Jekyll site with jemoji', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('emoji-jemoji', {
      '_config.yml': 'title: J\nplugins:\n  - jekyll-feed\n  - jemoji\n',
      '_posts/2024-01-01-party.md': '---\ntitle: Party\n---\nA picture :framed_picture: and `:tada:`.\n',
    });
  });
  afterAll(() => removeDir(site));

  it('turns shortcodes into emoji and reports the plugin as converted', async () => {
    const result = await build({ siteDir: site });
    expect(result.config.emoji).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    const page = await readOutput(path.join(site, '_site'), '2024/01/01/party.html');
    expect(page).toContain('<p>A picture 🖼️ and <code>:tada:</code>.</p>');
    expect(result.compat.filter((e) => e.construct === 'plugin jemoji')).toEqual([
      {
        file: '_config.yml',
        line: 2,
        construct: 'plugin jemoji',
        status: 'converted',
        detail: ":name: shortcodes become emoji characters (emoji: true), not GitHub's emoji images",
      },
    ]);
  });
});
