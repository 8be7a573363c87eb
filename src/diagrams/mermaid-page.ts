/**
 * Renders mermaid diagrams to SVG in one headless Chromium page: the bundle is loaded once, then
 * diagrams are rendered one at a time, each within its own time limit. Each SVG is post-processed in
 * the page: every id is prefixed with the diagram's own id (so diagrams never share ids),
 * event-handler attributes and script-capable elements are removed, an accessible name is ensured,
 * and a media query hides the SVG when the reader's colour scheme is the other one.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { schemeHideRule } from '../core/color-scheme.js';
import { TIMED_OUT, withinTime } from '../core/time-limit.js';
import { openScriptPage, type ScriptPage } from './browser.js';
import { renderInPage } from './in-page.js';
import { MAX_DIAGRAM_CHARACTERS, MAX_DIAGRAM_EDGES } from './limits.js';

export type { MermaidJob, MermaidResult, MermaidVariant } from './in-page.js';
import type { MermaidJob, MermaidResult, MermaidVariant } from './in-page.js';

/** A diagram's rendering, or `timedOut` when it took longer than the limit. */
export type MermaidOutcome = MermaidResult | { ok: false; timedOut: true };

/** An open page with mermaid loaded. */
export interface MermaidRenderer {
  /** Renders one diagram; past the time limit it is abandoned and the next one gets a fresh page. */
  render(job: MermaidJob, variant: MermaidVariant): Promise<MermaidOutcome>;
  close(): Promise<void>;
}

/** How a renderer runs. */
export interface MermaidRendererOptions {
  /** Longest one diagram may take to render, in milliseconds. */
  timeoutMs: number;
  /** The mermaid bundle to load; default: the installed package's `mermaid.min.js`. Tests load a stand-in. */
  bundle?: string;
}

/** Fonts that measure the same on the build machine (Liberation Sans) and readers' machines (Arial). */
export const DIAGRAM_FONT = 'arial, "Liberation Sans", helvetica, sans-serif';

/** The installed mermaid version (part of every cache key). */
export function mermaidVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('mermaid/package.json') as { version: string }).version;
}

/** Opens a page in `browser` with the mermaid bundle loaded. */
export async function openMermaidRenderer(browser: Browser, options: MermaidRendererOptions): Promise<MermaidRenderer> {
  const bundle = options.bundle ?? mermaidBundle();
  // Replaced after a time-out; opened again only when another diagram needs it (loading takes seconds).
  let current: Promise<ScriptPage> | undefined = openScriptPage(browser, [{ path: bundle }]);
  await current;
  return {
    async render(job, variant) {
      current ??= openScriptPage(browser, [{ path: bundle }]);
      const { context, page } = await current;
      const input = {
        job,
        variant,
        font: DIAGRAM_FONT,
        limits: { maxTextSize: MAX_DIAGRAM_CHARACTERS, maxEdges: MAX_DIAGRAM_EDGES },
        hideRule: schemeHideRule(job.id, variant.scheme),
      };
      const rendering = page.evaluate(renderInPage, input);
      const outcome = await withinTime(rendering, options.timeoutMs);
      if (outcome !== TIMED_OUT) return outcome;
      // The page may be busy for good (layout code in a loop), where no timer inside it would fire:
      // it goes, with its renderer process, and the next diagram gets a fresh page.
      rendering.catch(() => undefined);
      current = undefined;
      await context.close();
      return { ok: false, timedOut: true };
    },
    async close() {
      if (current) await (await current).context.close();
    },
  };
}

function mermaidBundle(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
}
