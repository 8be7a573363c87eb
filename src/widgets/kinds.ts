/**
 * The widgets drawn at build time, by fence language: the name each is reported by, the npm packages
 * whose versions are part of its cache key, and its renderer in Node, imported when a build first
 * meets one that is not cached (Chart.js and Plotly draw only in a browser: see browser-widgets.ts).
 */
import { packageVersion } from '../core/packages.js';
import type { WidgetKind } from '../types.js';
import type { BrowserWidgetKind } from './browser-widgets.js';
import type { WidgetRenderer, WidgetRenderOptions } from './renderer.js';

/** What the diagrams stage needs to know about one widget kind. */
export interface WidgetKindInfo {
  /** How messages and captions name one: "ECharts chart". */
  label: string;
  /** The npm packages that draw it (their versions are part of the cache key). */
  libraries: readonly string[];
  /** The renderer in Node; none for the kinds drawn in the browser (browser-widgets.ts). */
  load?: (options: WidgetRenderOptions) => Promise<WidgetRenderer>;
}

// Each renderer module (and the SVG cleaner, the JSON reader and the library they use) is imported
// only when a build draws a widget of its kind: the markdown stage, which every build runs, reads
// this table for the fence names alone.
export const WIDGET_KINDS: Readonly<Record<WidgetKind, WidgetKindInfo>> = {
  echarts: {
    label: 'ECharts chart',
    libraries: ['echarts'],
    load: () => import('./echarts.js').then((m) => m.loadEcharts()),
  },
  vega_lite: {
    label: 'Vega-Lite chart',
    libraries: ['vega-lite', 'vega'],
    load: () => import('./vega-lite.js').then((m) => m.loadVegaLite()),
  },
  geojson: {
    label: 'GeoJSON map',
    libraries: ['d3-geo'],
    load: () => import('./geojson.js').then((m) => m.loadGeojson()),
  },
  diff2html: {
    label: 'diff',
    libraries: ['diff2html'],
    load: () => import('./diff2html.js').then((m) => m.loadDiff2html()),
  },
  pseudocode: {
    label: 'pseudocode listing',
    libraries: ['pseudocode', 'katex'],
    load: () => import('./pseudocode.js').then((m) => m.loadPseudocode()),
  },
  tikz: {
    label: 'TikZ picture',
    libraries: ['node-tikzjax'],
    load: (options) => import('./tikz.js').then((m) => m.loadTikz(options)),
  },
  // Our own renderer: its version is the widget renderer version of the cache key.
  typograms: {
    label: 'Typograms diagram',
    libraries: [],
    load: () => import('./typograms.js').then((m) => m.loadTypograms()),
  },
  chartjs: { label: 'Chart.js chart', libraries: ['chart.js', 'svgcanvas'] },
  plotly: { label: 'Plotly chart', libraries: ['plotly.js-dist-min'] },
};

/** Whether widgets of `kind` are drawn in the build's browser. */
export function isBrowserWidget(kind: WidgetKind): kind is BrowserWidgetKind {
  return WIDGET_KINDS[kind].load === undefined;
}

/** Whether `language` names a widget drawn at build time. */
export function isWidgetKind(language: string): language is WidgetKind {
  return Object.hasOwn(WIDGET_KINDS, language);
}

/** The installed versions of a widget's libraries: `echarts@6.1.0`, or several joined by spaces. */
export function libraryVersion(kind: WidgetKind): string {
  return WIDGET_KINDS[kind].libraries.map((name) => `${name}@${packageVersion(name)}`).join(' ');
}
