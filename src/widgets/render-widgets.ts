/**
 * Draws the widgets missing from the cache, in Node, one after another: each kind's library is
 * imported once, when the first widget of that kind needs it. A widget its library refuses becomes a
 * cacheable failure with the library's message and, where known, its line and column in the source.
 */
import type { DiagramCacheEntry } from '../diagrams/cache.js';
import type { WidgetKind } from '../types.js';
import { asWidgetError, WidgetTimeout } from './errors.js';
import { WIDGET_KINDS } from './kinds.js';
import type { WidgetRenderer, WidgetRenderOptions } from './renderer.js';

/** A widget to draw: its cache key, its root id, its kind and its source. */
export interface WidgetMiss {
  key: string;
  id: string;
  kind: WidgetKind;
  source: string;
}

/** A drawing or failure to cache, or a widget over the time limit (never cached). */
export type WidgetOutcome = DiagramCacheEntry | { ok: false; timedOut: true };

/** Draws `misses`; returns an outcome per key. */
export async function renderWidgets(
  misses: readonly WidgetMiss[],
  options: WidgetRenderOptions,
): Promise<Map<string, WidgetOutcome>> {
  const renderers = new Map<WidgetKind, WidgetRenderer>();
  const outcomes = new Map<string, WidgetOutcome>();
  try {
    for (const miss of misses) {
      let renderer = renderers.get(miss.kind);
      if (!renderer) {
        const load = WIDGET_KINDS[miss.kind].load;
        if (!load) throw new Error(`${miss.kind} widgets are drawn in the browser`);
        renderer = await load(options);
        renderers.set(miss.kind, renderer);
      }
      try {
        const drawing = await renderer({ id: miss.id, source: miss.source });
        outcomes.set(miss.key, { ok: true, light: drawing.light, dark: drawing.dark });
      } catch (thrown) {
        if (thrown instanceof WidgetTimeout) {
          outcomes.set(miss.key, { ok: false, timedOut: true });
          continue;
        }
        const error = asWidgetError(thrown);
        outcomes.set(miss.key, { ok: false, message: error.message, line: error.line, column: error.column });
      }
    }
  } finally {
    await Promise.all([...renderers.values()].map((renderer) => renderer.close?.()));
  }
  return outcomes;
}
