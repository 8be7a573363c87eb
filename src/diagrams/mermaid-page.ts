/**
 * Renders mermaid diagrams to SVG in one headless Chromium page: the bundle is loaded once, then
 * diagrams are rendered in batches. Each SVG is post-processed in the page: every id is prefixed with
 * the diagram's own id (so diagrams never share ids), event-handler attributes and script-capable
 * elements are removed, an accessible name is ensured, and a media query hides the SVG when the
 * reader's colour scheme is the other one.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderInPage } from './in-page.js';

export type { MermaidJob, MermaidResult, MermaidVariant } from './in-page.js';
import type { MermaidJob, MermaidResult, MermaidVariant } from './in-page.js';

/** An open page with mermaid loaded. */
export interface MermaidRenderer {
  render(jobs: readonly MermaidJob[], variant: MermaidVariant): Promise<MermaidResult[]>;
  close(): Promise<void>;
}

/** Fonts that measure the same on the build machine (Liberation Sans) and readers' machines (Arial). */
export const DIAGRAM_FONT = 'arial, "Liberation Sans", helvetica, sans-serif';

const BATCH_SIZE = 25;
const BATCH_TIMEOUT_MS = 120_000;

/** The installed mermaid version (part of every cache key). */
export function mermaidVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('mermaid/package.json') as { version: string }).version;
}

/** Opens a page in `browser` with the mermaid bundle loaded. */
export async function openMermaidRenderer(browser: Browser): Promise<MermaidRenderer> {
  const require = createRequire(import.meta.url);
  const bundle = path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
  // A page of its own context gets its own renderer process, so two renderers run in parallel.
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: bundle });
  // esbuild-based runners (tsx, used by the benchmarks) wrap named functions in `__name(...)`;
  // the serialised page function then needs that helper in the page.
  await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
  return {
    async render(jobs, variant) {
      const results: MermaidResult[] = [];
      for (let i = 0; i < jobs.length; i += BATCH_SIZE) {
        const batch = jobs.slice(i, i + BATCH_SIZE);
        results.push(...(await withTimeout(page.evaluate(renderInPage, { jobs: batch, variant, font: DIAGRAM_FONT }), BATCH_TIMEOUT_MS)));
      }
      return results;
    },
    close: () => context.close(),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`diagram rendering took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
