/** Footnotes, callouts, heading links, figures and word counts, as rendered by the real plugin table. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTextWords } from '../../src/markdown/word-count.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('footnotes', () => {
  it('numbers references and lists the notes at the end with back-links', async () => {
    const { html } = await md.render('One[^a], two[^b] and one again[^a].\n\n[^a]: First *note*.\n[^b]: Second.\n');
    expect(html).toBe(
      '<p>One<sup class="footnote-ref"><a href="#fn1" id="fnref1" role="doc-noteref" aria-label="Note 1">1</a></sup>, ' +
        'two<sup class="footnote-ref"><a href="#fn2" id="fnref2" role="doc-noteref" aria-label="Note 2">2</a></sup> and ' +
        'one again<sup class="footnote-ref"><a href="#fn1" id="fnref1:1" role="doc-noteref" aria-label="Note 1">1</a></sup>.</p>\n' +
        '<section class="footnotes" role="doc-endnotes" aria-label="Notes">\n<ol class="footnotes-list">\n' +
        '<li id="fn1" class="footnote-item"><p>First <em>note</em>. ' +
        '<a href="#fnref1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1">↩︎</a> ' +
        '<a href="#fnref1:1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1 (2)">↩︎</a></p>\n</li>\n' +
        '<li id="fn2" class="footnote-item"><p>Second. <a href="#fnref2" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 2">↩︎</a></p>\n</li>\n' +
        '</ol>\n</section>\n',
    );
  });

  it('gives references in the excerpt no id, since a list page may show several note 1s', async () => {
    const { excerptHtml, feedExcerptHtml } = await md.render('Claim[^x].\n\nMore.\n\n[^x]: Source.\n');
    expect(excerptHtml).toBe(
      '<p>Claim<sup class="footnote-ref"><a href="#fn1" role="doc-noteref" aria-label="Note 1">1</a></sup>.</p>\n',
    );
    expect(feedExcerptHtml).toBe(
      '<p>Claim<sup class="footnote-ref"><a href="#fn1" id="fnref1" role="doc-noteref" aria-label="Note 1">1</a></sup>.</p>\n',
    );
  });
});

describe('callouts', () => {
  it('renders note, tip and warning containers as notes named by their kind', async () => {
    for (const [kind, title] of [
      ['note', 'Note'],
      ['tip', 'Tip'],
      ['warning', 'Warning'],
    ]) {
      const { html } = await md.render(`::: ${kind}\nBody with *emphasis*.\n:::\n`);
      expect(html).toBe(
        `<div class="callout callout-${kind}" role="note">\n<p class="callout-title">${title}</p>\n<p>Body with <em>emphasis</em>.</p>\n</div>\n`,
      );
    }
  });

  it('takes a custom title as plain, escaped text', async () => {
    const { html } = await md.render('::: warning Mind <b>this</b>\nText.\n:::\n');
    expect(html).toBe(
      '<div class="callout callout-warning" role="note">\n<p class="callout-title">Mind &lt;b&gt;this&lt;/b&gt;</p>\n<p>Text.</p>\n</div>\n',
    );
  });

  it('leaves unknown containers as text', async () => {
    const { html } = await md.render('::: danger\nText.\n:::\n');
    expect(html).toBe('<p>::: danger\nText.\n:::</p>\n');
  });
});

describe('heading links', () => {
  it('puts a keyboard-reachable self-link after each heading, labelled with the heading text', async () => {
    const { html, toc } = await md.render('## Set up `npm`\n\nText.\n');
    expect(html).toBe(
      '<div class="section-heading"><h2 id="set-up-npm">Set up <code>npm</code></h2>\n' +
        '<a class="heading-link" href="#set-up-npm" aria-label="Link to the section Set up npm">#</a></div>\n<p>Text.</p>\n',
    );
    expect(toc).toEqual([{ level: 2, id: 'set-up-npm', text: 'Set up npm' }]);
  });

  it('leaves them out of excerpts and feeds', async () => {
    const { excerptHtml, feedHtml } = await md.render('## Title\n\nBody.\n\n<!--more-->\n');
    expect(excerptHtml).toBe('<h2 id="title">Title</h2>\n<p>Body.</p>\n');
    expect(feedHtml).toBe('<h2 id="title">Title</h2>\n<p>Body.</p>\n<!--more-->\n');
  });

  it('keeps a kramdown heading id and still links it', async () => {
    const { html } = await md.render('## Results {#results-2024}\n');
    expect(html).toBe(
      '<div class="section-heading"><h2 id="results-2024">Results</h2>\n<a class="heading-link" href="#results-2024" aria-label="Link to the section Results">#</a></div>\n',
    );
  });
});

describe('images and figures', () => {
  it('loads every image lazily and asynchronously', async () => {
    const { html } = await md.render('Inline ![x](https://example.org/a.png) image.\n');
    expect(html).toBe(
      '<p>Inline <img src="https://example.org/a.png" alt="x" loading="lazy" decoding="async"> image.</p>\n',
    );
  });

  it('makes a figure of an image alone with a title, the title becoming the caption', async () => {
    const { html } = await md.render('![A chart](/img/c.png "Throughput, *per* second")\n');
    expect(html).toBe(
      '<figure><img src="/img/c.png" alt="A chart" loading="lazy" decoding="async"><figcaption>Throughput, *per* second</figcaption>\n</figure>\n',
    );
  });

  it("makes a figure of an image followed by an italic line, keeping the line's markup", async () => {
    const { html } = await md.render('![Plot](p.png)\n*Figure 1: loss with `lr=0.1`*\n');
    expect(html).toBe(
      '<figure><img src="p.png" alt="Plot" loading="lazy" decoding="async"><figcaption>Figure 1: loss with <code>lr=0.1</code></figcaption>\n</figure>\n',
    );
  });

  it('leaves an image without caption, or with a line that is not wholly italic, in its paragraph', async () => {
    expect((await md.render('![a](a.png)\n')).html).toBe(
      '<p><img src="a.png" alt="a" loading="lazy" decoding="async"></p>\n',
    );
    expect((await md.render('![a](a.png)\n*one* and *two*\n')).html).toBe(
      '<p><img src="a.png" alt="a" loading="lazy" decoding="async">\n<em>one</em> and <em>two</em></p>\n',
    );
  });

  it('keeps a paragraph attribute list on the figure', async () => {
    const { html } = await md.render('![a](a.png "Cap")\n{: .wide}\n');
    expect(html).toBe(
      '<figure class="wide"><img src="a.png" alt="a" loading="lazy" decoding="async"><figcaption>Cap</figcaption>\n</figure>\n',
    );
  });
});

describe('word counts', () => {
  it('counts words of prose: contractions and hyphenated words as one, each Han or kana character as one', () => {
    expect(countTextWords("It's a well-known trade-off, 3.5 times.")).toBe(6);
    expect(countTextWords('日本語 text')).toBe(4);
    expect(countTextWords(' — … ')).toBe(0);
  });

  it('counts headings, paragraphs, lists and code spans, and skips code blocks, formulas and image descriptions', async () => {
    const { words } = await md.render(
      '# Two words\n\nOne `two` three.\n\n- four five\n\n```js\nnot counted at all\n```\n\n$$x + y$$\n\n![not counted](a.png)\n\n<p>raw html</p>\n',
    );
    expect(words).toBe(7);
  });
});
