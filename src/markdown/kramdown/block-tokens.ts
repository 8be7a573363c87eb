/**
 * Turns the kramdown element tree into markdown-it block tokens, so that every later plugin (math
 * rendering, code, diagrams, images, heading links, excerpts) works on kramdown content unchanged.
 * Text that kramdown parses for spans becomes an `inline` token whose content is that text; the
 * kramdown inline rule parses it (span-tokens.ts).
 */
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { serialiseRaw, startTag } from './html.js';
import type { Definitions, KramdownParser } from './parser.js';
import { applyIal, type KElement } from './tree.js';

/** What an `inline` token made here carries for the inline rule. */
export interface KramdownInlineMeta {
  kramdown: true;
  /** A GFM task list item's checkbox, written before the text. */
  taskBox?: 'checked' | 'unchecked';
  /**
   * Inside an HTML element (`markdown="1"`): kramdown-parser-gfm's post-processing skips HTML elements,
   * so a backslash at a line end stays text and headers get kramdown's basic ids instead of GFM's.
   */
  insideHtml?: boolean;
}

/** Pushes the tokens of `children` (blocks) onto `state`. */
export function emitBlocks(state: StateBlock, children: KElement[], parser: KramdownParser, insideHtml = false): void {
  for (const child of children) emitBlock(state, child, parser, insideHtml);
}

function attrsOf(element: KElement, defs: Definitions): Array<[string, string]> {
  if (element.options.ial) applyIal(element.attr, element.options.ial, defs.alds);
  return Object.entries(element.attr);
}

function open(state: StateBlock, type: string, tag: string, element: KElement, defs: Definitions): Token {
  const token = state.push(`${type}_open`, tag, 1);
  const attrs = attrsOf(element, defs);
  if (attrs.length > 0) token.attrs = attrs;
  const line = element.options.line ?? 0;
  token.map = [line, line + 1];
  return token;
}

function close(state: StateBlock, type: string, tag: string): Token {
  return state.push(`${type}_close`, tag, -1);
}

/** An inline token for span text starting at 0-based body line `line`. */
export function pushInline(
  state: StateBlock,
  text: string,
  line: number,
  meta: Omit<KramdownInlineMeta, 'kramdown'> = {},
): Token {
  const token = state.push('inline', '', 0);
  token.content = text;
  token.map = [line, line + Math.max(1, text.split('\n').length)];
  token.children = [];
  token.meta = { kramdown: true, ...meta } satisfies KramdownInlineMeta;
  return token;
}

function spanText(element: KElement): string {
  return element.children.map((c) => c.value).join('');
}

function emitBlock(state: StateBlock, element: KElement, parser: KramdownParser, insideHtml: boolean): void {
  const html = insideHtml ? { insideHtml } : {};
  const defs = parser.defs;
  const line = element.options.line ?? 0;
  switch (element.type) {
    case 'blank':
    case 'eob':
      if (element.options.ial) attrsOf(element, defs);
      return;
    case 'p': {
      const token = open(state, 'paragraph', 'p', element, defs);
      token.hidden = element.options.transparent === true;
      const taskBox = element.options.name as KramdownInlineMeta['taskBox'];
      pushInline(state, spanText(element), line, taskBox ? { taskBox, ...html } : html);
      close(state, 'paragraph', 'p').hidden = token.hidden;
      return;
    }
    case 'header': {
      const tag = `h${element.options.level}`;
      open(state, 'heading', tag, element, defs).markup = '#'.repeat(element.options.level ?? 1);
      pushInline(state, spanText(element), line, html);
      close(state, 'heading', tag);
      return;
    }
    case 'ul':
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: a list that is not a table of contents is built as the other containers are
    case 'ol':
      if (element.options.ial?.refs.includes('toc')) {
        // `{:toc}`: kramdown replaces the list with a table of contents of the headers.
        const toc = state.push('kramdown_toc', '', 0);
        toc.block = true;
        toc.map = [line, line + 1];
        toc.meta = { tag: element.type };
        return;
      }
    // falls through
    case 'blockquote':
    case 'li':
    case 'dl':
    case 'dd': {
      const type = {
        blockquote: 'blockquote',
        ul: 'bullet_list',
        ol: 'ordered_list',
        li: 'list_item',
        dl: 'dl',
        dd: 'dd',
      }[element.type]!;
      const token = open(state, type, element.type, element, defs);
      if (element.type === 'ul') token.markup = '-';
      emitBlocks(state, element.children, parser, insideHtml);
      close(state, type, element.type);
      return;
    }
    case 'dt':
      open(state, 'dt', 'dt', element, defs);
      pushInline(state, spanText(element), line, html);
      close(state, 'dt', 'dt');
      return;
    case 'table':
      emitTable(state, element, defs, html);
      return;
    case 'codeblock': {
      attrsOf(element, defs);
      const token = state.push('fence', 'code', 0);
      const fromClass = /(?:^|\s)language-(\S+)/.exec(element.attr['class'] ?? '')?.[1];
      token.info = (element.options.lang ?? fromClass ?? '').replace(/\?/g, ' ');
      token.content = element.value;
      // The fence as written (the unclosed-fence check reads it), none for indented code, which has no
      // fence lines: its map covers its own lines, not the blank and next lines after it.
      token.markup = element.options.fence ?? '';
      token.map = [line, line + Math.max(1, element.options.lines ?? element.value.split('\n').length - 1)];
      return;
    }
    case 'hr':
      open(state, 'hr', 'hr', element, defs).type = 'hr';
      state.tokens[state.tokens.length - 1]!.nesting = 0;
      return;
    case 'math': {
      // kramdown writes a formula with attributes inside a `<div>` that carries them.
      const wrapped = attrsOf(element, defs).length > 0;
      if (wrapped) pushHtml(state, `${startTag({ ...element, value: 'div' })}\n`, line);
      const token = state.push('math_block', 'math', 0);
      token.block = true;
      token.content = element.value;
      token.markup = '$$';
      token.map = [line, line + (element.options.source ?? '').split('\n').length];
      token.meta = {
        display: true,
        raw: element.options.source ?? `$$${element.value}$$`,
        offset: element.options.offset ?? 2,
      };
      if (wrapped) pushHtml(state, '</div>\n', line);
      return;
    }
    case 'html_element':
      emitHtmlElement(state, element, parser);
      return;
    case 'xml_comment':
    case 'xml_pi':
      pushHtml(state, `${element.value}\n`, line);
      return;
    case 'raw': {
      const types = element.options.rawType ?? [];
      if (types.length === 0 || types.includes('html')) pushHtml(state, `${element.value}\n`, line);
      return;
    }
    case 'comment':
      pushHtml(state, `<!-- ${element.value} -->\n`, line);
      return;
    default:
      // Text left at block level (kramdown's fallback for a line no parser took).
      if (element.value.trim() !== '') {
        state.push('paragraph_open', 'p', 1).map = [line, line + 1];
        pushInline(state, element.value.trim(), line);
        state.push('paragraph_close', 'p', -1);
      }
  }
}

function pushHtml(state: StateBlock, content: string, line: number): void {
  const token = state.push('html_block', '', 0);
  token.content = content;
  token.map = [line, line + Math.max(1, content.split('\n').length - 1)];
}

function emitHtmlElement(state: StateBlock, element: KElement, parser: KramdownParser): void {
  const defs = parser.defs;
  const line = element.options.line ?? 0;
  attrsOf(element, defs);
  const model = element.options.contentModel;
  if (element.options.isClosed || element.children.length === 0 || (model === 'raw' && !hasMarkdownInside(element))) {
    pushHtml(state, `${serialiseRaw(element)}\n`, line);
    return;
  }
  // kramdown writes a span-model body right after its start tag, a block-model body on lines of its own.
  pushHtml(state, model === 'span' ? startTag(element) : `${startTag(element)}\n`, line);
  if (model === 'span')
    pushInline(state, spanText(element), element.children[0]?.options.line ?? line, { insideHtml: true });
  else if (model === 'block') emitBlocks(state, element.children, parser, true);
  else {
    // A raw body with an element inside that asked for Markdown (`markdown="1"`): written piece by piece.
    for (const child of element.children) {
      if (child.type === 'html_element') emitHtmlElement(state, child, parser);
      else pushHtml(state, serialiseRaw(child), child.options.line ?? line);
    }
  }
  pushHtml(state, `</${element.value}>\n`, line);
}

/** True when some element inside `element` has its body parsed as Markdown. */
function hasMarkdownInside(element: KElement): boolean {
  return element.children.some(
    (c) => c.type === 'html_element' && (c.options.contentModel !== 'raw' || hasMarkdownInside(c)),
  );
}

function emitTable(
  state: StateBlock,
  table: KElement,
  defs: Definitions,
  html: Omit<KramdownInlineMeta, 'kramdown'>,
): void {
  open(state, 'table', 'table', table, defs);
  const alignment = table.options.alignment ?? [];
  for (const section of table.children) {
    const sectionType = section.type;
    state.push(`${sectionType}_open`, sectionType, 1);
    for (const row of section.children) {
      open(state, 'tr', 'tr', row, defs);
      row.children.forEach((cell, index) => {
        const tag = sectionType === 'thead' ? 'th' : 'td';
        const token = open(state, tag, tag, cell, defs);
        const align = alignment[index] ?? 'default';
        if (align !== 'default') {
          const style = token.attrGet('style');
          token.attrSet('style', `${style ? `${style}; ` : ''}text-align: ${align}`);
        }
        const text = spanText(cell);
        // kramdown fills an empty cell with a no-break space.
        pushInline(state, text === '' ? '\u00a0' : text, cell.options.line ?? row.options.line ?? 0, html);
        close(state, tag, tag);
      });
      close(state, 'tr', 'tr');
    }
    state.push(`${sectionType}_close`, sectionType, -1);
  }
  close(state, 'table', 'table');
}
