/**
 * kramdown tables: consecutive lines holding an unescaped `|`, after a block boundary and followed
 * by one. A separator line (`|---|`) makes the rows above it the header; without one every row is
 * body. `|===` starts a footer; pipes inside code spans do not split cells.
 */
import type { KramdownParser } from './parser.js';
import * as P from './patterns.js';
import { SpanParser } from './span-parser.js';
import { el, type KElement } from './tree.js';

type Align = 'default' | 'left' | 'right' | 'center';

/** Parses `text` with only the given span parsers (code spans, HTML), keeping the block parser's place. */
function spansOf(p: KramdownParser, text: string, line: number, parsers: Array<'codespan' | 'span_html'>): KElement[] {
  const savedSrc = p.src;
  const savedTree = p.tree;
  try {
    const spans = new SpanParser(p, p.defs, text, line, false);
    spans.textType = 'raw_text';
    return spans.parseAll(el('root'), parsers).children;
  } finally {
    p.src = savedSrc;
    p.tree = savedTree;
  }
}

export function parseTable(p: KramdownParser): boolean {
  if (!p.afterBlockBoundary()) return false;
  const savedPos = p.src.pos;
  const table = p.newBlock('table', '', {}, { alignment: [], line: p.src.line() });
  const leadingPipe = /^\s*\|/.test(p.src.check(P.TABLE_LINE) ?? '');
  p.src.scan(P.TABLE_SEP_LINE);
  let rows: KElement[] = [];
  let hasFooter = false;
  let columns = 0;
  const addContainer = (type: string, force: boolean) => {
    if (!hasFooter || type !== 'tbody' || force) {
      const container = el(type);
      container.children = rows;
      rows = [];
      table.children.push(container);
    }
  };
  while (!p.src.eos()) {
    if (!p.src.matches(P.TABLE_LINE)) break;
    if (p.src.scan(P.TABLE_SEP_LINE) !== undefined) {
      if (rows.length === 0) {
        // a separator first: ignored
      } else if (table.options.alignment!.length === 0 && !hasFooter) {
        addContainer('thead', false);
        table.options.alignment = [...p.src.groups[1]!.matchAll(P.TABLE_HSEP_ALIGN)].map(
          ([, left, right]): Align =>
            left === '' && right === '' ? 'default' : right === '' ? 'left' : left === '' ? 'right' : 'center',
        );
      } else addContainer('tbody', false);
    } else if (p.src.scan(P.TABLE_FSEP_LINE) !== undefined) {
      if (rows.length > 0) addContainer('tbody', true);
      hasFooter = true;
    } else if (p.src.scan(P.TABLE_ROW_LINE) !== undefined) {
      const rowText = p.src.groups[1]!;
      const line = p.src.line() - 1;
      const row = el('tr');
      const cells: string[] = [];
      const append = (text: string) => {
        if (cells.length === 0) cells.push(text);
        else cells[cells.length - 1] += text;
      };
      for (const [i, part] of rowText.split(/(<code.*?>.*?<\/code>)/).entries()) {
        if (i % 2 === 1) {
          append(part);
          continue;
        }
        for (const c of spansOf(p, part, line, ['codespan'])) {
          if (c.type === 'raw_text') {
            const [first, ...rest] = c.value.split(/(?<!\\)\|/).map((t) => t.replace(/\\\|/g, '|'));
            append(first!);
            cells.push(...rest);
          } else {
            const delim = `${[...c.value.matchAll(/`+/g)].map((m) => m[0]).reduce((a, b) => (b.length > a.length ? b : a), '')}\``;
            const pad = delim.length > 1 ? ' ' : '';
            append(`${delim}${pad}${c.value}${pad}${delim}`);
          }
        }
      }
      if (leadingPipe && cells.length > 0 && cells[0]!.trim() === '') cells.shift();
      if (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
      for (const text of cells) {
        const cell = el('td', '', {}, { line });
        cell.children.push(el('raw_text', text.trim(), {}, { line }));
        row.children.push(cell);
      }
      columns = Math.max(columns, cells.length);
      rows.push(row);
    } else break;
  }
  // Like kramdown, a table that turns out not to be one has still taken a pending block IAL.
  const restore = () => {
    p.src.pos = savedPos;
    return false;
  };
  if (!p.beforeBlockBoundary()) return restore();
  // Each line must hold a pipe outside code spans and HTML (kramdown checks the table's text once more).
  const tableText = p.src.text.slice(savedPos, p.src.pos - 1);
  const parts = spansOf(p, tableText, p.src.line(savedPos), ['codespan', 'span_html']);
  const pipeCheck = new RegExp(`^${P.TABLE_PIPE_CHECK}`);
  let pipeOnLine = false;
  for (const c of parts) {
    if (c.type !== 'raw_text' && c.type !== 'codespan') continue;
    const lines = c.value.split('\n');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) continue;
    if (c.type === 'codespan') {
      if (lines.length > 2 || (lines.length === 2 && !pipeOnLine)) break;
      if (lines.length === 2 && pipeOnLine) pipeOnLine = false;
    } else {
      if (lines.length > 1 && !pipeOnLine && !pipeCheck.test(lines[0]!)) break;
      pipeOnLine = (lines.length > 1 ? false : pipeOnLine) || pipeCheck.test(lines[lines.length - 1]!);
    }
  }
  if (!pipeOnLine) return restore();
  if (rows.length > 0) addContainer(hasFooter ? 'tfoot' : 'tbody', false);
  if (!table.children.some((c) => c.type === 'tbody')) {
    return restore();
  }
  for (const kind of table.children) {
    for (const row of kind.children) while (row.children.length < columns) row.children.push(el('td'));
  }
  const alignment = table.options.alignment!;
  table.options.alignment =
    alignment.length > columns
      ? alignment.slice(0, columns)
      : [...alignment, ...Array<Align>(columns - alignment.length).fill('default')];
  p.tree.children.push(table);
  return true;
}
