/**
 * Anchors: every heading gets an id from its final text (GitHub's slugs, de-duplicated within the post)
 * unless it has one, every id takes `markdown.id_prefix`, and every heading enters the table of contents.
 * The feed render carries no heading self-links (those are the heading-links plugin's), so these cases
 * read the anchors' ids from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
let prefixed: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
  prefixed = await createTestMarkdown({ markdown: { id_prefix: 'p-' } });
});
afterAll(() => {
  md.dispose();
  prefixed.dispose();
});

describe('heading ids', () => {
  it("use GitHub's slugs and number repeats, a heading spelling a numbered slug included", async () => {
    const { feedHtml, toc } = await md.render('# Hello, World!\n\n## Hello, World!\n\n### hello-world\n');
    expect(feedHtml).toBe(
      '<h1 id="hello-world">Hello, World!</h1>\n<h2 id="hello-world-1">Hello, World!</h2>\n<h3 id="hello-world-2">hello-world</h3>\n',
    );
    expect(toc).toEqual([
      { level: 1, id: 'hello-world', text: 'Hello, World!' },
      { level: 2, id: 'hello-world-1', text: 'Hello, World!' },
      { level: 3, id: 'hello-world-2', text: 'hello-world' },
    ]);
  });

  it('come from the text a reader sees: emphasis, link text, code spans and letters beyond ASCII', async () => {
    const { feedHtml, toc } = await md.render('## *Emph* [link](/x/) `code()`\n\n## Ünïcödé café & more\n');
    expect(feedHtml).toBe(
      '<h2 id="emph-link-code"><em>Emph</em> <a href="/x/">link</a> <code>code()</code></h2>\n' +
        '<h2 id="ünïcödé-café--more">Ünïcödé café &amp; more</h2>\n',
    );
    expect(toc.map((e) => [e.id, e.text])).toEqual([
      ['emph-link-code', 'Emph link code()'],
      ['ünïcödé-café--more', 'Ünïcödé café & more'],
    ]);
  });

  it('take a formula from its TeX source, while the table of contents shows it as text', async () => {
    const { toc } = await md.render('## $E=mc^2$ energy\n');
    expect(toc).toEqual([
      {
        level: 2,
        id: 'emc2-energy',
        text: 'E=mc2 energy',
        html: expect.stringMatching(/^<span class="katex">[\s\S]*<\/span> energy$/),
      },
    ]);
  });

  it('are "section" for an empty heading, numbered like any other', async () => {
    const { feedHtml, toc } = await md.render('## \n\n##\n');
    expect(feedHtml).toBe('<h2 id="section"></h2>\n<h2 id="section-1"></h2>\n');
    expect(toc).toEqual([
      { level: 2, id: 'section', text: '' },
      { level: 2, id: 'section-1', text: '' },
    ]);
  });

  it('keep an id the author gave with {#id}', async () => {
    const { feedHtml, toc } = await md.render('## Install {#setup}\n\n## Usage\n');
    expect(feedHtml).toBe('<h2 id="setup">Install</h2>\n<h2 id="usage">Usage</h2>\n');
    expect(toc.map((e) => e.id)).toEqual(['setup', 'usage']);
  });

  it('cover setext headings and headings in lists and quotes', async () => {
    const { feedHtml, toc } = await md.render('Setext\n======\n\n- ## In list\n\n> ### In quote\n');
    expect(feedHtml).toBe(
      '<h1 id="setext">Setext</h1>\n<ul>\n<li>\n<h2 id="in-list">In list</h2>\n</li>\n</ul>\n<blockquote>\n<h3 id="in-quote">In quote</h3>\n</blockquote>\n',
    );
    expect(toc.map((e) => [e.level, e.id])).toEqual([
      [1, 'setext'],
      [2, 'in-list'],
      [3, 'in-quote'],
    ]);
  });

  it('start with markdown.id_prefix, given ids included', async () => {
    const { feedHtml, toc } = await prefixed.render('# Intro\n\n## Intro\n\n## Install {#setup}\n');
    expect(feedHtml).toBe(
      '<h1 id="p-intro">Intro</h1>\n<h2 id="p-intro-1">Intro</h2>\n<h2 id="p-setup">Install</h2>\n',
    );
    expect(toc.map((e) => e.id)).toEqual(['p-intro', 'p-intro-1', 'p-setup']);
  });

  // Text whose slug is empty (punctuation, emoji) is "section", as empty text is (and as kramdown's own
  // ids are), never `id=""`: invalid HTML, a table-of-contents link to `#`, and no heading self-link.
  it('are never empty, even when the text has no letters or digits', async () => {
    const { feedHtml, toc } = await md.render('## !!!\n\n## 🎉\n');
    expect(feedHtml).not.toContain('id=""');
    expect(toc.map((e) => e.id).filter((id) => id === '')).toEqual([]);
    expect(feedHtml).toBe('<h2 id="section">!!!</h2>\n<h2 id="section-1">🎉</h2>\n');
  });

  // Ids given with {#id} are taken before any is made, wherever the heading that gives one stands.
  it('do not hand out an id an earlier heading was given', async () => {
    const { toc } = await md.render('## Install {#setup}\n\n## Setup\n');
    expect(new Set(toc.map((e) => e.id)).size).toBe(2);
    expect(toc.map((e) => e.id)).toEqual(['setup', 'setup-1']);
    expect((await md.render('## Setup\n\n## Install {#setup}\n')).toc.map((e) => e.id)).toEqual(['setup-1', 'setup']);
  });
});

describe('heading ids in the kramdown profile', () => {
  let kramdown: TestMarkdown;
  beforeAll(async () => {
    kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
  });
  afterAll(() => kramdown.dispose());

  // Jekyll's kramdown (kramdown-parser-gfm's header ids) drops every non-word character and falls back
  // to nothing: it writes no id for the first such header and "-1", "-2" for the next ones. Links in
  // migrated posts point there, so the profile does the same (and leaves the id-less one out of the TOC).
  it('are what Jekyll gives a header with no letters or digits: none, then "-1"', async () => {
    const { feedHtml, toc } = await kramdown.render('## !!!\n\n## 🎉\n');
    expect(feedHtml).toBe('<h2>!!!</h2>\n<h2 id="-1">🎉</h2>\n');
    expect(toc.map((e) => e.id)).toEqual(['-1']);
  });

  // kramdown gives the auto id "setup" even when {#setup} took it: the duplicate is kramdown's, and kept.
  it('repeat a given id as kramdown does', async () => {
    const { feedHtml, toc } = await kramdown.render('## Install {#setup}\n\n## Setup\n');
    expect(feedHtml).toBe('<h2 id="setup">Install</h2>\n<h2 id="setup">Setup</h2>\n');
    expect(toc.map((e) => e.id)).toEqual(['setup', 'setup']);
  });
});
