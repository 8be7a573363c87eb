/**
 * Code: owns the rendering of fenced and indented code blocks, highlighted by Shiki at build time,
 * and the fence options read by parseFenceInfo (a title, line numbers, emphasised lines); diff and
 * highlight notation comments are the highlighter's. Depends on: the highlighter having loaded every
 * fence language first (renderPost does it, since markdown-it renders synchronously). An unknown
 * language is a warning and plain escaped code.
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { MAX_HIGHLIGHTED_LINE, type CodeHighlighter } from '../highlighter.js';
import { escapeHtml } from '../../core/html.js';
import { asEnv, reportAt, type MarkdownEnv } from '../env.js';
import { parseFenceInfo } from '../fence-info.js';

/** Options of the code plugin. */
export interface CodeOptions {
  highlighter: CodeHighlighter;
  /**
   * Line numbers of the blocks that do not say (`markdown.line_numbers`): `true` for every fence that
   * names a language, `all` for every block.
   */
  lineNumbers?: boolean | 'all';
  /** Leave out the blank lines at the end of a fenced block, as Hugo does (it keeps those with spaces). */
  dropTrailingBlankLines?: boolean;
}

/**
 * True when a fence ran to the end of the text without its closing line (CommonMark allows it, and the
 * rest of the post silently becomes code).
 */
function isUnclosed(lines: readonly string[], token: Token): boolean {
  const [start, end] = token.map!;
  if (end < lines.length && !(end === lines.length - 1 && lines[end] === '')) return false;
  // A fence in a block quote or a list ends on a line with the quote's `>` and the item's indentation.
  const last = (lines[end - 1] ?? '').replace(/^(?:[ \t]*>)*/, '');
  const fence = token.markup;
  const closing = new RegExp(`^[ \\t]*${fence[0] === '~' ? '~' : '\\x60'}{${fence.length},}\\s*$`);
  return end - 1 === start || !closing.test(last);
}

/** Longest code block highlighted, in characters. */
export const MAX_HIGHLIGHTED_LENGTH = 200_000;

/** The language named by a fence's info string (`python title="x"` → `python`, `js{2}` → `js`), lower case. */
export function fenceLanguage(token: Token): string {
  return parseFenceInfo(token.info).language;
}

/** Languages of every code fence in `tokens` (and of the code a token lists in `meta.fenceLanguages`), for loading grammars before rendering. */
export function collectFenceLanguages(tokens: readonly Token[]): string[] {
  const languages = new Set<string>();
  for (const token of tokens) {
    if (token.type === 'fence') languages.add(fenceLanguage(token));
    // A token that renders code blocks of its own (a notebook) lists their languages.
    for (const language of (token.meta as { fenceLanguages?: string[] } | null)?.fenceLanguages ?? [])
      languages.add(language);
  }
  languages.delete('');
  return [...languages];
}

/**
 * True when rendering `tokens` highlights code (a fence, indented code, a token with code blocks of its
 * own): only then does the post need Shiki started, which a site without code never pays for.
 */
export function needsHighlighter(tokens: readonly Token[]): boolean {
  return tokens.some(
    (token) =>
      token.type === 'fence' ||
      token.type === 'code_block' ||
      (token.meta as { fenceLanguages?: string[] } | null)?.fenceLanguages !== undefined,
  );
}

/** Installs the code block renderers on `md`. */
export function codePlugin(md: MarkdownIt, options: CodeOptions): void {
  const { highlighter } = options;
  md.core.ruler.after('block', 'unclosed_fence', (state) => {
    const env = asEnv(state.env);
    const fences = state.tokens.filter((t) => t.type === 'fence' && t.map && /^(?:`{3,}|~{3,})$/.test(t.markup));
    // Only the last fence can run to the end of the post; split the source once, and only when there is one.
    const lines = fences.length > 0 ? state.src.split('\n') : [];
    for (const token of fences) {
      // Only Markdown's own fences: `{% highlight %}` and `{% mermaid %}` blocks are closed by their tags.
      if (isUnclosed(lines, token)) {
        reportAt(
          env,
          'warning',
          'code-fence',
          `this ${token.markup} code block is never closed: everything after it, to the end of the post, is shown as code`,
          token.map![0],
          1,
        );
      }
    }
  });
  md.renderer.rules.fence = (tokens, idx, _options, rawEnv) => {
    const token = tokens[idx]!;
    // A post is rendered twice (page and feed): highlight once, and warn once.
    const done = (token.meta as { codeHtml?: string } | null)?.codeHtml;
    if (done !== undefined) return done;
    const html = renderFence(token, asEnv(rawEnv));
    token.meta = { ...(token.meta as object | null), codeHtml: html };
    return html;
  };
  const renderFence = (token: Token, env: MarkdownEnv): string => {
    const info = parseFenceInfo(token.info);
    const { language } = info;
    env.features.code = true;
    let shikiLanguage = 'text';
    if (token.content.length > MAX_HIGHLIGHTED_LENGTH) {
      // Grammar matching can take super-linear time on adversarial input: huge blocks stay plain.
      reportAt(
        env,
        'warning',
        'code-size',
        `code block of ${token.content.length} characters is longer than ${MAX_HIGHLIGHTED_LENGTH}: shown without highlighting`,
        token.map?.[0] ?? 0,
        1,
      );
    } else if (language && !PLAIN_LANGUAGES.has(language)) {
      if (highlighter.isKnown(language)) {
        shikiLanguage = language;
        env.features.languages.add(language);
        const codeLines = token.content.split('\n');
        const long = codeLines.findIndex((line) => line.length > MAX_HIGHLIGHTED_LINE);
        if (long !== -1) {
          // The fence's own line comes first: code line k is file line map[0] + 1 + k. Indented code
          // (kramdown's, which an attribute list may give a language) has no fence line, nor markup.
          reportAt(
            env,
            'warning',
            'code-size',
            `a line of ${codeLines[long]!.length} characters is longer than ${MAX_HIGHLIGHTED_LINE}: it is shown without highlighting`,
            (token.map?.[0] ?? 0) + (token.markup === '' ? 0 : 1) + long,
            1,
          );
        }
      } else {
        reportAt(
          env,
          'warning',
          'code-language',
          `unknown code language "${language}": shown without highlighting`,
          token.map?.[0] ?? 0,
          1,
        );
      }
    }
    const code = options.dropTrailingBlankLines ? token.content.replace(/\n+$/, '') : stripFinalNewline(token.content);
    const html = highlighter.highlight(code, shikiLanguage, {
      highlightLines: info.highlightLines,
      lineNumbers: info.lineNumbers ?? defaultLineNumbers(options.lineNumbers, language, highlighter),
      shownPlain: (reason) =>
        reportAt(
          env,
          'warning',
          'code-size',
          `code block shown without highlighting: ${reason}`,
          token.map?.[0] ?? 0,
          1,
        ),
    });
    return wrap(html, language, info.title);
  };
  md.renderer.rules.code_block = (tokens, idx, _options, rawEnv) => {
    asEnv(rawEnv).features.code = true;
    const lineNumbers = options.lineNumbers === 'all';
    return wrap(highlighter.highlight(stripFinalNewline(tokens[idx]!.content), 'text', { lineNumbers }), '', undefined);
  };
}

/**
 * Whether the site's default numbers a fence of `language` that does not say. Hugo's `lineNos`
 * (`true`) numbers the blocks Chroma highlights: those naming a language it knows. Jekyll's kramdown
 * (`all`) numbers those Rouge highlights: a block naming a language it knows, and one naming none,
 * which Jekyll highlights as plain text. A language neither knows stays a plain, unnumbered block.
 */
function defaultLineNumbers(
  setting: CodeOptions['lineNumbers'],
  language: string,
  highlighter: CodeHighlighter,
): boolean {
  if (!setting) return false;
  if (language === '') return setting === 'all';
  return PLAIN_LANGUAGES.has(language) || highlighter.isKnown(language);
}

/** The names of plain text, which every engine highlights as such. */
const PLAIN_LANGUAGES = new Set(['text', 'plaintext', 'txt']);

/** A titled block is a figure captioned by its title (usually a file name); others are a plain box. */
function wrap(html: string, language: string, title: string | undefined): string {
  const attr = language ? ` data-language="${safeLanguageName(language)}"` : '';
  if (title)
    return `<figure class="code-block has-title"${attr}><figcaption class="code-title">${escapeHtml(title)}</figcaption>${html}</figure>\n`;
  return `<div class="code-block"${attr}>${html}</div>\n`;
}

function safeLanguageName(text: string): string {
  return text.replace(/[^a-z0-9_+#.-]/gi, '');
}

function stripFinalNewline(code: string): string {
  return code.endsWith('\n') ? code.slice(0, -1) : code;
}
