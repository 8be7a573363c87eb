/**
 * Charts whose libraries draw only in a browser (Chart.js on a canvas, here an SVG canvas; Plotly),
 * drawn in the build's one headless browser: a page per kind, with the library loaded once, then
 * each chart light and dark, each within the diagrams' time limit. The source is parsed in Node
 * first, so bad JSON is reported at its line without the browser.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { packageDir } from '../core/packages.js';
import { TIMED_OUT, withinTime } from '../core/time-limit.js';
import { openScriptPage, type ScriptPage } from '../diagrams/browser.js';
import type { DiagramCacheEntry } from '../diagrams/cache.js';
import { asWidgetError } from './errors.js';
import { drawChartjs, drawPlotly, type InPageChart, type InPageResult } from './in-browser.js';
import { jsonObject, parseJsonSource } from './json-source.js';
import { CHART_SIZE, chartName, DARK_LINES, DARK_TEXT } from './renderer.js';
import { finishSvg } from './svg.js';

/** The widget kinds drawn in the browser. */
export type BrowserWidgetKind = 'chartjs' | 'plotly';

/** A chart to draw in the browser: its cache key, root id, kind and source. */
export interface BrowserWidgetMiss {
  key: string;
  id: string;
  kind: BrowserWidgetKind;
  source: string;
}

/** A drawing or failure to cache, or a chart over the time limit (never cached). */
export type BrowserWidgetOutcome = DiagramCacheEntry | { ok: false; timedOut: true };

const LIGHT = { text: '#3b4148', lines: 'rgba(0, 0, 0, 0.12)' };
const DARK = { text: DARK_TEXT, lines: DARK_LINES };

/** How each kind is loaded into its page and drawn. */
const KINDS: Record<
  BrowserWidgetKind,
  {
    what: string;
    scripts(): Promise<string[]>;
    draw: (input: InPageChart) => InPageResult | Promise<InPageResult>;
    size(spec: Record<string, unknown>): { width: number; height: number };
  }
> = {
  chartjs: {
    what: 'a Chart.js configuration',
    scripts: async () => [
      // svgcanvas ships only as an ES module: its one export statement becomes a global for the page.
      (await readFile(packageFile('svgcanvas', 'dist/svgcanvas.esm.js'), 'utf8')).replace(
        /export \{[^}]*\};\s*$/,
        'window.__svgcanvas = { Element: SVGCanvasElement };',
      ),
      await readFile(packageFile('chart.js', 'dist/chart.umd.min.js'), 'utf8'),
    ],
    draw: drawChartjs,
    size: chartjsSize,
  },
  plotly: {
    what: 'a Plotly figure',
    scripts: async () => [await readFile(packageFile('plotly.js-dist-min', 'plotly.min.js'), 'utf8')],
    draw: drawPlotly,
    size: () => ({ width: CHART_SIZE.width, height: 450 }),
  },
};

/** Draws `misses` in `browser`; returns an outcome per key. */
export async function renderBrowserWidgets(
  browser: Browser,
  misses: readonly BrowserWidgetMiss[],
  timeoutMs: number,
): Promise<Map<string, BrowserWidgetOutcome>> {
  const outcomes = new Map<string, BrowserWidgetOutcome>();
  for (const kind of Object.keys(KINDS) as BrowserWidgetKind[]) {
    const ofKind = misses.filter((miss) => miss.kind === kind);
    if (ofKind.length === 0) continue;
    let page: ScriptPage | undefined;
    for (const miss of ofKind) {
      const spec = parseChart(miss);
      if (!spec.ok) {
        outcomes.set(miss.key, spec.failure);
        continue;
      }
      page ??= await openScriptPage(
        browser,
        (await KINDS[kind].scripts()).map((content) => ({ content })),
      );
      const outcome = await drawBoth(page, kind, miss, spec.spec, timeoutMs);
      if ('timedOut' in outcome) {
        // The page may be stuck for good: it goes, and the next chart gets a fresh one.
        await page.context.close();
        page = undefined;
      }
      outcomes.set(miss.key, outcome);
    }
    await page?.context.close();
  }
  return outcomes;
}

/** A chart's source as JSON, or the cacheable failure of a source that is not a JSON object (found without a browser). */
export function parseChart(
  miss: Pick<BrowserWidgetMiss, 'kind' | 'source'>,
): { ok: true; spec: Record<string, unknown> } | { ok: false; failure: Extract<DiagramCacheEntry, { ok: false }> } {
  try {
    return { ok: true, spec: jsonObject(parseJsonSource(miss.source), KINDS[miss.kind].what) };
  } catch (error) {
    const e = asWidgetError(error);
    return { ok: false, failure: { ok: false, message: e.message, line: e.line, column: e.column } };
  }
}

async function drawBoth(
  page: ScriptPage,
  kind: BrowserWidgetKind,
  miss: BrowserWidgetMiss,
  spec: Record<string, unknown>,
  timeoutMs: number,
): Promise<BrowserWidgetOutcome> {
  const size = KINDS[kind].size(spec);
  const svgs: string[] = [];
  for (const [scheme, colors] of [
    ['light', LIGHT],
    ['dark', DARK],
  ] as const) {
    const drawing = page.page.evaluate(KINDS[kind].draw, { spec, scheme, colors, ...size });
    const result = await withinTime(drawing, timeoutMs);
    if (result === TIMED_OUT) {
      drawing.catch(() => undefined);
      return { ok: false, timedOut: true };
    }
    if (!result.ok) return { ok: false, message: result.message.split('\n')[0]!, line: undefined };
    const id = scheme === 'light' ? miss.id : `${miss.id}-dark`;
    try {
      svgs.push(finishSvg(result.svg, { id, scheme, label: chartLabel(kind, spec) }));
    } catch (error) {
      return { ok: false, message: asWidgetError(error).message, line: undefined };
    }
  }
  return { ok: true, light: svgs[0]!, dark: svgs[1]! };
}

/** Chart.js draws at the canvas size: 720 wide, its aspect ratio (2, or 1 for round charts) deciding the height. */
function chartjsSize(spec: Record<string, unknown>): { width: number; height: number } {
  const options = (spec.options ?? {}) as { aspectRatio?: unknown };
  const round = ['pie', 'doughnut', 'polarArea', 'radar'].includes(String(spec.type));
  const ratio =
    typeof options.aspectRatio === 'number' && options.aspectRatio > 0 ? options.aspectRatio : round ? 1 : 2;
  const height = Math.min(Math.round(CHART_SIZE.width / ratio), 480);
  return { width: Math.round(Math.min(CHART_SIZE.width, height * ratio)), height };
}

/** "chart: <title>" from the chart's own title, else "chart". */
function chartLabel(kind: BrowserWidgetKind, spec: Record<string, unknown>): string {
  const title =
    kind === 'chartjs'
      ? (spec.options as { plugins?: { title?: { text?: unknown } } } | undefined)?.plugins?.title?.text
      : ((spec.layout as { title?: unknown } | undefined)?.title as { text?: unknown } | string | undefined);
  const text = typeof title === 'object' && title !== null ? (title as { text?: unknown }).text : title;
  return chartName(text);
}

function packageFile(name: string, file: string): string {
  return path.join(packageDir(name), file);
}
