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
