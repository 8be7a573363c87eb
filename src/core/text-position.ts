/** Positions in text: the line and column of an offset, and line counts. */

/** 0-based line of offset `offset` in `text`, and its 1-based column. */
export function positionOf(text: string, offset: number): { line0: number; column: number } {
  let line0 = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line0++;
    lineStart = i + 1;
  }
  return { line0, column: offset - lineStart + 1 };
}

/** Number of line breaks in `text`. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
