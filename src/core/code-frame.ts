/** Code frames: the offending source line and a caret under the column. */

/** Widest source excerpt shown, in characters. */
const MAX_WIDTH = 120;

/**
 * Two lines: `  14 | <source line>` and a caret line pointing at `column`.
 * Returns '' when the line does not exist. Tabs are kept so the caret lines up.
 */
export function codeFrame(text: string, line: number, column?: number): string {
  const lines = text.split(/\r?\n/);
  const source = lines[line - 1];
  if (source === undefined) return '';
  const gutter = `${line} | `;
  let col = Math.max(1, Math.min(column ?? 1, source.length + 1));
  let shown = source;
  // A very long line (minified HTML, a generated formula) is cut to a window around the column.
  if (shown.length > MAX_WIDTH) {
    const start = Math.max(0, Math.min(col - 1 - MAX_WIDTH / 2, shown.length - MAX_WIDTH));
    const prefix = start > 0 ? '…' : '';
    const suffix = start + MAX_WIDTH < shown.length ? '…' : '';
    shown = `${prefix}${shown.slice(start, start + MAX_WIDTH)}${suffix}`;
    col = col - start + prefix.length;
  }
  const first = `  ${gutter}${shown}`;
  const lead = shown.slice(0, col - 1).replace(/[^\t]/g, ' ');
  const second = `  ${' '.repeat(gutter.length - 2)}| ${lead}^`;
  return `${first}\n${second}`;
}
