/**
 * Math: owns `$…$`, `\(…\)`, `$$…$$` and `\[…\]`, rendered by KaTeX at build time.
 *
 * Rules (kramdown-compatible, see the design):
 * - `$$…$$` or `\[…\]` starting a line and closing at the end of a line is display math, also
 *   when it sits inside a paragraph (the block rule interrupts paragraphs).
 * - `$$…$$` in the middle of a line of prose is inline math.
 * - `$…$` and `\(…\)` are inline. A `$` followed by a space, or whose next `$` is preceded by a
 *   space or followed by a digit, is a dollar sign, so "costs $5 and $10" stays text.
 * The inline rule runs before `escape` and `emphasis`, so `$(*,H_{out})$` survives.
 * Depends on: nothing. Formulas are rendered in a core rule after `inline`, where the token
 * positions needed for file:line:col diagnostics are known.
 */
import type katexModule from 'katex';
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { escapeHtml } from '../../core/html.js';
import { asEnv, fileLine as fileLineOf, reportAt, sourceLine, type MarkdownEnv } from '../env.js';
import { linkReferences, numberDisplay, startNumbering, type NumberingMode } from '../math/numbering.js';
import { mathRefRule, renderReference, resolveReference } from '../math/references.js';
import { mathBlock, mathInline, type MathMeta } from '../math/delimited.js';
import { mathEnvironmentBlock } from '../math/environments.js';
import type { LazyLibrary } from '../libraries.js';

/** The KaTeX module. */
export type Katex = typeof katexModule;

/** KaTeX, imported now: only for posts that may hold a formula (see libraries.ts). */
export async function loadKatex(): Promise<Katex> {
  return (await import('katex')).default;
}

/**
 * False only when parsing `body` can make no formula: every syntax needs a `$` or a backslash, or
 * an entity kramdown decodes into one (`&#92;(`).
 */
export function mayHaveMath(body: string): boolean {
  return /[$\\&]/.test(body);
}

/** Options of the math plugin. */
export interface MathOptions {
  /** KaTeX macros available to every formula. */
  macros: Record<string, string>;
  /** Largest size a formula may ask for, in em (KaTeX `maxSize`). */
  maxSize: number;
  /** Macro expansion limit (KaTeX `maxExpand`). */
  maxExpand: number;
  /** Which display formulas get equation numbers (see numbering.ts). */
  numbering: NumberingMode;
  /** Inline delimiters in use: `$` for `$…$`, `\\(` for `\(…\)`. */
  inline: ReadonlyArray<'$' | '\\('>;
}

/** Defaults: bounded sizes so a hostile formula cannot blow up a page. */
export const defaultMathOptions: MathOptions = {
  macros: {},
  maxSize: 50,
  maxExpand: 1000,
  numbering: 'ams',
  inline: ['$', '\\('],
};

/** Longest formula rendered, in characters: KaTeX's time grows with its input, and no real formula is this long. */
export const MAX_FORMULA_LENGTH = 20_000;

/** A formula KaTeX refused, waiting for the MathJax fallback (which loads asynchronously, after parsing). */
interface PendingFormula {
  index: number;
  line0: number;
  column: number;
  message: string;
}

/** What the math rules leave in the env for the fallback pass and the build summary. */
export interface MathState {
  /** Every formula of the post, in order. */
  formulas: Token[];
  pending: PendingFormula[];
  /** Formulas rendered by the fallback. */
  fallbacks: number;
  macros: Record<string, string>;
}

/** The math state of `env`, made on first use. */
export function mathState(env: MarkdownEnv): MathState {
  const holder = env as MarkdownEnv & { math?: MathState };
  return (holder.math ??= { formulas: [], pending: [], fallbacks: 0, macros: {} });
}

/** KaTeX's `trust`: only the anchors and links that numbering writes (`#mjx-eqn:…`). */
function trustNumbering(context: { command: string; id?: string; url?: string }): boolean {
  return (
    (context.command === '\\htmlId' && (context.id ?? '').startsWith('mjx-eqn:')) ||
    (context.command === '\\href' && (context.url ?? '').startsWith('#mjx-eqn:'))
  );
}

/** Installs the math rules on `md`. */
export function mathPlugin(md: MarkdownIt, options: Partial<MathOptions>, katex: LazyLibrary<Katex>): void {
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('fence', 'math_environment', mathEnvironmentBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  const inline = options.inline ?? defaultMathOptions.inline;
  md.inline.ruler.before('escape', 'math_inline', (state, silent) => mathInline(state, silent, inline));
  md.inline.ruler.before('escape', 'math_ref', mathRefRule);
  mathRenderPlugin(md, options, katex);
}

/**
 * Renders `math_block` and `math_inline` tokens made by any syntax (this plugin's, or the kramdown
 * profile's), with KaTeX, in a core rule after `inline`.
 */
export function mathRenderPlugin(md: MarkdownIt, options: Partial<MathOptions>, katex: LazyLibrary<Katex>): void {
  const opts = { ...defaultMathOptions, ...options };
  md.core.ruler.after('inline', 'math_render', (state) => renderFormulas(state, opts, katex));
  const output = (meta: MathMeta, env: unknown) => (asEnv(env).output === 'feed' ? meta.mathml : meta.html) ?? '';
  md.renderer.rules.math_inline = (tokens, idx, _options, env) => {
    const meta = tokens[idx]!.meta as MathMeta;
    // A numbered display inside a paragraph (kramdown's `$$` in running text) is named as one on its own line.
    const name = equationName(meta.tags ?? []);
    return name ? `<span class="math-numbered"${name}>${output(meta, env)}</span>` : output(meta, env);
  };
  md.renderer.rules.math_block = (tokens, idx, _options, env) => {
    const meta = tokens[idx]!.meta as MathMeta;
    return `<div class="math-display"${equationName(meta.tags ?? [])}>${output(meta, env)}</div>\n`;
  };
  md.renderer.rules['math_ref'] = (tokens, idx) => renderReference(tokens[idx]!);
}

/**
 * A numbered formula is a named group ("Equation (3)"): KaTeX's MathML leaves the number out (its
 * `mml-eqn-num` cell is filled by CSS), so without the name a screen reader never hears it.
 */
function equationName(tags: readonly string[]): string {
  if (tags.length === 0) return '';
  const numbers = tags.map((tag) => `(${tag})`);
  const list = numbers.length === 1 ? numbers[0]! : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  return ` role="group" aria-label="${escapeHtml(`${numbers.length === 1 ? 'Equation' : 'Equations'} ${list}`)}"`;
}

function renderFormulas(state: StateCore, opts: MathOptions, katex: LazyLibrary<Katex>): void {
  const env = asEnv(state.env);
  const math = mathState(env);
  math.macros = { ...opts.macros };
  const found: Array<{ token: Token; line0: number; column: number }> = [];
  const refs: Array<{ token: Token; line0: number; column: number }> = [];
  for (const token of state.tokens) {
    if (token.type === 'math_block') {
      found.push({
        token,
        line0: token.map![0],
        column: firstColumn(env, token.map![0]) + (token.meta as MathMeta).offset,
      });
    } else if (token.type === 'inline' && token.children) {
      for (const child of token.children) {
        if (child.type !== 'math_inline' && child.type !== 'math_ref') continue;
        const { line0, column } = inlinePosition(env, token, (child.meta as { offset: number }).offset);
        (child.type === 'math_ref' ? refs : found).push({ token: child, line0, column });
      }
    }
  }
  // Numbers first, in document order, then references (which may point forward).
  const numbering = startNumbering(opts.numbering);
  for (const { token } of found) {
    const meta = token.meta as MathMeta;
    const numbered = meta.display
      ? numberDisplay(token.content, numbering)
      : { katex: token.content, mathjax: token.content, tags: [] };
    meta.katexTex = numbered.katex;
    meta.mathjaxTex = numbered.mathjax;
    meta.tags = numbered.tags;
  }
  const unknown = (line0: number, column: number) => (label: string) =>
    reportAt(
      env,
      'warning',
      'math-ref',
      `reference to an equation labelled "${label}", but no numbered equation has \\label{${label}}`,
      line0,
      column,
    );
  for (const { token, line0, column } of found) {
    const meta = token.meta as MathMeta;
    meta.katexTex = linkReferences(meta.katexTex!, numbering.labels, 'katex', unknown(line0, column));
    meta.mathjaxTex = linkReferences(meta.mathjaxTex!, numbering.labels, 'mathjax', () => undefined);
  }
  for (const { token, line0, column } of refs) resolveReference(token, numbering.labels, unknown(line0, column));
  const macros = { ...opts.macros };
  for (const { token, line0, column } of found) {
    math.formulas.push(token);
    renderFormula(katex.get(), token, env, opts, line0, column, macros, math);
  }
}

function renderFormula(
  katex: Katex,
  token: Token,
  env: MarkdownEnv,
  opts: MathOptions,
  line0: number,
  column: number,
  macros: Record<string, string>,
  math: MathState,
): void {
  const meta = token.meta as MathMeta;
  let tex = allowRedefinition(meta.katexTex ?? token.content, macros);
  env.features.math = true;
  if (token.content.length > MAX_FORMULA_LENGTH) {
    reportAt(
      env,
      'warning',
      'math',
      `formula of ${token.content.length} characters is longer than ${MAX_FORMULA_LENGTH}: shown as source`,
      line0,
      column,
    );
    meta.html = meta.mathml = `<code class="math-error">${escapeHtml(meta.raw)}</code>`;
    return;
  }
  // One macros object for the whole post, with definitions global: `\newcommand` in one formula
  // holds for the formulas after it, as in MathJax. The MathML pass must not define them twice.
  const render = (output: 'htmlAndMathml' | 'mathml', definitions: Record<string, string>) =>
    katex.renderToString(tex, {
      displayMode: meta.display,
      throwOnError: true,
      trust: trustNumbering,
      strict: 'ignore',
      maxSize: opts.maxSize,
      maxExpand: opts.maxExpand,
      macros: definitions,
      globalGroup: true,
      output,
    });
  try {
    const before = { ...macros };
    try {
      meta.html = render('htmlAndMathml', macros);
    } catch (error) {
      // KaTeX defines some macros MathJax does not (`\R`, `\C`, …): a `\newcommand` of one redefines it there.
      if (!(error instanceof katex.ParseError) || !/attempting to redefine/.test(error.message)) throw error;
      tex = tex.replace(/\\newcommand/g, '\\renewcommand');
      meta.html = render('htmlAndMathml', macros);
    }
    meta.mathml = render('mathml', before);
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    const parseError = error as katexModule.ParseError & { rawMessage?: string; position?: number };
    const offset = parseError.position ?? 0;
    const { line0: errLine, column: errColumn } = advance(token.content, offset, line0, column);
    // The MathJax fallback gets it after parsing; the warning is given only if MathJax refuses it too.
    math.pending.push({
      index: math.formulas.length - 1,
      line0: errLine,
      column: errColumn,
      message: parseError.rawMessage ?? parseError.message,
    });
    const tag = meta.display ? 'pre' : 'code';
    meta.html = `<${tag} class="math-error" title="${escapeHtml(parseError.rawMessage ?? 'invalid formula')}">${escapeHtml(meta.raw)}</${tag}>`;
    meta.mathml = meta.html;
  }
}

const NEWCOMMAND = /\\newcommand\s*\{?\s*(\\[A-Za-z]+)/g;

/**
 * MathJax's `\newcommand` redefines a macro silently; KaTeX's refuses to. A `\newcommand` of a macro
 * this post (or `math.macros`) already defined becomes `\renewcommand`.
 */
function allowRedefinition(tex: string, macros: Record<string, string>): string {
  if (!tex.includes('\\newcommand')) return tex;
  return tex.replace(NEWCOMMAND, (whole, name: string) =>
    Object.hasOwn(macros, name) ? whole.replace('\\newcommand', '\\renewcommand') : whole,
  );
}

/** Moves a (line, column) position forward over `text[0:offset]`. */
function advance(text: string, offset: number, line0: number, column: number): { line0: number; column: number } {
  const before = text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  if (newlines === 0) return { line0, column: column + offset };
  return { line0: line0 + newlines, column: offset - before.lastIndexOf('\n') };
}

/** File position of an offset into an inline token's content. */
function inlinePosition(env: MarkdownEnv, inline: Token, offset: number): { line0: number; column: number } {
  const content = inline.content;
  const before = content.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const line0 = (inline.map?.[0] ?? 0) + lineIndex;
  const contentLine = content.split('\n')[lineIndex] ?? '';
  const inLine = offset - (before.lastIndexOf('\n') + 1);
  // markdown-it strips indentation and container markers (`> `, `- `): find the text in the file line.
  const fileLine = sourceLine(env, fileLineOf(env, line0));
  const shift = Math.max(0, fileLine.indexOf(contentLine));
  return { line0, column: shift + inLine + 1 };
}

function firstColumn(env: MarkdownEnv, line0: number): number {
  const text = sourceLine(env, fileLineOf(env, line0));
  return text.length - text.trimStart().length + 1;
}
