/**
 * The kramdown block parser: kramdown 2.4's block parsers, in kramdown's order, with the GFM
 * parser's replacements (fenced code with backticks, ATX headers that need a space, paragraphs
 * that end at lists, headers, quotes and fences). It builds a kramdown-shaped element tree; spans
 * are parsed later, per inline token (span-parser.ts). Lists and tables live in their own files.
 */
import { PatternCache, Scanner } from './scanner.js';
import * as P from './patterns.js';
import { applyIal, el, emptyIal, type FootnoteDef, type Ial, type KElement } from './tree.js';
import { parseDefinitionList, parseList } from './lists.js';
import { parseTable } from './tables.js';
import { parseBlockHtml } from './html.js';
import { parseAttributeList } from './attributes.js';

/** What a document defines for its spans: link, footnote and abbreviation definitions, ALDs. */
export interface Definitions {
  alds: Map<string, Ial>;
  links: Map<string, { url: string; title: string | undefined; eob: KElement }>;
  footnotes: Map<string, FootnoteDef>;
  abbreviations: Map<string, { title: string; eob: KElement }>;
}

/** The kramdown options inkstone follows (Jekyll's `kramdown:` settings of the same names). */
export interface KramdownOptions {
  autoIds: boolean;
  parseBlockHtml: boolean;
  parseSpanHtml: boolean;
  /** kramdown-parser-gfm: every line break in a paragraph is a `<br>`. */
  hardWrap: boolean;
  /** The inline math delimiters readers' MathJax knew (`math.inline`): `$` and `\(`. Not kramdown's own. */
  inlineMath: ReadonlyArray<'$' | '\\('>;
}

/** Jekyll's defaults. */
export const DEFAULT_KRAMDOWN_OPTIONS: KramdownOptions = { autoIds: true, parseBlockHtml: false, parseSpanHtml: true, hardWrap: false, inlineMath: ['$', '\\('] };

/** A construct kramdown warns about, or that inkstone does not support, at a 0-based body line. */
export interface ParseNote {
  line: number;
  message: string;
}

type BlockParserName = (p: KramdownParser) => boolean;

/** Parses one document. Create one per post: it holds that post's definitions. */
export class KramdownParser {
  tree: KElement = el('root');
  src: Scanner;
  blockIal: Ial | undefined;
  /** Set by a closing HTML tag that ends the HTML element being parsed as blocks. */
  stopFound = false;
  readonly defs: Definitions = { alds: new Map(), links: new Map(), footnotes: new Map(), abbreviations: new Map() };
  readonly notes: ParseNote[] = [];
  /** The kramdown options: the site's (Jekyll's defaults unless configured), which `{::options … /}` may change. */
  readonly options: KramdownOptions;

  constructor(
    options: Partial<KramdownOptions> = {},
    /** Compiled patterns, shared by the posts of one markdown-it. */
    readonly patterns = new PatternCache(),
  ) {
    this.options = { ...DEFAULT_KRAMDOWN_OPTIONS, ...options };
    this.src = new Scanner('', 0, patterns);
  }
  /** Elements being parsed, outermost first (kramdown's `@stack` of trees). */
  readonly treeStack: KElement[] = [];

  /** Parses `text` (a post body) into a root element. */
  parse(text: string): KElement {
    const root = el('root');
    this.parseBlocks(root, adaptSource(text), 0);
    return root;
  }

  /** Parses `text` (or the rest of the current source) as blocks into `parent`; true when a closing HTML tag stopped it. */
  parseBlocks(parent: KElement, text?: string, firstLine?: number): boolean {
    const saved = { tree: this.tree, src: this.src, blockIal: this.blockIal };
    this.treeStack.push(this.tree);
    this.tree = parent;
    this.blockIal = undefined;
    if (text !== undefined) this.src = new Scanner(text, firstLine ?? 0, this.patterns);
    this.stopFound = false;
    while (!this.src.eos() && !this.stopFound) {
      const handled = BLOCK_PARSERS.some(([start, parse]) => this.src.matches(start) && parse(this));
      if (!handled) this.addText(this.src.scan(/.*\n/) ?? this.src.rest(), this.tree);
    }
    const stopped = this.stopFound;
    this.stopFound = false;
    this.treeStack.pop();
    this.tree = saved.tree;
    this.src = saved.src;
    this.blockIal = saved.blockIal;
    return stopped;
  }

  /** A new block element that takes the pending block IAL. */
  newBlock(type: string, value = '', attr: Record<string, string> = {}, options: KElement['options'] = {}): KElement {
    const made = el(type, value, attr, options);
    if (this.blockIal) {
      made.options.ial = this.blockIal;
      this.blockIal = undefined;
    }
    return made;
  }

  /** Appends raw text to `parent`, merging with its last text child. */
  addText(text: string, parent: KElement, type = 'raw_text'): void {
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === type) last.value += text;
    else parent.children.push(el(type, text, {}, { line: this.src.line() }));
  }

  afterBlockBoundary(): boolean {
    const last = this.tree.children[this.tree.children.length - 1];
    return !last || last.type === 'blank' || (last.type === 'eob' && last.options.eobKind === undefined) || this.blockIal !== undefined;
  }

  beforeBlockBoundary(): boolean {
    return this.src.matches(P.BLOCK_BOUNDARY);
  }

  warn(message: string, line = this.src.line()): void {
    this.notes.push({ line, message });
  }

  lastChild(): KElement | undefined {
    return this.tree.children[this.tree.children.length - 1];
  }
}

/** kramdown's source preparation: Unix line ends and exactly one final newline. */
function adaptSource(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n`;
}

function parseBlankLine(p: KramdownParser): boolean {
  const matched = p.src.scan(P.BLANK_LINE)!;
  const last = p.lastChild();
  if (last?.type === 'blank') last.value += matched;
  else p.tree.children.push(p.newBlock('blank', matched));
  return true;
}

function parseEobMarker(p: KramdownParser): boolean {
  p.src.scan(P.EOB_MARKER);
  p.tree.children.push(p.newBlock('eob'));
  return true;
}

function parseParagraph(p: KramdownParser): boolean {
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

function parseAtxHeader(p: KramdownParser): boolean {
  p.src.check(P.ATX_HEADER_START);
  const { text: raw, id } = parseHeaderContents(p.src.named['contents'] ?? '');
  let text = raw;
  const stripped = text.replace(/[\t ]#+$/, '');
  if (stripped !== text) text = stripped.trimEnd();
  if (text === '') return false;
  addHeader(p, p.src.named['level']!.length, text, id);
  return true;
}

function parseSetextHeader(p: KramdownParser): boolean {
  if (!p.afterBlockBoundary()) return false;
  p.src.check(P.SETEXT_HEADER_START);
  const { text, id } = parseHeaderContents(p.src.named['contents'] ?? '');
  if (text === '') return false;
  addHeader(p, p.src.named['level'] === '-' ? 2 : 1, text, id);
  return true;
}

function parseBlockquote(p: KramdownParser): boolean {
  const line = p.src.line();
  let result = p.src.scan(P.PARAGRAPH_MATCH)!;
  while (!p.src.matches(P.LAZY_END)) result += p.src.scan(P.PARAGRAPH_MATCH) ?? p.src.getch();
  result = result.replace(new RegExp(P.BLOCKQUOTE_START_SRC, 'gm'), '');
  const quote = p.newBlock('blockquote', '', {}, { line });
  p.tree.children.push(quote);
  p.parseBlocks(quote, result, line);
  return true;
}

function parseCodeblock(p: KramdownParser): boolean {
  const line = p.src.line();
  let data = p.src.scan(P.CODEBLOCK_MATCH) ?? '';
  if (data === '') return false;
  data = data.replace(/\n( {0,3}\S)/g, ' $1').replace(new RegExp(P.INDENT_SRC, 'gm'), '');
  p.tree.children.push(p.newBlock('codeblock', data, {}, { line }));
  return true;
}

function parseFencedCodeblock(p: KramdownParser): boolean {
  if (!p.src.check(P.FENCED_CODEBLOCK_MATCH)) return false;
  const line = p.src.line();
  const g = p.src.groups;
  p.src.pos += p.src.matched.length;
  const block = p.newBlock('codeblock', g[5] ?? '', {}, { line });
  const lang = (g[3] ?? '').trim();
  if (lang !== '') {
    block.options.lang = lang;
    block.attr['class'] = `language-${g[4]}`;
  }
  p.tree.children.push(block);
  return true;
}

function parseHorizontalRule(p: KramdownParser): boolean {
  const line = p.src.line();
  p.src.scan(P.HR_START);
  p.tree.children.push(p.newBlock('hr', '', {}, { line }));
  return true;
}

function parseBlockMath(p: KramdownParser): boolean {
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
  p.tree.children.push(p.newBlock('math', (g[2] ?? '').trim(), {}, { line, category: 'block', source, offset: matched.indexOf('$$') + 2 }));
  return true;
}

function parseFootnoteDefinition(p: KramdownParser): boolean {
  const line = p.src.line();
  p.src.check(P.FOOTNOTE_DEFINITION_START);
  const name = p.src.groups[1]!;
  const body = p.src.groups[2]!;
  p.src.pos += p.src.matched.length;
  const content = el('footnote_def', '', {}, { line });
  p.parseBlocks(content, body.replace(new RegExp(P.INDENT_SRC, 'gm'), ''), line);
  if (p.defs.footnotes.has(name)) p.warn(`footnote [^${name}] is defined twice: the later definition is used, as kramdown does`, line);
  const eob = p.newBlock('eob', '', {}, { eobKind: 'footnote_def' });
  p.tree.children.push(eob);
  p.defs.footnotes.set(name, { name, content, references: 0, eob, attr: {} });
  return true;
}

function parseLinkDefinition(p: KramdownParser): boolean {
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

function parseAbbrevDefinition(p: KramdownParser): boolean {
  p.src.scan(P.ABBREV_DEFINITION_START);
  const id = p.src.groups[1]!;
  const title = p.src.groups[2]!.trim();
  const eob = p.newBlock('eob', '', {}, { eobKind: 'abbrev_def' });
  p.tree.children.push(eob);
  p.defs.abbreviations.set(id, { title, eob });
  return true;
}

function parseBlockExtensions(p: KramdownParser): boolean {
  if (p.src.scan(P.ALD_START)) {
    const name = p.src.groups[1]!;
    const ald = p.defs.alds.get(name) ?? emptyIal();
    p.defs.alds.set(name, ald);
    parseAttributeList(p.src.groups[2]!, ald);
    p.tree.children.push(p.newBlock('eob', '', {}, { eobKind: 'ald' }));
    return true;
  }
  if (p.src.matches(P.EXT_BLOCK_START)) return parseExtension(p, 'block');
  if (p.src.scan(P.IAL_BLOCK_START)) {
    const body = p.src.groups[1]!;
    const last = p.lastChild();
    const kind = last?.options.eobKind;
    if (last && last.type !== 'blank' && (last.type !== 'eob' || kind === 'link_def' || kind === 'abbrev_def' || kind === 'footnote_def')) {
      last.options.ial ??= emptyIal();
      parseAttributeList(body, last.options.ial);
      if (!p.src.matches(P.IAL_BLOCK_START)) p.tree.children.push(p.newBlock('eob', '', {}, { eobKind: 'ial' }));
    } else {
      p.blockIal ??= emptyIal();
      parseAttributeList(body, p.blockIal);
    }
    return true;
  }
  return false;
}

/** `{::name attrs}body{:/name}` or `{::name attrs /}`, at block or span level. */
export function parseExtension(p: KramdownParser, type: 'block' | 'span', addTextTo?: (text: string) => void): boolean {
  const savedPos = p.src.pos;
  const line = p.src.line();
  const start = type === 'block' ? P.EXT_BLOCK_START : P.EXT_SPAN_START;
  p.src.check(start);
  const g = [...p.src.groups];
  const matched = p.src.matched;
  p.src.pos += matched.length;
  const fail = (message: string) => {
    p.warn(message, line);
    p.src.pos = savedPos;
    if (type === 'span') addTextTo?.(p.src.getch());
    return false;
  };
  if (g[4] !== undefined || matched.trim() === '{:/}') return fail(`${matched.trim()} closes no kramdown extension: it stays text`);
  const name = g[1]!;
  const opts = emptyIal();
  parseAttributeList(g[2] ?? '', opts);
  let body: string | undefined;
  if (!g[3]) {
    const stop = type === 'block' ? P.extBlockStop(name) : new RegExp(P.extStop(name));
    const passed = p.src.scanUntil(stop);
    if (passed === undefined) return fail(`{::${name}} has no closing {:/${name}}: it stays text, as kramdown leaves it`);
    body = passed.slice(0, passed.length - p.src.matched.length);
    if (type === 'block') body = body.replace(/\n$/, '');
  }
  const target = p.tree;
  switch (name) {
    case 'comment':
      if (body !== undefined) target.children.push(el('comment', body, {}, { line, category: type }));
      return true;
    case 'nomarkdown':
      if (body !== undefined) target.children.push(el('raw', body, {}, { line, category: type, rawType: (opts.attrs['type'] ?? '').split(/\s+/).filter(Boolean) }));
      return true;
    case 'options':
      for (const [key, value] of Object.entries(opts.attrs)) {
        const option = OPTION_NAMES[key];
        if (option && option !== 'inlineMath' && /^(true|false)$/.test(value)) p.options[option] = value === 'true';
        else p.warn(`{::options ${key}="${value}"} is not supported: inkstone applies auto_ids, parse_block_html, parse_span_html and hard_wrap in a post, and renders the rest with Jekyll's options`, line);
      }
      if (type === 'block') target.children.push(p.newBlock('eob', '', {}, { eobKind: 'extension' }));
      return true;
    default:
      return fail(`{::${name}} is not a kramdown extension (kramdown has nomarkdown, comment and options): it stays text`);
  }
}

/** kramdown options a post may set with `{::options … /}` (the others would change what Jekyll configured). */
const OPTION_NAMES: Record<string, 'autoIds' | 'parseBlockHtml' | 'parseSpanHtml' | 'hardWrap' | 'inlineMath'> = {
  hard_wrap: 'hardWrap',
  auto_ids: 'autoIds',
  parse_block_html: 'parseBlockHtml',
  parse_span_html: 'parseSpanHtml',
};

const BLOCK_PARSERS: Array<[RegExp, BlockParserName]> = [
  [P.BLANK_LINE, parseBlankLine],
  [P.INDENT, parseCodeblock],
  [P.FENCED_CODEBLOCK_START, parseFencedCodeblock],
  [P.BLOCKQUOTE_START, parseBlockquote],
  [P.ATX_HEADER_START, parseAtxHeader],
  [P.HR_START, parseHorizontalRule],
  [P.LIST_START, parseList],
  [P.DEFINITION_LIST_START, parseDefinitionList],
  [P.HTML_BLOCK_START, parseBlockHtml],
  [P.SETEXT_HEADER_START, parseSetextHeader],
  [P.BLOCK_MATH_START, parseBlockMath],
  [P.TABLE_START, parseTable],
  [P.FOOTNOTE_DEFINITION_START, parseFootnoteDefinition],
  [P.LINK_DEFINITION_START, parseLinkDefinition],
  [P.ABBREV_DEFINITION_START, parseAbbrevDefinition],
  [P.BLOCK_EXTENSIONS_START, parseBlockExtensions],
  [P.EOB_MARKER, parseEobMarker],
  [P.PARAGRAPH_START, parseParagraph],
];

export { applyIal };
