import { describe, expect, it } from 'vitest';
import { findDollarMath } from '../../src/markdown/kramdown/dollar-math.js';

const formula = (text: string) => {
  const start = text.indexOf('$');
  const end = findDollarMath(text, start);
  return end === -1 ? undefined : text.slice(start, end);
};

describe('single-dollar math in kramdown posts', () => {
  it('finds a formula that opens and closes against non-spaces', () => {
    expect(formula('shape $(*,H_{out})$ here')).toBe('$(*,H_{out})$');
    expect(formula('and $a<b$ too')).toBe('$a<b$');
    expect(formula('escaped $\\$5$ inside')).toBe('$\\$5$');
  });

  it('leaves dollar amounts alone', () => {
    expect(formula('costs $5 and $10')).toBeUndefined();
    expect(formula('a $ sign and $x$')).toBeUndefined();
  });

  it('never pairs across a code span, an HTML tag or a $$ formula', () => {
    expect(formula('$x `code` y$')).toBeUndefined();
    expect(formula('$x <span>y</span>$')).toBeUndefined();
    expect(formula('$x $$y$$')).toBeUndefined();
  });
});

describe("formulas in kramdown posts are read after kramdown's backslash escapes, as the reader's MathJax got them", () => {
  const texOf = async (text: string): Promise<string[]> => {
    const { createTestMarkdown } = await import('../helpers/markdown.js');
    const md = await createTestMarkdown({}, { profile: 'kramdown' });
    try {
      const { html } = await md.render(text);
      return [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) =>
        m[1]!.replace(/&amp;/g, '&'),
      );
    } finally {
      md.dispose();
    }
  };

  it('in $…$: \\_ is a subscript, \\\\{ a brace, \\| a bar', async () => {
    expect(await texOf('$x\\_i$, $\\\\{x\\\\}$ and $\\|v\\|$.\n')).toEqual(['x_i', '\\{x\\}', '|v|']);
  });

  it("in an environment outside dollars, and never in kramdown's own $$…$$", async () => {
    const [environment] = await texOf('Text\n\\begin{equation}\nx\\_i = \\\\{1\\\\}\n\\end{equation}\nmore.\n');
    expect(environment).toContain('\nx_i = \\{1\\}\n');
    expect(await texOf('Inline $$x\\_i$$ here.\n')).toEqual(['x\\_i']);
  });
});
