/**
 * The widgets drawn at build time, by fence language: the name each is reported by, the npm packages
 * whose versions are part of its cache key, and its renderer in Node, imported when a build first
 * meets one that is not cached (Chart.js and Plotly draw only in a browser: see browser-widgets.ts).
 */
import { packageVersion } from '../core/packages.js';
import type { WidgetKind } from '../types.js';
import type { BrowserWidgetKind } from './browser-widgets.js';
import { loadDiff2html } from './diff2html.js';
import { loadEcharts } from './echarts.js';
import { loadGeojson } from './geojson.js';
import { loadPseudocode } from './pseudocode.js';
import type { WidgetRenderer, WidgetRenderOptions } from './renderer.js';
import { loadTikz } from './tikz.js';
import { loadTypograms } from './typograms.js';
import { loadVegaLite } from './vega-lite.js';

/** What the diagrams stage needs to know about one widget kind. */
export interface WidgetKindInfo {
  /** How messages and captions name one: "ECharts chart". */
  label: string;
  /** The npm packages that draw it (their versions are part of the cache key). */
  libraries: readonly string[];
  /** The renderer in Node; none for the kinds drawn in the browser (browser-widgets.ts). */
  load?: (options: WidgetRenderOptions) => Promise<WidgetRenderer>;
}

export const WIDGET_KINDS: Readonly<Record<WidgetKind, WidgetKindInfo>> = {
  echarts: { label: 'ECharts chart', libraries: ['echarts'], load: loadEcharts },
  vega_lite: { label: 'Vega-Lite chart', libraries: ['vega-lite', 'vega'], load: loadVegaLite },
  geojson: { label: 'GeoJSON map', libraries: ['d3-geo'], load: loadGeojson },
  diff2html: { label: 'diff', libraries: ['diff2html'], load: loadDiff2html },
  pseudocode: { label: 'pseudocode listing', libraries: ['pseudocode', 'katex'], load: loadPseudocode },
  tikz: { label: 'TikZ picture', libraries: ['node-tikzjax'], load: loadTikz },
  // Our own renderer: its version is the widget renderer version of the cache key.
  typograms: { label: 'Typograms diagram', libraries: [], load: loadTypograms },
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
