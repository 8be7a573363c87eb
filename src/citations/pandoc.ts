/**
 * Pandoc's citation syntax, found in a native post's body: `[@key]`, `[@key1; @key2]` and
 * `[@key, p. 23]` (a locator after a comma). A bracket is a citation only when every `;`-separated part
 * starts with `@` and a key, and it is not a link (`[@x](url)`, `[@x][ref]`), an image, escaped (`\[`) or
 * a link reference definition. Fenced code, code spans and math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) are
 * skipped. A line scan, not a Markdown parse: indented code blocks are not recognised.
 */
import { codeLines } from '../content/code-lines.js';

/** One cited key, with its locator (`p. 23`) when written. */
export interface CitationPart {
  key: string;
  locator?: string;
  /** 1-based column of the key's `@`. */
  column: number;
}

/** One `[@…]` of a body. */
export interface PandocCitation {
  /** 0-based line in the body. */
  line0: number;
  /** Offset of `[` in the line, and the length of the whole bracket. */
  start: number;
  length: number;
  parts: CitationPart[];
}

/** Pandoc's key: starts with a letter, digit or `_`; inner punctuation allowed, not at the end. */
const KEY = /^@([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?)(?:\s*,\s*(\S[\s\S]*?))?\s*$/u;
const BRACKET = /\[(@[^[\]\n]*)\]/g;

/** Every citation of `body`, in order. */
export function findPandocCitations(body: string): PandocCitation[] {
  if (!body.includes('[@')) return [];
  const lines = body.split('\n');
  const code = codeLines(body);
  const found: PandocCitation[] = [];
  let displayMath: string | undefined;
  lines.forEach((line, line0) => {
    if (code.has(line0)) return;
    const scan = skippedRanges(line, displayMath);
    displayMath = scan.openMath;
    for (const match of line.matchAll(BRACKET)) {
      const start = match.index;
      const end = start + match[0].length;
      if (scan.ranges.some(([from, to]) => start < to && end > from)) continue;
      if (!isCitationPosition(line, start, end)) continue;
      const parts = parseParts(match[1]!, start + 1);
      if (parts) found.push({ line0, start, length: match[0].length, parts });
    }
  });
  return found;
}

function isCitationPosition(line: string, start: number, end: number): boolean {
  const before = line.slice(0, start);
  if (/(^|[^\\])(\\\\)*\\$/.test(before) || before.endsWith('!')) return false;
  const next = line[end];
  if (next === '(' || next === '[') return false;
  return !(next === ':' && /^ {0,3}$/.test(before));
}

/** `@a, p. 3; @b` (starting at `offset` in its line) → parts, or undefined when it is not a citation. */
function parseParts(inner: string, offset: number): CitationPart[] | undefined {
  const parts: CitationPart[] = [];
  let at = 0;
  for (const raw of inner.split(';')) {
    const lead = raw.length - raw.trimStart().length;
    const m = KEY.exec(raw.trimStart());
    if (!m) return undefined;
    parts.push({ key: m[1]!, ...(m[2] ? { locator: m[2].trim() } : {}), column: offset + at + lead + 1 });
    at += raw.length + 1;
  }
  return parts;
}

/**
 * The ranges of `line` that are code spans or math, and whether display math (`$$` or `\[`) is still
 * open at its end; `open` is the display math opened on an earlier line.
 */
function skippedRanges(
  line: string,
  open: string | undefined,
): { ranges: Array<[number, number]>; openMath: string | undefined } {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  if (open) {
    const close = line.indexOf(open);
    if (close === -1) return { ranges: [[0, line.length]], openMath: open };
    ranges.push([0, close + open.length]);
    i = close + open.length;
  }
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\' && (line[i + 1] === '(' || (line[i + 1] === '[' && line.slice(0, i).trim() === ''))) {
      // `\(` is inline math anywhere; `\[` is display math only where a line starts, else an escaped bracket.
      const closer = line[i + 1] === '(' ? '\\)' : '\\]';
      const close = line.indexOf(closer, i + 2);
      if (close === -1 && closer === '\\]') return { ranges: [...ranges, [i, line.length]], openMath: closer };
      if (close !== -1) {
        ranges.push([i, close + 2]);
        i = close + 2;
        continue;
      }
      i += 2;
    } else if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close === -1) {
        i += run.length;
        continue;
      }
      ranges.push([i, close + run.length]);
      i = close + run.length;
    } else if (ch === '$' && line[i + 1] === '$') {
      const close = line.indexOf('$$', i + 2);
      if (close === -1) return { ranges: [...ranges, [i, line.length]], openMath: '$$' };
      ranges.push([i, close + 2]);
      i = close + 2;
    } else if (ch === '$') {
      const close = inlineMathEnd(line, i);
      if (close === undefined) i++;
      else {
        ranges.push([i, close + 1]);
        i = close + 1;
      }
    } else i++;
  }
  return { ranges, openMath: undefined };
}

/** The closing `$` of inline math opened at `open`, by the math plugin's rule (a dollar amount is not math). */
function inlineMathEnd(line: string, open: number): number | undefined {
  if (/\s/.test(line[open + 1] ?? ' ')) return undefined;
  for (let j = open + 1; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === '$') return /\s/.test(line[j - 1]!) || /\d/.test(line[j + 1] ?? '') ? undefined : j;
  }
  return undefined;
}
