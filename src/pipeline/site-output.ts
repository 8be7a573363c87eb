/**
 * From rendered posts to every file of the site: the site graph, each route (pages through layouts,
 * feeds, the sitemap, robots.txt), assets, and collisions between output paths. One function for both
 * drivers: `build()` calls it once on a fresh state; the dev session keeps the state between rebuilds
 * and says which posts changed (a revision per post), so only what they affect is done again: the
 * graph is built again only when some post's path, route or front matter changed (otherwise the old
 * graph is kept with the new rendered posts in place), a route is rendered again only when its
 * fingerprint changed (see fingerprints.ts), and assets only when a static file changed or the site
 * started or stopped needing a library or script.
 */
import { copyTarget, type SiteCopy } from '../output/site-copies.js';
import path from 'node:path';
import type nunjucks from 'nunjucks';
import type { SiteExtensions } from '../config/extensions.js';
import type { SiteConfig } from '../config/schema.js';
import { type Diagnostic, DiagnosticBag } from '../core/diagnostics.js';
import { isFile } from '../core/fs.js';
import { noProgress, type ProgressReport } from '../core/progress.js';
import { timed, type StageTimings } from '../core/timing.js';
import { collectAssets, libraryNeeds } from '../output/collect.js';
import { findCollisions } from '../output/writer.js';
import { feedItems, renderFeed } from '../site/feeds.js';
import { buildSiteGraph } from '../site/graph.js';
import { renderRobots, renderSitemap } from '../site/sitemap.js';
import { createContextViews, type ContextViews, refreshPostViews } from '../templates/context.js';
import { renderPages } from '../templates/render.js';
import type { Theme } from '../templates/theme.js';
import {
  isLayoutPage,
  type LayoutPage,
  type OutputFile,
  type Page,
  type Post,
  type RenderedPost,
  type SiteGraph,
} from '../types.js';
import { transformPageFile } from './site-hooks.js';
import { keyedRoutes, type StaleCheck, staleRoutes } from './stale-routes.js';

/** What the output depends on besides the posts: it changes only with the configuration or a layout. */
export interface OutputSetup {
  siteDir: string;
  config: SiteConfig;
  /** The site's own code: filters, globals and tags are in `env`; `transformPage` runs on each page. */
  extensions: SiteExtensions;
  /** `site.data`: the configuration's `data`, its functions' values found once per configuration. */
  data: Record<string, unknown>;
  theme: Theme;
  env: nunjucks.Environment;
  generator: string;
  /** Include cycles among the layouts: while there are any, no page is rendered through a layout. */
  cycles: readonly Diagnostic[];
}

/**
 * How a driver tells which posts changed: the dev session by a counter, a build by what each post
 * renders from (see output-state.ts). Without it, everything is done.
 */
export interface PostChanges {
  /** A value that changes whenever the post at `relPath` is rendered again (or may render differently). */
  revision(relPath: string): number | string;
  /** The post's structure key (see structureKey), kept by the caller so it is made once per rendering. */
  structure(relPath: string): string;
}

/** A route's file and the fingerprint of what it was made from. */
interface RouteState {
  fingerprint: string | undefined;
  /** Undefined when the route failed to render (see `diagnostics`). */
  file: OutputFile | undefined;
  diagnostics: Diagnostic[];
  /**
   * The source paths of the posts whose rendered content the page read (see ContextViews.contentReads);
   * undefined when not known (feeds; a page that failed). While the graph is kept, only a change to one
   * of these makes the page stale.
   */
  reads?: string[];
}

/** What the last update left, to compare the next one with. */
export interface SiteOutput {
  graph: SiteGraph | undefined;
  /** The source path of each post of the graph, in the graph's order (the posts a kept graph is given again). */
  postOrder: string[];
  /** Each post's structure key when the graph was built (see structureKey). */
  structure: Map<string, string>;
  /** Whether the site shipped its own robots.txt when the graph was built. */
  ownRobots: boolean | undefined;
  graphDiagnostics: Diagnostic[];
  /** Routes by route key. */
  routes: Map<string, RouteState>;
  /** The routes of `pages` (the graph's) with their keys, as routeKeys made them. */
  keyed?: {
    pages: readonly Page[];
    keyed: Array<[Page, string]>;
    layouts: Array<[Page, string]>;
    others: Array<[Page, string]>;
  };
  /** Route key and dependencies (found when first needed) of each route of the current graph (kept while the graph is). */
  routeInfo: WeakMap<Page, { key: string; deps?: number[] }>;
  /** The post tokens and `site` token the routes were last checked against. */
  tokens: string[];
  site: string | undefined;
  /** The setup `site` was found with: while it and the graph are kept, so is `site`. */
  siteSetup: OutputSetup | undefined;
  /** The views of the kept graph, once made, with the rendered posts and setup they show (see keptViews). */
  views: { views: ContextViews; posts: readonly RenderedPost[]; setup: OutputSetup } | undefined;
  assets: OutputFile[];
  assetDiagnostics: Diagnostic[];
  /** Which optional libraries and scripts the assets were collected for. */
  assetNeeds: string | undefined;
  /** Set when a theme asset or static file changed: assets are collected again. */
  assetsStale: boolean;
  collisions: Diagnostic[];
}

/** An output with nothing done yet: the next update does everything. */
export function emptySiteOutput(): SiteOutput {
  return {
    graph: undefined,
    postOrder: [],
    structure: new Map(),
    ownRobots: undefined,
    graphDiagnostics: [],
    routes: new Map(),
    routeInfo: new WeakMap(),
    tokens: [],
    site: undefined,
    siteSetup: undefined,
    views: undefined,
    assets: [],
    assetDiagnostics: [],
    assetNeeds: undefined,
    assetsStale: true,
    collisions: [],
  };
}

/** Every diagnostic of the output: the graph's, each route's, the assets' and the collisions. */
export function outputDiagnostics(state: SiteOutput): Diagnostic[] {
  return [
    ...state.graphDiagnostics,
    ...[...state.routes.values()].flatMap((r) => r.diagnostics),
    ...state.assetDiagnostics,
    ...state.collisions,
  ];
}

/** Counts and times of what an update did. */
export interface OutputWork {
  /** Pages rendered through layouts. */
  pages: number;
  feeds: number;
  timings: StageTimings;
  /** Told how many pages have been rendered (or found unchanged). */
  progress?: ProgressReport;
}

/**
 * Updates `state` for `posts` (in source path order, which decides ties in the graph's sort) and
 * returns every file of the site, in route order, then assets. `siteCopies` are site files an input
 * adapter asks to copy as they are (a Jekyll site's static files). Without `changes`, every route is
 * rendered.
 */
export async function updateSiteOutput(
  state: SiteOutput,
  setup: OutputSetup,
  posts: readonly RenderedPost[],
  siteCopies: readonly SiteCopy[],
  work: OutputWork,
  changes?: PostChanges,
): Promise<OutputFile[]> {
  const { graph, rebuilt } = await timed(work.timings, 'site', () =>
    updateGraph(state, setup, posts, siteCopies, changes),
  );
  // The views of every post are made only when a route renders (or `site` must be found again), and
  // kept while the graph is: then only the views of posts rendered again are made again.
  let views = keptViews(state, setup, graph, rebuilt);
  const viewsOf = () => {
    if (!views) {
      views = createContextViews(graph, setup.theme, setup.generator, setup.config.base, setup.data);
      state.views = { views, posts: graph.posts, setup };
    }
    return views;
  };
  const stale = staleRoutes(state, setup, graph, viewsOf, rebuilt, changes);
  const items = feedItems(graph, setup.config.base);
  const transform = setup.extensions.hooks.transformPage !== undefined;
  const render = (page: Page): RouteState | Promise<RouteState> => {
    if (isLayoutPage(page)) {
      const { result, reads } = renderPage(graph, setup, viewsOf(), page);
      work.pages++;
      const file = result.files[0];
      if (!transform || !file) return { fingerprint: undefined, file, diagnostics: result.diagnostics, reads };
      return transformPageFile(setup, graph, page, file).then((t) => ({
        fingerprint: undefined,
        file: t.file,
        diagnostics: [...result.diagnostics, ...t.diagnostics],
        reads,
      }));
    }
    if (page.kind === 'feed') work.feeds++;
    const file =
      page.kind === 'feed'
        ? renderFeed(graph, page, setup.config.base, setup.generator, items)
        : page.kind === 'sitemap'
          ? renderSitemap(graph, setup.config.base, page)
          : renderRobots(graph, setup.config.base, page);
    return { fingerprint: undefined, file, diagnostics: [] };
  };
  const { keyed, layouts, others, fresh } = keyedRoutes(state, graph);
  // While layouts include each other in a cycle, no page can render (the cycles are the diagnostics).
  await timed(work.timings, 'templates', () =>
    updateRoutes(state, setup.cycles.length > 0 ? [] : layouts, stale, render, work.progress),
  );
  await timed(work.timings, 'feeds', () => updateRoutes(state, others, stale, render));
  // Routes no longer in the graph are forgotten (a kept graph has the same routes).
  if (fresh) {
    const current = new Set(keyed.map(([, key]) => key));
    for (const key of [...state.routes.keys()]) if (!current.has(key)) state.routes.delete(key);
  }
  await timed(work.timings, 'assets', () => updateAssets(state, setup, posts, siteCopies));
  const files = [...keyed.flatMap(([, key]) => state.routes.get(key)?.file ?? []), ...state.assets];
  state.collisions = findCollisions(files);
  return files;
}

/** Renders one page through its layout, and says whose rendered content it read (none known when it failed). */
function renderPage(
  graph: SiteGraph,
  setup: OutputSetup,
  views: ContextViews,
  page: LayoutPage,
): { result: ReturnType<typeof renderPages>; reads: string[] | undefined } {
  const reads = new Set<number>();
  views.contentReads.current = reads;
  try {
    const result = renderPages(graph, setup.env, views, setup.siteDir, [page]);
    const ok = result.files.length > 0 && result.diagnostics.length === 0;
    return { result, reads: ok ? [...reads].map((i) => graph.posts[i]!.post.source.relPath) : undefined };
  } finally {
    views.contentReads.current = undefined;
  }
}

/**
 * What buildSiteGraph reads of a post: its path, route and front matter (order, taxonomies, series,
 * related posts, redirects). A change elsewhere (the body) leaves the graph as it was.
 */
export function structureKey(post: Post): string {
  return JSON.stringify([post.source.relPath, post.url, post.outputPath, post.slug, post.meta]);
}

/** The graph: built again when a post's structure changed, else the old one with the new rendered posts. */
async function updateGraph(
  state: SiteOutput,
  setup: OutputSetup,
  posts: readonly RenderedPost[],
  siteCopies: readonly SiteCopy[],
  changes: PostChanges | undefined,
): Promise<{ graph: SiteGraph; rebuilt: boolean }> {
  // Without changes to compare, the graph is built from scratch and needs no keys.
  const structure = new Map(
    changes ? posts.map((r) => [r.post.source.relPath, changes.structure(r.post.source.relPath)]) : [],
  );
  // A robots.txt in static/ replaces the generated one: checked when the graph may change, and when static files did.
  // So is a favicon.ico of its own (in static/, or among the files an input adapter copies).
  const recheck = !state.graph || state.assetsStale || state.ownRobots === undefined;
  const ownRobots = recheck ? await isFile(path.join(setup.siteDir, 'static', 'robots.txt')) : state.ownRobots!;
  const ownFavicon = recheck
    ? siteCopies.some((copy) => copyTarget(copy) === 'favicon.ico') ||
      (await isFile(path.join(setup.siteDir, 'static', 'favicon.ico')))
    : state.graph!.ownFavicon;
  const rebuilt =
    !changes ||
    !state.graph ||
    ownRobots !== state.ownRobots ||
    ownFavicon !== state.graph.ownFavicon ||
    !sameEntries(state.structure, structure);
  let graph: SiteGraph;
  if (rebuilt) {
    const built = buildSiteGraph(setup.config, posts, { ownRobots, ownFavicon });
    graph = built.graph;
    state.graphDiagnostics = built.diagnostics;
  } else {
    const byPath = new Map(posts.map((r) => [r.post.source.relPath, r]));
    graph = { ...state.graph!, posts: state.postOrder.map((relPath) => byPath.get(relPath)!) };
  }
  state.graph = graph;
  state.postOrder = graph.posts.map((r) => r.post.source.relPath);
  state.structure = structure;
  state.ownRobots = ownRobots;
  return { graph, rebuilt };
}

/**
 * The views made by an earlier update, brought up to date, when the graph and setup they were made
 * for are kept: the view of each post rendered again (a new rendered post at its place) is made again
 * in place. Otherwise they are dropped, and made again when first needed.
 */
function keptViews(
  state: SiteOutput,
  setup: OutputSetup,
  graph: SiteGraph,
  rebuilt: boolean,
): ContextViews | undefined {
  const kept = state.views;
  if (!kept || rebuilt || kept.setup !== setup || kept.posts.length !== graph.posts.length) {
    state.views = undefined;
    return undefined;
  }
  const changed = graph.posts.flatMap((r, i) => (r === kept.posts[i] ? [] : [i]));
  refreshPostViews(kept.views, graph, changed);
  kept.posts = graph.posts;
  return kept.views;
}

/** Renders the routes that are stale and stores them by route key (awaiting only a site's `transformPage`). */
async function updateRoutes(
  state: SiteOutput,
  routes: ReadonlyArray<[Page, string]>,
  stale: StaleCheck,
  render: (page: Page) => RouteState | Promise<RouteState>,
  progress: ProgressReport = noProgress,
): Promise<void> {
  for (const [i, [page, key]] of routes.entries()) {
    // Every 64 routes: a report per page would cost more than the line shows.
    if (i % 64 === 0) progress('pages', i, routes.length);
    // Every 16 routes, a turn of the event loop: what runs beside the pages (Pagefind's processes,
    // fed and answered through pipes; the dev server's requests) waits for it. About a millisecond
    // in all for 4,000 pages, while a page takes a quarter of one.
    if (i % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
    const decision = stale(page, key);
    if (!decision.render) continue;
    const rendered = render(page);
    const route = rendered instanceof Promise ? await rendered : rendered;
    state.routes.set(key, { ...route, fingerprint: decision.fingerprint });
  }
  if (routes.length > 0) progress('pages', routes.length, routes.length);
}

/** Theme assets, static files and library assets: collected again when stale or when a library or script became (un)needed. */
async function updateAssets(
  state: SiteOutput,
  setup: OutputSetup,
  posts: readonly RenderedPost[],
  siteCopies: readonly SiteCopy[],
): Promise<void> {
  const needs = JSON.stringify(libraryNeeds(posts));
  if (!state.assetsStale && needs === state.assetNeeds) return;
  const bag = new DiagnosticBag();
  state.assets = await collectAssets(setup.siteDir, setup.theme, posts, bag, siteCopies, setup.config);
  state.assetDiagnostics = bag.items;
  state.assetNeeds = needs;
  state.assetsStale = false;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
