/**
 * The kramdown block parser: kramdown 2.4's block parsers, in kramdown's order, with the GFM
 * parser's replacements (fenced code with backticks, ATX headers that need a space, paragraphs
 * that end at lists, headers, quotes and fences). It builds a kramdown-shaped element tree; spans
 * are parsed later, per inline token (span-parser.ts). Lists and tables live in their own files.
 */
import { PatternCache, Scanner } from './scanner.js';
import * as P from './patterns.js';
import { el, type FootnoteDef, type Ial, type KElement } from './tree.js';
import { parseDefinitionList, parseList } from './lists.js';
import { parseTable } from './tables.js';
import { parseBlockHtml } from './html.js';
import { parseBlockExtensions } from './extensions.js';
import {
  parseAbbrevDefinition,
  parseAtxHeader,
  parseBlankLine,
  parseBlockMath,
  parseBlockquote,
  parseCodeblock,
  parseEobMarker,
  parseFencedCodeblock,
  parseFootnoteDefinition,
  parseHorizontalRule,
  parseLinkDefinition,
  parseParagraph,
  parseSetextHeader,
} from './block-parsers.js';

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
  /** Put before every automatic header id. */
  autoIdPrefix: string;
  /** The inline math delimiters readers' MathJax knew (`math.inline`): `$` and `\(`. Not kramdown's own. */
  inlineMath: ReadonlyArray<'$' | '\\('>;
}

/** Jekyll's defaults. */
export const DEFAULT_KRAMDOWN_OPTIONS: KramdownOptions = {
  autoIds: true,
  parseBlockHtml: false,
  parseSpanHtml: true,
  hardWrap: false,
  autoIdPrefix: '',
  inlineMath: ['$', '\\('],
};

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

  /** Parses `text` (a post body) into a root element. */
  parse(text: string): KElement {
    const root = el('root');
    this.parseBlocks(root, adaptSource(text), 0);
    return root;
  }

  /** Parses `text` (or the rest of the current source) as blocks into `parent`; true when a closing HTML tag stopped it. */
  parseBlocks(parent: KElement, text?: string, firstLine?: number): boolean {
    const saved = { tree: this.tree, src: this.src, blockIal: this.blockIal };
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
    return (
      !last ||
      last.type === 'blank' ||
      (last.type === 'eob' && last.options.eobKind === undefined) ||
      this.blockIal !== undefined
    );
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
export function adaptSource(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n`;
}

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
