/**
 * The MathJax fallback, on a corpus of our own of formulas KaTeX refuses and MathJax renders
 * (test/fixtures/math/fallback-corpus.json): every one renders, without a warning, in pages as SVG
 * with MathML beside it and in feeds as MathML only.
 */
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatSummary } from '../../src/cli/terminal.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

interface Formula {
  tex: string;
  display: boolean;
  covers: string;
}

const corpus = JSON.parse(readFileSync(`${TEST_DIR}/fixtures/math/fallback-corpus.json`, 'utf8')) as Formula[];

/** One post holding every formula: display ones as `$$` blocks, inline ones inside prose. */
const post = corpus.map((f) => (f.display ? `$$\n${f.tex}\n$$\n` : `Inline $$${f.tex}$$ in a sentence.\n`)).join('\n');

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('the fallback corpus', () => {
  it('has at least 100 formulas, and KaTeX refuses each', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const accepted = corpus.filter((f) => {
      try {
        katex.renderToString(f.tex, { displayMode: f.display, throwOnError: true, strict: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted.map((f) => f.tex)).toEqual([]);
  });
});

describe('formulas KaTeX refuses', () => {
  it('are all rendered by MathJax, with no warning, as SVG with MathML in pages and MathML in feeds', async () => {
    const result = await md.render(post);
    expect(result.diagnostics).toEqual([]);
    // A few KaTeX renders after all once numbering has turned `\label` and `\eqref` into anchors and links.
    const byMathJax = result.html.match(/<span class="math-fallback( math-fallback-display)?">/g)?.length ?? 0;
    const byKatex = result.html.match(/<span class="katex">/g)?.length ?? 0;
    expect(byMathJax).toBe(result.features.mathFallbacks);
    expect(byMathJax).toBeGreaterThan(150);
    expect(byMathJax + byKatex).toBe(corpus.length);
    expect(result.html).not.toContain('math-error');
    expect(result.html).not.toContain('merror');
    // Feeds: MathML only, with the TeX as its annotation.
    expect(result.feedHtml).not.toContain('<svg');
    expect(result.feedHtml.match(/<math /g)?.length).toBe(corpus.length);
  });

  it('warns, at the formula, only when MathJax refuses it too', async () => {
    const result = await md.render('Fine $t_\\max$, broken $\\frac{1}{$ and $\\nosuchmacro x$.\n');
    expect(result.features.mathFallbacks).toBe(1);
    expect(result.diagnostics.map((d) => [d.location?.line, d.location?.column, d.message])).toEqual([
      [
        1,
        33,
        "Unexpected end of input in a macro argument, expected '}' (MathJax refuses it too: Missing close brace)",
      ],
      [
        1,
        40,
        'Undefined control sequence: \\nosuchmacro (MathJax refuses it too: Undefined control sequence \\nosuchmacro)',
      ],
    ]);
    expect(result.html.match(/class="math-error"/g)).toHaveLength(2);
  });

  it('sees the definitions that earlier formulas made, and keeps equation numbers', async () => {
    const result = await md.render(
      [
        '$\\newcommand{\\norm}[1]{\\lVert #1 \\rVert}$',
        '',
        '\\begin{eqnarray}',
        'x_\\max &=& \\norm{v} \\label{eq:m}',
        '\\end{eqnarray}',
        '',
        'By \\eqref{eq:m}.',
        '',
      ].join('\n'),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.features.mathFallbacks).toBe(1);
    expect(result.html).toContain('id="mjx-eqn:eq:m"');
    expect(result.html).toContain('<a class="math-ref" href="#mjx-eqn:eq:m" aria-label="Equation (1)">(1)</a>');
  });
});

describe('the build summary', () => {
  it('counts the formulas the fallback rendered, and says nothing when there were none', async () => {
    const site = await writeSite('fallback-summary', {
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\n$t_\\max$ and $x_\\min$ and $y$.\n',
      'posts/b.md': '---\ntitle: B\ndate: 2024-01-02\n---\n$z$\n',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.stats.mathFallbacks).toBe(2);
      expect(formatSummary(result, 1000, false).split('\n')[2]).toBe(
        '  2 formulas rendered by MathJax (KaTeX refused them).',
      );
      const plain = await build({ siteDir: site, write: false, config: { math: { inline: ['\\('] } } });
      expect(plain.stats.mathFallbacks).toBe(0);
      expect(formatSummary(plain, 1000, false).split('\n')).toHaveLength(2);
    } finally {
      await removeDir(site);
    }
  });
});
