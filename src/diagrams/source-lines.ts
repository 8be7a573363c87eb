/**
 * Maps the line numbers in mermaid's parse errors back to the diagram as written. Before parsing,
 * mermaid 11 drops front matter, `%%{…}%%` directives, `%%` comment lines (with the blank lines
 * before them) and leading blank lines, then numbers the lines of what is left: without this map,
 * an error below a dropped line is reported too high. The steps and patterns below are mermaid's
 * own (src/preprocess.ts, src/diagram-api/regexes.ts, src/diagram-api/comments.ts).
 */
import { positionOf } from '../core/text-position.js';

const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT = /^\s*%%(?!{)[^\n]+\n?/gm;
const LEADING_SPACE = /^\s+/;

/** Text that survived some removals, with the offset in the original source of each character. */
interface Remaining {
  text: string;
  origin: number[];
}

/** The 1-based line of `source` (a diagram's text) that mermaid calls line `mermaidLine`. */
export function diagramSourceLine(source: string, mermaidLine: number): number {
  let rest: Remaining = { text: source, origin: Array.from({ length: source.length }, (_, i) => i) };
  for (const pattern of [FRONT_MATTER, DIRECTIVE, COMMENT, LEADING_SPACE]) rest = removeMatches(rest, pattern);
  const lastLine = lineAt(source, source.replace(/\n$/, '').length);
  let offset = 0;
  for (let line = 1; line < mermaidLine; line++) {
    const next = rest.text.indexOf('\n', offset);
    if (next === -1) return lastLine;
    offset = next + 1;
  }
  const at = rest.origin[offset];
  return at === undefined ? lastLine : Math.min(lineAt(source, at), lastLine);
}

/** `rest` without the matches of `pattern` (all of them if it is global, else the first, as `replace` does). */
function removeMatches(rest: Remaining, pattern: RegExp): Remaining {
  const matches = pattern.global
    ? [...rest.text.matchAll(pattern)]
    : [pattern.exec(rest.text)].filter((m) => m !== null);
  let text = '';
  const origin: number[] = [];
  let from = 0;
  for (const match of [...matches, undefined]) {
    const to = match ? match.index : rest.text.length;
    text += rest.text.slice(from, to);
    for (let i = from; i < to; i++) origin.push(rest.origin[i]!);
    if (match) from = match.index + match[0].length;
  }
  return { text, origin };
}

/** 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  return positionOf(text, offset).line0 + 1;
}
