/**
 * Citations in native posts (no Liquid), Pandoc's way: `[@key]`, `[@a; @b]`, `[@key, p. 23]`, rewritten
 * before Markdown; the cited entries are listed at the end under "References". Code and math stay as
 * written; unknown keys are warnings; a post may name its own BibTeX file with front matter.
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
`;

const POST = `---
title: Native
---
Relativity [@einstein1905] and two [@knuth1984; @lamport1978, p. 23].

Code \`[@einstein1905]\` and math $[@knuth1984]$ stay.

\`\`\`text
[@einstein1905] in a fence
\`\`\`

$$
[@lamport1978]
$$

Mail a@b.com, a link [@einstein1905](https://example.com/), [see @knuth1984] and \\[@knuth1984] stay; [@nobody2020] warns.
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
const headers = (diagnostics: Parameters<typeof formatDiagnosticHeader>[0][]) =>
  diagnostics.map((d) => formatDiagnosticHeader(d));

const APA_EINSTEIN =
  '<li id="ref-einstein1905">Einstein, A. (1905). Zur Elektrodynamik bewegter Körper. <i>Annalen Der Physik</i>, <i>322</i>(10), 891–921. <a href="https://doi.org/10.1002/andp.19053221004">https://doi.org/10.1002/andp.19053221004</a></li>';
const APA_KNUTH =
  '<li id="ref-knuth1984">Knuth, D. E., &#38; Bibby, D. (1992). <i>Literate Programming</i>. CSLI.</li>';
const APA_LAMPORT =
  '<li id="ref-lamport1978">Lamport, L., Shostak, R., &#38; Pease, M. (1978). Time, Clocks, and the Ordering of Events in a Distributed System. <i>Communications of the ACM</i>.</li>';

describe('Pandoc citations in native posts, author-year style', () => {
  it('link citations to a References list at the end, leave code, math and non-citations alone, and warn about unknown keys', async () => {
    const { result, out } = await buildSite('native-cite-apa', {
      'inkstone.yml': 'title: N\nbibliography: {files: [refs.bib], style: author-year}\n',
      'refs.bib': BIB,
      'posts/2024-01-01-native.md': POST,
    });
    expect(headers(result.diagnostics)).toEqual([
      'posts/2024-01-01-native.md:16:103 warning[citation] [@nobody2020]: the key "nobody2020" is not in the bibliography',
    ]);
    const html = article(await readOutput(out, '2024/01/native/index.html'));
    expect(html).toContain(
      '<p>Relativity <span class="citation">(<a href="#ref-einstein1905">Einstein, 1905</a>)</span> and two <span class="citation">(<a href="#ref-knuth1984">Knuth &amp; Bibby, 1992</a>; <a href="#ref-lamport1978">Lamport et al., 1978</a>, p. 23)</span>.</p>',
    );
    expect(html).toContain('<code>[@einstein1905]</code>');
    expect(html).toContain('<annotation encoding="application/x-tex">[@knuth1984]</annotation>');
    expect(html).toContain('<annotation encoding="application/x-tex">\n[@lamport1978]\n</annotation>');
    expect(html).toContain('[@einstein1905] in a fence');
    expect(html).toContain(
      'Mail <a href="mailto:a@b.com">a@b.com</a>, a link <a href="https://example.com/">@einstein1905</a>, [see @knuth1984] and [@knuth1984] stay; <span class="citation citation-missing">(missing reference: nobody2020)</span> warns.</p>',
    );
    expect(html.match(/class="citation"/g)).toHaveLength(2);
    // Every cited entry, once, alphabetical as APA orders them.
    expect(html).toContain(
      `<h2 id="references" class="references-title">References</h2>\n<ul class="references">${APA_EINSTEIN}${APA_KNUTH}${APA_LAMPORT}</ul>`,
    );
  });
});

describe('Pandoc citations in native posts, numeric style', () => {
  it('number citations in the order of first citation, with a numbered list in that order', async () => {
    const { result, out } = await buildSite('native-cite-numeric', {
      'inkstone.yml': 'title: N\nbibliography: {files: [refs.bib], style: numeric}\n',
      'refs.bib': BIB,
      'posts/2024-01-01-numbers.md':
        '---\ntitle: Numbers\n---\nFirst [@lamport1978], then [@einstein1905; @lamport1978, pp. 3-4].\n',
    });
    expect(result.diagnostics).toEqual([]);
    const html = article(await readOutput(out, '2024/01/numbers/index.html'));
    expect(html).toContain(
      '<p>First <span class="citation">[<a href="#ref-lamport1978">1</a>]</span>, then <span class="citation">[<a href="#ref-einstein1905">2</a>, <a href="#ref-lamport1978">1</a>, pp. 3-4]</span>.</p>',
    );
    expect([...html.matchAll(/<li id="([^"]+)">/g)].map((m) => m[1])).toEqual(['ref-lamport1978', 'ref-einstein1905']);
    expect(html).toContain(
      '<h2 id="references" class="references-title">References</h2>\n<ol class="references"><li id="ref-lamport1978">Lamport L, Shostak R, Pease M.',
    );
  });
});

describe("a native post's own bibliography", () => {
  it('reads front matter bibliography:, and leaves [@…] as written in a post without any bibliography', async () => {
    const { result, out } = await buildSite('native-cite-own', {
      'own.bib': BIB,
      'posts/2024-01-01-own.md': '---\ntitle: Own\nbibliography: own.bib\n---\nAs shown by [@knuth1984].\n',
      'posts/2024-01-02-plain.md': '---\ntitle: Plain\n---\nPing [@someone] about it.\n',
    });
    expect(result.diagnostics).toEqual([]);
    const own = article(await readOutput(out, '2024/01/own/index.html'));
    expect(own).toContain(
      '<p>As shown by <span class="citation">(<a href="#ref-knuth1984">Knuth &amp; Bibby, 1992</a>)</span>.</p>',
    );
    expect(own).toContain(
      `<h2 id="references" class="references-title">References</h2>\n<ul class="references">${APA_KNUTH}</ul>`,
    );
    const plain = article(await readOutput(out, '2024/01/plain/index.html'));
    expect(plain).toContain('<p>Ping [@someone] about it.</p>');
    expect(plain).not.toContain('References');
  });

  it('warns at the file when the named bibliography does not exist, and at each unknown key', async () => {
    const { result } = await buildSite('native-cite-missing', {
      'posts/2024-01-01-a.md': '---\ntitle: A\nbibliography: missing.bib\n---\nSee [@ok; @other].\n',
    });
    expect(headers(result.diagnostics)).toEqual([
      'missing.bib warning[citation] bibliography: missing.bib does not exist',
      'posts/2024-01-01-a.md:5:6 warning[citation] [@ok; @other]: the key "ok" is not in the bibliography',
      'posts/2024-01-01-a.md:5:11 warning[citation] [@ok; @other]: the key "other" is not in the bibliography',
    ]);
  });
});

describe('posts whose bodies are Liquid', () => {
  it('keep jekyll-scholar tags and leave [@…] as written (no double processing)', async () => {
    const { result, out } = await buildSite('native-cite-liquid', {
      'inkstone.yml': 'title: L\nliquid: true\nbibliography: {files: [refs.bib], style: author-year}\n',
      'refs.bib': BIB,
      'posts/2024-01-01-liquid.md': '---\ntitle: Liquid\n---\nTag {% cite einstein1905 %} and [@knuth1984].\n',
    });
    expect(result.diagnostics).toEqual([]);
    const html = article(await readOutput(out, '2024/01/liquid/index.html'));
    expect(html).toContain(
      '<p>Tag <span class="citation">(<a href="#ref-einstein1905">Einstein, 1905</a>)</span> and [@knuth1984].</p>',
    );
    expect(html.match(/References<\/h2>/g)).toHaveLength(1);
    expect(html).toContain(`<ul class="references">${APA_EINSTEIN}</ul>`);
  });
});
