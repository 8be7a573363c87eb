/**
 * Single-dollar math, `$…$`: not kramdown syntax, but what readers' MathJax showed on Jekyll sites
 * (al-folio and most math blogs configure MathJax to find `$…$`). A formula opens at a `$` followed by
 * a non-space, closes at the next unescaped `$` that follows a non-space and is not followed by a
 * digit ("costs $5 and $10" stays prose), and never reaches across a code span or an HTML tag.
 */

const HTML_TAG = /^<(?:[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>|\/[A-Za-z][\w:.-]*\s*>|!--)/;

/** End (exclusive) of the formula opening at `start`, or -1 when this `$` is a dollar sign. */
export function findDollarMath(text: string, start: number): number {
  const next = text[start + 1];
  if (next === undefined || /\s/.test(next) || next === '$') return -1;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') return -1;
    if (ch === '<' && HTML_TAG.test(text.slice(i, i + 200))) return -1;
    if (ch === '\n' && text[i + 1] === '\n') return -1;
    if (ch !== '$') continue;
    if (text[i + 1] === '$') return -1;
    if (/\s/.test(text[i - 1]!) || /[0-9]/.test(text[i + 1] ?? '')) return -1;
    return i === start + 1 ? -1 : i + 1;
  }
  return -1;
}
