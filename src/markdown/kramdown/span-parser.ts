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
import { normalizeLinkId, parseExtension, type Definitions, type KramdownParser } from './parser.js';
import { parseAttributeList } from './attributes.js';
import { parseHtmlAttributes, parseRawHtml } from './html.js';
import { entityChar } from './entities.js';
import { findDollarMath } from './dollar-math.js';
import { environmentEnd } from '../math/environments.js';
import { readReference } from '../math/references.js';

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

const ESCAPED_CHARS = /\\([\\.*_+`<>()[\]{}#!:|"'$=\-~])/;
const ESCAPED_CHARS_G = /\\([\\.*_+`<>()[\]{}#!:|"'$=\-~])/g;

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

  parseSpans(parent: KElement, stop?: RegExp, parsers?: SpanName[], textType = this.textType, condition?: () => boolean): boolean {
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
    return this.dollarMath ? ['math_environment', 'math_ref', 'dollar_math', ...KRAMDOWN_SPANS] : ['math_environment', 'math_ref', ...KRAMDOWN_SPANS];
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
  if ((type === '_' && /[\p{L}]-?[\p{L}]*$/u.test(s.src.text.slice(0, saved))) || s.src.matches(/\s/) || s.inside(element)) {
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
      return !/\s/.test(before) && (elem !== 'em' || !s.src.matches(twice)) && (type !== '_' || !s.src.matches(alnum)) && made.children.length > 0;
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

const AUTOLINK = /<((mailto|https?|ftps?):.+?|[\p{L}\p{N}\-_.]+?@[\p{L}\p{N}\-_.]+?)>/u;

function parseAutolink(s: SpanParser): void {
  const line = s.src.line();
  s.src.scan(AUTOLINK);
  const target = s.src.groups[1]!;
  const href = s.src.groups[2] === undefined ? `mailto:${target}` : target;
  const link = el('a', '', { href }, { line });
  link.children.push(el('text', target.replace(/^mailto:/, ''), {}, { line }));
  s.tree.children.push(link);
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
    let doParsing = P.contentModel(name) === 'raw' || s.tree.options.contentModel === 'raw' ? false : s.block.options.parseSpanHtml;
    const markdown = attrs['markdown'];
    delete attrs['markdown'];
    if (markdown === 'span') doParsing = true;
    else if (markdown === '1') doParsing = P.contentModel(name) !== 'raw';
    else if (markdown === '0') doParsing = false;
    const element = el('html_element', name, attrs, { line, category: 'span', contentModel: doParsing ? 'span' : 'raw', isClosed: g[4] !== undefined });
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

function parseFootnoteMarker(s: SpanParser): void {
  const line = s.src.line();
  s.src.scan(/\[\^(\w[\w-]*)\]/);
  const name = s.src.groups[1]!;
  const def = s.defs.footnotes.get(name);
  if (!def) {
    s.addText(s.src.matched);
    return;
  }
  if (def.eob) {
    if (def.eob.options.ial) applyIal(def.eob.attr, def.eob.options.ial, s.defs.alds);
    def.attr = def.eob.attr;
    def.eob = undefined;
  }
  def.references += 1;
  s.tree.children.push(el('footnote', '', { ...def.attr }, { line, name, footnote: def }));
}

function parseLink(s: SpanParser): void {
  const line = s.src.line();
  const result = s.src.scan(/!?\[(?=[^^])/)!;
  const curPos = s.src.pos;
  const saved = s.src.pos;
  const kind = result.startsWith('!') ? 'img' : 'a';
  if (kind === 'a' && s.inside(['img', 'a'])) {
    s.addText(result);
    return;
  }
  const link = el(kind, '', {}, { line });
  let count = 1;
  const found = s.parseSpans(link, /(\])|!?\[/, undefined, s.textType, () => {
    s.src.check(/(\])|!?\[/);
    count += s.src.groups[1] ? -1 : 1;
    return count - link.children.filter((c) => c.type === 'img').length === 0;
  });
  if (!found) {
    s.src.pos = saved;
    s.addText(result);
    return;
  }
  const altText = s.src.text.slice(curPos, s.src.pos).replace(ESCAPED_CHARS_G, '$1');
  s.src.scan(/(\])|!?\[/);
  const add = (href: string, title: string | undefined, ial?: import('./tree.js').Ial) => {
    if (ial) {
      link.options.ial = ial;
      applyIal(link.attr, ial, s.defs.alds);
    }
    if (kind === 'a') link.attr['href'] = href;
    else {
      link.attr['src'] = href;
      link.attr['alt'] = altText;
      link.children = [];
    }
    if (title !== undefined) link.attr['title'] = title;
    s.tree.children.push(link);
  };
  if (s.src.scan(/\s*?\[([^\]]+)?\]/) !== undefined || !s.src.matches(/\(/)) {
    const id = normalizeLinkId(s.src.matched.startsWith('[') || /^\s*\[/.test(s.src.matched) ? (s.src.groups[1] ?? altText) : altText);
    const def = s.defs.links.get(id);
    if (def) add(def.url, def.title, def.eob.options.ial);
    else {
      s.src.pos = saved;
      s.addText(result);
    }
    return;
  }
  let url: string;
  if (s.src.scan(/\(<(.*?)>/) !== undefined) {
    url = s.src.groups[1]!;
    if (s.src.scan(/\)/) !== undefined) {
      add(url, undefined);
      return;
    }
  } else {
    url = '';
    let brackets = 0;
    let passed: string | undefined;
    while ((passed = s.src.scanUntil(/(\()|(\))|\s(?=['"])/)) !== undefined) {
      url += passed;
      if (s.src.groups[2]) {
        brackets -= 1;
        if (brackets === 0) break;
      } else if (s.src.groups[1]) brackets += 1;
      else break;
    }
    url = url.slice(1, -1).trim();
    if (brackets === 0) {
      add(url, undefined);
      return;
    }
  }
  if (s.src.scan(/\s*?(["'])(.+?)\1\s*?\)/s) !== undefined) add(url, s.src.groups[2]);
  else {
    s.src.pos = saved;
    s.addText(result);
  }
}

const SQ_PUNCT = String.raw`[!"#$%'()*+,\-.\/:;<=>?@\[\\\]^_\x60{|}~]`;
const SQ_CLOSE = String.raw`[^ \\\t\r\n\[{(-]`;
type Subst = number | 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2' | 'ldquo' | 'lsquo' | 'rsquo' | 'rdquo';
const SQ_RULES: Array<[RegExp, Subst[]]> = [
  [/("|')(?=[_*]{1,2}\S)/u, ['lquote1']],
  [new RegExp(String.raw`("|')(?=${SQ_PUNCT}(?!\.\.)\B)`, 'u'), ['rquote1']],
  [/(\s?)"'(?=\w)/u, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/u, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/u, [1, 'rsquo']],
  [/(\s)('|")(?=\w)/u, [1, 'lquote2']],
  [new RegExp(`(${SQ_CLOSE})('|")`, 'u'), [1, 'rquote2']],
  [/("|')(?=\s|s\b|$)/mu, ['rquote1']],
  [/([\s\S]?)'/u, [1, 'lsquo']],
  [/([\s\S]?)"/u, [1, 'ldquo']],
];
const QUOTE_CHARS: Record<string, string> = { ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019' };

function parseSmartQuotes(s: SpanParser): void {
  const line = s.src.line();
  const rule = SQ_RULES.find(([re]) => s.src.scan(re) !== undefined)!;
  for (const subst of rule[1]) {
    if (typeof subst === 'number') {
      s.addText(s.src.groups[subst] ?? '');
      continue;
    }
    const groupIndex = Number(subst.slice(-1));
    const quote = Number.isNaN(groupIndex) ? undefined : s.src.groups[groupIndex];
    let name: string = subst;
    if (quote !== undefined && /quote/.test(subst)) name = subst.startsWith('r') ? (quote === '"' ? 'rdquo' : 'rsquo') : quote === '"' ? 'ldquo' : 'lsquo';
    s.tree.children.push(el('smart_quote', name, {}, { line }));
  }
}

function parseInlineMath(s: SpanParser): void {
  const line = s.src.line();
  const start = s.src.pos;
  s.src.scan(/\$\$([\s\S]*?)\$\$/);
  s.tree.children.push(el('math', s.src.groups[1]!.trim(), {}, { line, category: 'span', offset: start + 2, source: s.src.matched }));
}

function parseDollarMath(s: SpanParser): void {
  const line = s.src.line();
  const start = s.src.pos;
  const end = findDollarMath(s.src.text, start);
  if (end === -1) {
    s.addText(s.src.getch());
    return;
  }
  const source = s.src.text.slice(start, end);
  s.src.pos = end;
  s.tree.children.push(el('math', source.slice(1, -1), {}, { line, category: 'span', offset: start + 1, source, name: 'dollar' }));
}

/** `\begin{align}…\end{align}` in a paragraph: display math, as the reader's MathJax found it. */
function parseMathEnvironment(s: SpanParser): void {
  const start = s.src.pos;
  const end = environmentEnd(s.src.text, start);
  if (end === -1) {
    s.addText(s.src.getch());
    return;
  }
  const source = s.src.text.slice(start, end);
  s.tree.children.push(el('math', source, {}, { line: s.src.line(), category: 'span', offset: start, source, name: 'environment' }));
  s.src.pos = end;
}

/** `\eqref{x}` and `\ref{x}` in text: links to the equation (see math/references.ts). */
function parseMathRef(s: SpanParser): void {
  const ref = readReference(s.src.text, s.src.pos);
  if (!ref) {
    s.addText(s.src.getch());
    return;
  }
  s.tree.children.push(el('math_ref', ref.label, {}, { line: s.src.line(), name: ref.kind, offset: s.src.pos }));
  s.src.pos += ref.length;
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

function parseHtmlEntity(s: SpanParser): void {
  s.src.scan(P.HTML_ENTITY_RE);
  const g = s.src.groups;
  const char = entityChar(g[1], g[2], g[3]);
  if (char === undefined) {
    s.tree.children.push(el('entity', '&', {}, { line: s.src.line() }));
    s.addText(s.src.matched.slice(1));
  } else s.tree.children.push(el('entity', char, {}, { line: s.src.line(), name: s.src.matched }));
}

const TYPOGRAPHIC: Record<string, string> = { '---': '\u2014', '--': '\u2013', '...': '\u2026', '<< ': '\u00ab\u00a0', ' >>': '\u00a0\u00bb', '<<': '\u00ab', '>>': '\u00bb' };

function parseTypographicSyms(s: SpanParser): void {
  const matched = s.src.scan(/---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/)!;
  const line = s.src.line();
  if (matched === '\\<<') s.tree.children.push(el('entity', '<', {}, { line }), el('entity', '<', {}, { line }));
  else if (matched === '\\>>') s.tree.children.push(el('entity', '>', {}, { line }), el('entity', '>', {}, { line }));
  else s.tree.children.push(el('typographic_sym', TYPOGRAPHIC[matched]!, {}, { line }));
}

function parseLineBreak(s: SpanParser): void {
  s.tree.children.push(el('br', '', {}, { line: s.src.line() }));
  s.src.scan(/(?: {2}|\\\\)(?=\n)/);
}

function parseEscapedChars(s: SpanParser): void {
  s.src.scan(ESCAPED_CHARS);
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
  typographic_syms: { start: /---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/, spanStart: String.raw`--|\.\.\.|(?:\\| )?(?:<<|>>)`, parse: parseTypographicSyms },
  line_break: { start: /(?: {2}|\\\\)(?=\n)/, spanStart: String.raw`(?: {2}|\\\\)(?=\n)`, parse: parseLineBreak },
  escaped_chars: { start: ESCAPED_CHARS, spanStart: String.raw`\\`, parse: parseEscapedChars },
  strikethrough: { start: /~~(?!\s|~)[\s\S]*?[^\s~]~~/, spanStart: '~~', parse: parseStrikethrough },
};

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export { parseRawHtml };
