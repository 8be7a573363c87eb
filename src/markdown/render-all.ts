/**
 * The markdown stage for a whole build: cached posts are taken from the render cache, the others
 * are rendered with one highlighter and one markdown-it (created only when something must render;
 * their modules, with markdown-it's plugins, KaTeX and Shiki, are even loaded only then).
 */
import { noProgress, type ProgressReport } from '../core/progress.js';
import type { SiteExtensions } from '../config/extensions.js';
import type { SiteConfig } from '../config/schema.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import type { Post, RenderedPost } from '../types.js';
import type { CodeThemes } from './highlighter.js';
import { noRenderCache, type RenderCache } from './render-cache.js';
import { availableParallelism } from 'node:os';

/** What the stage did. */
export interface MarkdownStats {
  /** Posts taken from the render cache. */
  cached: number;
  /** Posts rendered in this build. */
  rendered: number;
  /** Why the posts were rendered on the main thread although workers were asked for (said once, as a note). */
  mainThread?: string;
}

/** The site's code the renderer runs: its markdown-it plugins, and where they come from. */
export interface SiteRendering {
  siteDir: string;
  extensions: SiteExtensions;
}

/** Renders `posts` in order; their diagnostics are added to `bag`. */
export async function renderAllPosts(
  posts: readonly Post[],
  config: SiteConfig,
  themes: CodeThemes,
  bag: DiagnosticBag,
  cache: RenderCache = noRenderCache,
  options: {
    workers?: number;
    site?: SiteRendering;
    cache?: boolean;
    progress?: ProgressReport;
    /** Told of each post rendered in this build as soon as it is (the build draws its diagrams meanwhile). */
    onRendered?: (post: RenderedPost) => void;
    /** Whether the event loop must get a turn after each post (while the diagrams' browser works). */
    yielding?: () => boolean;
  } = {},
): Promise<{ posts: RenderedPost[]; stats: MarkdownStats }> {
  let mainThread: string | undefined;
  const result = await renderThroughCache(posts, cache, async (todo) => {
    // Shiki starts only when something must be rendered: a warm build never pays for it, nor loads the renderer.
    const [{ createCodeHighlighter }, { createMarkdownSet }, { renderSitePost }, { renderInPool }] = await Promise.all([
      import('./highlighter.js'),
      import('./renderer.js'),
      import('./render-post.js'),
      import('./worker-pool.js'),
    ]);
    const highlighter = await createCodeHighlighter(themes);
    try {
      const site = options.site;
      const plugins = site?.extensions.plugins ?? [];
      // Only a site with plugins runs its code here: a failure is the plugin's only then.
      const siteCode =
        site && plugins.length > 0 ? { siteDir: site.siteDir, modules: site.extensions.modules } : undefined;
      const md = createMarkdownSet(config, { highlighter, plugins, siteCode });
      // Each rendered post is counted, here or in a worker, for the progress line.
      let done = 0;
      const report = options.progress ?? noProgress;
      const counted = (rendered: readonly RenderedPost[]) => {
        report('posts', (done += rendered.length), todo.length);
        if (options.onRendered) for (const post of rendered) options.onRendered(post);
      };
      report('posts', 0, todo.length);
      const renderHere = (post: Post) =>
        renderSitePost(post, md, highlighter, siteCode).then((rendered) => {
          counted([rendered]);
          return rendered;
        });
      let workers = workerCount(todo.length, options.workers);
      if (workers > 0 && site && !site.extensions.portable) {
        workers = 0;
        mainThread =
          'markdown-it plugins passed to build() as functions cannot be sent to worker threads: the posts were rendered on the main thread';
      }
      const worker =
        site?.extensions.module && plugins.length > 0
          ? {
              module: site.extensions.module,
              siteDir: site.siteDir,
              modules: site.extensions.modules,
              cache: options.cache !== false,
            }
          : undefined;
      return workers > 0
        ? await renderInPool(todo, workers, { config, themes, site: worker }, renderHere, counted)
        : await renderInOrder(todo, renderHere, options.yielding ?? (() => false));
    } finally {
      highlighter.dispose();
    }
  });
  for (const rendered of result.posts) bag.addAll(rendered.diagnostics);
  return mainThread ? { ...result, stats: { ...result.stats, mainThread } } : result;
}

/**
 * Takes every post it can from `cache`, renders the others with `renderMissing` (in one call, in
 * order) and stores them. Shared by builds and the dev server, which keeps its renderer alive.
 * With `background`, cache writes are not awaited: a failed write only costs a later render.
 */
export async function renderThroughCache(
  posts: readonly Post[],
  cache: RenderCache,
  renderMissing: (posts: Post[]) => Promise<RenderedPost[]>,
  options: { background?: boolean } = {},
): Promise<{ posts: RenderedPost[]; stats: MarkdownStats }> {
  const results: Array<RenderedPost | undefined> = [];
  for (let i = 0; i < posts.length; i += 64) {
    results.push(...(await Promise.all(posts.slice(i, i + 64).map((post) => cache.get(post)))));
  }
  const missing = posts.map((_, i) => i).filter((i) => results[i] === undefined);
  if (missing.length > 0) {
    const fresh = await renderMissing(missing.map((i) => posts[i]!));
    for (const [k, i] of missing.entries()) {
      results[i] = fresh[k]!;
      const stored = cache.set(posts[i]!, fresh[k]!);
      if (options.background) void stored.catch(() => undefined);
      else await stored;
    }
  }
  return {
    posts: results as RenderedPost[],
    stats: { cached: posts.length - missing.length, rendered: missing.length },
  };
}

/** Below this many posts to render, starting workers (~0.5 s each, plus Shiki) costs more than it saves. */
const POOL_THRESHOLD = 96;

/**
 * Measured on our 2-core machines (1,000 technical posts, no cache): one thread 9.2 s, one worker
 * plus this thread 9.6-13.9 s, two workers 12.8-15.7 s. Each worker compiles every grammar again and
 * the results are copied back, and the two cores did not run this regex- and allocation-heavy work
 * in parallel. So workers start by default only from 4 cores on.
 */
const MIN_CORES_FOR_WORKERS = 4;

/**
 * Workers to start besides this thread: one per other core when there is enough to render and
 * enough cores. `requested` (from the API or INKSTONE_WORKERS) overrides; 0 renders on this thread.
 */
export function workerCount(
  toRender: number,
  requested: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): number {
  const fromEnv =
    env.INKSTONE_WORKERS !== undefined && /^\d+$/.test(env.INKSTONE_WORKERS) ? Number(env.INKSTONE_WORKERS) : undefined;
  const wanted = requested ?? fromEnv;
  if (wanted !== undefined) return Math.min(wanted, Math.ceil(toRender / 16));
  if (toRender < POOL_THRESHOLD || cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(cores - 1, Math.floor(toRender / 48)));
}

/**
 * Renders `posts` one after the other. Rendering only awaits microtasks, so while `yielding` says so
 * the event loop gets a turn after each post: whoever was told of it (the diagrams' browser) is
 * answered while the posts render, not after. (A turn costs about 7 µs: 30 ms over 4,000 posts.)
 */
async function renderInOrder(
  posts: readonly Post[],
  render: (post: Post) => Promise<RenderedPost>,
  yielding: () => boolean,
): Promise<RenderedPost[]> {
  const out: RenderedPost[] = [];
  for (const post of posts) {
    out.push(await render(post));
    if (yielding()) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}
