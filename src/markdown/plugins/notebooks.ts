/**
 * Notebooks: owns the notebook markers (src/notebooks/marker.ts) that `{% jupyter_notebook %}` and the
 * ```` ```notebook ```` fence leave in a post, wherever they stand: an HTML block, kramdown's
 * `{::nomarkdown}`, inline HTML. Each becomes a `notebook` token. Markdown cells are parsed as documents
 * of their own with the cell markdown-it (native profile: Jupyter's Markdown is CommonMark; raw HTML
 * sanitized), code cells become fences in the notebook's language, so formulas and code go through the
 * same math and code plugins as the post's; outputs are rendered by notebook-outputs.ts.
 * Depends on: `math_render` (runs after it, so the post's formulas come first in the post's math state,
 * which the cells share for the MathJax fallback); the code plugin loads the languages listed in the
 * token's `meta.fenceLanguages` before rendering.
 */
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type { Diagnostic } from '../../core/diagnostics.js';
import { escapeHtml } from '../../core/html.js';
import { notebookNote } from '../../notebooks/load.js';
import { splitNotebookMarkers } from '../../notebooks/marker.js';
import type { Notebook, NotebookCell } from '../../notebooks/nbformat.js';
import { asEnv, createEnv, fileLine, reportAt, type MarkdownEnv } from '../env.js';
import type { CodeHighlighter } from '../highlighter.js';
import type { Sanitizer } from '../html-sanitizer.js';
import type { LazyLibrary } from '../libraries.js';
import { cleanHtml, renderOutputs } from '../notebook-outputs.js';
import { collectFenceLanguages } from './code.js';
import { mathState } from './math.js';
import { countNewlines } from '../../core/text-position.js';

/** Options of the notebooks plugin. */
export interface NotebooksOptions {
  highlighter: CodeHighlighter;
  /** The markdown-it for cells: the native profile with raw HTML sanitized, made on first use. */
  cellMarkdown: () => MarkdownIt;
  /** For HTML cells and outputs; loaded before a post with notebooks is parsed. */
  sanitizer: LazyLibrary<Sanitizer>;
}

/**
 * What a cell's piece needs at render time: HTML made at parse time (with its form for feeds, when it
 * differs), or tokens to render with the env they were parsed with.
 */
type Part = { html: string; feed?: string } | { tokens: Token[]; env: MarkdownEnv; where: string };

/** The `notebook` token's meta. */
interface NotebookMeta {
  path: string;
  parts: Part[];
  /** Code languages of the cells, loaded before rendering (see collectFenceLanguages). */
  fenceLanguages: string[];
}

/** Set on the env of a cell: markers inside a notebook's own cells are not expanded again. */
interface CellEnv {
  notebookCell?: true;
}

/** Installs the notebook rule and renderer on `md`. */
export function notebooksPlugin(md: MarkdownIt, options: NotebooksOptions): void {
  md.core.ruler.after('math_render', 'notebooks', (state) => {
    const env = asEnv(state.env);
    if ((state.env as CellEnv).notebookCell || !state.src.includes('<!--inkstone:notebook ')) return;
    state.tokens = expandTokens(state, state.tokens, env, options, undefined);
  });
  md.renderer.rules['notebook'] = (tokens, idx, _options, rawEnv) => {
    const meta = tokens[idx]!.meta as NotebookMeta;
    const env = asEnv(rawEnv);
    const cells = options.cellMarkdown();
    let html = `<div class="notebook" data-notebook="${escapeHtml(meta.path)}">\n`;
    for (const part of meta.parts) {
      if ('html' in part) {
        html += env.output === 'feed' ? (part.feed ?? part.html) : part.html;
        continue;
      }
      const renderEnv: MarkdownEnv = { ...part.env, output: env.output, diagnostics: [] };
      html += cells.renderer.render(part.tokens, cells.options, renderEnv);
      adopt(env, renderEnv.diagnostics, part.where);
    }
    return `${html}</div>\n`;
  };
  md.renderer.rules['notebook_note'] = (tokens, idx) => `${tokens[idx]!.content}\n`;
}

/** `tokens` with every HTML token that holds markers cut around them; inline children too. */
function expandTokens(
  state: StateCore,
  tokens: Token[],
  env: MarkdownEnv,
  options: NotebooksOptions,
  parentLine: number | undefined,
): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.children)
      token.children = expandTokens(state, token.children, env, options, token.map?.[0] ?? parentLine);
    const pieces =
      token.type === 'html_block' || token.type === 'html_inline' ? splitNotebookMarkers(token.content) : undefined;
    if (!pieces) {
      out.push(token);
      continue;
    }
    const firstLine = token.map?.[0] ?? parentLine ?? 0;
    for (const piece of pieces) {
      if ('text' in piece) {
        if (piece.text.trim() !== '')
          out.push(
            Object.assign(new state.Token(token.type, token.tag, token.nesting), token, { content: piece.text }),
          );
        continue;
      }
      const line0 = firstLine + countNewlines(token.content.slice(0, piece.offset));
      out.push(
        piece.notebook ? notebookToken(state, piece.notebook, env, options, line0) : brokenMarker(state, env, line0),
      );
    }
  }
  return out;
}

function brokenMarker(state: StateCore, env: MarkdownEnv, line0: number): Token {
  const reason = 'the notebook marker in this post holds no valid notebook (was it edited by hand?)';
  reportAt(env, 'warning', 'notebook', reason, line0, 1);
  const token = new state.Token('notebook_note', '', 0);
  token.content = notebookNote(reason);
  token.map = [line0, line0 + 1];
  return token;
}

function notebookToken(
  state: StateCore,
  notebook: Notebook,
  env: MarkdownEnv,
  options: NotebooksOptions,
  line0: number,
): Token {
  const cells = options.cellMarkdown();
  let language = notebook.language;
  if (language && !options.highlighter.isKnown(language)) {
    reportAt(
      env,
      'warning',
      'code-language',
      `notebook ${notebook.path}: unknown code language "${language}": its code is shown without highlighting`,
      line0,
      1,
    );
    language = '';
  }
  const longest = notebook.cells.reduce((most, cell) => Math.max(most, countNewlines(cell.source) + 1), 1);
  const context = {
    state,
    env,
    cells,
    sanitizer: options.sanitizer.get(),
    line0,
    lineMap: new Array<number>(longest + 2).fill(0),
    path: notebook.path,
  };
  const parts: Part[] = [];
  for (const [index, cell] of notebook.cells.entries()) parts.push(...cellParts(cell, index, language, context));
  const languages = new Set<string>(language ? [language] : []);
  for (const part of parts) if ('tokens' in part) for (const l of collectFenceLanguages(part.tokens)) languages.add(l);
  const token = new state.Token('notebook', 'div', 0);
  token.block = true;
  token.map = [line0, line0 + 1];
  token.meta = { path: notebook.path, parts, fenceLanguages: [...languages] } satisfies NotebookMeta;
  return token;
}

interface CellContext {
  state: StateCore;
  env: MarkdownEnv;
  cells: MarkdownIt;
  sanitizer: Sanitizer;
  /** 0-based body line of the marker: every diagnostic from the notebook points there. */
  line0: number;
  /** A line map sending every line of a cell to the marker's line. */
  lineMap: number[];
  path: string;
}

function cellParts(cell: NotebookCell, index: number, language: string, context: CellContext): Part[] {
  const where = `notebook ${context.path}, cell ${index + 1}`;
  if (cell.type === 'markdown') {
    const source = withAttachments(cell.source, cell.attachments);
    return [
      { html: '<div class="nb-cell nb-markdown-cell">\n' },
      markdownPart(source, where, context),
      { html: '</div>\n' },
    ];
  }
  if (cell.type === 'raw') {
    if (cell.format === 'text/markdown')
      return [
        { html: '<div class="nb-cell nb-raw-cell">\n' },
        markdownPart(cell.source, where, context),
        { html: '</div>\n' },
      ];
    if (cell.format !== '' && cell.format !== 'text/html') return [];
    // nbconvert's HTML writes raw cells without a format as they are: here, through the HTML allow-list.
    return [{ html: `<div class="nb-cell nb-raw-cell">\n${cleanHtml(cell.source, context.sanitizer)}\n</div>\n` }];
  }
  if (cell.source.trim() === '' && cell.outputs.length === 0) return [];
  const prompt = `<div class="nb-prompt">In [${cell.executionCount ?? ' '}]:</div>`;
  const parts: Part[] = [{ html: `<div class="nb-cell nb-code-cell">\n<div class="nb-input">${prompt}\n` }];
  if (cell.source.trim() !== '')
    parts.push({ tokens: [codeFence(context.state, cell.source, language)], env: cellEnv(context), where });
  parts.push({ html: '</div>\n' });
  const outputs = renderOutputs(cell.outputs, context.sanitizer);
  if (outputs.length > 0) {
    parts.push({ html: '<div class="nb-outputs">\n' });
    for (const view of outputs) {
      if ('html' in view) parts.push(view);
      else parts.push({ html: view.open }, markdownPart(view.markdown, where, context), { html: view.close });
    }
    parts.push({ html: '</div>\n' });
  }
  parts.push({ html: '</div>\n' });
  return parts;
}

/** `source` parsed as a Markdown document of its own; its parse-time diagnostics name the notebook and cell. */
function markdownPart(source: string, where: string, context: CellContext): Part {
  const env = cellEnv(context);
  const math = mathState(context.env);
  const pendingBefore = math.pending.length;
  const tokens = context.cells.parse(source, env);
  // Formulas KaTeX refused go to the post's MathJax fallback, which reports at the marker's line.
  for (const pending of math.pending.slice(pendingBefore))
    Object.assign(pending, { line0: context.line0, column: 1, message: `${where}: ${pending.message}` });
  adopt(context.env, env.diagnostics, where);
  // The cell's links and images are the post's, for `inkstone check`.
  context.env.links.push(...env.links);
  return { tokens, env, where };
}

/** An env for one cell: the post's features, heading ids, diagrams and math state, with every line at the marker's. */
function cellEnv(context: CellContext): MarkdownEnv {
  const outer = context.env;
  const env = createEnv(outer.file, outer.sourceText, fileLine(outer, context.line0), context.lineMap);
  Object.assign(env, {
    features: outer.features,
    slugger: outer.slugger,
    diagrams: outer.diagrams,
    math: mathState(outer),
  });
  (env as CellEnv).notebookCell = true;
  return env;
}

function codeFence(state: StateCore, source: string, language: string): Token {
  const token = new state.Token('fence', 'code', 0);
  token.block = true;
  token.info = language;
  token.markup = '```';
  token.content = source.endsWith('\n') ? source : `${source}\n`;
  token.map = [0, countNewlines(token.content) + 2];
  return token;
}

/** Markdown images of attachments (`![plot](attachment:plot.png)`) pointed at their data. */
function withAttachments(source: string, attachments: Record<string, { mime: string; data: string }>): string {
  if (!source.includes('attachment:')) return source;
  return source.replace(/\]\(\s*<?attachment:([^)\s>]+)>?/g, (whole, name: string) => {
    const attachment = attachments[safeDecode(name)];
    if (!attachment) return whole;
    const base64 =
      attachment.mime === 'image/svg+xml'
        ? Buffer.from(attachment.data, 'utf8').toString('base64')
        : attachment.data.replace(/\s+/g, '');
    return /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? `](data:${attachment.mime};base64,${base64}` : whole;
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Moves `from` into the post's diagnostics, each message naming the notebook and cell. */
function adopt(env: MarkdownEnv, from: Diagnostic[], where: string): void {
  for (const d of from.splice(0)) env.diagnostics.push({ ...d, message: `${where}: ${d.message}` });
}
