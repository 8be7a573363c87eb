/**
 * kramdown's table of contents in native posts: a one-item list followed by `{:toc}` becomes a nested
 * list of links to the post's headings (`<ul id="markdown-toc">`), leaving out `.no_toc` headings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

/** The feed render: no heading self-links, so the headings after the list stay short. */
const render = async (text: string) => (await md.render(text)).feedHtml;
const nav = (list: string) => `<nav class="toc" aria-label="Contents">${list}</nav>\n`;
const entry = (id: string, html: string, children = '') =>
  `<li><a href="#${id}" id="markdown-toc-${id}">${html}</a>${children}</li>`;

describe('{:toc}', () => {
  it('replaces "* TOC" with the nested headings, keeping markup but not links, notes or .no_toc headings', async () => {
    const html = await render(
      'Para.\n\n* TOC\n{:toc}\n\n# A\n\n## B {: .no_toc}\n\n### C *em* [link](/l)[^1]\n\n## D\n\n[^1]: n\n',
    );
    const toc = nav(
      `<ul id="markdown-toc">${entry('a', 'A', `<ul>${entry('c-em-link', 'C <em>em</em> link')}${entry('d', 'D')}</ul>`)}</ul>`,
    );
    // The list takes the place of the seed list: everything before the first heading.
    expect(html.slice(0, html.indexOf('<h1'))).toBe(`<p>Para.</p>\n${toc}`);
  });

  it('nests each heading under the nearest earlier heading of a smaller level', async () => {
    expect(await render('* TOC\n{:toc}\n\n### Three\n\n# One\n\n### Deep\n\n## Two\n')).toBe(
      `${nav(
        `<ul id="markdown-toc">${entry('three', 'Three')}${entry('one', 'One', `<ul>${entry('deep', 'Deep')}${entry('two', 'Two')}</ul>`)}</ul>`,
      )}<h3 id="three">Three</h3>\n<h1 id="one">One</h1>\n<h3 id="deep">Deep</h3>\n<h2 id="two">Two</h2>\n`,
    );
  });

  it('keeps an ordered seed list ordered, whatever its text and spacing', async () => {
    expect(await render('1. contents\n{: toc }\n\n## Only\n')).toBe(
      `${nav(`<ol id="markdown-toc">${entry('only', 'Only')}</ol>`)}<h2 id="only">Only</h2>\n`,
    );
  });

  it('accepts {:toc} indented under the item', async () => {
    expect(await render('- TOC\n  {:toc}\n\n## H\n')).toBe(
      `${nav(`<ul id="markdown-toc">${entry('h', 'H')}</ul>`)}<h2 id="h">H</h2>\n`,
    );
  });

  it('renders nothing in a post without headings', async () => {
    expect(await render('* TOC\n{:toc}\n\nNo headings.\n')).toBe('<p>No headings.</p>\n');
  });

  it('leaves a list of more than one item a list', async () => {
    expect(await render('* TOC\n* second\n{:toc}\n\n## H\n')).toBe(
      '<ul>\n<li>TOC</li>\n<li>second</li>\n</ul>\n<h2 id="h">H</h2>\n',
    );
  });

  it('links to the prefixed ids with markdown.id_prefix', async () => {
    const prefixed = await createTestMarkdown({ markdown: { id_prefix: 'p-' } });
    try {
      expect((await prefixed.render('* TOC\n{:toc}\n\n## H\n')).feedHtml).toBe(
        `${nav(`<ul id="markdown-toc">${entry('p-h', 'H')}</ul>`)}<h2 id="p-h">H</h2>\n`,
      );
    } finally {
      prefixed.dispose();
    }
  });
});
