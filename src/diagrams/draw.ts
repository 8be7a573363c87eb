/**
 * Finding or drawing every diagram and widget of a build: each is looked up in the cache; the misses
 * that Node can draw are drawn in Node (render-widgets.ts); mermaid diagrams and browser-drawn charts
 * are drawn in one browser, launched only when one of them is missing. What is drawn is cached,
 * except what ran over the time limit (that depends on the machine).
 */
import { noProgress } from '../core/progress.js';
import path from 'node:path';
import type { DiagnosticBag } from '../core/diagnostics.js';
import type { DiagramRef } from '../types.js';
import { type BrowserWidgetMiss, parseChart } from '../widgets/browser-widgets.js';
import { isBrowserWidget, WIDGET_KINDS } from '../widgets/kinds.js';
import { renderWidgets } from '../widgets/render-widgets.js';
import { findBrowser, INSTALL_HINT } from './browser.js';
import { createDiagramCache, type DiagramCacheEntry } from './cache.js';
import { DEFAULT_DIAGRAM_TIMEOUT_S } from './limits.js';
import type { DiagramProblem } from './problems.js';
import type { DiagramStageOptions, DiagramStats } from './render.js';
import { renderInBrowser } from './render-in-browser.js';

/** Where the drawings and problems go. */
export interface DrawState {
  entries: Map<string, DiagramCacheEntry>;
  problems: Map<string, DiagramProblem>;
  stats: DiagramStats;
  bag: DiagnosticBag;
}

/** Fills `state.entries` for every diagram of `sources` (by cache key) that has no problem yet. */
export async function drawMissing(
  sources: ReadonlyMap<string, DiagramRef>,
  options: DiagramStageOptions & { keyId(kind: DiagramRef['kind'], key: string): string },
  state: DrawState,
): Promise<void> {
  const { entries, problems, stats, bag } = state;
  const mode = options.config.diagrams.mode;
  // Widgets are drawn at build time whatever the mode: they have no client-side renderer.
  const drawn = [...sources].filter(([, d]) => mode !== 'client' || d.kind !== 'mermaid');
  if (drawn.length === 0) return;
  const cache = createDiagramCache(path.resolve(options.siteDir, options.config.cache_dir, 'diagrams'));
  for (const [key] of drawn) {
    const hit = problems.has(key) ? undefined : await cache.get(key);
    if (hit) entries.set(key, hit);
  }
  stats.cached = entries.size;
  const store = async (key: string, entry: DiagramCacheEntry) => {
    entries.set(key, entry);
    await cache.set(key, entry);
    stats.rendered++;
  };
  const report = options.progress ?? noProgress;
  // Diagrams drawn while the posts were rendered (early.ts) are this stage's drawings: the progress
  // line counts them, those still being drawn first.
  const early = options.early
    ? await options.early.finish((done, total) => report('diagrams', done, total))
    : undefined;
  if (early?.launched) stats.browserLaunched = true;
  /** Diagrams drawn early, counted before those drawn here. */
  let base = 0;
  for (const [key, outcome] of early?.outcomes ?? []) {
    if (entries.has(key) || problems.has(key) || !sources.has(key)) continue;
    base++;
    if ('timedOut' in outcome) problems.set(key, { kind: 'timeout', seconds: timeoutSeconds(options) });
    else await store(key, outcome);
  }
  const missing = drawn.filter(([key]) => !entries.has(key) && !problems.has(key));
  const job = ([key, d]: (typeof drawn)[number]) => ({ key, id: options.keyId(d.kind, key), source: d.source });
  const nodeJobs = missing.flatMap((m) => {
    const kind = m[1].kind;
    return kind !== 'mermaid' && !isBrowserWidget(kind) ? [{ ...job(m), kind }] : [];
  });
  const seconds = timeoutSeconds(options);
  // What is left is counted after what was drawn early.
  const total = base + missing.length;
  if (missing.length > 0) report('diagrams', base, total);
  for (const [key, outcome] of await renderWidgets(nodeJobs, { timeoutMs: seconds * 1000 })) {
    if ('timedOut' in outcome) problems.set(key, { kind: 'timeout', seconds });
    else await store(key, outcome);
  }
  // Each diagram the browser draws is two renderings, light and dark.
  let renderings = 0;
  const drawnSoFar = () => nodeJobs.length + Math.floor(renderings / 2);
  report('diagrams', base + drawnSoFar(), total);

  const mermaidJobs = missing.filter(([, d]) => d.kind === 'mermaid').map(job);
  const chartJobs: BrowserWidgetMiss[] = [];
  for (const m of missing) {
    const kind = m[1].kind;
    if (kind === 'mermaid' || !isBrowserWidget(kind)) continue;
    // A chart that is not JSON is a failure found without the browser.
    const parsed = parseChart({ kind, source: m[1].source });
    if (parsed.ok) chartJobs.push({ ...job(m), kind });
    else await store(m[0], parsed.failure);
  }
  if (mermaidJobs.length + chartJobs.length === 0) return;
  // A browser that could not be found or started for early drawing is not tried a second time.
  if (early?.failure !== undefined) throw early.failure;
  const executable = await (options.findBrowser ?? findBrowser)(options.config.diagrams.browser);
  if (!executable) {
    if (mermaidJobs.length > 0 && mode === 'svg')
      bag.add({
        severity: 'warning',
        code: 'diagram-browser',
        message: `no browser found to render ${mermaidJobs.length} diagram${mermaidJobs.length === 1 ? '' : 's'} at build time, so readers' browsers will draw them with the mermaid script: ${INSTALL_HINT}`,
      });
    // Charts have no client-side renderer: each is shown as its source, with why.
    for (const chart of chartJobs)
      problems.set(chart.key, {
        kind: 'widget',
        label: WIDGET_KINDS[chart.kind].label,
        message: `no browser found to draw it at build time: ${INSTALL_HINT}`,
        line: undefined,
        column: undefined,
      });
    return;
  }
  stats.browserLaunched = true;
  const outcomes = await renderInBrowser(executable, mermaidJobs, chartJobs, {
    themes: options.themes,
    timeoutMs: seconds * 1000,
    onRendered: () => {
      renderings++;
      report('diagrams', base + Math.min(drawnSoFar(), missing.length), total);
    },
  });
  report('diagrams', total, total);
  for (const [key, outcome] of outcomes) {
    if ('timedOut' in outcome) problems.set(key, { kind: 'timeout', seconds });
    else await store(key, outcome);
  }
}

function timeoutSeconds(options: DiagramStageOptions): number {
  return options.config.diagrams.timeout ?? DEFAULT_DIAGRAM_TIMEOUT_S;
}
