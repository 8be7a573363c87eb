/**
 * Drawing mermaid diagrams while the Markdown stage still runs. When a build's Markdown renders on
 * one thread, the browser used to start only after every post was rendered (seconds: the browser,
 * then mermaid's bundle in each page), and then drew every diagram while the Markdown stage's core
 * sat idle before it. Here each post is offered as soon as it is rendered: a diagram missing from
 * the cache starts the browser (once) and is queued at once, light and dark, for the browser's pages
 * to draw while the Markdown goes on. The diagrams stage takes these drawings as its own (draw.ts)
 * and draws only what is left: charts, and whatever could not be drawn here (no browser, a crash),
 * which it tries again and reports as it always has.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { SiteConfig } from '../config/schema.js';
import type { RenderedPost } from '../types.js';
import type { MermaidOutcome, MermaidRenderer, MermaidVariant } from './mermaid-page.js';
import type { BrowserOutcome, DiagramMiss } from './render-in-browser.js';

/** What early drawing needs: the diagrams stage's options, less its progress. */
export interface EarlyDrawingOptions {
  config: SiteConfig;
  siteDir: string;
  themes: { light: string; dark: string };
  findBrowser?: (configured: string | undefined) => Promise<string | undefined>;
}

/** The drawings made early, by cache key, and whether a browser was started for them. */
export interface EarlyDrawings {
  outcomes: Map<string, BrowserOutcome>;
  launched: boolean;
  /** Why no browser could be found or started (the stage's own error, which it gives instead of trying again). */
  failure?: unknown;
}

/** Diagrams drawn while the posts are rendered. */
export interface EarlyDrawing {
  /** Told of each post as soon as its Markdown is rendered. */
  offer(post: RenderedPost): void;
  /** Whether a post with a diagram was offered: the work that follows needs the event loop's turns. */
  active(): boolean;
  /**
   * Waits until every diagram offered is drawn, closes the browser, and returns the drawings.
   * `progress` is told how many of the diagrams to draw are drawn, now and after each drawing.
   */
  finish(progress?: (done: number, total: number) => void): Promise<EarlyDrawings>;
  /** Stops drawing and closes the browser (a build that failed before its diagrams stage). Idempotent. */
  close(): Promise<void>;
}

/** One drawing to make: a diagram in one colour scheme. */
interface Task {
  miss: DiagramMiss;
  scheme: 'light' | 'dark';
}

/** A page with mermaid loaded, and whether it is drawing. */
interface Slot {
  renderer: MermaidRenderer;
  busy: boolean;
}

/**
 * Early drawing for a build. Nothing starts until a post with a diagram is offered: only then are the
 * diagram modules loaded (so a build without diagrams never loads them) and the cache looked up.
 */
export function startEarlyDrawing(options: EarlyDrawingOptions): EarlyDrawing {
  let drawing: Promise<EarlyDrawing> | undefined;
  let closed = false;
  return {
    offer(post) {
      if (closed || post.diagrams.length === 0 || options.config.diagrams.mode === 'client') return;
      drawing ??= drawEarly(options);
      // Offers run in order, once the modules are loaded; if they fail to load, the stage draws everything.
      void drawing.then((d) => d.offer(post)).catch(() => undefined);
    },
    active: () => drawing !== undefined && !closed,
    async finish(progress) {
      const started = drawing && (await drawing.catch(() => undefined));
      return started ? await started.finish(progress) : { outcomes: new Map(), launched: false };
    },
    async close() {
      closed = true;
      const started = drawing && (await drawing.catch(() => undefined));
      await started?.close();
    },
  };
}

/** Early drawing, its modules loaded. */
async function drawEarly(options: EarlyDrawingOptions): Promise<EarlyDrawing> {
  const [
    browsers,
    { createDiagramCache },
    { diagramKey, renderId },
    { DEFAULT_DIAGRAM_TIMEOUT_S },
    pages,
    problems,
    inBrowser,
  ] = await Promise.all([
    import('./browser.js'),
    import('./cache.js'),
    import('./key.js'),
    import('./limits.js'),
    import('./mermaid-page.js'),
    import('./problems.js'),
    import('./render-in-browser.js'),
  ]);
  const keyOf = diagramKey(options.themes);
  const cache = createDiagramCache(path.resolve(options.siteDir, options.config.cache_dir, 'diagrams'));
  const timeoutMs = (options.config.diagrams.timeout ?? DEFAULT_DIAGRAM_TIMEOUT_S) * 1000;
  const variants: Record<Task['scheme'], MermaidVariant> = {
    light: { scheme: 'light', theme: options.themes.light },
    dark: { scheme: 'dark', theme: options.themes.dark },
  };
  const seen = new Set<string>();
  const tasks: Task[] = [];
  const drawings = new Map<string, Partial<Record<Task['scheme'], MermaidOutcome>>>();
  const slots: Slot[] = [];
  /** Work in flight (cache look-ups, the browser's start, pages drawing): `finish` waits for all of it. */
  const inFlight = new Set<Promise<void>>();
  let misses = 0;
  /** Diagrams with both drawings made, and who is told of each (the progress line, once the stage waits). */
  let done = 0;
  let onDrawn: (() => void) | undefined;
  let browser: Promise<Browser | undefined> | undefined;
  let opening = false;
  /** Set when drawing must stop: the build is over, or the browser failed (the stage then tries again). */
  let stopped = false;
  let closing: Promise<void> | undefined;

  const track = (work: Promise<void>) => {
    const caught = work.catch(() => {
      stopped = true;
    });
    const settled = caught.finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };

  let failure: unknown;
  const launch = async (): Promise<Browser | undefined> => {
    try {
      const executable = await (options.findBrowser ?? browsers.findBrowser)(options.config.diagrams.browser);
      return executable ? await browsers.launchBrowser(executable) : undefined;
    } catch (error) {
      failure = error;
      throw error;
    }
  };

  /** Opens another page if the queue wants one: a second from PARALLEL_THRESHOLD misses on, as the stage does. */
  const openPage = () => {
    const wanted = misses >= inBrowser.PARALLEL_THRESHOLD ? 2 : 1;
    if (opening || stopped || slots.length >= wanted) return;
    opening = true;
    track(
      (async () => {
        try {
          browser ??= launch();
          const started = await browser;
          if (!started) {
            stopped = true;
            return;
          }
          const renderer = await pages.openMermaidRenderer(started, { timeoutMs });
          slots.push({ renderer, busy: false });
        } finally {
          opening = false;
        }
        schedule();
      })(),
    );
  };

  const draw = async (slot: Slot) => {
    try {
      for (let task = tasks.shift(); task && !stopped; task = tasks.shift()) {
        const drawn = drawings.get(task.miss.key)!;
        // A diagram that failed in light (a syntax error, the time limit) is not tried in dark.
        if (task.scheme === 'dark' && drawn.light && !drawn.light.ok) drawn.dark = drawn.light;
        else {
          const id = task.scheme === 'dark' ? `${task.miss.id}-dark` : task.miss.id;
          drawn[task.scheme] = await slot.renderer.render({ id, source: task.miss.source }, variants[task.scheme]);
        }
        if (drawn.light && drawn.dark) {
          done++;
          onDrawn?.();
        }
      }
    } finally {
      slot.busy = false;
    }
  };

  const schedule = () => {
    if (stopped) return;
    for (const slot of slots) {
      if (slot.busy || tasks.length === 0) continue;
      slot.busy = true;
      track(draw(slot));
    }
    if (tasks.length > 0) openPage();
  };

  const queue = (miss: DiagramMiss) => {
    misses++;
    drawings.set(miss.key, {});
    tasks.push({ miss, scheme: 'light' }, { miss, scheme: 'dark' });
    schedule();
  };

  const close = () => {
    stopped = true;
    closing ??= (async () => {
      // Pages still drawing end when the browser goes (their renders reject, which `track` swallows).
      const started = browser && (await browser.catch(() => undefined));
      await started?.close().catch(() => undefined);
      while (inFlight.size > 0) await Promise.all(inFlight);
    })();
    return closing;
  };

  return {
    active: () => !stopped,
    offer(post) {
      if (stopped) return;
      for (const diagram of post.diagrams) {
        if (diagram.kind !== 'mermaid' || problems.sizeProblem(diagram.source)) continue;
        const key = keyOf(diagram);
        if (seen.has(key)) continue;
        seen.add(key);
        track(
          cache.get(key).then((hit) => {
            if (!hit) queue({ key, id: renderId('mermaid', key), source: diagram.source });
          }),
        );
      }
    },
    async finish(progress) {
      if (progress) {
        onDrawn = () => progress(done, misses);
        if (misses > 0) onDrawn();
      }
      while (inFlight.size > 0 && !stopped) await Promise.all(inFlight);
      const launched = browser !== undefined && (await browser.catch(() => undefined)) !== undefined;
      await close();
      const outcomes = new Map<string, BrowserOutcome>();
      for (const [key, drawn] of drawings)
        if (drawn.light && drawn.dark) outcomes.set(key, inBrowser.combine(drawn.light, drawn.dark));
      return failure === undefined ? { outcomes, launched } : { outcomes, launched, failure };
    },
    close,
  };
}
