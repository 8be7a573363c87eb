/**
 * The kramdown span parser: kramdown 2.4's span parsers in kramdown's order (emphasis, code spans,
 * autolinks, HTML, footnote markers, links, smart quotes, `$$` math, span extensions, entities,
 * typographic symbols, line breaks, escapes) plus GFM's strikethrough and escapes. It is a
 * recursive descent like kramdown's (emphasis and links parse their content until a stop pattern),
 * which is why it replaces markdown-it's delimiter-based inline rules instead of wrapping them.
 * Adds one inkstone rule: single-dollar `$…$` math (what readers' MathJax rendered), found before
 * emphasis so `*` and `_` inside a formula stay TeX.
 */
import { Scanner } from './scanner.js';
import * as P from './patterns.js';
import { applyIal, el, emptyIal, mergeIal, type KElement } from './tree.js';
import type { Definitions, KramdownParser } from './parser.js';
import { parseAttributeList } from './attributes.js';
import { parseExtension } from './extensions.js';
import { parseHtmlAttributes } from './html.js';
import { AUTOLINK, parseAutolink, parseFootnoteMarker, parseLink } from './span-links.js';
import { parseDollarMath, parseInlineMath, parseMathEnvironment, parseMathRef } from './span-math.js';
import { parseHtmlEntity, parseSmartQuotes, parseTypographicSyms } from './span-typography.js';

type SpanName =
  | 'math_environment'
  | 'math_ref'
  | 'dollar_math'
  | 'emphasis'
  | 'codespan'
  | 'autolink'
  | 'span_html'
  | 'footnote_marker'
  | 'link'
  | 'smart_quotes'
  | 'inline_math'
  | 'span_extensions'
  | 'html_entity'
  | 'typographic_syms'
  | 'line_break'
  | 'escaped_chars'
  | 'strikethrough';

interface SpanParserDef {
  start: RegExp;
  /** Where it may start: joined into one pattern to find the next place worth looking at. */
  spanStart: string;
  parse: (s: SpanParser) => void;
}

/** Parses the spans of one text: a paragraph, a header, a table cell. */
export class SpanParser {
  src: Scanner;
  tree: KElement;
  readonly stack: KElement[] = [];
  textType = 'text';

  constructor(
    readonly block: KramdownParser,
    readonly defs: Definitions,
    text: string,
    firstLine: number,
    readonly dollarMath: boolean,
  ) {
    this.src = new Scanner(text, firstLine, block.patterns);
    this.tree = el('root');
    this.block.src = this.src;
  }

  /** Parses the whole text into `root`'s children. */
  parseAll(root: KElement, parsers?: SpanName[]): KElement {
    this.parseSpans(root, undefined, parsers);
    return root;
  }

  parseSpans(
    parent: KElement,
    stop?: RegExp,
    parsers?: SpanName[],
    textType = this.textType,
    condition?: () => boolean,
  ): boolean {
    this.stack.push(this.tree);
    const savedType = this.textType;
    this.tree = parent;
    this.textType = textType;
    const names = parsers ?? this.defaultParsers();
    const used = this.block.patterns.pattern(`spans/${stop?.source ?? ''}/${names.join(',')}`, () => {
      const startSrc = names.map((n) => SPAN_PARSERS[n].spanStart).join('|');
      return new RegExp(`(?=${stop ? `${stop.source}|` : ''}${startSrc})`);
    });
    let stopFound = false;
    while (!this.src.eos() && !stopFound) {
      const passed = this.src.scanUntil(used);
      if (passed === undefined) {
        if (!stop) {
          this.addText(this.src.rest());
          this.src.terminate();
        }
        break;
      }
      this.addText(passed);
      if (stop && this.src.matches(stop)) stopFound = condition ? condition() : true;
      let processed = false;
      if (!stopFound) {
        for (const name of names) {
          if (this.src.matches(SPAN_PARSERS[name].start)) {
            SPAN_PARSERS[name].parse(this);
            processed = true;
            break;
          }
        }
      }
      if (!processed && !stopFound) this.addText(this.src.getch());
    }
    this.tree = this.stack.pop()!;
    this.textType = savedType;
    return stopFound;
  }

  defaultParsers(): SpanName[] {
    return this.dollarMath
      ? ['math_environment', 'math_ref', 'dollar_math', ...KRAMDOWN_SPANS]
      : ['math_environment', 'math_ref', ...KRAMDOWN_SPANS];
  }

  addText(text: string, parent = this.tree, type = this.textType): void {
    if (text === '') return;
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === type) last.value += text;
    else parent.children.push(el(type, text, {}, { line: this.src.line() }));
  }

  /** True when `type` is being parsed already (emphasis and links do not nest in themselves). */
  inside(type: string | string[]): boolean {
    const types = Array.isArray(type) ? type : [type];
    return types.includes(this.tree.type) || this.stack.some((e) => types.includes(e.type));
  }

  /** Parses a sub-text with a fresh scanner (strikethrough content), keeping this parser's state. */
  withSource<T>(text: string, line: number, run: () => T): T {
    const saved = this.src;
    this.src = new Scanner(text, line, this.block.patterns);
    this.block.src = this.src;
    try {
      return run();
    } finally {
      this.src = saved;
      this.block.src = saved;
    }
  }
}

const KRAMDOWN_SPANS: SpanName[] = [
  'emphasis',
  'codespan',
  'autolink',
  'span_html',
  'footnote_marker',
  'link',
  'smart_quotes',
  'inline_math',
  'span_extensions',
  'html_entity',
  'typographic_syms',
  'line_break',
  'escaped_chars',
  'strikethrough',
];

function parseEmphasis(s: SpanParser): void {
  const line = s.src.line();
  const saved = s.src.pos;
  const result = s.src.scan(/\*\*?|__?/)!;
  const element = result.length === 2 ? 'strong' : 'em';
  const type = result[0]!;
  if (
    (type === '_' && /[\p{L}]-?[\p{L}]*$/u.test(s.src.text.slice(0, saved))) ||
    s.src.matches(/\s/) ||
    s.inside(element)
  ) {
    s.addText(result);
    return;
  }
  const subParse = (delim: string, elem: string): [boolean, KElement, RegExp] => {
    const made = el(elem, '', {}, { line });
    const stop = new RegExp(escapeRe(delim));
    const twice = new RegExp(`${escapeRe(delim + delim)}(?!${escapeRe(delim)})`);
    const alnum = new RegExp(`${escapeRe(delim)}[\\p{L}\\p{N}]`, 'u');
    const found = s.parseSpans(made, stop, undefined, s.textType, () => {
      const before = s.src.text[s.src.pos - 1] ?? '';
      return (
        !/\s/.test(before) &&
        (elem !== 'em' || !s.src.matches(twice)) &&
        (type !== '_' || !s.src.matches(alnum)) &&
        made.children.length > 0
      );
    });
    return [found, made, stop];
  };
  let [found, made, stop] = subParse(result, element);
  if (!found && element === 'strong' && s.tree.type !== 'em') {
    s.src.pos = saved + 1;
    [found, made, stop] = subParse(type, 'em');
  }
  if (found) {
    s.src.scan(stop);
    s.tree.children.push(made);
  } else {
    s.src.pos = saved + result.length;
    s.addText(result);
  }
}

function parseCodespan(s: SpanParser): void {
  const line = s.src.line();
  const result = s.src.scan(/`+/)!;
  const simple = result.length === 1;
  const saved = s.src.pos;
  const before = s.src.text.slice(0, saved - result.length);
  if (simple && (/\s$/.test(before) || before === '') && s.src.matches(/\s/)) {
    s.addText(result);
    return;
  }
  const passed = s.src.scanUntil(new RegExp(result));
  if (passed === undefined) {
    s.src.pos = saved;
    s.addText(result);
    return;
  }
  let text = passed.slice(0, -result.length);
  if (!simple) {
    if (text.startsWith(' ')) text = text.slice(1);
    if (text.endsWith(' ')) text = text.slice(0, -1);
  }
  s.tree.children.push(el('codespan', text, {}, { line }));
}

function parseSpanHtml(s: SpanParser): void {
  const line = s.src.line();
  let result: string | undefined;
  if ((result = s.src.scan(P.HTML_COMMENT_RE)) !== undefined) {
    s.tree.children.push(el('xml_comment', result, {}, { line, category: 'span' }));
  } else if ((result = s.src.scan(P.HTML_TAG_CLOSE_RE)) !== undefined) {
    s.addText(result);
  } else if ((result = s.src.scan(P.HTML_TAG_RE)) !== undefined) {
    const g = [...s.src.groups];
    let name = g[1]!;
    if (P.isHtmlElement(name.toLowerCase())) name = name.toLowerCase();
    if (P.HTML_BLOCK_ELEMENTS.has(name)) {
      s.addText(result);
      return;
    }
    const attrs = parseHtmlAttributes(g[2] ?? '', P.isHtmlElement(name));
    for (const k of Object.keys(attrs)) attrs[k] = attrs[k]!.replace(/\n+/g, ' ');
    let doParsing =
      P.contentModel(name) === 'raw' || s.tree.options.contentModel === 'raw' ? false : s.block.options.parseSpanHtml;
    const markdown = attrs['markdown'];
    delete attrs['markdown'];
    if (markdown === 'span') doParsing = true;
    else if (markdown === '1') doParsing = P.contentModel(name) !== 'raw';
    else if (markdown === '0') doParsing = false;
    const element = el('html_element', name, attrs, {
      line,
      category: 'span',
      contentModel: doParsing ? 'span' : 'raw',
      isClosed: g[4] !== undefined,
    });
    s.tree.children.push(element);
    const stop = new RegExp(`<\\/${escapeRe(name)}\\s*>`, P.isHtmlElement(name) ? 'i' : '');
    if (g[4] === undefined && !P.HTML_ELEMENTS_WITHOUT_BODY.has(name)) {
      if (s.parseSpans(element, stop, doParsing ? undefined : ['span_html'])) s.src.scan(stop);
      else {
        s.addText(s.src.rest(), element);
        s.src.terminate();
      }
    }
  } else {
    s.addText(s.src.getch());
  }
}

function parseSpanExtensions(s: SpanParser): void {
  if (s.src.matches(P.EXT_SPAN_START)) {
    s.block.tree = s.tree;
    parseExtension(s.block, 'span', (text) => s.addText(text));
    return;
  }
  if (s.src.check(P.IAL_SPAN_START) !== undefined) {
    const last = s.tree.children[s.tree.children.length - 1];
    if (last && last.type !== 'text') {
      s.src.pos += s.src.matched.length;
      const ial = emptyIal();
      parseAttributeList(s.src.groups[1]!, ial);
      last.options.ial ??= emptyIal();
      mergeIal(last.options.ial, ial);
      applyIal(last.attr, ial, s.defs.alds);
      return;
    }
  }
  s.addText(s.src.getch());
}

function parseLineBreak(s: SpanParser): void {
  s.tree.children.push(el('br', '', {}, { line: s.src.line() }));
  s.src.scan(/(?: {2}|\\\\)(?=\n)/);
}

function parseEscapedChars(s: SpanParser): void {
  s.src.scan(P.ESCAPED_CHARS);
  s.addText(s.src.groups[1]!);
}

function parseStrikethrough(s: SpanParser): void {
  const line = s.src.line();
  const matched = s.src.scan(/~~(?!\s|~)[\s\S]*?[^\s~]~~/)!;
  const del = el('html_element', 'del', {}, { line, category: 'span' });
  s.tree.children.push(del);
  s.withSource(matched.slice(2, -2), line, () => s.parseSpans(del, undefined, undefined, 'text'));
}

const SPAN_PARSERS: Record<SpanName, SpanParserDef> = {
  math_environment: { start: /\\begin\{/, spanStart: String.raw`\\begin\{`, parse: parseMathEnvironment },
  math_ref: { start: /\\(?:eq)?ref\{/, spanStart: String.raw`\\(?:eq)?ref\{`, parse: parseMathRef },
  dollar_math: { start: /\$(?!\$)/, spanStart: String.raw`\$(?!\$)`, parse: parseDollarMath },
  emphasis: { start: /\*\*?|__?/, spanStart: String.raw`\*|_`, parse: parseEmphasis },
  codespan: { start: /`+/, spanStart: '`', parse: parseCodespan },
  autolink: { start: AUTOLINK, spanStart: '<', parse: parseAutolink },
  span_html: { start: new RegExp(`<(${P.UNAME}|!--|\\/)`), spanStart: '<', parse: parseSpanHtml },
  footnote_marker: { start: /\[\^(\w[\w-]*)\]/, spanStart: String.raw`\[`, parse: parseFootnoteMarker },
  link: { start: /!?\[(?=[^^])/, spanStart: String.raw`!?\[`, parse: parseLink },
  smart_quotes: { start: /[^\\]?["']/, spanStart: String.raw`[^\\]?["']`, parse: parseSmartQuotes },
  inline_math: { start: /\$\$([\s\S]*?)\$\$/, spanStart: String.raw`\$`, parse: parseInlineMath },
  span_extensions: { start: /\{:/, spanStart: String.raw`\{:`, parse: parseSpanExtensions },
  html_entity: { start: P.HTML_ENTITY_RE, spanStart: '&', parse: parseHtmlEntity },
  typographic_syms: {
    start: /---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/,
    spanStart: String.raw`--|\.\.\.|(?:\\| )?(?:<<|>>)`,
    parse: parseTypographicSyms,
  },
  line_break: { start: /(?: {2}|\\\\)(?=\n)/, spanStart: String.raw`(?: {2}|\\\\)(?=\n)`, parse: parseLineBreak },
  escaped_chars: { start: P.ESCAPED_CHARS, spanStart: String.raw`\\`, parse: parseEscapedChars },
  strikethrough: { start: /~~(?!\s|~)[\s\S]*?[^\s~]~~/, spanStart: '~~', parse: parseStrikethrough },
};

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
