/**
 * HTML in kramdown: a line starting with a block-level tag (any tag but the span elements) starts an
 * HTML block that runs to its matching closing tag, blank lines included; its body is kept raw
 * unless `markdown="1"`, `"block"` or `"span"` asks for Markdown. kramdown parses the raw body into
 * elements and writes them out again, so a self-closing `<a />` becomes `<a></a>` (see serialise).
 */
import type { KramdownParser } from './parser.js';
import * as P from './patterns.js';
import { el, type KElement } from './tree.js';

const MARKDOWN_ATTR: Record<string, 'raw' | 'default' | 'span' | 'block'> = {
  '0': 'raw',
  '1': 'default',
  span: 'span',
  block: 'block',
};

/** Reads an HTML start tag's attributes; names are lower-cased for elements kramdown knows. */
export function parseHtmlAttributes(text: string, known: boolean): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(P.HTML_ATTRIBUTE_RE)) {
    const name = known ? m[1]!.toLowerCase() : m[1]!;
    attrs[name] = m[2] ?? m[4] ?? '';
  }
  return attrs;
}

/** The block parser for HTML (comments, start tags of block elements, the closing tag that ends an HTML block). */
export function parseBlockHtml(p: KramdownParser): boolean {
  const line = p.src.line();
  const comment = p.src.scan(P.HTML_COMMENT_RE);
  if (comment !== undefined) {
    p.tree.children.push(el('xml_comment', comment, {}, { line, category: 'block' }));
    p.src.scan(P.TRAILING_WHITESPACE);
    return true;
  }
  if (
    p.src.check(new RegExp(`^${P.OPT_SPACE}${P.HTML_TAG_RE.source}`)) !== undefined &&
    !P.HTML_SPAN_ELEMENTS.has(p.src.groups[1]!.toLowerCase())
  ) {
    const groups = [...p.src.groups];
    p.src.pos += p.src.matched.length;
    handleStartTag(p, groups, line);
    return true;
  }
  if (
    p.src.check(new RegExp(`^${P.OPT_SPACE}${P.HTML_TAG_CLOSE_RE.source}`)) !== undefined &&
    !P.HTML_SPAN_ELEMENTS.has(p.src.groups[1]!.toLowerCase())
  ) {
    const name = p.src.groups[1]!.toLowerCase();
    if (p.tree.type === 'html_element' && p.tree.value === name) {
      p.src.pos += p.src.matched.length;
      p.stopFound = true;
      return true;
    }
  }
  return false;
}

/** A start tag was just scanned (its groups given): makes the element and parses its body. */
function handleStartTag(p: KramdownParser, groups: Array<string | undefined>, line: number): void {
  let name = groups[1]!;
  if (P.isHtmlElement(name.toLowerCase())) name = name.toLowerCase();
  let closed = groups[4] !== undefined;
  const attrs = parseHtmlAttributes(groups[2] ?? '', P.isHtmlElement(name));
  const element = el('html_element', name, attrs, { line, category: 'block' });
  p.tree.children.push(element);
  if (!closed && P.HTML_ELEMENTS_WITHOUT_BODY.has(name)) closed = true;
  if (name === 'script' || name === 'style') {
    rawBodyUntilClose(p, element, name);
    handleKramdownTag(p, element, false, false);
  } else handleKramdownTag(p, element, closed, true);
}

function rawBodyUntilClose(p: KramdownParser, element: KElement, name: string): void {
  const start = p.src.pos;
  if (p.src.scanUntil(new RegExp(`(?=<\\/${name}\\s*>)`, 'i')) !== undefined) {
    element.children.push(el('raw', p.src.text.slice(start, p.src.pos)));
    p.src.scan(P.HTML_TAG_CLOSE_RE);
  } else {
    element.children.push(el('raw', p.src.rest()));
    p.src.terminate();
  }
}

function handleKramdownTag(p: KramdownParser, element: KElement, closed: boolean, handleBody: boolean): void {
  if (p.blockIal) {
    element.options.ial = p.blockIal;
    p.blockIal = undefined;
  }
  // `p.tree` is the element's parent: inside a raw HTML body everything stays raw.
  const insideRaw = p.tree.type === 'html_element' && p.tree.options.contentModel === 'raw';
  let model: 'block' | 'span' | 'raw' = !insideRaw && p.options.parseBlockHtml ? P.contentModel(element.value) : 'raw';
  const asked = MARKDOWN_ATTR[element.attr['markdown'] ?? ''];
  delete element.attr['markdown'];
  if (asked) model = asked === 'default' ? P.contentModel(element.value) : asked;
  if (model === 'block') p.src.scan(P.TRAILING_WHITESPACE);
  element.options.contentModel = model;
  element.options.isClosed = closed;
  if (closed || !handleBody) return;
  if (model === 'block') {
    if (!p.parseBlocks(element)) p.warn(noEndTag(element.value), element.options.line);
  } else if (model === 'span') {
    const start = p.src.pos;
    if (p.src.scanUntil(new RegExp(`(?=<\\/${element.value}\\s*>)`, 'i')) !== undefined) {
      element.children.push(el('raw_text', p.src.text.slice(start, p.src.pos), {}, { line: p.src.line(start) }));
      p.src.scan(P.HTML_TAG_CLOSE_RE);
    } else {
      element.children.push(el('raw_text', p.src.rest(), {}, { line: p.src.line(start) }));
      p.src.terminate();
    }
  } else {
    parseRawHtml(p, element);
  }
  const parent = p.tree;
  if (!(parent.type === 'html_element' && parent.options.contentModel === 'raw')) p.src.scan(P.TRAILING_WHITESPACE);
}

/** The body of a raw HTML element: text and nested elements up to its closing tag. */
export function parseRawHtml(p: KramdownParser, element: KElement): void {
  const saved = p.tree;
  p.tree = element;
  let done = false;
  while (!p.src.eos() && !done) {
    const passed = p.src.scanUntil(P.HTML_RAW_START);
    if (passed === undefined) {
      addRawText(element, p.src.rest());
      p.src.terminate();
      if (element.type === 'html_element') p.warn(noEndTag(element.value), element.options.line);
      break;
    }
    addRawText(element, passed);
    const line = p.src.line();
    let result: string | undefined;
    if ((result = p.src.scan(P.HTML_COMMENT_RE)) !== undefined)
      element.children.push(el('xml_comment', result, {}, { line, category: 'block' }));
    else if ((result = p.src.scan(P.HTML_INSTRUCTION_RE)) !== undefined)
      element.children.push(el('xml_pi', result, {}, { line, category: 'block' }));
    else if (p.src.scan(P.HTML_TAG_RE) !== undefined) handleStartTag(p, [...p.src.groups], line);
    else if (p.src.scan(P.HTML_TAG_CLOSE_RE) !== undefined) {
      const closing = P.isHtmlElement(element.value) ? p.src.groups[1]!.toLowerCase() : p.src.groups[1]!;
      if (element.value === closing) done = true;
      else addRawText(element, p.src.matched);
    } else addRawText(element, p.src.getch());
  }
  p.tree = saved;
}

function noEndTag(name: string): string {
  return `<${name}> has no closing </${name}>: like kramdown, inkstone closes it at the end of the enclosing block, so what follows is inside it`;
}

function addRawText(parent: KElement, text: string): void {
  if (text === '') return;
  const last = parent.children[parent.children.length - 1];
  if (last && last.type === 'text') last.value += text;
  else parent.children.push(el('text', text));
}

/** An entity reference, which kramdown's escaping leaves as it is. */
const REFERENCE = String.raw`&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_:][-\w.:]*);`;
const TEXT_SPECIALS = new RegExp(`${REFERENCE}|[<>&]`, 'g');
const ATTRIBUTE_SPECIALS = new RegExp(`${REFERENCE}|[<>&"]`, 'g');
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** Escapes text as kramdown's HTML converter does: entity references stay. */
export function escapeText(text: string): string {
  return text.replace(TEXT_SPECIALS, (m) => ESCAPES[m] ?? m);
}

/** Escapes an attribute value, entity references kept. */
export function escapeAttribute(text: string): string {
  return text.replace(ATTRIBUTE_SPECIALS, (m) => ESCAPES[m] ?? m);
}

/** ` name="value"` for each attribute, in order. */
export function htmlAttributes(attr: Record<string, string>): string {
  return Object.entries(attr)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
}

/** The start tag kramdown writes for an element. */
export function startTag(element: KElement): string {
  return `<${element.value}${htmlAttributes(element.attr)}>`;
}

/** Writes an element whose body is raw (no Markdown) the way kramdown's converter does. */
export function serialiseRaw(element: KElement): string {
  switch (element.type) {
    case 'text':
      return escapeText(element.value);
    case 'raw':
    case 'xml_comment':
    case 'xml_pi':
      return element.value;
    case 'html_element': {
      const inner = element.children.map(serialiseRaw).join('');
      const open = `<${element.value}${htmlAttributes(element.attr)}`;
      if (element.options.category === 'span')
        return inner === '' && P.HTML_ELEMENTS_WITHOUT_BODY.has(element.value)
          ? `${open} />`
          : `${open}>${inner}</${element.value}>`;
      if (element.options.isClosed && element.options.contentModel === 'raw') return `${open} />`;
      if (inner !== '') return `${open}>${inner}</${element.value}>`;
      if (P.HTML_ELEMENTS_WITHOUT_BODY.has(element.value)) return `${open} />`;
      return `${open}></${element.value}>`;
    }
    default:
      return element.children.map(serialiseRaw).join('');
  }
}
