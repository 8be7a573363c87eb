/** The markup a diagram becomes: inline SVG for both colour schemes, client-side source, or an error. */
import { schemeHideRule } from '../core/color-scheme.js';
import { escapeHtml } from '../core/html.js';
import type { DiagramRef } from '../types.js';

/** The figure's class: `diagram diagram-mermaid`, `diagram diagram-echarts`, … */
function figureClass(kind: DiagramRef['kind']): string {
  return `diagram diagram-${kind.replace('_', '-')}`;
}

/**
 * Both renderings, each hidden in the other colour scheme by its own style rule (a widget drawn once
 * for both has `dark` empty), and `extra` after them (an interactive chart's source).
 */
export function svgFigure(light: string, dark: string, kind: DiagramRef['kind'] = 'mermaid', extra = ''): string {
  return `<figure class="${figureClass(kind)}">${light}${dark}${extra}</figure>`;
}

/** Source for the client-side renderer (mermaid reads the element's text, so escaping round-trips). */
export function clientFigure(source: string): string {
  return `<figure class="diagram diagram-mermaid"><pre class="mermaid">${escapeHtml(source)}</pre></figure>`;
}

/** The escaped source as a code block, with the library's message; `subject` names what it is ("diagram", "ECharts chart"). */
export function errorFigure(source: string, message: string, subject = 'diagram'): string {
  return (
    `<figure class="diagram diagram-error"><pre class="diagram-source"><code>${escapeHtml(source)}</code></pre>` +
    `<figcaption>This ${escapeHtml(subject)} could not be drawn: ${escapeHtml(message)}</figcaption></figure>`
  );
}

/** The light rendering alone, always visible: feed readers ignore colour schemes (and most styles). */
export function feedFigure(light: string, rootId: string, kind: DiagramRef['kind'] = 'mermaid'): string {
  const hideInDark = `<style>${schemeHideRule(rootId, 'light')}</style>`;
  return `<figure class="${figureClass(kind)}">${light.replace(hideInDark, '')}</figure>`;
}

/** Feeds cannot run the mermaid script: show the diagram's source as code. */
export function feedSourceFigure(source: string): string {
  return `<figure class="diagram diagram-mermaid"><pre><code>${escapeHtml(source)}</code></pre></figure>`;
}
