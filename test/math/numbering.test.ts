/** Equation numbers, labels and references, environments outside dollar signs, macros and delimiters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkReferences, numberDisplay, startNumbering } from '../../src/markdown/math/numbering.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';

describe('numberDisplay', () => {
  it('numbers each row of align, skipping \\notag and a trailing empty row, and keeps \\tag', () => {
    const numbering = startNumbering('ams');
    const align = numberDisplay(
      '\\begin{align} a &= b \\label{first} \\\\ c &= d \\notag \\\\ e &= f \\tag{$\\star$} \\\\ g &= h \\\\ \\end{align}',
      numbering,
    );
    expect(align.katex).toBe(
      '\\begin{align*}\\htmlId{mjx-eqn:first}{} a &= b   \\tag{1}\\\\ c &= d  \\\\ e &= f \\tag{$\\star$} \\\\ g &= h  \\tag{2}\\\\ \\end{align*}',
    );
    expect(align.mathjax).toContain('\\cssId{mjx-eqn:first}{}');
    expect(align.labels).toEqual([{ label: 'first', tag: '1' }]);
    // Every numbered row's tag, automatic or written, in order: the names readers hear.
    expect(align.tags).toEqual(['1', '$\\star$', '2']);
    const equation = numberDisplay('\\begin{equation} E = mc^2 \\label{energy} \\end{equation}', numbering);
    expect(equation.katex).toBe('\\begin{equation*}\\htmlId{mjx-eqn:energy}{} E = mc^2   \\tag{3}\\end{equation*}');
    expect([...numbering.labels]).toEqual([
      ['first', '1'],
      ['energy', '3'],
    ]);
  });

  it('leaves starred environments and plain display math unnumbered under ams, and numbers them under all', () => {
    const ams = startNumbering('ams');
    expect(numberDisplay('\\begin{align*} a &= b \\end{align*}', ams).katex).toBe(
      '\\begin{align*} a &= b \\end{align*}',
    );
    expect(numberDisplay('x^2', ams).katex).toBe('x^2');
    const all = startNumbering('all');
    expect(numberDisplay('x^2 \\label{sq}', all).katex).toBe('\\htmlId{mjx-eqn:sq}{}x^2  \\tag{1}');
    expect(numberDisplay('\\begin{aligned} a &= b \\end{aligned}', all).katex).toBe(
      '\\begin{aligned} a &= b \\end{aligned} \\tag{2}',
    );
    const none = startNumbering('none');
    expect(numberDisplay('\\begin{equation} a \\end{equation}', none).katex).toBe(
      '\\begin{equation*} a \\end{equation*}',
    );
  });

  it('links \\eqref and \\ref to their equation, and shows ??? for an unknown label', () => {
    const labels = new Map([['energy', '3']]);
    const missing: string[] = [];
    expect(
      linkReferences('by \\eqref{energy}, \\ref{energy} and \\eqref{nope}', labels, 'katex', (l) => missing.push(l)),
    ).toBe('by \\href{#mjx-eqn:energy}{\\text{(3)}}, \\href{#mjx-eqn:energy}{\\text{3}} and \\text{(???)}');
    expect(missing).toEqual(['nope']);
  });
});

describe('numbered equations in posts', () => {
  let md: TestMarkdown;
  let kramdown: TestMarkdown;
  beforeAll(async () => {
    md = await createTestMarkdown();
    kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
  });
  afterAll(() => {
    md.dispose();
    kramdown.dispose();
  });

  const POST = [
    'As \\eqref{eq:loss} shows, the loss falls.',
    '',
    '\\begin{equation}',
    'L(\\theta) = \\sum_i \\ell_i(\\theta) \\label{eq:loss}',
    '\\end{equation}',
    '',
    '```tex',
    '\\begin{equation} not math \\end{equation}',
    '```',
    '',
    'See also \\ref{eq:none}.',
    '',
  ].join('\n');

  for (const profile of ['native', 'kramdown'] as const) {
    it(`typesets an environment outside dollars, numbers it and links references to it (${profile})`, async () => {
      const result = await (profile === 'native' ? md : kramdown).render(POST);
      expect(result.html).toContain('<a class="math-ref" href="#mjx-eqn:eq:loss" aria-label="Equation (1)">(1)</a>');
      expect(result.html).toContain('id="mjx-eqn:eq:loss"');
      // The tag KaTeX draws: "(1)" at the right of the display.
      expect(result.html).toMatch(
        /<span class="katex-tag">[\s\S]*?<span class="mord">\(<\/span><span class="mord"><span class="mord">1<\/span><\/span><span class="mord">\)/,
      );
      expect(result.html).toContain('<span class="math-ref math-ref-missing">???</span>');
      // KaTeX's MathML leaves the number out: the display is a group named by it, for screen readers.
      expect(result.html).toContain(
        profile === 'native'
          ? '<div class="math-display" role="group" aria-label="Equation (1)">'
          : '<p><span class="math-numbered" role="group" aria-label="Equation (1)"><span class="katex-display">',
      );
      // Never inside code.
      expect(result.html).toMatch(
        /<div class="code-block" data-language="tex">(?:(?!katex)[\s\S])*not math(?:(?!katex)[\s\S])*<\/pre><\/div>/,
      );
      expect(result.diagnostics.map((d) => [d.location?.line, d.location?.column, d.code, d.message])).toEqual([
        [
          11,
          10,
          'math-ref',
          'reference to an equation labelled "eq:none", but no numbered equation has \\label{eq:none}',
        ],
      ]);
    });
  }

  it('names a numbered display by its numbers, and leaves an unnumbered one unnamed', async () => {
    const result = await md.render(
      [
        '$$',
        '\\begin{align} a &= b \\\\ c &= d \\notag \\\\ e &= f \\end{align}',
        '$$',
        '',
        '$$',
        'x^2',
        '$$',
        '',
      ].join('\n'),
    );
    expect(result.html).toContain('<div class="math-display" role="group" aria-label="Equations (1) and (2)">');
    expect(result.html).toContain('<div class="math-display"><span class="katex-display">');
  });

  it('keeps \\newcommand for the rest of the post, and not for the next one', async () => {
    const first = await md.render('$\\newcommand{\\KL}{D_{\\mathrm{KL}}}\\KL(p\\|q)$ and later $\\KL(q\\|p)$.\n');
    expect(first.diagnostics).toEqual([]);
    expect(first.html.match(/<mi mathvariant="normal">K<\/mi>|<mi>K<\/mi>|KL/g)?.length).toBeGreaterThan(1);
    const second = await md.render('$\\KL(p\\|q)$\n');
    expect(second.diagnostics.map((d) => d.code)).toEqual(['math']);
  });

  it('reads $…$ as text when math.inline leaves it out', async () => {
    const parens = await createTestMarkdown({ math: { inline: ['\\('] } });
    const parensKramdown = await createTestMarkdown({ math: { inline: ['\\('] } }, { profile: 'kramdown' });
    try {
      expect((await parens.render('Costs $x$ and \\(y\\).\n')).html).toMatch(
        /^<p>Costs \$x\$ and <span class="katex">/,
      );
      expect((await parensKramdown.render('Costs $x$ and \\\\(y\\\\).\n')).html).toMatch(
        /^<p>Costs \$x\$ and <span class="katex">/,
      );
    } finally {
      parens.dispose();
      parensKramdown.dispose();
    }
  });
});
