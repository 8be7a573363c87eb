/**
 * Widget fences: owns fences whose language names a chart or widget that al-folio draws in the reader's
 * browser with a script and that inkstone does not draw at build time (`typograms`; the others are
 * the diagrams plugin's). Each becomes a visible note with the source under
 * it, instead of a code block in an unknown language or markup that waits for a script. The same goes
 * TikZ pictures in the author's HTML (al-folio's `<script type="text/tikz">`, drawn by TikZJax in the
 * reader's browser) become diagram tokens of kind `tikz`, drawn at build time by the diagrams stage.
 * Depends on: a core rule like the diagrams plugin's, before code renders; the code plugin never sees them.
 */
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { escapeHtml } from '../../core/html.js';
import { isAuthorHtml } from '../generated-html.js';
import { fenceLanguage } from './code.js';

/** Fence languages that are client-side widgets, with the name shown in the note. */
export const WIDGET_LANGUAGES: Readonly<Record<string, string>> = {
  typograms: 'Typograms diagram',
};

/** A TikZ picture as al-folio writes it: a script element of type `text/tikz` (its source inside). */
const TIKZ_SCRIPT = /<script\b[^>]*?\btype\s*=\s*(["']?)text\/tikz\1(?=[\s>/])[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** The note that stands for widget `language` (named `name`), with its source. */
function widgetNote(language: string, name: string, source: string): string {
  return (
    `<details class="widget-fallback" data-widget="${escapeHtml(language)}">` +
    `<summary>This ${name} is drawn by a script in the original blog and is not shown here; open to see its source.</summary>` +
    `<pre><code>${escapeHtml(source)}</code></pre></details>`
  );
}

/** Installs the widget rule and renderer on `md`. */
export function widgetFencesPlugin(md: MarkdownIt): void {
  md.core.ruler.before('inline', 'widget_fences', (state) => {
    const tokens: Token[] = [];
    for (const token of state.tokens) {
      if (token.type === 'fence' && Object.hasOwn(WIDGET_LANGUAGES, fenceLanguage(token))) token.type = 'widget_fence';
      if (token.type === 'html_block' && isAuthorHtml(token) && /text\/tikz/i.test(token.content))
        tokens.push(...splitTikz(state, token));
      else tokens.push(token);
    }
    state.tokens = tokens;
  });
  md.renderer.rules['widget_fence'] = (tokens, idx) => {
    const token = tokens[idx]!;
    const language = fenceLanguage(token);
    return `${widgetNote(language, WIDGET_LANGUAGES[language]!, token.content)}\n`;
  };
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
