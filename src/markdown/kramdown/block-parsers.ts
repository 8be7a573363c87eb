/**
 * kramdown's simple block parsers (blank lines, paragraphs, headers, quotes, code, rules, `$$` math,
 * footnote, link and abbreviation definitions), each a port of its kramdown 2.4 namesake with the GFM
 * parser's changes. Lists, tables, HTML and extensions have files of their own; parser.ts runs them in order.
 */
import type { KramdownParser } from './parser.js';
import * as P from './patterns.js';
import { el } from './tree.js';

export function parseBlankLine(p: KramdownParser): boolean {
  const matched = p.src.scan(P.BLANK_LINE)!;
  const last = p.lastChild();
  if (last?.type === 'blank') last.value += matched;
  else p.tree.children.push(p.newBlock('blank', matched));
  return true;
}

export function parseEobMarker(p: KramdownParser): boolean {
  p.src.scan(P.EOB_MARKER);
  p.tree.children.push(p.newBlock('eob'));
  return true;
}

export function parseParagraph(p: KramdownParser): boolean {
  const start = p.src.pos;
  const line = p.src.line();
  let result = p.src.scan(P.PARAGRAPH_MATCH) ?? '';
  while (!p.src.matches(P.PARAGRAPH_END_GFM)) result += p.src.scan(P.PARAGRAPH_MATCH) ?? p.src.getch();
  result = result.trimEnd();
  const last = p.lastChild();
  if (last?.type === 'p') {
    const lastText = last.children[last.children.length - 1];
    const joiner = p.src.text.slice(start - 3, start) === '  \n' ? '  \n' : '\n';
    if (lastText?.type === 'raw_text') lastText.value += joiner + result;
    else p.addText(result, last);
  } else {
    const para = p.newBlock('p', '', {}, { line });
    p.tree.children.push(para);
    para.children.push(el('raw_text', result.trimStart(), {}, { line }));
  }
  return true;
}

function parseHeaderContents(contents: string): { text: string; id: string | undefined } {
  let text = contents.trimEnd();
  const m = P.HEADER_ID.exec(text);
  let id: string | undefined;
  if (m) {
    id = m.groups!['id'];
    text = text.slice(0, -m[0].length).trimEnd();
  }
  return { text, id };
}

function addHeader(p: KramdownParser, level: number, text: string, id: string | undefined): void {
  const line = p.src.line();
  p.src.pos += p.src.matched.length;
  const header = p.newBlock('header', '', {}, { level, rawText: text, line });
  header.children.push(el('raw_text', text, {}, { line }));
  if (id) header.attr['id'] = id;
  p.tree.children.push(header);
}

export function parseAtxHeader(p: KramdownParser): boolean {
  p.src.check(P.ATX_HEADER_START);
  const { text: raw, id } = parseHeaderContents(p.src.named['contents'] ?? '');
  let text = raw;
  const stripped = text.replace(/[\t ]#+$/, '');
  if (stripped !== text) text = stripped.trimEnd();
  if (text === '') return false;
  addHeader(p, p.src.named['level']!.length, text, id);
  return true;
}

export function parseSetextHeader(p: KramdownParser): boolean {
  if (!p.afterBlockBoundary()) return false;
  p.src.check(P.SETEXT_HEADER_START);
  const { text, id } = parseHeaderContents(p.src.named['contents'] ?? '');
  if (text === '') return false;
  addHeader(p, p.src.named['level'] === '-' ? 2 : 1, text, id);
  return true;
}

export function parseBlockquote(p: KramdownParser): boolean {
  const line = p.src.line();
  let result = p.src.scan(P.PARAGRAPH_MATCH)!;
  while (!p.src.matches(P.LAZY_END)) result += p.src.scan(P.PARAGRAPH_MATCH) ?? p.src.getch();
  result = result.replace(new RegExp(P.BLOCKQUOTE_START_SRC, 'gm'), '');
  const quote = p.newBlock('blockquote', '', {}, { line });
  p.tree.children.push(quote);
  p.parseBlocks(quote, result, line);
  return true;
}

export function parseCodeblock(p: KramdownParser): boolean {
  const line = p.src.line();
  let data = p.src.scan(P.CODEBLOCK_MATCH) ?? '';
  if (data === '') return false;
  // Counted before lazy lines are joined: the source lines the block takes, for its token's map.
  const lines = data.split('\n').length - 1;
  data = data.replace(/\n( {0,3}\S)/g, ' $1').replace(new RegExp(P.INDENT_SRC, 'gm'), '');
  p.tree.children.push(p.newBlock('codeblock', data, {}, { line, lines }));
  return true;
}

export function parseFencedCodeblock(p: KramdownParser): boolean {
  if (!p.src.check(P.FENCED_CODEBLOCK_MATCH)) return false;
  const line = p.src.line();
  const g = p.src.groups;
  const lines = p.src.matched.split('\n').length - 1;
  p.src.pos += p.src.matched.length;
  const block = p.newBlock('codeblock', g[5] ?? '', {}, { line, fence: g[1]!, lines });
  const lang = (g[3] ?? '').trim();
  if (lang !== '') {
    block.options.lang = lang;
    block.attr['class'] = `language-${g[4]}`;
  }
  p.tree.children.push(block);
  return true;
}

export function parseHorizontalRule(p: KramdownParser): boolean {
  const line = p.src.line();
  p.src.scan(P.HR_START);
  p.tree.children.push(p.newBlock('hr', '', {}, { line }));
  return true;
}

export function parseBlockMath(p: KramdownParser): boolean {
  const line = p.src.line();
  p.src.check(P.BLOCK_MATH_START);
  const g = p.src.groups;
  if (!p.afterBlockBoundary()) return false;
  if (g[1]) {
    // `\$$`: not math; the backslash is dropped only when the line ends after the closing `$$`.
    if (g[3]) p.src.scan(new RegExp(`^${P.OPT_SPACE}\\\\`));
    return false;
  }
  const saved = p.src.pos;
  const matched = p.src.matched;
  p.src.pos += matched.length;
  if (!p.beforeBlockBoundary()) {
    p.src.pos = saved;
    return false;
  }
  const source = matched.trim();
  p.tree.children.push(
    p.newBlock('math', (g[2] ?? '').trim(), {}, { line, category: 'block', source, offset: matched.indexOf('$$') + 2 }),
  );
  return true;
}

export function parseFootnoteDefinition(p: KramdownParser): boolean {
  const line = p.src.line();
  p.src.check(P.FOOTNOTE_DEFINITION_START);
  const name = p.src.groups[1]!;
  const body = p.src.groups[2]!;
  p.src.pos += p.src.matched.length;
  const content = el('footnote_def', '', {}, { line });
  p.parseBlocks(content, body.replace(new RegExp(P.INDENT_SRC, 'gm'), ''), line);
  if (p.defs.footnotes.has(name))
    p.warn(`footnote [^${name}] is defined twice: the later definition is used, as kramdown does`, line);
  const eob = p.newBlock('eob', '', {}, { eobKind: 'footnote_def' });
  p.tree.children.push(eob);
  p.defs.footnotes.set(name, { name, content, references: 0, eob, attr: {} });
  return true;
}

export function parseLinkDefinition(p: KramdownParser): boolean {
  p.src.check(P.LINK_DEFINITION_START);
  const g = p.src.groups;
  if (/[ \t]+["']/.test(g[3] ?? '')) return false;
  p.src.pos += p.src.matched.length;
  const id = normalizeLinkId(g[1]!);
  const eob = p.newBlock('eob', '', {}, { eobKind: 'link_def' });
  p.tree.children.push(eob);
  p.defs.links.set(id, { url: g[2] ?? g[3] ?? '', title: g[5], eob });
  return true;
}

/** kramdown's link ids: white space folded, lower case. */
export function normalizeLinkId(id: string): string {
  return id.replace(/\s+/g, ' ').toLowerCase();
}

export function parseAbbrevDefinition(p: KramdownParser): boolean {
  p.src.scan(P.ABBREV_DEFINITION_START);
  const id = p.src.groups[1]!;
  const title = p.src.groups[2]!.trim();
  const eob = p.newBlock('eob', '', {}, { eobKind: 'abbrev_def' });
  p.tree.children.push(eob);
  p.defs.abbreviations.set(id, { title, eob });
  return true;
}
