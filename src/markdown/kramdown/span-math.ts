/**
 * Math in kramdown spans: kramdown's `$$…$$`, and what the reader's MathJax also found in the text:
 * single-dollar `$…$`, AMS environments outside dollars, and `\eqref`/`\ref`.
 *
 * What MathJax found in the text was kramdown's output, after kramdown's backslash escapes: authors
 * wrote `$x\_i$` (so that `_` was not emphasis) and `$\\{x\\}$` (for `\{x\}`) because of them, so
 * those formulas are read after the same escapes (`kramdownText`). `$$…$$` is kramdown's own math,
 * kept as written, as kramdown keeps it.
 */
import { environmentEnd } from '../math/environments.js';
import { readReference } from '../math/references.js';
import { findDollarMath } from './dollar-math.js';
import { ESCAPED_CHARS_G } from './patterns.js';
import type { SpanParser } from './span-parser.js';
import { el } from './tree.js';

export function parseInlineMath(s: SpanParser): void {
  const line = s.src.line();
  const start = s.src.pos;
  s.src.scan(/\$\$([\s\S]*?)\$\$/);
  s.tree.children.push(
    el('math', s.src.groups[1]!.trim(), {}, { line, category: 'span', offset: start + 2, source: s.src.matched }),
  );
}

export function parseDollarMath(s: SpanParser): void {
  const line = s.src.line();
  const start = s.src.pos;
  const end = findDollarMath(s.src.text, start);
  if (end === -1) {
    s.addText(s.src.getch());
    return;
  }
  const source = s.src.text.slice(start, end);
  s.src.pos = end;
  s.tree.children.push(
    el(
      'math',
      kramdownText(source.slice(1, -1)),
      {},
      { line, category: 'span', offset: start + 1, source, name: 'dollar' },
    ),
  );
}

/** `\begin{align}…\end{align}` in a paragraph: display math, as the reader's MathJax found it. */
export function parseMathEnvironment(s: SpanParser): void {
  const start = s.src.pos;
  const end = environmentEnd(s.src.text, start);
  if (end === -1) {
    s.addText(s.src.getch());
    return;
  }
  const source = s.src.text.slice(start, end);
  s.tree.children.push(
    el(
      'math',
      kramdownText(source),
      {},
      { line: s.src.line(), category: 'span', offset: start, source, name: 'environment' },
    ),
  );
  s.src.pos = end;
}

/** `\eqref{x}` and `\ref{x}` in text: links to the equation (see math/references.ts). */
export function parseMathRef(s: SpanParser): void {
  const ref = readReference(s.src.text, s.src.pos);
  if (!ref) {
    s.addText(s.src.getch());
    return;
  }
  s.tree.children.push(el('math_ref', ref.label, {}, { line: s.src.line(), name: ref.kind, offset: s.src.pos }));
  s.src.pos += ref.length;
}

/** `text` as kramdown writes it out: each backslash escape (`\_`, `\\`, `\{`, `\|`, …) becomes its character. */
function kramdownText(text: string): string {
  return text.replace(ESCAPED_CHARS_G, '$1');
}
