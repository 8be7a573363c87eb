/**
 * jekyll-scholar's tags built in: citations linked to the post's reference list, in author-year (APA)
 * and numeric (Vancouver) styles, from `scholar:` in `_config.yml`, `bibliography:` in inkstone.yml,
 * or a post's own front matter `bibliography:`; unknown keys and unreadable files are warnings.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const BIB = `@article{einstein1905,
  title = {Zur Elektrodynamik bewegter K{\\"o}rper},
  author = {Einstein, Albert},
  journal = {Annalen der Physik},
  volume = {322}, number = {10}, pages = {891--921}, year = {1905},
  doi = {10.1002/andp.19053221004}
}

@book{knuth1984,
  title = {Literate Programming},
  author = {Knuth, Donald E. and Bibby, Duane},
  publisher = {CSLI}, year = {1992}
}

@inproceedings{lamport1978,
  title = {Time, Clocks, and the Ordering of Events in a Distributed System},
  author = {Lamport, Leslie and Shostak, Robert and Pease, Marshall},
  booktitle = {Communications of the ACM}, year = {1978}
}

@misc{uncited2001,
  title = {A <script>alert(1)</script> & odd title},
  author = {Roe, Richard}, year = {2001}
}
`;

const POST = `---
title: Citing
---
Relativity {% cite einstein1905 %} and two at once {% cite knuth1984 lamport1978 -l 23 %}.

{% quote lamport1978 %}
A distributed system is one in which the failure of a computer you didn't even know existed can render your own computer *unusable*.
{% endquote %}

The reference itself: {% reference knuth1984 %}.

An unknown key {% cite nobody2020 %}.

## References

{% bibliography --cited %}
`;

const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

async function buildSite(label: string, files: Record<string, string>) {
  const site = await writeSite(label, files);
  sites.push(site);
  const result = await build({ siteDir: site });
  return { site, result, out: path.join(site, '_site') };
}

const article = (html: string) => html.slice(html.indexOf('<div class="post-content">'), html.indexOf('</article>'));

describe('citations in author-year style (jekyll-scholar with style: apa)', () => {
  it('link each citation to its entry in the reference list, with APA references', async () => {
    const { result, out } = await buildSite('cite-apa', {
      '_config.yml':
        'title: J\nplugins: [jekyll-scholar]\nscholar:\n  style: apa\n  source: /_bibliography/\n  bibliography: papers.bib\n',
      '_bibliography/papers.bib': BIB,
      '_posts/2024-01-01-citing.md': POST,
    });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-citing.md:12:16 warning[citation] {% cite %}: the key "nobody2020" is not in the bibliography',
    ]);
    const html = article(await readOutput(out, '2024/01/01/citing.html'));
    expect(html).toContain(
      '<p>Relativity <span class="citation">(<a href="#ref-einstein1905">Einstein, 1905</a>)</span> and two at once <span class="citation">(<a href="#ref-knuth1984">Knuth &amp; Bibby, 1992</a>; <a href="#ref-lamport1978">Lamport et al., 1978</a>, p. 23)</span>.</p>',
    );
    expect(html).toContain(
      '<blockquote class="citation-quote">\n<p>A distributed system is one in which the failure of a computer you didn’t even know existed can render your own computer <em>unusable</em>.</p>\n<p class="quote-source">— <span class="citation">(<a href="#ref-lamport1978">Lamport et al., 1978</a>)</span></p>\n</blockquote>',
    );
    expect(html).toContain(
      '<p>The reference itself: <span class="reference">Knuth, D. E., &amp; Bibby, D. (1992). <i>Literate Programming</i>. CSLI.</span>.</p>',
    );
    expect(html).toContain('<span class="citation citation-missing">(missing reference: nobody2020)</span>');
    // --cited: the three cited entries, alphabetical as APA orders them; the uncited one is left out.
    expect(html).toContain(
      '<ul class="references"><li id="ref-einstein1905">Einstein, A. (1905). Zur Elektrodynamik bewegter Körper. <i>Annalen Der Physik</i>, <i>322</i>(10), 891–921. <a href="https://doi.org/10.1002/andp.19053221004">https://doi.org/10.1002/andp.19053221004</a></li><li id="ref-knuth1984">Knuth, D. E., &#38; Bibby, D. (1992). <i>Literate Programming</i>. CSLI.</li><li id="ref-lamport1978">Lamport, L., Shostak, R., &#38; Pease, M. (1978). Time, Clocks, and the Ordering of Events in a Distributed System. <i>Communications of the ACM</i>.</li></ul>',
    );
    expect(html).not.toContain('uncited2001');
    expect(result.compat.filter((c) => c.construct === '{% cite %}').map((c) => `${c.line} ${c.status}`)).toEqual([
      '4 converted',
      '12 converted',
    ]);
  });
});

describe('citations in numeric style', () => {
  it('number citations in the order of first citation, and the full bibliography lists the uncited after them', async () => {
    const { result, out } = await buildSite('cite-numeric', {
      'inkstone.yml':
        'title: N\nmarkdown: kramdown\nliquid: true\nbibliography:\n  files: [refs/all.bib]\n  style: numeric\n',
      'refs/all.bib': BIB,
      'posts/2024-01-01-numbers.md':
        '---\ntitle: Numbers\n---\nFirst {% cite lamport1978 %}, then {% cite einstein1905 lamport1978 %}.\n\n{% bibliography %}\n',
    });
    expect(result.diagnostics).toEqual([]);
    const html = article(await readOutput(out, '2024/01/numbers/index.html'));
    expect(html).toContain(
      'First <span class="citation">[<a href="#ref-lamport1978">1</a>]</span>, then <span class="citation">[<a href="#ref-einstein1905">2</a>, <a href="#ref-lamport1978">1</a>]</span>.',
    );
    const ids = [...html.matchAll(/<li id="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['ref-lamport1978', 'ref-einstein1905', 'ref-knuth1984', 'ref-uncited2001']);
    expect(html).toContain(
      '<ol class="references"><li id="ref-lamport1978">Lamport L, Shostak R, Pease M. Time, Clocks, and the Ordering of Events in a Distributed System. In: Communications of the ACM. 1978.</li>',
    );
    // BibTeX text is escaped, never markup.
    expect(html).toContain(
      '<li id="ref-uncited2001">Roe R. A &#60;script&#62;alert(1)&#60;/script&#62; &#38; odd title. 2001.</li></ol>',
    );
  });
});

describe("a post's own bibliography, and the references a post gets without a bibliography tag", () => {
  it('reads front matter bibliography: from assets/bibliography/ and lists the cited entries at the end', async () => {
    const { result, out } = await buildSite('cite-post-bib', {
      '_config.yml': 'title: J\n',
      'assets/bibliography/2024-distill.bib': BIB,
      '_posts/2024-01-01-own.md':
        '---\ntitle: Own\nbibliography: 2024-distill.bib\n---\nAs shown by {% cite knuth1984 %}.\n',
    });
    expect(result.diagnostics).toEqual([]);
    const html = article(await readOutput(out, '2024/01/01/own.html'));
    expect(html).toContain(
      '<h2 id="references" class="references-title">References</h2>\n<ul class="references"><li id="ref-knuth1984">Knuth, D. E., &#38; Bibby, D. (1992). <i>Literate Programming</i>. CSLI.</li></ul>',
    );
  });

  it('warns about a citation with no bibliography, a missing file and a BibTeX syntax error, at their places', async () => {
    const none = await buildSite('cite-none', {
      '_config.yml': 'title: J\n',
      '_posts/2024-01-01-a.md': '---\ntitle: A\n---\nSee {% cite x %}.\n',
    });
    expect(none.result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-a.md:4:5 warning[citation] {% cite %}: the key "x" cannot be looked up: the site has no bibliography (set bibliography in inkstone.yml, or scholar in _config.yml)',
    ]);
    const broken = await buildSite('cite-broken', {
      '_config.yml': 'title: J\nscholar:\n  bibliography: papers\n',
      '_bibliography/papers.bib':
        '@article{ok, title={Fine}, year={2001}}\n@article{bad, title={Unclosed, year=2001}\n@book{b, title={B}, year={2002}}\n',
      '_posts/2024-01-01-a.md': '---\ntitle: A\nbibliography: missing.bib\n---\nSee {% cite ok %}.\n',
    });
    expect(broken.result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_bibliography/papers.bib:3:1 warning[citation] this BibTeX file cannot be read (invalid syntax at line 3 col 1): its entries are left out',
      '_posts/2024-01-01-a.md:5:5 warning[citation] {% cite %}: the key "ok" is not in the bibliography',
      'missing.bib warning[citation] bibliography: missing.bib does not exist',
    ]);
  });
});
