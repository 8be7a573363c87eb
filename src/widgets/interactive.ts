/**
 * Interactive widgets, an opt-in: a site (`widgets.interactive` in inkstone.yml) or a post (front
 * matter `interactive:`) asks for charts readers can hover and zoom. The static drawing stays in the
 * page, as the view without script; the figure also carries its source as JSON, and the self-hosted
 * loader (client/widgets.js) draws the live chart over it with the library, served from the site
 * itself (never a CDN) and only to pages that have such a figure.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml, scriptSafeJson } from '../core/html.js';
import { packageDir } from '../core/packages.js';
import { packageRoot } from '../core/package-root.js';
import type { OutputFile, WidgetKind } from '../types.js';

/** The kinds that can be interactive, each with the library files the reader's browser loads, in order. */
export const INTERACTIVE_LIBRARIES = {
  chartjs: [['chart.js', 'dist/chart.umd.min.js']],
  echarts: [['echarts', 'dist/echarts.min.js']],
  plotly: [['plotly.js-dist-min', 'plotly.min.js']],
  vega_lite: [
    ['vega', 'build/vega.min.js'],
    ['vega-lite', 'build/vega-lite.min.js'],
  ],
  // Maps only where the site configures tiles (widgets.map_tiles).
  geojson: [
    ['leaflet', 'dist/leaflet.js'],
    ['leaflet', 'dist/leaflet.css'],
    ['leaflet', 'dist/images/marker-icon.png'],
    ['leaflet', 'dist/images/marker-icon-2x.png'],
    ['leaflet', 'dist/images/marker-shadow.png'],
    ['leaflet', 'dist/images/layers.png'],
    ['leaflet', 'dist/images/layers-2x.png'],
  ],
} as const satisfies Partial<Record<WidgetKind, ReadonlyArray<readonly [string, string]>>>;

/** A kind that can be interactive. */
export type InteractiveKind = keyof typeof INTERACTIVE_LIBRARIES;

export const INTERACTIVE_KINDS = Object.keys(INTERACTIVE_LIBRARIES) as InteractiveKind[];

/** Where the loader goes in the output. */
export const WIDGETS_SCRIPT = 'assets/inkstone/widgets.js';

/** The interactive setting of a site or a post: all kinds, none, or some. */
export type InteractiveSetting = boolean | readonly string[];

/**
 * The kinds interactive in a post: its front matter's `interactive` when it has one (true, false, or
 * a list of kinds), else the site's `widgets.interactive`.
 */
export function interactiveKinds(site: InteractiveSetting, frontMatter: unknown): ReadonlySet<InteractiveKind> {
  const setting =
    typeof frontMatter === 'boolean' || (Array.isArray(frontMatter) && frontMatter.every((k) => typeof k === 'string'))
      ? (frontMatter as InteractiveSetting)
      : site;
  if (setting === true) return new Set(INTERACTIVE_KINDS);
  if (setting === false) return new Set();
  return new Set(INTERACTIVE_KINDS.filter((kind) => setting.includes(kind)));
}

/** The map tiles of interactive maps (`widgets.map_tiles`). */
export interface MapTiles {
  url: string;
  attribution: string;
}

/**
 * The source a live chart is drawn from, as a script element the loader reads (never run: its type
 * is JSON); a map also carries its tiles. Empty for a map without tiles, which stays static.
 */
export function widgetSourceScript(kind: InteractiveKind, source: string, tiles?: MapTiles): string {
  if (kind === 'geojson' && !tiles) return '';
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return '';
  }
  const map =
    kind === 'geojson' && tiles
      ? ` data-tiles="${escapeHtml(tiles.url)}" data-attribution="${escapeHtml(tiles.attribution)}"`
      : '';
  return `<script type="application/json" class="widget-source" data-widget="${kind}"${map}>${scriptSafeJson(value)}</script>`;
}

/** Where a library file of the loader goes: `assets/widgets/<package>/` and its path below the package's `dist/` or `build/`. */
export function libraryOutputPath(pkg: string, file: string): string {
  return `assets/widgets/${pkg}/${file.replace(/^(?:dist|build)\//, '')}`;
}

/** The loader and the library files of `kinds`, for the site's assets. */
export async function interactiveAssets(kinds: readonly string[]): Promise<OutputFile[]> {
  if (kinds.length === 0) return [];
  const loader = path.join(packageRoot(), 'client', 'widgets.js');
  const files: OutputFile[] = [
    { outputPath: WIDGETS_SCRIPT, contents: await readFile(loader), from: 'inkstone client/widgets.js' },
  ];
  for (const kind of INTERACTIVE_KINDS.filter((k) => kinds.includes(k))) {
    for (const [pkg, file] of INTERACTIVE_LIBRARIES[kind]) {
      files.push({
        outputPath: libraryOutputPath(pkg, file),
        contents: await readFile(path.join(packageDir(pkg), file)),
        from: `${pkg}/${file}`,
      });
    }
  }
  return files;
}
