/**
 * `\eqref{x}` and `\ref{x}` written in text, outside any formula: MathJax finds them there too
 * (its `processRefs`), so they are links to the equation here as well. The inline rule makes
 * `math_ref` tokens; the math plugin resolves them once the post's equations are numbered.
 */
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { escapeHtml } from '../../core/html.js';
import { equationId, referenceText } from './numbering.js';

/** Meta of a `math_ref` token. */
export interface MathRefMeta {
  kind: 'eqref' | 'ref';
  label: string;
  /** Offset in the inline content, for diagnostics. */
  offset: number;
  /** The equation's tag once resolved; undefined when no equation has the label. */
  tag?: string;
}

const REFERENCE = /^\\(eqref|ref)\{([^}\n]+)\}/;

/** Reads a reference at `text[pos]`; undefined when there is none. */
export function readReference(
  text: string,
  pos: number,
): { kind: 'eqref' | 'ref'; label: string; length: number } | undefined {
  const m = REFERENCE.exec(text.slice(pos, pos + 200));
  return m ? { kind: m[1] as 'eqref' | 'ref', label: m[2]!, length: m[0].length } : undefined;
}

/** The markdown-it inline rule for native posts (before `escape`, which would keep the backslash anyway). */
export function mathRefRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5c /* \ */) return false;
  const ref = readReference(state.src, state.pos);
  if (!ref) return false;
  if (!silent) {
    const token = state.push('math_ref', 'a', 0);
    token.meta = { kind: ref.kind, label: ref.label, offset: state.pos } satisfies MathRefMeta;
  }
  state.pos += ref.length;
  return true;
}

/** Gives a reference its tag; `unknown` is called when no equation has the label. */
export function resolveReference(token: Token, labels: Map<string, string>, unknown: (label: string) => void): void {
  const meta = token.meta as MathRefMeta;
  meta.tag = labels.get(meta.label);
  if (meta.tag === undefined) unknown(meta.label);
}

/** HTML of a resolved reference: a link to the equation, or MathJax's `(???)` when it has none. */
export function renderReference(token: Token): string {
  const meta = token.meta as MathRefMeta;
  const text = escapeHtml(referenceText(meta.kind, meta.tag));
  if (meta.tag === undefined) return `<span class="math-ref math-ref-missing">${text}</span>`;
  // Named "Equation (3)": the bare "(3)" says nothing to a listener (the visible text stays in the name).
  const name = escapeHtml(`Equation ${referenceText('eqref', meta.tag)}`);
  return `<a class="math-ref" href="#${escapeHtml(equationId(meta.label))}" aria-label="${name}">${text}</a>`;
}
