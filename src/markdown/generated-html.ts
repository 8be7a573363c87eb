/**
 * HTML tokens inkstone writes itself (footnote lists, abbreviations, task boxes) are marked, so that
 * the raw-HTML policy (`markdown.html`), which applies to the author's HTML only, leaves them alone.
 */
import type Token from 'markdown-it/lib/token.mjs';

/** Marks an HTML token inkstone wrote itself. */
export function markGenerated<T extends Token>(token: T): T {
  token.meta = { ...(token.meta as object | null), generated: true };
  return token;
}

/** True for an `html_block`/`html_inline` token that holds the author's own HTML. */
export function isAuthorHtml(token: Token): boolean {
  return (token.meta as { generated?: boolean } | null)?.generated !== true;
}
