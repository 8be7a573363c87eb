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
import type { WidgetRenderer } from './renderer.js';
import { loadVegaLite } from './vega-lite.js';

/** What the diagrams stage needs to know about one widget kind. */
export interface WidgetKindInfo {
  /** How messages and captions name one: "ECharts chart". */
  label: string;
  /** The npm package that draws it (its version is part of the cache key). */
  library: string;
  load(): Promise<WidgetRenderer>;
}

export const WIDGET_KINDS: Readonly<Record<WidgetKind, WidgetKindInfo>> = {
  echarts: { label: 'ECharts chart', library: 'echarts', load: loadEcharts },
  vega_lite: { label: 'Vega-Lite chart', library: 'vega-lite', load: loadVegaLite },
  geojson: { label: 'GeoJSON map', library: 'd3-geo', load: loadGeojson },
  diff2html: { label: 'diff', library: 'diff2html', load: loadDiff2html },
};

/** Whether `language` names a widget drawn at build time. */
export function isWidgetKind(language: string): language is WidgetKind {
  return Object.hasOwn(WIDGET_KINDS, language);
}

/**
 * The installed version of a widget's library, read from its package.json in the node_modules folders
 * Node would search (some libraries' `exports` do not list their package.json).
 */
export function libraryVersion(kind: WidgetKind): string {
  const name = WIDGET_KINDS[kind].library;
  for (const dir of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    const file = path.join(dir, name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error(`${name} is not installed`);
}
