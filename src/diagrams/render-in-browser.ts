/**
 * Renders the diagrams (and the browser-drawn charts) missing from the cache in one browser, light
 * and dark, each within its own time limit. From 16 diagrams, light and dark render in two pages at once; below that in
 * one page, dark only for the diagrams that rendered in light.
 */
import type { Browser } from 'playwright-core';
import { type BrowserWidgetMiss, renderBrowserWidgets } from '../widgets/browser-widgets.js';
import { launchBrowser } from './browser.js';
import type { DiagramCacheEntry } from './cache.js';
import { openMermaidRenderer, type MermaidOutcome, type MermaidRenderer, type MermaidVariant } from './mermaid-page.js';

/** A diagram to render: its cache key, its SVG id and its source. */
export interface DiagramMiss {
  key: string;
  id: string;
  source: string;
}

/** A cacheable rendering, or a diagram that took longer than the limit (never cached: that depends on the machine). */
export type BrowserOutcome = DiagramCacheEntry | { ok: false; timedOut: true };

/** What the renderings need. */
export interface BrowserRenderOptions {
  themes: { light: string; dark: string };
  timeoutMs: number;
  /** Called after each rendering of a diagram (light and dark are one each). */
  onRendered?: () => void;
}

/** From this many diagrams to render, light and dark are rendered in two pages in parallel. */
export const PARALLEL_THRESHOLD = 16;

/**
 * Renders the diagrams `misses` and then the charts `charts` with the browser at `executable`;
 * returns an outcome per key.
 */
export async function renderInBrowser(
  executable: string,
  misses: readonly DiagramMiss[],
  charts: readonly BrowserWidgetMiss[],
  options: BrowserRenderOptions,
): Promise<Map<string, BrowserOutcome>> {
  const browser = await launchBrowser(executable);
  try {
    const outcomes =
      misses.length > 0 ? await renderMermaid(browser, misses, options) : new Map<string, BrowserOutcome>();
    for (const [key, outcome] of await renderBrowserWidgets(browser, charts, options.timeoutMs))
      outcomes.set(key, outcome);
    return outcomes;
  } finally {
    await browser.close();
  }
}

async function renderMermaid(
  browser: Browser,
  misses: readonly DiagramMiss[],
  options: BrowserRenderOptions,
): Promise<Map<string, BrowserOutcome>> {
  // Many diagrams: light and dark render in two pages at once (a renderer process each, measured
  // 45 → 30 ms a diagram on 2 cores). Few: one page, since loading the bundle twice costs ~0.7 s.
  const parallel = misses.length >= PARALLEL_THRESHOLD;
  const lightRenderer = await openMermaidRenderer(browser, { timeoutMs: options.timeoutMs });
  const darkRenderer = parallel ? await openMermaidRenderer(browser, { timeoutMs: options.timeoutMs }) : lightRenderer;
  const light: MermaidVariant = { scheme: 'light', theme: options.themes.light };
  const dark: MermaidVariant = { scheme: 'dark', theme: options.themes.dark };
  let lights: MermaidOutcome[];
  let darks: MermaidOutcome[];
  if (parallel) {
    [lights, darks] = await Promise.all([
      renderEach(lightRenderer, misses, light, '', options.onRendered),
      renderEach(darkRenderer, misses, dark, '-dark', options.onRendered),
    ]);
  } else {
    // A diagram that failed in light (a syntax error, or the time limit) is not tried again in dark.
    lights = await renderEach(lightRenderer, misses, light, '', options.onRendered);
    const rendered = misses.filter((_, i) => lights[i]!.ok);
    const renderedDarks = await renderEach(darkRenderer, rendered, dark, '-dark', options.onRendered);
    const darkOf = new Map(rendered.map((miss, i) => [miss, renderedDarks[i]!]));
    darks = misses.map((miss, i) => darkOf.get(miss) ?? lights[i]!);
  }
  await lightRenderer.close();
  if (parallel) await darkRenderer.close();
  return new Map(misses.map((miss, i) => [miss.key, combine(lights[i]!, darks[i]!)]));
}

async function renderEach(
  renderer: MermaidRenderer,
  misses: readonly DiagramMiss[],
  variant: MermaidVariant,
  suffix: string,
  onRendered: (() => void) | undefined,
): Promise<MermaidOutcome[]> {
  const outcomes: MermaidOutcome[] = [];
  for (const miss of misses) {
    outcomes.push(await renderer.render({ id: `${miss.id}${suffix}`, source: miss.source }, variant));
    onRendered?.();
  }
  return outcomes;
}

/** A diagram's outcome from its light and dark renderings: the first failure, or both SVGs. */
export function combine(light: MermaidOutcome, dark: MermaidOutcome): BrowserOutcome {
  if (!light.ok) return failure(light);
  if (!dark.ok) return failure(dark);
  return { ok: true, light: light.svg, dark: dark.svg };
}

function failure(outcome: Extract<MermaidOutcome, { ok: false }>): BrowserOutcome {
  return 'timedOut' in outcome ? outcome : { ok: false, message: outcome.message, line: outcome.line };
}
