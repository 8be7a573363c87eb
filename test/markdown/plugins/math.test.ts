import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMath, createTestMarkdown, textOf, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const render = async (text: string) => (await md.render(text)).html;

describe('inline math', () => {
  it('renders $…$ and \\(…\\) inline', async () => {
    const html = await render('Let $x^2$ and \\(y_1\\) be given.');
    expect(countMath(html)).toEqual({ inline: 2, display: 0 });
    expect(html).toContain('<annotation encoding="application/x-tex">x^2</annotation>');
    expect(html).toContain('<annotation encoding="application/x-tex">y_1</annotation>');
    expect(textOf(html)).not.toContain('$');
  });

  it('parses math before emphasis, so * and _ inside formulas survive', async () => {
    const html = await render('Where y has shape $(*,H_{out})$ and x has shape $(*,H_{in})$.');
    expect(countMath(html)).toEqual({ inline: 2, display: 0 });
    expect(html).not.toContain('<em>');
    expect(html).toContain('<annotation encoding="application/x-tex">(*,H_{out})</annotation>');
    expect(html).toContain('<annotation encoding="application/x-tex">(*,H_{in})</annotation>');
  });

  it('treats $$…$$ in the middle of a line of prose as inline math (kramdown)', async () => {
    const html = await render('Inline $$a+b$$ in prose and $$c$$.');
    expect(countMath(html)).toEqual({ inline: 2, display: 0 });
    expect(html).toContain('<p>Inline <span class="katex">');
  });

  it('keeps code spans and escaped dollars as text', async () => {
    const html = await render('`$x$` and \\$y\\$ here');
    expect(countMath(html)).toEqual({ inline: 0, display: 0 });
    expect(html).toBe('<p><code>$x$</code> and $y$ here</p>\n');
  });

  it('escapes what the formula contains', async () => {
    const html = await render('$<script>$');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<annotation encoding="application/x-tex">&lt;script&gt;</annotation>');
  });
});

describe('dollar signs in prose', () => {
  it('leaves "costs $5 and $10" as text', async () => {
    expect(await render('It costs $5 and $10 today.')).toBe('<p>It costs $5 and $10 today.</p>\n');
  });

  it('does not pair a price with a later formula', async () => {
    const html = await render('We paid $5, and $x$ is free.');
    expect(countMath(html)).toEqual({ inline: 1, display: 0 });
    expect(html.startsWith('<p>We paid $5, and <span class="katex">')).toBe(true);
    expect(html).toContain('<annotation encoding="application/x-tex">x</annotation>');
  });

  it('does not open math on a $ followed by a space', async () => {
    expect(await render('between $ 5 and 6$ inclusive')).toBe('<p>between $ 5 and 6$ inclusive</p>\n');
  });

  it('does not close math on a $ followed by a digit', async () => {
    expect(await render('from $x$5 up')).toBe('<p>from $x$5 up</p>\n');
  });

  it('does not close math on a $ preceded by a space', async () => {
    expect(await render('a $b $ c')).toBe('<p>a $b $ c</p>\n');
  });
});

describe('display math', () => {
  it('renders $$…$$ on a line of its own as display math', async () => {
    const html = await render('$$E = mc^2$$');
    expect(countMath(html)).toEqual({ inline: 0, display: 1 });
    expect(html.startsWith('<div class="math-display"><span class="katex-display">')).toBe(true);
  });

  it('renders \\[…\\] over several lines as display math', async () => {
    const html = await render('\\[\nE = mc^2\n\\]');
    expect(countMath(html)).toEqual({ inline: 0, display: 1 });
    expect(html).toContain('<annotation encoding="application/x-tex">\nE = mc^2\n</annotation>');
  });

  it('renders a multi-line $$ block', async () => {
    const html = await render('$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$');
    expect(countMath(html)).toEqual({ inline: 0, display: 1 });
  });

  it('splits a paragraph around $$…$$ on its own line inside it', async () => {
    const html = await render('the following equation:\n$$y=x.A^T + b$$\nWhere y has shape $(*,H_{out})$.');
    expect(countMath(html)).toEqual({ inline: 1, display: 1 });
    expect(html.startsWith('<p>the following equation:</p>\n<div class="math-display">')).toBe(true);
    expect(html).toContain('</div>\n<p>Where y has shape <span class="katex">');
  });

  it('is not display math when a blank line interrupts it', async () => {
    const html = await render('$$\na+b\n\n$$');
    expect(countMath(html)).toEqual({ inline: 0, display: 0 });
  });

  it('works inside list items', async () => {
    const html = await render('- item\n  $$\n  x^2\n  $$\n');
    expect(countMath(html)).toEqual({ inline: 0, display: 1 });
    expect(html).toContain('<li>item<div class="math-display">');
  });

  it('leaves \\[ in the middle of a line as an escaped bracket', async () => {
    expect(await render('see \\[1\\] and \\[2\\]')).toBe('<p>see [1] and [2]</p>\n');
  });
});

describe('invalid LaTeX', () => {
  it('warns at file:line:col and shows the escaped source with an error class', async () => {
    const result = await md.render('Text $\\fo<b>$ here.', { bodyLine: 5, file: 'posts/broken.md' });
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'math',
        message: 'Undefined control sequence: \\fo (MathJax refuses it too: Undefined control sequence \\fo)',
        location: { file: 'posts/broken.md', line: 5, column: 7 },
        sourceText: '\n\n\n\nText $\\fo<b>$ here.',
      },
    ]);
    expect(result.html).toBe(
      '<p>Text <code class="math-error" title="Undefined control sequence: \\fo">$\\fo&lt;b&gt;$</code> here.</p>\n',
    );
  });

  it('points into multi-line display math and into blockquotes', async () => {
    const display = await md.render('intro\n\n$$\na +\n\\nope\n$$', { bodyLine: 3 });
    expect(display.diagnostics.map((d) => [d.message, d.location?.line, d.location?.column])).toEqual([
      ['Undefined control sequence: \\nope (MathJax refuses it too: Undefined control sequence \\nope)', 7, 1],
    ]);
    expect(display.html).toContain('<pre class="math-error"');
    const quote = await md.render('> quote $\\badcmd{x}$');
    expect(quote.diagnostics.map((d) => [d.location?.line, d.location?.column])).toEqual([[1, 10]]);
  });

  it('bounds macro expansion', async () => {
    const result = await md.render('$\\def\\a{\\a}\\a$');
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Too many expansions: infinite loop or need to increase maxExpand setting (MathJax refuses it too: MathJax maximum macro substitution count exceeded; is here a recursive macro call?)',
    ]);
  });

  it('does not trust \\href and friends', async () => {
    const html = await render('$\\href{javascript:alert(1)}{x}$');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<mtext>\\href</mtext>');
  });
});

describe('features', () => {
  it('flags posts that have math', async () => {
    expect((await md.render('$x$')).features.math).toBe(true);
    expect((await md.render('costs $5')).features.math).toBe(false);
  });
});
