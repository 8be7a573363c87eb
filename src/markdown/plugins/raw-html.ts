/**
 * Raw HTML, as `markdown.html` says: `allow` writes the author's HTML as written (Jekyll's and Hugo's
 * `unsafe` behaviour); `escape` shows it as text; `omit` leaves it out, as Hugo's goldmark does by
 * default (`<!-- raw HTML omitted -->`); `sanitize` cleans it with an allow-list (see
 * html-sanitizer.ts). Only the author's HTML is touched: pieces inkstone writes as HTML tokens itself
 * (footnote lists, abbreviations, task boxes) are marked (generated-html.ts) and left alone.
 * Depends on: nothing at parse time; it wraps the renderer, so it sees every render (page, excerpt,
 * feed, table of contents).
 */
import { randomBytes } from 'node:crypto';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isAuthorHtml } from '../generated-html.js';
import { allowedStyle, newMarks, sanitizeMarked, type RawHtmlMarks, type Sanitizer } from '../html-sanitizer.js';
import type { LazyLibrary } from '../libraries.js';

/** What becomes of raw HTML in posts. */
export type RawHtmlMode = 'allow' | 'sanitize' | 'escape' | 'omit';

/** What goldmark writes in place of raw HTML when `unsafe` is off. */
const OMITTED = '<!-- raw HTML omitted -->';

/** The marks of the render in progress, kept on the env so nested `renderInline` calls use them. */
interface MarkedEnv {
  rawHtmlMarks?: RawHtmlMarks & { nonce: string };
}

/** Installs the raw-HTML policy on `md`; `allow` installs nothing. The sanitizer is loaded for the other modes. */
export function rawHtmlPlugin(md: MarkdownIt, mode: RawHtmlMode, sanitizer: LazyLibrary<Sanitizer>): void {
  if (mode === 'allow') return;
  for (const type of ['html_block', 'html_inline'] as const) {
    const fallback = md.renderer.rules[type];
    md.renderer.rules[type] = (tokens, idx, options, env, self) => {
      const token = tokens[idx]!;
      const written = fallback ? fallback(tokens, idx, options, env, self) : token.content;
      if (!isAuthorHtml(token)) return written;
      if (mode === 'omit') return token.type === 'html_block' ? `${OMITTED}\n` : OMITTED;
      if (mode === 'escape')
        return token.type === 'html_block'
          ? `<p>${md.utils.escapeHtml(token.content.trimEnd())}</p>\n`
          : md.utils.escapeHtml(token.content);
      const marks = (env as MarkedEnv).rawHtmlMarks;
      return marks ? marks.open + written + marks.close : '';
    };
  }
  // Attribute lists (`{: style="…"}`) are the other way an author sets markup: their styles meet the same allow-list.
  md.core.ruler.push('sanitize_styles', (state) => {
    const visit = (tokens: readonly Token[]): void => {
      for (const token of tokens) {
        const style = token.attrGet('style');
        if (style !== null) {
          const kept = allowedStyle(style, sanitizer.get());
          if (kept) token.attrSet('style', kept);
          else token.attrs = token.attrs?.filter(([name]) => name !== 'style') ?? null;
        }
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
  if (mode !== 'sanitize') return;
  const renderer = md.renderer;
  for (const method of ['render', 'renderInline'] as const) {
    const original = renderer[method].bind(renderer);
    renderer[method] = (tokens, options, givenEnv) => {
      const env: unknown = givenEnv ?? {};
      const marked = env as MarkedEnv;
      // A nested call (the page's inline runs) is part of the render that set the marks.
      if (marked.rawHtmlMarks) return original(tokens, options, env);
      const nonce = randomBytes(9).toString('base64url');
      marked.rawHtmlMarks = { ...newMarks(nonce), nonce };
      try {
        return sanitizeMarked(original(tokens, options, env), marked.rawHtmlMarks, nonce, () => sanitizer.get());
      } finally {
        delete marked.rawHtmlMarks;
      }
    };
  }
}
