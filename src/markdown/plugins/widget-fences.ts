/**
 * Widget fences: owns fences whose language names a chart or widget that al-folio draws in the reader's
 * browser with a script and that inkstone does not draw at build time (`typograms`; the others are
 * the diagrams plugin's). Each becomes a visible note with the source under
 * it, instead of a code block in an unknown language or markup that waits for a script. The same goes
 * for al-folio's TikZ pictures (`<script type="text/tikz">` in the author's HTML, drawn by TikZJax),
 * which a browser would otherwise skip without a trace.
 * Depends on: a core rule like the diagrams plugin's, before code renders; the code plugin never sees them.
 */
import type MarkdownIt from 'markdown-it';
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
    for (const token of state.tokens) {
      if (token.type === 'fence' && Object.hasOwn(WIDGET_LANGUAGES, fenceLanguage(token))) token.type = 'widget_fence';
      else if (token.type === 'html_block' && isAuthorHtml(token) && /text\/tikz/i.test(token.content)) {
        // The author's HTML around the picture stays, under the raw-HTML policy like the rest of it.
        token.content = token.content.replace(TIKZ_SCRIPT, (_, _quote: string, source: string) =>
          widgetNote('tikz', 'TikZ picture', source.replace(/^\n/, '')),
        );
      }
    }
  });
  md.renderer.rules['widget_fence'] = (tokens, idx) => {
    const token = tokens[idx]!;
    const language = fenceLanguage(token);
    return `${widgetNote(language, WIDGET_LANGUAGES[language]!, token.content)}\n`;
  };
}
