/**
 * Widget fences: owns fences whose language names a chart or widget that al-folio draws in the reader's
 * browser with a script (`chartjs`, `echarts`, `vega_lite`, `geojson`, `plotly`, `typograms`, `diff2html`,
 * `pseudocode`). inkstone ships no such scripts, so each becomes a visible note with the source under
 * it, instead of a code block in an unknown language or markup that waits for a script.
 * Depends on: a core rule like the diagrams plugin's, before code renders; the code plugin never sees them.
 */
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../core/html.js';
import { fenceLanguage } from './code.js';

/** Fence languages that are client-side widgets, with the name shown in the note. */
export const WIDGET_LANGUAGES: Readonly<Record<string, string>> = {
  chartjs: 'Chart.js chart',
  echarts: 'ECharts chart',
  vega_lite: 'Vega-Lite chart',
  geojson: 'GeoJSON map',
  plotly: 'Plotly chart',
  typograms: 'Typograms diagram',
  diff2html: 'diff2html view',
  pseudocode: 'pseudocode listing',
};

/** Installs the widget rule and renderer on `md`. */
export function widgetFencesPlugin(md: MarkdownIt): void {
  md.core.ruler.before('inline', 'widget_fences', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'fence' && Object.hasOwn(WIDGET_LANGUAGES, fenceLanguage(token))) token.type = 'widget_fence';
    }
  });
  md.renderer.rules['widget_fence'] = (tokens, idx) => {
    const token = tokens[idx]!;
    const language = fenceLanguage(token);
    const name = WIDGET_LANGUAGES[language]!;
    return (
      `<details class="widget-fallback" data-widget="${escapeHtml(language)}">` +
      `<summary>This ${name} is drawn by a script in the original blog and is not shown here; open to see its source.</summary>` +
      `<pre><code>${escapeHtml(token.content)}</code></pre></details>\n`
    );
  };
}
