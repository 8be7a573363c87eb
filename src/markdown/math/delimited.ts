/**
 * The delimited math syntax of native posts: `$$…$$` and `\[…\]` blocks (also inside a paragraph),
 * `$…$` and `\(…\)` inline, as the reader's MathJax finds them. Each formula becomes a
 * `math_block` or `math_inline` token that the math plugin renders (plugins/math.ts).
 */
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type { MathOptions } from '../plugins/math.js';

/** A formula token's meta: what the syntax found, then what rendering made of it. */
export interface MathMeta {
  display: boolean;
  /** Source with its delimiters, shown escaped when KaTeX rejects it. */
  raw: string;
  /** Offset of the formula's first character in the parent inline content. */
  offset: number;
  /** KaTeX HTML plus MathML, for pages. */
  html?: string;
  /** MathML only, for feeds: feed readers have no KaTeX stylesheet. */
  mathml?: string;
  /** The TeX given to KaTeX and to the MathJax fallback, after numbering and references. */
  katexTex?: string;
  mathjaxTex?: string;
  /** The equation numbers of a display formula (none when it is unnumbered). */
  tags?: string[];
}

const DELIMITERS = [
  { open: '$$', close: '$$' },
  { open: '\\[', close: '\\]' },
];

export function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const first = state.src.slice(start, state.eMarks[startLine]!);
  const delimiter = DELIMITERS.find((d) => first.startsWith(d.open));
  if (!delimiter) return false;
  const rest = first.slice(delimiter.open.length);
  const closeAt = rest.indexOf(delimiter.close);
  let content: string;
  let nextLine: number;
  if (closeAt !== -1) {
    // One line: the closer must end it, with nothing else in between (else it is inline prose).
    if (rest.slice(closeAt + delimiter.close.length).trim() !== '' || rest.slice(0, closeAt).trim() === '')
      return false;
    content = rest.slice(0, closeAt);
    nextLine = startLine + 1;
  } else {
    const lines = [rest];
    let line = startLine + 1;
    let closed = false;
    for (; line < endLine; line++) {
      // Keep indentation so that columns in diagnostics match the file.
      const text = state.src.slice(state.bMarks[line]!, state.eMarks[line]!);
      if (text.trim() === '') return false; // TeX forbids blank lines in math: not a formula.
      const at = text.indexOf(delimiter.close);
      if (at !== -1) {
        if (text.slice(at + delimiter.close.length).trim() !== '') return false;
        lines.push(text.slice(0, at));
        closed = true;
        break;
      }
      lines.push(text);
    }
    if (!closed) return false;
    content = lines.join('\n');
    nextLine = line + 1;
  }
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.markup = delimiter.open;
  // Not trimmed: diagnostics count lines and columns from the opening delimiter.
  token.content = content;
  token.map = [startLine, nextLine];
  const meta: MathMeta = {
    display: true,
    raw: state.src.slice(start, state.eMarks[nextLine - 1]!).trim(),
    offset: delimiter.open.length,
  };
  token.meta = meta;
  state.line = nextLine;
  return true;
}

export function mathInline(state: StateInline, silent: boolean, inline: MathOptions['inline']): boolean {
  const src = state.src;
  const pos = state.pos;
  let open: string;
  let close: string;
  let end: number;
  if (src.startsWith('\\(', pos)) {
    if (!inline.includes('\\(')) return false;
    open = '\\(';
    close = '\\)';
    end = src.indexOf(close, pos + 2);
    if (end === -1) return false;
  } else if (src.startsWith('$$', pos)) {
    open = close = '$$';
    end = findUnescaped(src, '$$', pos + 2);
    if (end === -1) return false;
  } else if (src.charCodeAt(pos) === 0x24 /* $ */) {
    if (!inline.includes('$')) return false;
    open = close = '$';
    const next = src[pos + 1];
    if (next === undefined || /\s/.test(next)) return false;
    end = findUnescaped(src, '$', pos + 1);
    if (end === -1) return false;
    const before = src[end - 1]!;
    const after = src[end + 1];
    if (/\s/.test(before) || (after !== undefined && /[0-9]/.test(after))) return false;
  } else {
    return false;
  }
  const content = src.slice(pos + open.length, end);
  if (content.trim() === '') return false;
  if (!silent) {
    // `$$…$$` alone on its line inside a container the block rule did not see: still display.
    const display = open === '$$' && isAloneOnLine(src, pos, end + close.length);
    const token = state.push('math_inline', 'math', 0);
    token.markup = open;
    token.content = display ? content.trim() : content;
    const meta: MathMeta = { display, raw: src.slice(pos, end + close.length), offset: pos + open.length };
    token.meta = meta;
  }
  state.pos = end + close.length;
  return true;
}

/** Index of the next `needle` at or after `from` that is not preceded by a backslash escape. */
function findUnescaped(src: string, needle: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src.startsWith(needle, i)) return i;
  }
  return -1;
}

function isAloneOnLine(src: string, start: number, end: number): boolean {
  const lineStart = src.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = src.indexOf('\n', end);
  return (
    src.slice(lineStart, start).trim() === '' && src.slice(end, lineEnd === -1 ? src.length : lineEnd).trim() === ''
  );
}
