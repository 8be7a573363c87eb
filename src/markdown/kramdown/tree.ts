/** The element tree the kramdown parsers build, shaped like kramdown's own (`Kramdown::Element`). */
import { allowedListAttribute } from '../attribute-policy.js';

/** Attributes from an IAL or ALD: plain attributes, plus `refs` to ALD names. */
export interface Ial {
  attrs: Record<string, string>;
  refs: string[];
}

/** Options kramdown keeps on elements that inkstone needs. */
export interface KOptions {
  /** 0-based body line where the element starts. */
  line?: number;
  ial?: Ial;
  level?: number;
  rawText?: string;
  transparent?: boolean;
  firstAsPara?: boolean;
  lang?: string;
  /** For `codeblock` elements: the opening fence as written (backticks or tildes); none for indented code. */
  fence?: string;
  /** For `codeblock` elements: how many source lines the block spans. */
  lines?: number;
  alignment?: Array<'default' | 'left' | 'right' | 'center'>;
  contentModel?: 'block' | 'span' | 'raw';
  isClosed?: boolean;
  category?: 'block' | 'span';
  /** For `raw` (nomarkdown) elements: the output formats it is for. */
  rawType?: string[];
  /** Offset of a math element's TeX in its inline source, for diagnostics. */
  offset?: number;
  /** The source of a math element with its delimiters. */
  source?: string;
  name?: string;
  /** Footnote definition a footnote marker points to. */
  footnote?: FootnoteDef;
  /** Set on an `eob` element: what made it (an ALD, an IAL, a definition). */
  eobKind?: 'ald' | 'ial' | 'link_def' | 'abbrev_def' | 'footnote_def' | 'extension';
}

/** One element: block or span. `value` holds text for text-like elements. */
export interface KElement {
  type: string;
  value: string;
  attr: Record<string, string>;
  options: KOptions;
  children: KElement[];
}

/** A footnote definition, filled when its first marker is met. */
export interface FootnoteDef {
  name: string;
  content: KElement;
  /** 1-based number, given in order of first reference. */
  number?: number;
  references: number;
  eob?: KElement;
  attr: Record<string, string>;
}

/** Creates an element. */
export function el(type: string, value = '', attr: Record<string, string> = {}, options: KOptions = {}): KElement {
  return { type, value, attr, options, children: [] };
}

/** Merges `ial` into `attr` as kramdown does: classes accumulate, other attributes replace; ALD references first. */
export function applyIal(attr: Record<string, string>, ial: Ial, alds: Map<string, Ial>): void {
  for (const ref of ial.refs) {
    const ald = alds.get(ref);
    if (ald) applyIal(attr, ald, alds);
  }
  for (const [k, v] of Object.entries(ial.attrs)) {
    // Unlike kramdown, never an event handler or a script address (see attribute-policy.ts).
    if (!allowedListAttribute(k, v)) continue;
    attr[k] = k === 'class' ? `${attr[k] ?? ''} ${v}`.trimStart() : v;
  }
}

/** Adds the attributes and references of `more` to `ial`. */
export function mergeIal(ial: Ial, more: Ial): void {
  ial.refs.push(...more.refs);
  for (const [k, v] of Object.entries(more.attrs))
    ial.attrs[k] = k === 'class' ? `${ial.attrs[k] ?? ''} ${v}`.trimStart() : v;
}

/** An empty attribute list. */
export function emptyIal(): Ial {
  return { attrs: {}, refs: [] };
}
