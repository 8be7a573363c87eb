/**
 * AMS environments written straight in the text, outside any dollar signs (`\begin{equation}…\end{equation}`
 * on lines of their own, or in a paragraph): the reader's MathJax typeset them as display math, so
 * inkstone does too, in native posts (a block rule) and kramdown posts (a span rule, see span-parser.ts).
 */
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { DISPLAY_ENVIRONMENTS } from './numbering.js';

const BEGIN = /^\\begin\{([A-Za-z]+\*?)\}/;

/** The end (exclusive) of the environment that opens at `text[start]`, or -1 when it is not one or never closes. */
export function environmentEnd(text: string, start: number): number {
  const open = BEGIN.exec(text.slice(start, start + 40));
  if (!open || !DISPLAY_ENVIRONMENTS.has(open[1]!)) return -1;
  const name = open[1]!.replace('*', '\\*');
  const tags = new RegExp(`\\\\(begin|end)\\{${name}\\}`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    depth += m[1] === 'begin' ? 1 : -1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}

/** The markdown-it block rule: an environment starting a line and ending at the end of a line. */
export function mathEnvironmentBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.src.charCodeAt(start) !== 0x5c /* \ */) return false;
  const limit = state.eMarks[endLine - 1]!;
  const end = environmentEnd(state.src.slice(0, limit), start);
  if (end === -1) return false;
  let line = startLine;
  while (line < endLine && state.eMarks[line]! < end) line++;
  if (state.src.slice(end, state.eMarks[line]!).trim() !== '') return false;
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.markup = '\\begin';
  token.content = state.src.slice(start, end);
  token.map = [startLine, line + 1];
  token.meta = { display: true, raw: token.content, offset: 0 };
  state.line = line + 1;
  return true;
}
