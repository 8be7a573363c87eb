/**
 * al-folio's features in the variants the feature tests do not reach: jekyll-scholar's numeric styles
 * named in _config.yml, unknown keys in {% reference %} and {% quote %}, a JPEG notebook output, the built-in audio.html, al-folio's .block-warning quote and
 * the callout and Distill styles of both themes, and the compatibility report entries of the front
 * matter keys drawn by al-folio's scripts (tikzjax, pretty_table, code_diff, map).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

async function buildSite(label: string, files: Record<string, string>, config?: Record<string, unknown>) {
  const site = await writeSite(label, files);
  sites.push(site);
  const result = await build({ siteDir: site, ...(config ? { config } : {}) });
  return { site, result, out: path.join(site, '_site') };
}

const article = (html: string) => html.slice(html.indexOf('<div class="post-content">'), html.indexOf('</article>'));

/** The text of the theme's own stylesheet, after checking that the page links to it. */
async function stylesheetOf(out: string, page: string, theme: string): Promise<string> {
  const href = theme === 'paper' ? 'assets/paper.css' : 'assets/style.css';
  expect(page).toContain(`<link rel="stylesheet" href="/${href}">`);
  return readOutput(out, href);
}

const BIB = `@article{einstein1905,
  title = {Zur Elektrodynamik bewegter K{\\"o}rper},
  author = {Einstein, Albert},
  journal = {Annalen der Physik}, year = {1905}
}

@inproceedings{lamport1978,
  title = {Time, Clocks, and the Ordering of Events in a Distributed System},
  author = {Lamport, Leslie and Shostak, Robert and Pease, Marshall},
  booktitle = {Communications of the ACM}, year = {1978}
}
`;

describe('jekyll-scholar numeric style named in _config.yml', () => {
  it('cites by number for style: ieee, with a numbered list in citation order', async () => {
    const { result, out } = await buildSite('alfolio-scholar-ieee', {
      '_config.yml': 'title: J\nplugins: [jekyll-scholar]\nscholar:\n  style: ieee\n  bibliography: papers.bib\n',
      '_bibliography/papers.bib': BIB,
      '_posts/2024-01-01-ieee.md':
        '---\ntitle: IEEE\n---\nFirst {% cite lamport1978 %}, then {% cite einstein1905 %}.\n\n{% bibliography --cited %}\n',
    });
    expect(result.diagnostics).toEqual([]);
    const html = article(await readOutput(out, '2024/01/01/ieee.html'));
    expect(html).toContain(
      '<p>First <span class="citation">[<a href="#ref-lamport1978">1</a>]</span>, then <span class="citation">[<a href="#ref-einstein1905">2</a>]</span>.</p>',
    );
    expect([...html.matchAll(/<li id="([^"]+)">/g)].map((m) => m[1])).toEqual(['ref-lamport1978', 'ref-einstein1905']);
    expect(html).toContain('<ol class="references"><li id="ref-lamport1978">');
  });
});

describe('a JPEG output of a notebook', () => {
  it('is shown as an inline JPEG image, with the size the output asks for', async () => {
    // The start of a JPEG file (SOI, APP0 "JFIF"): enough for the data URL; the size comes from metadata.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
      0x00,
    ]).toString('base64');
    const notebook = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { language: 'python', name: 'python3', display_name: 'Python 3' } },
      cells: [
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          source: 'photo()',
          outputs: [
            {
              output_type: 'display_data',
              data: { 'image/jpeg': jpeg, 'text/plain': '<IPython.core.display.Image object>' },
              metadata: { 'image/jpeg': { width: 64, height: 32 } },
            },
          ],
        },
      ],
    });
    const { result, out } = await buildSite('alfolio-notebook-jpeg', {
      '_config.yml': 'title: N\n',
      'assets/jupyter/photo.ipynb': notebook,
      '_posts/2024-01-01-photo.md': '---\ntitle: Photo\n---\n{% jupyter_notebook assets/jupyter/photo.ipynb %}\n',
    });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    const html = await readOutput(out, '2024/01/01/photo.html');
    expect(html).toContain(
      `<div class="nb-output nb-image"><img src="data:image/jpeg;base64,${jpeg}" alt="&lt;IPython.core.display.Image object&gt;" width="64" height="32"></div>`,
    );
  });
});

const QUOTES_POST = `---
title: Quotes
---
> ##### TIP
>
> Some advice.
{: .block-tip }

> ##### WARNING
>
> Careful.
{: .block-warning }

> Danger ahead.
{: .block-danger }

> [!NOTE]
> A GitHub alert.
`;

describe.each(['default', 'paper'])("al-folio's block quotes and GitHub alerts in the %s theme", (theme) => {
  it('keep the tip, warning and danger classes, and the theme styles each as a callout', async () => {
    const { result, out } = await buildSite(
      `alfolio-quotes-${theme}`,
      { '_config.yml': 'title: Q\n', '_posts/2024-01-01-quotes.md': QUOTES_POST },
      { theme },
    );
    expect(result.diagnostics).toEqual([]);
    const page = await readOutput(out, '2024/01/01/quotes.html');
    const html = article(page);
    expect(html).toContain('<blockquote class="block-tip">\n<div class="section-heading"><h5 id="tip">TIP</h5>');
    expect(html).toContain(
      '<blockquote class="block-warning">\n<div class="section-heading"><h5 id="warning">WARNING</h5>',
    );
    expect(html).toContain('<blockquote class="block-danger">\n<p>Danger ahead.</p>\n</blockquote>');
    expect(html).toContain('<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>');
    const css = await stylesheetOf(out, page, theme);
    for (const kind of ['block-tip', 'block-warning', 'block-danger']) {
      expect(css).toMatch(new RegExp(`\\.post-content blockquote\\.${kind} \\{ --callout: var\\(--[a-z]+\\)`));
    }
    for (const kind of ['note', 'tip', 'important', 'warning', 'caution']) {
      expect(css).toContain(`.callout-${kind} {`);
    }
  });
});

describe.each(['default', 'paper'])('a Distill post in the %s theme', (theme) => {
  it('uses the distill layout, and the theme styles its title block and contents', async () => {
    const { result, out } = await buildSite(
      `alfolio-distill-${theme}`,
      {
        '_config.yml': 'title: D\n',
        '_posts/2024-03-10-d.md':
          '---\nlayout: distill\ntitle: D\nauthors:\n  - name: Ada\n    affiliations:\n      name: Lab\ntoc:\n  - name: One\n---\n## One\n\nText.\n',
      },
      { theme },
    );
    expect(result.diagnostics).toEqual([]);
    const page = await readOutput(out, '2024/03/10/d.html');
    expect(page).toContain('<article class="post distill">');
    expect(page).toContain(
      '<li><span class="distill-author">Ada</span><span class="distill-affiliation">Lab</span></li>',
    );
    expect(page).toContain('<li><a href="#one">One</a></li>');
    const css = await stylesheetOf(out, page, theme);
    for (const selector of ['.distill-byline', '.distill-affiliation', '.distill-toc']) expect(css).toContain(selector);
  });
});

describe('al-folio front matter keys that inkstone does not render', () => {
  it('are listed in the compatibility report with what happens instead', async () => {
    const { result } = await buildSite('alfolio-keys', {
      '_config.yml': 'title: K\n',
      '_posts/2024-01-01-keys.md':
        '---\ntitle: Keys\ntikzjax: true\npretty_table: true\ncode_diff: true\nmap: true\n---\nText.\n',
    });
    expect(result.ok).toBe(true);
    expect(
      result.compat
        .filter((e) => e.file === '_posts/2024-01-01-keys.md')
        .map((e) => `${e.line} ${e.construct} ${e.status}: ${e.detail}`),
    ).toEqual([
      '3 tikzjax converted: TikZ pictures (<script type="text/tikz">) are compiled at build time by TeX, as TikZJax does',
      "4 pretty_table approximated: tables are shown with the theme's table style",
      '5 code_diff converted: diff2html fences are drawn at build time',
      '6 map converted: geojson fences are drawn at build time as a static map of their shapes (no tiles)',
    ]);
  });
});

describe("al-folio's audio.html include", () => {
  it('is built in when the site has no _includes/audio.html', async () => {
    const { result, out } = await buildSite('alfolio-audio-html', {
      '_config.yml': 'title: A\n',
      '_posts/2024-01-01-a.md':
        '---\ntitle: A\n---\n{% include audio.html path="assets/audio/a.mp3" controls=true caption="Listen" %}\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(await readOutput(out, '2024/01/01/a.html')).toContain(
      '<figure><audio src="/assets/audio/a.mp3" controls=""></audio><figcaption class="caption">Listen</figcaption></figure>',
    );
    expect(result.compat.filter((c) => c.construct === '{% include %}').map((c) => c.detail)).toEqual([
      "al-folio's audio.html, built in: a <figure> with the audio player and its caption",
    ]);
  });
});

describe('unknown keys in {% reference %} and {% quote %}', () => {
  it('are warnings at file:line:col, and the page says the reference is missing', async () => {
    const { result, out } = await buildSite('alfolio-scholar-unknown', {
      '_config.yml': 'title: T\nscholar:\n  bibliography: p.bib\n',
      '_bibliography/p.bib': BIB,
      '_posts/2024-01-01-r.md':
        '---\ntitle: R\n---\nRef {% reference nobody %}.\n\n{% quote ghost %}\nText.\n{% endquote %}\n',
    });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-r.md:4:5 warning[citation] {% reference %}: the key "nobody" is not in the bibliography',
      '_posts/2024-01-01-r.md:6:1 warning[citation] {% quote %}: the key "ghost" is not in the bibliography',
    ]);
    const html = article(await readOutput(out, '2024/01/01/r.html'));
    expect(html).toContain('<p>Ref <span class="citation citation-missing">(missing reference: nobody)</span>.</p>');
    expect(html).toContain(
      '<blockquote class="citation-quote">\n<p>Text.</p>\n<p class="quote-source">— <span class="citation citation-missing">(missing reference: ghost)</span></p>\n</blockquote>',
    );
  });
});
