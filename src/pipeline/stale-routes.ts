/**
 * Which routes of a site output must be rendered again (see site-output.ts): each route's key, and
 * whether its fingerprint, or while the graph is kept the content its page read, changed.
 */
import type { ContextViews } from '../templates/context.js';
import { isLayoutPage, type Page, type SiteGraph } from '../types.js';
import { pageDependencies, pageFingerprint, postTokens, routeKey, seriesIndexOf, siteToken } from './fingerprints.js';
import type { OutputSetup, PostChanges, SiteOutput } from './site-output.js';

/** Whether a route must be rendered, and the fingerprint to store with it (undefined: render without one). */
export type StaleCheck = (page: Page, key: string) => { render: boolean; fingerprint: string | undefined };

/**
 * Which routes need rendering: with `changes`, a route whose fingerprint (its key, the `site` view and
 * the tokens of the posts it shows) differs from the last one; without, every route. Returns the
 * fingerprint to store for each route, or undefined to render without one.
 */
export function staleRoutes(
  state: SiteOutput,
  setup: OutputSetup,
  graph: SiteGraph,
  viewsOf: () => ContextViews,
  rebuilt: boolean,
  changes: PostChanges | undefined,
): StaleCheck {
  if (!changes) return () => ({ render: true, fingerprint: undefined });
  const seriesOf = seriesIndexOf(graph);
  const tokens = postTokens(graph, (i) => changes.revision(graph.posts[i]!.post.source.relPath), seriesOf);
  // `site` is made of the graph's structure (terms, counts, series, feeds) and the setup: kept while both are.
  const keep = !rebuilt && state.site !== undefined && state.siteSetup === setup;
  const site = keep ? state.site! : siteToken(viewsOf());
  // With the same graph and the same `site`, a route whose posts all kept their tokens is unchanged:
  // only the routes of changed posts need a fingerprint (1,000 posts make 1,400 pages).
  const unchanged = rebuilt || site !== state.site ? undefined : tokens.map((t, i) => t === state.tokens[i]);
  // Posts rendered again (by source path), for pages that know whose content they read.
  const changed = new Set(
    unchanged ? graph.posts.flatMap((r, i) => (unchanged[i] ? [] : [r.post.source.relPath])) : [],
  );
  state.tokens = tokens;
  state.site = site;
  state.siteSetup = setup;
  return (page, key) => {
    let info = state.routeInfo.get(page);
    if (!info) state.routeInfo.set(page, (info = { key }));
    const deps = (info.deps ??= pageDependencies(graph, page, seriesOf));
    const before = state.routes.get(key);
    // With the graph kept, a page is stale only when a post whose content it read was rendered again
    // (the rest of what it shows is structure); the sitemap and robots.txt show structure alone.
    if (
      before &&
      unchanged &&
      (STRUCTURE_ONLY.has(page.kind) ||
        (before.reads ? !before.reads.some((p) => changed.has(p)) : deps.every((i) => unchanged[i])))
    )
      return { render: false, fingerprint: undefined };
    const fingerprint = pageFingerprint(key, site, deps, tokens);
    return { render: before?.fingerprint !== fingerprint, fingerprint };
  };
}

/** Kinds of route made from the graph's structure alone, never from a post's rendered content. */
const STRUCTURE_ONLY: ReadonlySet<Page['kind']> = new Set(['sitemap', 'robots']);

/** The graph's routes with their keys, split into layout pages and the rest: made again only for another graph's routes. */
export function keyedRoutes(
  state: SiteOutput,
  graph: SiteGraph,
): { keyed: Array<[Page, string]>; layouts: Array<[Page, string]>; others: Array<[Page, string]>; fresh: boolean } {
  if (state.keyed?.pages === graph.pages) return { ...state.keyed, fresh: false };
  const keyed = routeKeys(state, graph);
  const split = {
    keyed,
    layouts: keyed.filter(([page]) => isLayoutPage(page)),
    others: keyed.filter(([page]) => !isLayoutPage(page)),
  };
  state.keyed = { pages: graph.pages, ...split };
  return { ...split, fresh: true };
}

/**
 * Each route with its key. Two routes with one key (two posts at one URL) get distinct keys, so both
 * are rendered and the collision between them is reported.
 */
function routeKeys(state: SiteOutput, graph: SiteGraph): Array<[Page, string]> {
  const seen = new Map<string, number>();
  return graph.pages.map((page) => {
    const key = state.routeInfo.get(page)?.key ?? routeKey(page);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return [page, n === 0 ? key : `${key}#${n}`];
  });
}
