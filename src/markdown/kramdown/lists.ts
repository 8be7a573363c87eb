/**
 * kramdown lists and definition lists: item bodies are cut out by indentation (with lazy lines),
 * parsed again as blocks, and an item's first paragraph is "transparent" (no `<p>`) by kramdown's
 * rules. GFM task list items (`[ ]`, `[x]`) get disabled checkboxes, as kramdown-parser-gfm does.
 */
import { parseAttributeList } from './attributes.js';
import type { KramdownParser } from './parser.js';
import * as P from './patterns.js';
import { el, emptyIal, type KElement } from './tree.js';

const IAL_ONLY = String.raw`\{:(?!(?:${P.ALD_ID_NAME})?:|\/)(${P.ALD_ANY_CHARS}+)\}`;
const LIST_ITEM_IAL = new RegExp(String.raw`^\s*(?:${IAL_ONLY})\s*`);
const LIST_ITEM_IAL_CHECK = new RegExp(String.raw`^(?:\s*(?:${IAL_ONLY})\s*)?\s*\n`);

interface FirstLine {
  content: string;
  indentation: number;
  contentRe: RegExp;
  lazyRe: RegExp;
  indentRe: RegExp;
}

function firstListLine(markerLength: number, rest: string): FirstLine {
  let content = rest;
  let indentation = markerLength;
  if (LIST_ITEM_IAL_CHECK.test(content)) {
    indentation = 4;
  } else {
    while (/^ *\t/.test(content)) {
      const temp = /^ */.exec(content)![0].length + indentation;
      content = content.replace(
        /^( *)(\t+)/,
        (_, spaces: string, tabs: string) => spaces + ' '.repeat(4 - (temp % 4) + (tabs.length - 1) * 4),
      );
    }
    indentation += /^ */.exec(content)![0].length;
  }
  content = content.replace(/^\s*/, '');
  const q = Math.floor(indentation / 4);
  const contentRe = new RegExp(String.raw`^(?:(?:\t| {4}){${q}} {${indentation % 4}}|(?:\t| {4}){${q + 1}}).*\S.*\n`);
  const lazyRe = new RegExp(
    String.raw`(?!^ {0,${Math.min(indentation, 3)}}(?:${P.IAL_BLOCK}|${P.LAZY_END_HTML_STOP}|${P.LAZY_END_HTML_START})).*\S.*\n`,
  );
  const indentRe = new RegExp(`^ {${indentation}}`);
  return { content, indentation, contentRe, lazyRe, indentRe };
}

/** An item while its lines are collected: one string per part parsed separately. */
interface Pending {
  item: KElement;
  parts: string[];
  line: number;
}

/** `-`, `*`, `+` or `1.` lists. */
export function parseList(p: KramdownParser): boolean {
  const kind: 'ul' | 'ol' = p.src.matches(P.LIST_START_UL) ? 'ul' : 'ol';
  let startRe = kind === 'ul' ? P.LIST_START_UL : P.LIST_START_OL;
  const list = p.newBlock(kind, '', {}, { line: p.src.line() });
  const items: Pending[] = [];
  let current: Pending | undefined;
  let lines: FirstLine | undefined;
  let eobFound = false;
  let nestedListFound = false;
  let lastIsBlank = false;
  while (!p.src.eos()) {
    const line = p.src.line();
    let result: string | undefined;
    if (lastIsBlank && p.src.matches(P.HR_START)) break;
    if (p.src.scan(P.EOB_MARKER)) {
      eobFound = true;
      break;
    }
    if (p.src.scan(startRe)) {
      const item = el('li', '', {}, { line });
      lines = firstListLine(p.src.groups[1]!.length, p.src.groups[2]!);
      let content = lines.content;
      content = content.replace(LIST_ITEM_IAL, (_m, body: string) => {
        item.options.ial ??= emptyIal();
        parseAttributeList(body, item.options.ial);
        return '';
      });
      startRe = P.listMarker(kind, lines.indentation);
      nestedListFound = P.LIST_START.test(content);
      lastIsBlank = false;
      current = { item, parts: [content], line };
      items.push(current);
    } else if (
      current &&
      lines &&
      ((result = p.src.scan(lines.contentRe)) !== undefined ||
        (!lastIsBlank && (result = p.src.scan(lines.lazyRe)) !== undefined))
    ) {
      result = result.replace(/^(\t+)/, (tabs) => ' '.repeat(4 * tabs.length));
      const indented = lines.indentRe.test(result);
      result = result.replace(lines.indentRe, '');
      if (!nestedListFound && indented && P.LIST_START.test(result)) {
        current.parts.push('');
        nestedListFound = true;
      } else if (nestedListFound && !indented && P.LIST_START.test(result)) {
        result = ' '.repeat(lines.indentation + 4) + result;
      }
      current.parts[current.parts.length - 1] += result;
      lastIsBlank = false;
    } else if (current && (result = p.src.scan(P.BLANK_LINE)) !== undefined) {
      nestedListFound = true;
      lastIsBlank = true;
      current.parts[current.parts.length - 1] += result;
    } else {
      break;
    }
  }
  p.tree.children.push(list);
  let last: KElement | undefined;
  for (const pending of items) {
    const item = pending.item;
    list.children.push(item);
  }
  for (const [index, pending] of items.entries()) {
    const item = pending.item;
    const temp = el('temp');
    let line = pending.line;
    for (const part of pending.parts) {
      p.parseBlocks(temp, part, line);
      line += part.split('\n').length - 1;
    }
    item.children = temp.children;
    const children = item.children;
    if (children.length === 0) continue;
    if (children[0]!.type === 'p' && children.length >= 2 && children[1]!.type === 'eob' && children[0]!.options.ial)
      children.splice(1, 1);
    const isLast = index === items.length - 1;
    if (
      children[0]!.type === 'p' &&
      (children.length < 2 || children[1]!.type !== 'blank' || (isLast && children.length === 2 && !eobFound)) &&
      (!isLast ||
        items.length === 1 ||
        items
          .slice(0, -1)
          .some((other) => other.item.children[0]?.type !== 'p' || other.item.children[0].options.transparent))
    ) {
      if (children.length > 1 && children[1]!.type !== 'blank') {
        const text = children[0]!.children[0];
        if (text) text.value += '\n';
      }
      children[0]!.options.transparent = true;
    }
    last = children[children.length - 1]!.type === 'blank' ? children.pop() : undefined;
  }
  markTaskList(list);
  if (last && !eobFound) p.tree.children.push(last);
  return true;
}

/** kramdown-parser-gfm: `[ ]` and `[x]` at the start of an item's first paragraph become checkboxes. */
function markTaskList(list: KElement): void {
  let isTaskList = false;
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== 'p') continue;
    const text = first.children[0];
    if (!text) continue;
    const unchecked = /^\s*\[ \]\s+/.exec(text.value);
    const checked = unchecked ? null : /^\s*\[x\]\s+/i.exec(text.value);
    if (unchecked || checked) {
      text.value = text.value.slice((unchecked ?? checked)![0].length);
      first.options.name = checked ? 'checked' : 'unchecked';
      isTaskList = true;
    }
    if (isTaskList) item.attr['class'] = 'task-list-item';
  }
  if (isTaskList) list.attr['class'] = 'task-list';
}

/** `term` lines followed by `: definition` lines. */
export function parseDefinitionList(p: KramdownParser): boolean {
  const children = p.tree.children;
  const last = children[children.length - 1];
  const beforeLast = children[children.length - 2];
  if (
    !last ||
    (children.length === 1 && last.type !== 'p') ||
    (children.length >= 2 &&
      last.type !== 'p' &&
      (last.type !== 'blank' || last.value !== '\n' || beforeLast!.type !== 'p'))
  ) {
    return false;
  }
  let firstAsPara = false;
  const deflist = p.newBlock('dl');
  let para = children.pop()!;
  if (para.type === 'blank') {
    para = children.pop()!;
    firstAsPara = true;
  }
  deflist.options.line = para.options.line;
  for (let term of (para.children[0]?.value ?? '').split('\n')) {
    const dt = el('dt', '', {}, { line: para.options.line });
    term = term.replace(LIST_ITEM_IAL, (_m, body: string) => {
      dt.options.ial ??= emptyIal();
      parseAttributeList(body, dt.options.ial);
      return '';
    });
    dt.options.rawText = term;
    dt.children.push(el('raw_text', term, {}, { line: para.options.line }));
    deflist.children.push(dt);
  }
  if (para.options.ial) deflist.options.ial = para.options.ial;
  const bodies = new Map<KElement, { text: string; line: number }>();
  let item: KElement | undefined;
  let lines: FirstLine | undefined;
  let defStart: RegExp = P.DEFINITION_LIST_START;
  let lastIsBlank = false;
  while (!p.src.eos()) {
    const line = p.src.line();
    let result: string | undefined;
    if (p.src.scan(defStart)) {
      item = el('dd', '', {}, { line, firstAsPara });
      lines = firstListLine(p.src.groups[1]!.length, p.src.groups[2]!);
      const dd = item;
      const content = lines.content.replace(LIST_ITEM_IAL, (_m, body: string) => {
        dd.options.ial ??= emptyIal();
        parseAttributeList(body, dd.options.ial);
        return '';
      });
      bodies.set(item, { text: content, line });
      deflist.children.push(item);
      defStart = P.listMarker('dl', lines.indentation);
      firstAsPara = false;
      lastIsBlank = false;
    } else if (p.src.matches(P.EOB_MARKER)) {
      break;
    } else if (
      item &&
      lines &&
      ((result = p.src.scan(lines.contentRe)) !== undefined ||
        (!lastIsBlank && (result = p.src.scan(lines.lazyRe)) !== undefined))
    ) {
      result = result.replace(/^(\t+)/, (tabs) => ' '.repeat(4 * tabs.length)).replace(lines.indentRe, '');
      bodies.get(item)!.text += result;
      firstAsPara = false;
      lastIsBlank = false;
    } else if (item && (result = p.src.scan(P.BLANK_LINE)) !== undefined) {
      firstAsPara = true;
      bodies.get(item)!.text += result;
      lastIsBlank = true;
    } else {
      break;
    }
  }
  let trailing: KElement | undefined;
  for (const dd of deflist.children) {
    if (dd.type === 'dt') continue;
    const body = bodies.get(dd)!;
    p.parseBlocks(dd, body.text, body.line);
    const kids = dd.children;
    if (kids.length === 0) continue;
    trailing = kids[kids.length - 1]!.type === 'blank' ? kids.pop() : undefined;
    const asPara = dd.options.firstAsPara;
    dd.options.firstAsPara = undefined;
    if (kids[0] && kids[0].type === 'p' && !asPara) {
      if (kids.length > 1 && kids[0].children[0]) kids[0].children[0].value += '\n';
      kids[0].options.transparent = true;
    }
  }
  const now = p.tree.children;
  if (now.length >= 1 && now[now.length - 1]!.type === 'dl') now[now.length - 1]!.children.push(...deflist.children);
  else if (now.length >= 2 && now[now.length - 1]!.type === 'blank' && now[now.length - 2]!.type === 'dl') {
    now.pop();
    now[now.length - 1]!.children.push(...deflist.children);
  } else now.push(deflist);
  if (trailing) now.push(trailing);
  return true;
}
