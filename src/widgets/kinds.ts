/**
 * The widgets drawn at build time in Node, by fence language: the name each is reported by, the npm
 * package whose version is part of its cache key, and its renderer, imported when a build first meets
 * one that is not cached.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { WidgetKind } from '../types.js';
import { loadDiff2html } from './diff2html.js';
import { loadEcharts } from './echarts.js';
import { loadGeojson } from './geojson.js';
import { loadPseudocode } from './pseudocode.js';
import type { WidgetRenderer } from './renderer.js';
import { loadVegaLite } from './vega-lite.js';

/** What the diagrams stage needs to know about one widget kind. */
export interface WidgetKindInfo {
  /** How messages and captions name one: "ECharts chart". */
  label: string;
  /** The npm packages that draw it (their versions are part of the cache key). */
  libraries: readonly string[];
  load(): Promise<WidgetRenderer>;
}

export const WIDGET_KINDS: Readonly<Record<WidgetKind, WidgetKindInfo>> = {
  echarts: { label: 'ECharts chart', libraries: ['echarts'], load: loadEcharts },
  vega_lite: { label: 'Vega-Lite chart', libraries: ['vega-lite', 'vega'], load: loadVegaLite },
  geojson: { label: 'GeoJSON map', libraries: ['d3-geo'], load: loadGeojson },
  diff2html: { label: 'diff', libraries: ['diff2html'], load: loadDiff2html },
  pseudocode: { label: 'pseudocode listing', libraries: ['pseudocode', 'katex'], load: loadPseudocode },
};

/** Whether `language` names a widget drawn at build time. */
export function isWidgetKind(language: string): language is WidgetKind {
  return Object.hasOwn(WIDGET_KINDS, language);
}

/** The installed versions of a widget's libraries: `echarts@6.1.0`, or several joined by spaces. */
export function libraryVersion(kind: WidgetKind): string {
  return WIDGET_KINDS[kind].libraries.map((name) => `${name}@${packageVersion(name)}`).join(' ');
}

/**
 * A package's version, read from its package.json in the node_modules folders Node would search (some
 * packages' `exports` do not list their package.json).
 */
function packageVersion(name: string): string {
  for (const dir of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    const file = path.join(dir, name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error(`${name} is not installed`);
}
