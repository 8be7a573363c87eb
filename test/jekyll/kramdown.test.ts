import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIal } from '../../src/markdown/plugins/kramdown-ial.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const html = async (text: string) => (await md.render(text)).html;

/** A heading as pages render it: wrapped with its self-link (the heading-links plugin). */
const linked = (heading: string, id: string, text: string) =>
  `<div class="section-heading">${heading}\n<a class="heading-link" href="#${id}" aria-label="Link to the section ${text}">#</a></div>\n`;

describe('parseIal', () => {
  it('reads classes, an id, quoted and bare values, and ignores references', () => {
    expect(parseIal(` .a .b #top style="color: red" data-x='1' width=50 toc`)).toEqual({
      id: 'top',
      classes: ['a', 'b'],
      attrs: [
        ['style', 'color: red'],
        ['data-x', '1'],
        ['width', '50'],
      ],
    });
    expect(parseIal(' "broken')).toBeUndefined();
  });
});

describe('block IALs', () => {
  it('apply to the paragraph they end', async () => {
    expect(await html('Centred text.\n{: .center style="text-align: center"}\n')).toBe(
      '<p class="center" style="text-align: center">Centred text.</p>\n',
    );
  });

  it('apply to the block right before them when on a line of their own', async () => {
    expect(await html('## Contents\n{:.no_toc}\n\n> quoted\n\n{: .aside}\n')).toBe(
      `${linked('<h2 class="no_toc" id="contents">Contents</h2>', 'contents', 'Contents')}<blockquote>\n<p>quoted</p>\n</blockquote>\n`,
    );
  });

  it('apply to the paragraph that follows when they come first', async () => {
    expect(await html('{: #intro}\nFirst words.\n')).toBe('<p id="intro">First words.</p>\n');
  });

  it('apply to a tight list when they end it', async () => {
    expect(await html('- one\n- two\n{: .compact}\n')).toBe(
      '<ul class="compact">\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it("set a heading's id with {#id}, which the anchors plugin keeps", async () => {
    const result = await md.render('## Custom place {#here}\n\n### Other {: .small}\n');
    expect(result.html).toBe(
      linked('<h2 id="here">Custom place</h2>', 'here', 'Custom place') +
        linked('<h3 class="small" id="other">Other</h3>', 'other', 'Other'),
    );
    expect(result.toc).toEqual([
      { level: 2, id: 'here', text: 'Custom place' },
      { level: 3, id: 'other', text: 'Other' },
    ]);
  });
});

describe('span IALs', () => {
  it('apply to the image, link, code span or emphasis right before them', async () => {
    expect(
      await html(
        '![plot](/p.png){: width="50%" class="center"} [site](https://x.org){:target="_blank"} `x`{:.k} *e*{: .m}\n',
      ),
    ).toBe(
      '<p><img src="/p.png" alt="plot" width="50%" class="center" loading="lazy" decoding="async"> <a href="https://x.org" target="_blank">site</a> <code class="k">x</code> <em class="m">e</em></p>\n',
    );
  });

  it('stay text when nothing comes right before them, or inside code', async () => {
    expect(await html('word {: .x}\n\n`{: .y}`\n')).toBe('<p>word {: .x}</p>\n<p><code>{: .y}</code></p>\n');
  });
});

describe('{:toc}', () => {
  it('replaces "* TOC" with a nested list of the headings, leaving out no_toc ones', async () => {
    const text =
      '# Title\n{: .no_toc}\n\n* TOC\n{:toc}\n\n## Intro\n\n### Detail\n\n## Method *fast*\n\n#### Deep\n\n## End\n';
    expect(await html(text)).toBe(
      linked('<h1 class="no_toc" id="title">Title</h1>', 'title', 'Title') +
        '<nav class="toc" aria-label="Contents"><ul id="markdown-toc">' +
        '<li><a href="#intro" id="markdown-toc-intro">Intro</a><ul><li><a href="#detail" id="markdown-toc-detail">Detail</a></li></ul></li>' +
        '<li><a href="#method-fast" id="markdown-toc-method-fast">Method <em>fast</em></a><ul><li><a href="#deep" id="markdown-toc-deep">Deep</a></li></ul></li>' +
        '<li><a href="#end" id="markdown-toc-end">End</a></li></ul></nav>\n' +
        linked('<h2 id="intro">Intro</h2>', 'intro', 'Intro') +
        linked('<h3 id="detail">Detail</h3>', 'detail', 'Detail') +
        linked('<h2 id="method-fast">Method <em>fast</em></h2>', 'method-fast', 'Method fast') +
        linked('<h4 id="deep">Deep</h4>', 'deep', 'Deep') +
        linked('<h2 id="end">End</h2>', 'end', 'End'),
    );
  });

  it('keeps an ordered seed list ordered, and renders nothing without headings', async () => {
    expect(await html('1. contents\n{:toc}\n\n## A\n')).toBe(
      `<nav class="toc" aria-label="Contents"><ol id="markdown-toc"><li><a href="#a" id="markdown-toc-a">A</a></li></ol></nav>\n${linked('<h2 id="a">A</h2>', 'a', 'A')}`,
    );
    expect(await html('* TOC\n{:toc}\n\nNo headings.\n')).toBe('<p>No headings.</p>\n');
  });
});

describe('widget fences', () => {
  it('become a placeholder for the diagrams stage, without a code-language warning', async () => {
    const result = await md.render('```typograms\n+--+\n```\n');
    expect(result.html).toBe('<!--inkstone:diagram:0-->\n');
    expect(result.diagrams).toEqual([{ kind: 'typograms', source: '+--+\n', line: 1 }]);
    expect(result.diagnostics).toEqual([]);
  });
});
