/** Turns kramdown span elements into markdown-it inline tokens. */
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { markGenerated } from '../generated-html.js';
import { serialiseRaw, startTag } from './html.js';
import * as P from './patterns.js';
import type { Definitions } from './parser.js';
import type { KElement } from './tree.js';

/** Meta of a `kramdown_footnote_ref` token; its number is given in document order after inline parsing. */
export interface FootnoteRefMeta {
  name: string;
  number?: number;
  /** 0 for the first reference to a footnote, then 1, 2, … */
  repeat?: number;
}

/** Meta of a `math_inline` token, as the math plugin's renderer reads it. */
interface MathMeta {
  display: boolean;
  raw: string;
  offset: number;
}

const TASK_BOX = {
  unchecked: '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />',
  checked: '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />',
};

/** Writes the checkbox of a GFM task list item. */
export function pushTaskBox(state: StateInline, box: 'checked' | 'unchecked'): void {
  markGenerated(state.push('html_inline', '', 0)).content = TASK_BOX[box];
}

/** Where spans are written: the document's definitions, and what changes how text breaks lines. */
export interface SpanContext {
  defs: Definitions;
  /** Inside an HTML element, which kramdown-parser-gfm's line-break handling skips. */
  insideHtml: boolean;
  /** `hard_wrap`: every line break is a `<br>`. */
  hardWrap: boolean;
}

/** Pushes tokens for `children` (spans) onto `state`. */
export function emitSpans(state: StateInline, children: KElement[], ctx: SpanContext): void {
  for (const child of children) emitSpan(state, child, ctx);
}

function text(state: StateInline, content: string, ctx: SpanContext): void {
  // kramdown-parser-gfm: a backslash at the end of a line (with hard_wrap, any line end) is a hard
  // line break, except inside HTML elements.
  const parts = ctx.insideHtml ? [content] : content.split(ctx.hardWrap ? '\n' : '\\\n');
  parts.forEach((part, i) => {
    if (i > 0) state.push('hardbreak', 'br', 0);
    // markdown-it writes a newline after a hard break already: no soft break for the line end it replaces.
    const lines = part.split('\n');
    lines.forEach((line, j) => {
      if (j > 0) state.push('softbreak', 'br', 0);
      if (line !== '') state.push('text', '', 0).content = line;
    });
  });
}

function html(state: StateInline, content: string): void {
  state.push('html_inline', '', 0).content = content;
}

function emitSpan(state: StateInline, element: KElement, ctx: SpanContext): void {
  const attrs = Object.entries(element.attr);
  switch (element.type) {
    case 'text':
    case 'raw_text':
      text(state, element.value, ctx);
      return;
    case 'smart_quote':
      state.push('text', '', 0).content = QUOTES[element.value] ?? element.value;
      return;
    case 'typographic_sym':
    case 'entity':
      state.push('text', '', 0).content = element.value;
      return;
    case 'em':
    case 'strong': {
      const tok = state.push(`${element.type}_open`, element.type, 1);
      if (attrs.length > 0) tok.attrs = attrs;
      emitSpans(state, element.children, ctx);
      state.push(`${element.type}_close`, element.type, -1);
      return;
    }
    case 'a': {
      const tok = state.push('link_open', 'a', 1);
      tok.attrs = attrs;
      emitSpans(state, element.children, ctx);
      state.push('link_close', 'a', -1);
      return;
    }
    case 'img': {
      const tok = state.push('image', 'img', 0);
      tok.attrs = attrs;
      const alt = element.attr['alt'] ?? '';
      tok.content = alt;
      const altText = new state.Token('text', '', 0);
      altText.content = alt;
      tok.children = [altText];
      return;
    }
    case 'codespan': {
      const tok = state.push('code_inline', 'code', 0);
      tok.content = element.value;
      if (attrs.length > 0) tok.attrs = attrs;
      return;
    }
    case 'br':
      state.push('hardbreak', 'br', 0);
      return;
    case 'math': {
      // kramdown writes a formula with attributes as `<span attrs>$TeX$</span>`.
      if (attrs.length > 0) html(state, startTag({ ...element, value: 'span' }));
      const tok = state.push('math_inline', 'math', 0);
      tok.content = element.value;
      tok.markup = element.options.name === 'dollar' ? '$' : '$$';
      // An environment in a paragraph is display math there, as MathJax shows it.
      tok.meta = {
        display: element.options.name === 'environment',
        raw: element.options.source ?? element.value,
        offset: element.options.offset ?? 0,
      } satisfies MathMeta;
      if (attrs.length > 0) html(state, '</span>');
      return;
    }
    case 'html_element':
      if (element.options.contentModel === 'raw') {
        html(state, serialiseRaw(element));
        return;
      }
      if (element.children.length === 0) {
        html(
          state,
          P.HTML_ELEMENTS_WITHOUT_BODY.has(element.value)
            ? `<${element.value}${startTag(element).slice(element.value.length + 1, -1)} />`
            : `${startTag(element)}</${element.value}>`,
        );
        return;
      }
      html(state, startTag(element));
      emitSpans(state, element.children, { ...ctx, insideHtml: true });
      html(state, `</${element.value}>`);
      return;
    case 'xml_comment':
    case 'xml_pi':
      html(state, element.value);
      return;
    case 'raw': {
      const types = element.options.rawType ?? [];
      if (types.length === 0 || types.includes('html')) html(state, element.value);
      return;
    }
    case 'comment':
      html(state, `<!-- ${element.value} -->`);
      return;
    case 'math_ref': {
      const tok = state.push('math_ref', 'a', 0);
      tok.meta = {
        kind: element.options.name as 'eqref' | 'ref',
        label: element.value,
        offset: element.options.offset ?? 0,
      };
      return;
    }
    case 'footnote': {
      const tok = state.push('kramdown_footnote_ref', 'sup', 0);
      tok.meta = { name: element.options.name ?? '' } satisfies FootnoteRefMeta;
      return;
    }
    default:
      emitSpans(state, element.children, ctx);
  }
}

const QUOTES: Record<string, string> = { ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019' };
