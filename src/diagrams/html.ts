/** The markup a diagram becomes: inline SVG for both colour schemes, client-side source, or an error. */
import { escapeHtml } from '../core/html.js';

/** Both renderings, each hidden in the other colour scheme by its own style rule. */
export function svgFigure(light: string, dark: string): string {
  return `<figure class="diagram diagram-mermaid">${light}${dark}</figure>`;
}

/** Source for the client-side renderer (mermaid reads the element's text, so escaping round-trips). */
export function clientFigure(source: string): string {
  return `<figure class="diagram diagram-mermaid"><pre class="mermaid">${escapeHtml(source)}</pre></figure>`;
}

/** The escaped source as a code block, with mermaid's message. */
export function errorFigure(source: string, message: string): string {
  return (
    `<figure class="diagram diagram-error"><pre class="diagram-source"><code>${escapeHtml(source)}</code></pre>` +
    `<figcaption>This diagram could not be drawn: ${escapeHtml(message)}</figcaption></figure>`
  );
}

/** The light rendering alone, always visible: feed readers ignore colour schemes (and most styles). */
export function feedFigure(light: string, rootId: string): string {
  const hideInDark = `<style>@media (prefers-color-scheme: dark){#${rootId}{display:none}}</style>`;
  return `<figure class="diagram diagram-mermaid">${light.replace(hideInDark, '')}</figure>`;
}

/** Feeds cannot run the mermaid script: show the diagram's source as code. */
export function feedSourceFigure(source: string): string {
  return `<figure class="diagram diagram-mermaid"><pre><code>${escapeHtml(source)}</code></pre></figure>`;
}
