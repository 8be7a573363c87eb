/**
 * Diagram cache keys: the hash of a diagram's source and of everything else that shapes its drawing
 * (the renderer's version, mermaid's or the widget library's version, the themes and the font).
 */
import { sha256 } from '../core/hash.js';
import type { DiagramRef } from '../types.js';
import { libraryVersion } from '../widgets/kinds.js';
import { DIAGRAM_FONT, mermaidVersion } from './mermaid-page.js';

/** Bumped whenever the post-processing of SVGs changes, so old cache entries are not reused. */
export const DIAGRAM_RENDERER_VERSION = 3;

/** Bumped whenever a widget renderer's output changes for the same library version. */
export const WIDGET_RENDERER_VERSION = 2;

/**
 * A diagram's cache key: its source and everything else that shapes its drawing. A mermaid diagram's
 * key is what it was before widgets existed, so caches stay valid.
 */
export function diagramKey(themes: { light: string; dark: string }): (diagram: DiagramRef) => string {
  const fixed = JSON.stringify({
    renderer: DIAGRAM_RENDERER_VERSION,
    mermaid: mermaidVersion(),
    themes,
    font: DIAGRAM_FONT,
  });
  const widgets = new Map<string, string>();
  return ({ kind, source }) => {
    if (kind === 'mermaid') return sha256(`${fixed}\n${source}`);
    let prefix = widgets.get(kind);
    if (prefix === undefined) {
      prefix = JSON.stringify({ renderer: WIDGET_RENDERER_VERSION, kind, library: libraryVersion(kind) });
      widgets.set(kind, prefix);
    }
    return sha256(`${prefix}\n${source}`);
  };
}

/** The SVG id of a diagram: stable for its cache key, so cached SVGs can be renamed by string. */
export function renderId(kind: DiagramRef['kind'], key: string): string {
  return `${kind.replace('_', '-')}-${key.slice(0, 16)}`;
}
