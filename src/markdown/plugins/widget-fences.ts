/**
 * Widgets in the author's HTML: al-folio's TikZ pictures (`<script type="text/tikz">`, drawn by
 * TikZJax in the reader's browser) become diagram tokens of kind `tikz`, which the diagrams plugin
 * numbers and the diagrams stage draws at build time. Widget fences (```` ```chartjs ```` and the
 * rest) are the diagrams plugin's own.
 * Depends on: the diagrams plugin's renderer rule for `diagram` tokens.
 */
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { isAuthorHtml } from '../generated-html.js';

/** A TikZ picture as al-folio writes it: a script element of type `text/tikz` (its source inside). */
const TIKZ_SCRIPT = /<script\b[^>]*?\btype\s*=\s*(["']?)text\/tikz\1(?=[\s>/])[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** Installs the rule that turns TikZ scripts into diagram tokens on `md`. */
export function widgetFencesPlugin(md: MarkdownIt): void {
  md.core.ruler.before('inline', 'widget_fences', (state) => {
    const tokens: Token[] = [];
    for (const token of state.tokens) {
      if (token.type === 'html_block' && isAuthorHtml(token) && /text\/tikz/i.test(token.content))
        tokens.push(...splitTikz(state, token));
      else tokens.push(token);
    }
    state.tokens = tokens;
  });
}

/**
 * An HTML block with TikZ scripts, split into the author's HTML around each picture (which stays under
 * the raw-HTML policy, like the rest of it) and a diagram token per picture, which the diagrams plugin
 * numbers and the diagrams stage draws. The picture's source starts on the line after its script tag.
 */
function splitTikz(state: StateCore, token: Token): Token[] {
  const pieces: Token[] = [];
  const html = (content: string) => {
    if (content.trim() === '') return;
    const piece = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token, { content });
    pieces.push(piece);
  };
  let last = 0;
  for (const match of token.content.matchAll(TIKZ_SCRIPT)) {
    html(token.content.slice(last, match.index));
    const line = (token.map?.[0] ?? 0) + (token.content.slice(0, match.index).match(/\n/g)?.length ?? 0);
    const picture = new state.Token('diagram', '', 0);
    picture.block = true;
    picture.content = match[2]!.replace(/^[^\S\n]*\n/, '');
    picture.meta = { kind: 'tikz' };
    picture.map = [line, line + 1];
    pieces.push(picture);
    last = match.index + match[0].length;
    // The picture's placeholder ends its own line.
    if (token.content[last] === '\n') last++;
  }
  html(token.content.slice(last));
  return pieces;
}
