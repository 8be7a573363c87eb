/** What every widget renderer takes and gives (see kinds.ts for the kinds). */

/** One widget to draw: `id` becomes its root's id and the prefix of every id inside. */
export interface WidgetJob {
  id: string;
  source: string;
}

/**
 * A widget's drawings: `light` and `dark`, each hidden in the other colour scheme, or one drawing in
 * `light` that follows the page's colours (`dark` empty).
 */
export interface WidgetDrawing {
  light: string;
  dark: string;
}

/**
 * Draws one widget; throws a WidgetError (or anything, taken as the library's message) when it cannot,
 * a WidgetTimeout past the time limit. `close` ends what the renderer started (a worker thread).
 */
export type WidgetRenderer = ((job: WidgetJob) => Promise<WidgetDrawing>) & { close?: () => Promise<void> };

/** What every renderer is given. */
export interface WidgetRenderOptions {
  /** Longest one widget may take, in milliseconds (`diagrams.timeout`); only renderers that can stop one use it. */
  timeoutMs: number;
}

/** The size a chart is drawn at when its source does not say: our content column's width. */
export const CHART_SIZE = { width: 720, height: 400 } as const;

/** Colours of the dark drawings, close to both themes' dark backgrounds and text. */
export const DARK_TEXT = '#d0d4da';
export const DARK_LINES = '#4a5058';

/** A chart's accessible name: "chart: <its title>" when it has a title, else "chart". */
export function chartName(title: unknown): string {
  return typeof title === 'string' && title.trim() !== '' ? `chart: ${title.trim()}` : 'chart';
}
