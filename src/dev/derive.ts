/**
 * From the posts of a session to the files of the site, redoing only what changed: the site graph is
 * built again only when some post's path, route or front matter changed (otherwise the old graph is
 * kept with the new rendered posts in place), pages are rendered again only when their fingerprint
 * changed (see fingerprints.ts), feeds likewise, and assets only when a static file changed or the
 * site started or stopped needing KaTeX or mermaid.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { DiagnosticBag } from '../core/diagnostics.js';
import { timed, type StageTimings } from '../core/timing.js';
import { collectAssets, libraryNeeds } from '../output/collect.js';
import { findCollisions } from '../output/writer.js';
import { renderFeeds } from '../site/feeds.js';
import { buildSiteGraph } from '../site/graph.js';
import { createContextViews } from '../templates/context.js';
import { renderPages } from '../templates/render.js';
import type { OutputFile, Page, SiteGraph } from '../types.js';
import {
  allTerms,
  feedFingerprints,
  pageDependencies,
  pageFingerprint,
  postTokens,
  routeKey,
  seriesIndexOf,
  siteToken,
  termFeedKey,
} from './fingerprints.js';
import type { PostEntry } from './posts.js';
import type { SiteSetup } from './setup.js';
import { renderIndexFiles } from '../site/sitemap.js';
import { renderSomeFeeds } from './site-files.js';

/** A rendered page and the fingerprint of what it was rendered from. */
interface PageState {
  fingerprint: string;
  /** Undefined when the page failed to render (see `diagnostics`). */
  file: OutputFile | undefined;
  diagnostics: Diagnostic[];
}

/** What the last derivation left, to compare the next one with. */
export interface DerivedSite {
  graph: SiteGraph | undefined;
  /** Each post's structure key when the graph was built. */
  structure: Map<string, string>;
  graphDiagnostics: Diagnostic[];
  /** Pages by route key. */
  pages: Map<string, PageState>;
  /** Route key and dependencies of each page of the current graph (kept while the graph is). */
  pageInfo: WeakMap<Page, { key: string; deps: number[] }>;
  /** The post tokens and `site` token the pages were last checked against. */
  tokens: string[];
  site: string | undefined;
  feeds: Map<string, OutputFile>;
  feedFingerprints: Map<string, string>;
  /** The terms the feeds were rendered for: when it changes, every feed is rendered again. */
  termSignature: string | undefined;
  index: OutputFile[] | undefined;
  assets: OutputFile[];
  assetDiagnostics: Diagnostic[];
  /** Which optional libraries (KaTeX, mermaid) the assets were collected for. */
  assetNeeds: string | undefined;
  /** Set when a theme asset or static file changed. */
  assetsStale: boolean;
  collisions: Diagnostic[];
  /** Every diagnostic of this part of the site. */
  diagnostics(): Diagnostic[];
}

/** A derivation with nothing done yet: the next one renders everything. */
export function emptyDerived(): DerivedSite {
  const state: DerivedSite = {
    graph: undefined,
    structure: new Map(),
    graphDiagnostics: [],
    pages: new Map(),
    pageInfo: new WeakMap(),
    tokens: [],
    site: undefined,
    feeds: new Map(),
    feedFingerprints: new Map(),
    termSignature: undefined,
    index: undefined,
    assets: [],
    assetDiagnostics: [],
    assetNeeds: undefined,
    assetsStale: true,
    collisions: [],
    diagnostics: () => [
      ...state.graphDiagnostics,
      ...[...state.pages.values()].flatMap((p) => p.diagnostics),
      ...state.assetDiagnostics,
      ...state.collisions,
    ],
  };
  return state;
}

/** Counts and times of what a derivation did. */
export interface DeriveWork {
  pages: number;
  feeds: number;
  timings: StageTimings;
}

/** Updates `state` for `entries` and returns every file of the site by output path. */
export async function deriveSite(
  state: DerivedSite,
  setup: SiteSetup,
  entries: readonly PostEntry[],
  jekyllStatic: readonly string[],
  work: DeriveWork,
): Promise<Map<string, OutputFile>> {
  // The build's order: sources sorted by path, which decides ties in the graph's sort.
  const valid = entries
    .filter((e) => e.rendered)
    .sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0));
  const byPath = new Map(valid.map((e) => [e.source.relPath, e]));
  const { graph, rebuilt } = await timed(work.timings, 'site', () => deriveGraph(state, setup, valid, byPath));
  const tokens = await timed(work.timings, 'templates', () => derivePages(state, setup, graph, rebuilt, byPath, work));
  await timed(work.timings, 'feeds', async () => {
    deriveFeeds(state, setup, graph, tokens, work);
    if (rebuilt || state.assetsStale || !state.index)
      state.index = await renderIndexFiles(graph, setup.base, setup.siteDir);
  });
  await timed(work.timings, 'assets', () => deriveAssets(state, setup, valid, jekyllStatic));
  const files = [
    ...[...state.pages.values()].flatMap((p) => (p.file ? [p.file] : [])),
    ...state.feeds.values(),
    ...(state.index ?? []),
    ...state.assets,
  ];
  state.collisions = findCollisions(files);
  return new Map(files.map((f) => [f.outputPath, f]));
}

/** The graph: built again when a post's structure changed, else the old one with the new rendered posts. */
function deriveGraph(
  state: DerivedSite,
  setup: SiteSetup,
  valid: readonly PostEntry[],
  byPath: ReadonlyMap<string, PostEntry>,
): { graph: SiteGraph; rebuilt: boolean } {
  const structure = new Map(valid.map((e) => [e.source.relPath, e.structure]));
  const rebuilt = !state.graph || !sameEntries(state.structure, structure);
  let graph: SiteGraph;
  if (rebuilt) {
    const built = buildSiteGraph(
      setup.config,
      valid.map((e) => e.rendered!),
    );
    graph = built.graph;
    state.graphDiagnostics = built.diagnostics;
  } else {
    graph = { ...state.graph!, posts: state.graph!.posts.map((r) => byPath.get(r.post.source.relPath)!.rendered!) };
  }
  state.graph = graph;
  state.structure = structure;
  return { graph, rebuilt };
}

/** Renders the pages whose fingerprint changed; returns the post tokens the fingerprints used. */
function derivePages(
  state: DerivedSite,
  setup: SiteSetup,
  graph: SiteGraph,
  rebuilt: boolean,
  byPath: ReadonlyMap<string, PostEntry>,
  work: DeriveWork,
): string[] {
  const views = createContextViews(graph, setup.theme, setup.generator, setup.base);
  const seriesOf = seriesIndexOf(graph);
  const tokens = postTokens(graph, (i) => byPath.get(graph.posts[i]!.post.source.relPath)!.revision, seriesOf);
  const site = siteToken(views);
  // With the same graph and the same `site`, a page whose posts all kept their tokens is unchanged:
  // only the pages of changed posts need a fingerprint (1,000 posts make 1,400 pages).
  const unchanged = rebuilt || site !== state.site ? undefined : tokens.map((t, i) => t === state.tokens[i]);
  state.tokens = tokens;
  state.site = site;
  if (setup.cycles.length > 0) return tokens;
  const current = new Set<string>();
  for (const page of graph.pages) {
    let info = state.pageInfo.get(page);
    if (!info)
      state.pageInfo.set(page, (info = { key: routeKey(page), deps: pageDependencies(graph, page, seriesOf) }));
    current.add(info.key);
    const before = state.pages.get(info.key);
    if (before && unchanged && info.deps.every((i) => unchanged[i])) continue;
    const fingerprint = pageFingerprint(info.key, site, info.deps, tokens);
    if (before?.fingerprint === fingerprint) continue;
    const result = renderPages({ ...graph, pages: [page] }, setup.env, views, setup.siteDir);
    state.pages.set(info.key, { fingerprint, file: result.files[0], diagnostics: result.diagnostics });
    work.pages++;
  }
  for (const key of [...state.pages.keys()]) if (!current.has(key)) state.pages.delete(key);
  return tokens;
}

/** Feeds: all of them when the set of terms changed, else those whose newest posts changed. */
function deriveFeeds(
  state: DerivedSite,
  setup: SiteSetup,
  graph: SiteGraph,
  tokens: readonly string[],
  work: DeriveWork,
): void {
  const { base, config, generator } = setup;
  if (!base.origin) {
    state.feeds = new Map();
    state.feedFingerprints = new Map();
    return;
  }
  const fingerprints = feedFingerprints(graph, tokens, config.feeds.limit);
  const signature = allTerms(graph).map(termFeedKey).join('\n');
  if (signature !== state.termSignature) {
    const files = renderFeeds(graph, base, generator);
    state.feeds = new Map(files.map((f) => [f.outputPath, f]));
    work.feeds += fingerprints.size;
  } else {
    const changed = new Set(
      [...fingerprints].filter(([key, fp]) => state.feedFingerprints.get(key) !== fp).map(([key]) => key),
    );
    if (changed.size > 0) {
      for (const file of renderSomeFeeds(graph, changed, config.feeds.limit, base, generator))
        state.feeds.set(file.outputPath, file);
      work.feeds += changed.size;
    }
  }
  state.feedFingerprints = fingerprints;
  state.termSignature = signature;
}

/** Theme assets, static files and library assets: collected again when stale or when a library or script became (un)needed. */
async function deriveAssets(
  state: DerivedSite,
  setup: SiteSetup,
  valid: readonly PostEntry[],
  jekyllStatic: readonly string[],
): Promise<void> {
  const needs = JSON.stringify(libraryNeeds(valid.map((e) => e.rendered!)));
  if (!state.assetsStale && needs === state.assetNeeds) return;
  const bag = new DiagnosticBag();
  state.assets = await collectAssets(
    setup.siteDir,
    setup.theme,
    valid.map((e) => e.rendered!),
    bag,
    jekyllStatic,
  );
  state.assetDiagnostics = bag.items;
  state.assetNeeds = needs;
  state.assetsStale = false;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
