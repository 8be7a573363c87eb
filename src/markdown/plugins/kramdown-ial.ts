/**
 * kramdown inline attribute lists (IALs): `{: .class #id key="value"}`.
 * - After an image, link, code span or emphasis, with nothing between (`![a](b.png){: .center}`,
 *   `[x](url){:target="_blank"}`): the attributes go on that element (an inline rule).
 * - On a line of its own right after a block (or as the last line of a paragraph): on that block;
 *   in a tight list, on the list; after a table's last row, on the table (it is not one more row).
 *   Right before a paragraph, as its first line: on that paragraph.
 * - At the end of a heading, `{#id}` or `{: ...}`: on the heading (so the anchors plugin keeps that id).
 * An IAL that has no element to attach to is dropped; the text never reaches the page.
 * Depends on: block parsing (core rule before `inline`) and the TOC plugin (which claims `{:toc}` first);
 * runs before anchors.
 */
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { allowedListAttribute } from '../attribute-policy.js';

/** Attributes read from one IAL. */
export interface IalAttributes {
  id: string | undefined;
  classes: string[];
  attrs: Array<[string, string]>;
}

const IAL_BODY = String.raw`\{:(?!:)((?:[^}"'\n]|"[^"\n]*"|'[^'\n]*')*)\}`;
const LINE_IAL = new RegExp(String.raw`^[ \t]*${IAL_BODY}[ \t]*$`);
const HEADING_IAL = new RegExp(String.raw`\s*(?:${IAL_BODY}|\{(#[\w-]+)\})[ \t]*$`);
const SPAN_IAL = new RegExp(`^${IAL_BODY}`);
const PART = /\s*(?:\.([\w-]+)|#([\w-]+)|([A-Za-z_:][\w:.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))|([\w-]+))/;

/** Parses the inside of `{: ... }`; undefined when it is not an attribute list. */
export function parseIal(body: string): IalAttributes | undefined {
  const out: IalAttributes = { id: undefined, classes: [], attrs: [] };
  const part = new RegExp(PART.source, 'y');
  let pos = 0;
  while (pos < body.length) {
    part.lastIndex = pos;
    const m = part.exec(body);
    if (!m) return body.slice(pos).trim() === '' ? out : undefined;
    pos = part.lastIndex;
    if (m[1]) out.classes.push(m[1]);
    else if (m[2]) out.id = m[2];
    else if (m[3]) out.attrs.push([m[3], m[4] ?? m[5] ?? m[6] ?? '']);
    // A bare word references an attribute definition (ALD); inkstone has none, so it adds nothing.
  }
  return out;
}

/** Puts `attributes` on `token`: classes are added, other attributes replace. */
export function applyIal(token: Token, attributes: IalAttributes): void {
  if (attributes.id) token.attrSet('id', attributes.id);
  for (const c of attributes.classes) token.attrJoin('class', c);
  for (const [name, value] of attributes.attrs) {
    if (!allowedListAttribute(name, value)) continue;
    if (name === 'class') for (const c of value.split(/\s+/).filter(Boolean)) token.attrJoin('class', c);
    else token.attrSet(name, value);
  }
}

/** Installs the block and span IAL rules on `md`. */
export function kramdownIalPlugin(md: MarkdownIt): void {
  // A table takes every following non-blank line as a row: an attribute-list line ends it instead
  // (markdown-it asks the `blockquote` terminators), and then applies to it, as in the kramdown profile.
  md.block.ruler.before('table', 'kramdown_table_ial', tableIalTerminator, { alt: ['blockquote'] });
  md.core.ruler.before('inline', 'kramdown_block_ial', blockIal);
  md.inline.ruler.before('emphasis', 'kramdown_span_ial', spanIal);
  // Emphasis tokens only exist after delimiter balancing, so IALs after them are read in post-processing.
  md.inline.ruler2.push('kramdown_span_ial_emphasis', emphasisIal);
}

/**
 * True, as a terminator only, for an attribute-list line met while a table reads its rows; never a
 * block of its own (the line becomes a paragraph that blockIal applies to the table before it).
 */
function tableIalTerminator(state: StateBlock, line: number, _endLine: number, silent: boolean): boolean {
  // markdown-it's table rule sets this parent type, which its typings leave out.
  if (!silent || (state.parentType as string) !== 'table') return false;
  const m = LINE_IAL.exec(state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!));
  return m !== null && parseIal(m[1]!) !== undefined;
}

function blockIal(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== 'inline') continue;
    const parent = tokens[i - 1]!;
    if (parent.type === 'heading_open') {
      const m = HEADING_IAL.exec(inline.content);
      const attributes = m ? (m[2] ? { id: m[2].slice(1), classes: [], attrs: [] } : parseIal(m[1]!)) : undefined;
      if (m && attributes) {
        applyIal(parent, attributes);
        inline.content = inline.content.slice(0, m.index);
      }
      continue;
    }
    if (parent.type !== 'paragraph_open') continue;
    const lines = inline.content.split('\n');
    const last = LINE_IAL.exec(lines[lines.length - 1]!);
    const lastAttributes = last ? parseIal(last[1]!) : undefined;
    if (lines.length === 1 && lastAttributes) {
      const target = adjacentBlock(tokens, i - 1);
      if (target) applyIal(target, lastAttributes);
      tokens.splice(i - 1, 3);
      i -= 2;
      continue;
    }
    if (lastAttributes) {
      applyIal(parent.hidden ? (enclosingList(tokens, i - 1) ?? parent) : parent, lastAttributes);
      inline.content = lines.slice(0, -1).join('\n');
      continue;
    }
    const first = LINE_IAL.exec(lines[0]!);
    const firstAttributes = first ? parseIal(first[1]!) : undefined;
    if (firstAttributes) {
      // Right after a table the line ended it (tableIalTerminator): it is the table's, as in kramdown.
      applyIal(tableRightBefore(tokens, i - 1) ?? parent, firstAttributes);
      inline.content = lines.slice(1).join('\n');
      // Later plugins locate text by the inline token's first line.
      if (inline.map) inline.map = [inline.map[0] + 1, inline.map[1]];
    }
  }
}

/** The block an IAL paragraph at `open` belongs to: the one right before it, else the one right after. */
function adjacentBlock(tokens: Token[], open: number): Token | undefined {
  const paragraph = tokens[open]!;
  const before = tokens[open - 1];
  if (before && before.level === paragraph.level) {
    const opener = before.nesting === -1 ? matchingOpen(tokens, open - 1) : before;
    if (opener?.map && paragraph.map && opener.map[1] === paragraph.map[0]) return opener;
  }
  const after = tokens[open + 3];
  if (
    after &&
    after.level === paragraph.level &&
    after.nesting !== -1 &&
    after.map &&
    paragraph.map &&
    paragraph.map[1] === after.map[0]
  )
    return after;
  return undefined;
}

/** The table that ends on the line right before the paragraph at `open`, if any. */
function tableRightBefore(tokens: Token[], open: number): Token | undefined {
  const paragraph = tokens[open]!;
  if (tokens[open - 1]?.type !== 'table_close') return undefined;
  const table = matchingOpen(tokens, open - 1);
  return table?.map && paragraph.map && table.map[1] === paragraph.map[0] ? table : undefined;
}

function matchingOpen(tokens: Token[], close: number): Token | undefined {
  const closer = tokens[close]!;
  for (let j = close - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.level === closer.level && t.nesting === 1) return t;
  }
  return undefined;
}

function enclosingList(tokens: Token[], paragraphOpen: number): Token | undefined {
  const level = tokens[paragraphOpen]!.level - 2;
  for (let j = paragraphOpen - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.level === level && (t.type === 'bullet_list_open' || t.type === 'ordered_list_open')) return t;
  }
  return undefined;
}

/** Element tokens a span IAL may follow directly, and how to find the token that carries attributes. */
function spanTarget(state: StateInline): Token | undefined {
  if (state.pending !== '') return undefined;
  const last = state.tokens[state.tokens.length - 1];
  if (!last) return undefined;
  if (last.type === 'image' || last.type === 'code_inline') return last;
  if (last.nesting !== -1) return undefined;
  const open = last.type.replace(/_close$/, '_open');
  for (let j = state.tokens.length - 2; j >= 0; j--) {
    const t = state.tokens[j]!;
    if (t.type === open && t.level === last.level) return t;
  }
  return undefined;
}

function emphasisIal(state: StateInline): boolean {
  const tokens = state.tokens;
  for (let i = 1; i < tokens.length; i++) {
    const text = tokens[i]!;
    const close = tokens[i - 1]!;
    if (text.type !== 'text' || !/^(em|strong|s)_close$/.test(close.type)) continue;
    const m = SPAN_IAL.exec(text.content);
    const attributes = m ? parseIal(m[1]!) : undefined;
    if (!m || !attributes) continue;
    const open = tokens
      .slice(0, i - 1)
      .findLast((t) => t.type === close.type.replace('_close', '_open') && t.level === close.level);
    if (!open) continue;
    applyIal(open, attributes);
    text.content = text.content.slice(m[0].length);
  }
  return false;
}

function spanIal(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b || state.src.charCodeAt(state.pos + 1) !== 0x3a) return false;
  const m = SPAN_IAL.exec(state.src.slice(state.pos));
  if (!m) return false;
  const attributes = parseIal(m[1]!);
  const target = spanTarget(state);
  if (!attributes || !target) return false;
  if (!silent) applyIal(target, attributes);
  state.pos += m[0].length;
  return true;
}
