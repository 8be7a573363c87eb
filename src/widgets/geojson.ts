/**
 * GeoJSON (```` ```geojson ````, as al-folio's Leaflet maps take it) drawn in Node as a static SVG of
 * its shapes: projected with d3-geo's Mercator, fitted to the content width, with a neutral outline
 * and fill in the page's text colour (one drawing for both colour schemes), and no tiles: nothing is
 * fetched. A feature's `name` property becomes its tooltip.
 */
import type { GeoPermissibleObjects } from 'd3-geo';
import { escapeHtml } from '../core/html.js';
import { WidgetError } from './errors.js';
import { jsonObject, parseJsonSource } from './json-source.js';
import { CHART_SIZE, type WidgetRenderer } from './renderer.js';
import { finishSvg } from './svg.js';

const TYPES = new Set([
  'FeatureCollection',
  'Feature',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** The renderer, with d3-geo imported. */
export async function loadGeojson(): Promise<WidgetRenderer> {
  const d3 = await import('d3-geo');
  return async ({ id, source }) => {
    const data = jsonObject(parseJsonSource(source), 'GeoJSON');
    if (typeof data.type !== 'string' || !TYPES.has(data.type))
      throw new WidgetError(`not GeoJSON: "type" must be one of ${[...TYPES].join(', ')}`, 1, 1);
    const features = toFeatures(data).map((f) => rewound(f, d3.geoArea));
    const collection = { type: 'FeatureCollection', features } as GeoPermissibleObjects;
    const width = CHART_SIZE.width;
    const projection = d3.geoMercator().fitWidth(width - 16, collection);
    const path = d3.geoPath(projection).pointRadius(4);
    const [[, y0], [, y1]] = path.bounds(collection);
    // As tall as the shapes need, within reason: a single point gets a strip, a tall country a square.
    const height = Math.round(Math.min(Math.max(y1 - y0, 120), width) + 16);
    projection.fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      collection,
    );
    const shapes = features
      .map((feature) => {
        const d = path(feature as GeoPermissibleObjects);
        if (!d) return '';
        const name = feature.properties?.name;
        const title =
          typeof name === 'string' || typeof name === 'number' ? `<title>${escapeHtml(String(name))}</title>` : '';
        const line = /LineString$/.test(feature.geometry?.type ?? '');
        return `<path d="${d}"${line ? ' fill="none"' : ''}>${title}</path>`;
      })
      .join('');
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<g fill="currentColor" fill-opacity="0.15" stroke="currentColor" stroke-width="1.25" stroke-linejoin="round">${shapes}</g></svg>`;
    const label = `map of ${features.length} shape${features.length === 1 ? '' : 's'}`;
    return { light: finishSvg(svg, { id, scheme: 'both', label }), dark: '' };
  };
}

function toFeatures(data: Record<string, unknown>): Feature[] {
  if (data.type === 'FeatureCollection') {
    if (!Array.isArray(data.features)) throw new WidgetError('not GeoJSON: a FeatureCollection needs "features"', 1, 1);
    return (data.features as unknown[]).filter(
      (f): f is Feature => typeof f === 'object' && f !== null && (f as Feature).type === 'Feature',
    );
  }
  if (data.type === 'Feature') return [data as unknown as Feature];
  return [{ type: 'Feature', geometry: data as Feature['geometry'], properties: null }];
}

/**
 * GeoJSON (RFC 7946) winds outer rings anticlockwise; d3-geo reads rings on the sphere, where that
 * is the whole globe but the shape. A polygon whose area is over a hemisphere is turned round.
 */
function rewound(feature: Feature, area: (object: GeoPermissibleObjects) => number): Feature {
  const geometry = feature.geometry;
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return feature;
  const flip = (rings: number[][][]) => {
    const polygon = { type: 'Polygon', coordinates: rings } as GeoPermissibleObjects;
    return area(polygon) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
  };
  const coordinates =
    geometry.type === 'Polygon'
      ? flip(geometry.coordinates as number[][][])
      : (geometry.coordinates as number[][][][]).map(flip);
  return { ...feature, geometry: { ...geometry, coordinates } };
}
