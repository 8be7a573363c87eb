/**
 * Diagrams: owns ```` ```mermaid ```` fences (and `{% mermaid %}` blocks, which liquid-compat turns
 * into such fences), and the fences of widgets drawn at build time (```` ```echarts ````,
 * ```` ```vega_lite ````, ```` ```geojson ````, ```` ```diff2html ````; see src/widgets/kinds.ts). A core rule retypes them to `diagram` tokens before rendering, so the code
 * plugin never sees them and no grammar is loaded for them. Each diagram is recorded in
 * `env.diagrams` and rendered as a placeholder that the diagrams stage (src/diagrams/) replaces with
 * inline SVG, or with markup for the client-side renderer.
 * Depends on: liquid-compat (runs first, as a block rule).
 */
import type MarkdownIt from 'markdown-it';
import type { DiagramRef } from '../../types.js';
import { isWidgetKind } from '../../widgets/kinds.js';
import { asEnv, fileLine } from '../env.js';
import { fenceLanguage } from './code.js';

/** The kind of diagram a fence language names (mermaid, or a widget drawn at build time), if it names one. */
export function diagramKind(language: string): DiagramRef['kind'] | undefined {
  return language === 'mermaid' || isWidgetKind(language) ? language : undefined;
}

/** The placeholder of diagram number `index` of a post. */
export function diagramPlaceholder(index: number): string {
  return `<!--inkstone:diagram:${index}-->`;
}

/** Matches the placeholders written by `diagramPlaceholder`. */
export const DIAGRAM_PLACEHOLDER = /<!--inkstone:diagram:(\d+)-->/g;

/** Installs the diagram rule and renderer on `md`. */
export function diagramsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'diagrams', (state) => {
    for (const token of state.tokens) {
      const kind = token.type === 'fence' ? diagramKind(fenceLanguage(token)) : undefined;
      if (kind) {
        token.type = 'diagram';
        token.meta = { kind };
      }
    }
  });
  md.renderer.rules.diagram = (tokens, idx, _options, rawEnv) => {
    const token = tokens[idx]!;
    const env = asEnv(rawEnv);
    // The excerpt is rendered from the same tokens again: reuse the diagram's number.
    const line = fileLine(env, token.map?.[0] ?? 0);
    let index = env.diagrams.findIndex((d) => d.line === line && d.source === token.content);
    if (index === -1) index = env.diagrams.push({ kind: token.meta.kind, source: token.content, line }) - 1;
    return `${diagramPlaceholder(index)}\n`;
  };
}
