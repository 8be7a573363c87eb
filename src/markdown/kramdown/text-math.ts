/**
 * What the reader's MathJax still found in a kramdown page's text: `\(…\)` and `\[…\]`. kramdown
 * turns `\\(` into `\(` (a backslash escape), so authors of Jekyll posts wrote `\\(x\\)` to reach
 * MathJax; those formulas are in the text after span parsing, and become math tokens here. Like
 * MathJax, a formula is looked for within a run of text (tags such as `<em>` end a run).
 */
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';

const DELIMITED = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;

/** Replaces formulas in the text runs of `state.tokens`; `\(…\)` only when `inlineParens` is set. */
export function mathFromText(state: StateInline, inlineParens: boolean): void {
  const tokens = state.tokens;
  const out: Token[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length > 0) out.push(...splitRun(state, run, inlineParens));
    run = [];
  };
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'softbreak') run.push(token);
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  tokens.splice(0, tokens.length, ...out);
}

function splitRun(state: StateInline, run: Token[], inlineParens: boolean): Token[] {
  const text = run.map((t) => (t.type === 'softbreak' ? '\n' : t.content)).join('');
  if (!text.includes('\\(') && !text.includes('\\[')) return run;
  const out: Token[] = [];
  const pushText = (piece: string) => {
    piece.split('\n').forEach((line, i) => {
      if (i > 0) out.push(new state.Token('softbreak', 'br', 0));
      if (line !== '') Object.assign((out[out.length] = new state.Token('text', '', 0)), { content: line });
    });
  };
  let last = 0;
  let found = false;
  for (const m of text.matchAll(DELIMITED)) {
    const display = m[2] !== undefined;
    if (!display && !inlineParens) continue;
    found = true;
    pushText(text.slice(last, m.index));
    const math = new state.Token('math_inline', 'math', 0);
    math.content = (m[1] ?? m[2]!).trim();
    math.markup = display ? '\\[' : '\\(';
    math.meta = { display, raw: m[0], offset: 0 };
    out.push(math);
    last = m.index! + m[0].length;
  }
  if (!found) return run;
  pushText(text.slice(last));
  return out;
}
