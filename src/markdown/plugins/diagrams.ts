/**
 * Diagrams: owns ```` ```mermaid ```` fences (and `{% mermaid %}` blocks, which liquid-compat turns
 * into such fences). A core rule retypes them to `diagram` tokens before rendering, so the code
 * plugin never sees them and no grammar is loaded for them. For now a diagram is rendered in the
 * reader's browser by the self-hosted mermaid bundle; the page asks for it through `features.mermaid`.
 * Depends on: liquid-compat (runs first, as a block rule).
 */
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../core/html.js';
import { asEnv } from '../env.js';
import { fenceLanguage } from './code.js';

/** Fence languages that are diagrams. */
export const DIAGRAM_LANGUAGES = new Set(['mermaid']);

/** Installs the diagram rule and renderer on `md`. */
export function diagramsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'diagrams', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'fence' && DIAGRAM_LANGUAGES.has(fenceLanguage(token))) {
        token.type = 'diagram';
        token.meta = { kind: fenceLanguage(token) };
      }
    }
  });
  md.renderer.rules.diagram = (tokens, idx, _options, rawEnv) => {
    const token = tokens[idx]!;
    asEnv(rawEnv).features.mermaid = true;
    // mermaid reads the element's text, so the escaped source round-trips exactly.
    return `<figure class="diagram diagram-mermaid"><pre class="mermaid">${escapeHtml(token.content)}</pre></figure>\n`;
  };
}
