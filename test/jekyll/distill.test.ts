/**
 * al-folio's Distill posts (`layout: distill`): the built-in distill layout (title block with authors and
 * affiliations, contents linked to headings, `_styles` in the head) and Distill's elements in the body
 * (`<d-cite>` against the post's bibliography, `<d-footnote>`, `<d-code>`), with warnings at file:line:col.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { formatCompatReport } from '../../src/jekyll/compat.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const BIB = `@inproceedings{luong2015,
  title = {Effective Approaches to Attention-based Neural Machine Translation},
  author = {Luong, Minh-Thang and Pham, Hieu and Manning, Christopher D.},
  booktitle = {Proceedings of EMNLP}, year = {2015}
}

@article{jain2019,
  title = {Attention is not Explanation},
  author = {Jain, Sarthak and Wallace, Byron C.},
  journal = {Proceedings of NAACL}, year = {2019}
}
`;

const POST = `---
layout: distill
title: Reading attention maps
description: What attention weights show, and what they hide.
date: 2024-03-10
authors:
  - name: Ada Park
    url: "https://example.org/ada"
    affiliations:
      name: Lantern Lab
      url: "https://lantern.example"
  - name: Bo Chen
    affiliations:
      name: North Institute
bibliography: 2024-03-10-attention.bib
toc:
  - name: What a map shows
  - name: Caveats
    subsections:
      - name: Heads don't agree
_styles: >
  .callout { border-left: 3px solid teal; } </STYLE><script>alert(1)</script>
---
## What a map shows

Attention sharpened translation <d-cite key="luong2015"></d-cite> and was questioned later <d-cite key="jain2019, luong2015"></d-cite>.

Weights are not explanations<d-footnote>They are one input among many to the next layer.</d-footnote>.

<d-code block language="python">
  weights = softmax(q @ k.T / sqrt(d))
  if weights.max() &gt; 0.9: print("peaked")
</d-code>

## Caveats

### Heads don't agree

A missing source <d-cite key="nobody2020"></d-cite>.
`;

const FILE = '_posts/2024-03-10-attention.md';
const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

async function buildDistill(extra: Record<string, string> = {}) {
  const site = await writeSite('distill', {
    '_config.yml': 'title: Lab notes\n',
    'assets/bibliography/2024-03-10-attention.bib': BIB,
    [FILE]: POST,
    ...extra,
  });
  sites.push(site);
  const result = await build({ siteDir: site });
  return { result, html: await readOutput(path.join(site, '_site'), '2024/03/10/attention.html') };
}

describe('a Distill post', async () => {
  const { result, html } = await buildDistill();
  const content = html.slice(html.indexOf('<div class="post-content">'), html.indexOf('<footer class="post-footer">'));

  it('builds with a warning for the unknown key only, at its file:line:col', () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      `${FILE}:39:18 warning[citation] <d-cite>: the key "nobody2020" is not in the bibliography`,
    ]);
  });

  it('shows a title block with the authors, their affiliations and the date', () => {
    expect(html).toContain('<article class="post distill">');
    expect(html).toContain('<h1 class="post-title">Reading attention maps</h1>');
    expect(html).toContain('<p class="distill-description">What attention weights show, and what they hide.</p>');
    expect(html).toContain(
      '<li><span class="distill-author"><a href="https://example.org/ada">Ada Park</a></span><span class="distill-affiliation"><a href="https://lantern.example">Lantern Lab</a></span></li>',
    );
    expect(html).toContain(
      '<li><span class="distill-author">Bo Chen</span><span class="distill-affiliation">North Institute</span></li>',
    );
    expect(html).toContain('<p><time datetime="2024-03-10T00:00:00.000Z">');
  });

  it('links the contents to the headings of those names', () => {
    expect(content).toContain('<h2 id="what-a-map-shows"');
    expect(content).toContain('<h3 id="heads-dont-agree"');
    expect(html).toContain('<li><a href="#what-a-map-shows">What a map shows</a></li>');
    expect(html).toContain(
      '<li><a href="#caveats">Caveats</a>        <ol><li><a href="#heads-dont-agree">Heads don&#39;t agree</a></li></ol></li>',
    );
  });

  it('puts _styles in the head, unable to close its element', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(
      '<style>.callout { border-left: 3px solid teal; } \\3C/STYLE><script>alert(1)</script>\n</style>',
    );
    expect(head.match(/<\/style/gi)).toHaveLength(1);
  });

  it('turns <d-cite> into linked citations and lists the references at the end', () => {
    expect(content).toContain(
      '<p>Attention sharpened translation <span class="citation">(<a href="#ref-luong2015">Luong et al., 2015</a>)</span> and was questioned later <span class="citation">(<a href="#ref-jain2019">Jain &amp; Wallace, 2019</a>; <a href="#ref-luong2015">Luong et al., 2015</a>)</span>.</p>',
    );
    expect(content).toContain(
      '<p>A missing source <span class="citation citation-missing">(missing reference: nobody2020)</span>.</p>',
    );
    expect(content).toContain(
      '<h2 id="references" class="references-title">References</h2>\n<ul class="references"><li id="ref-jain2019">Jain, S., &#38; Wallace, B. C. (2019). Attention is not Explanation. <i>Proceedings of NAACL</i>.</li><li id="ref-luong2015">Luong, M.-T., Pham, H., &#38; Manning, C. D. (2015). Effective Approaches to Attention-based Neural Machine Translation. <i>Proceedings of EMNLP</i>.</li></ul>',
    );
  });

  it('turns <d-footnote> into a footnote', () => {
    expect(content).toContain(
      '<p>Weights are not explanations<sup id="fnref:distill-1" role="doc-noteref"><a href="#fn:distill-1" class="footnote" rel="footnote">1</a></sup>.</p>',
    );
    expect(content).toContain(
      '<li id="fn:distill-1" role="doc-endnote">\n<p>They are one input among many to the next layer.\u00a0<a href="#fnref:distill-1" class="reversefootnote" role="doc-backlink">↩</a></p>\n</li>',
    );
  });

  it('turns <d-code block> into highlighted code', () => {
    expect(content).toContain(
      '<div class="code-block" data-language="python"><pre class="shiki shiki-themes github-light-default github-dark-default"',
    );
    expect(content).toContain(
      '<span style="color:#CF222E;--shiki-dark:#FF7B72">if</span><span style="color:#1F2328;--shiki-dark:#E6EDF3"> weights.max() </span>',
    );
    expect(html).toContain('<script src="/assets/inkstone/copy-code.js" defer></script>');
    expect(content).not.toMatch(/<\/?d-/);
  });

  it('reports the layout and its front matter as converted', () => {
    expect(formatCompatReport(result.compat.filter((e) => e.file === FILE))).toBe(
      [
        'Compatibility report:',
        FILE,
        `  ${FILE}:2   converted      layout: distill: the built-in distill layout: title block with authors, affiliations and date, contents, _styles; <d-cite>, <d-footnote> and <d-code> are rewritten`,
        `  ${FILE}:6   converted      authors: shown in the title block with their affiliations`,
        `  ${FILE}:15  converted      bibliography: the post's own BibTeX file for its citations (looked for in assets/bibliography/, then _bibliography/)`,
        `  ${FILE}:16  converted      toc: the contents are listed by name and linked to the headings of those names`,
        `  ${FILE}:21  converted      _styles: in a <style> element in the page's head`,
        `  ${FILE}:26  converted      <d-cite>: a citation linked to its entry in the reference list, as {% cite %} gives`,
        `  ${FILE}:28  converted      <d-footnote>: a footnote, listed at the end of the post`,
        `  ${FILE}:30  converted      <d-code>: a code block highlighted at build time (inline code without block)`,
        `  ${FILE}:39  converted      <d-cite>: a citation linked to its entry in the reference list, as {% cite %} gives`,
        '9 converted, 0 approximated, 0 not supported.',
      ].join('\n'),
    );
  });
});

describe('Distill elements and line numbers', () => {
  it('keeps warnings at their lines after multi-line elements and Liquid, and leaves code alone', async () => {
    const post = [
      '---', // 1
      'layout: distill',
      'title: Lines',
      'bibliography: 2024-03-10-attention.bib',
      '---', // 5
      '{% if false %}',
      'gone',
      '{% endif %}',
      'A note<d-footnote>spread over',
      'two lines</d-footnote> here.', // 10
      '',
      '```html',
      '<d-cite key="inside-code"></d-cite>',
      '```',
      '', // 15
      'Then <d-cite key="missing1"></d-cite> and <d-cite key=""></d-cite>.',
    ].join('\n');
    const { result, html } = await buildDistill({ [FILE]: `${post}\n` });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      `${FILE}:16:6 warning[citation] <d-cite>: the key "missing1" is not in the bibliography`,
      `${FILE}:16:43 warning[citation] <d-cite>: no key (write <d-cite key="name"></d-cite>)`,
    ]);
    expect(html).toContain(
      '<p>A note<sup id="fnref:distill-1" role="doc-noteref"><a href="#fn:distill-1" class="footnote" rel="footnote">1</a></sup> here.</p>',
    );
    expect(html).toContain('<p>spread over two lines\u00a0<a href="#fnref:distill-1"');
    // Inside a fence, the element is code: highlighted as written, not cited.
    expect(html).toContain('<div class="code-block" data-language="html">');
    expect(html).toContain('inside-code');
    expect(html).not.toContain('missing reference: inside-code');
  });
});

describe('distill authors with script addresses', () => {
  it('drops an address a browser would run, also with a tab hidden in its scheme', async () => {
    const site = await writeSite('distill-script-urls', {
      '_config.yml': 'title: L\n',
      '_posts/2024-03-10-x.md':
        '---\nlayout: distill\ntitle: X\nauthors:\n  - name: Eve\n    url: "java\\tscript:alert(1)"\n    affiliations:\n      name: Lab\n      url: "javascript:alert(2)"\n---\nBody.\n',
    });
    try {
      await build({ siteDir: site });
      const page = await readOutput(path.join(site, '_site'), '2024/03/10/x.html');
      expect(page).toContain('Eve');
      expect(page).not.toMatch(/script:alert/);
    } finally {
      await removeDir(site);
    }
  });
});
