/** Code frames: the offending source line and a caret under the column. */

/**
 * Two lines: `  14 | <source line>` and a caret line pointing at `column`.
 * Returns '' when the line does not exist. Tabs are kept so the caret lines up.
 */
export function codeFrame(text: string, line: number, column?: number): string {
  const lines = text.split(/\r?\n/);
  const source = lines[line - 1];
  if (source === undefined) return '';
  const gutter = `${line} | `;
  const first = `  ${gutter}${source}`;
  const col = Math.max(1, Math.min(column ?? 1, source.length + 1));
  const lead = source.slice(0, col - 1).replace(/[^\t]/g, ' ');
  const second = `  ${' '.repeat(gutter.length - 2)}| ${lead}^`;
  return `${first}\n${second}`;
}
