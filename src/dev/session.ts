/**
 * The dev session: the last build's stage results kept in memory (posts as each stage left them,
 * the site graph, every page with the fingerprint of its inputs, feeds, assets), a rebuild that
 * redoes only what a batch of changes affects, and the site being served, which is swapped only
 * when a rebuild has no errors, so a broken post or layout never replaces the last good site.
 */
import type { SiteCopy } from '../output/site-copies.js';
import type { SearchInput } from './search.js';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BuildInfo } from '../config/define.js';
import type { ConfigOverrides } from '../config/load.js';
import { toPosix } from '../core/paths.js';
import { runAfterBuild, runBeforeBuild, type SiteHooks } from '../pipeline/site-hooks.js';
import { listPostPaths, type PostFolders } from '../content/discover.js';
import { buildTime } from '../content/select.js';
import { noPostsWarning } from '../content/sources.js';
import { DiagnosticBag, diagnosticFromError, type Diagnostic } from '../core/diagnostics.js';
import { timed, type StageTimings } from '../core/timing.js';
import type { OutputFile, Post } from '../types.js';
import type { BaseUrl } from '../core/urls.js';
import { planChanges, type ChangePlan, type SiteChange } from './changes.js';
import {
  emptySiteOutput,
  outputDiagnostics,
  type OutputWork,
  type SiteOutput,
  updateSiteOutput,
} from '../pipeline/site-output.js';
import {
  entryDiagnostics,
  readEntry,
  renderEntries,
  stageEntries,
  stagesAllPosts,
  type PostEntry,
  type PostStageContext,
} from './posts.js';
import { loadSetup, reloadLayouts, type SiteSetup } from './setup.js';

/** Options of a dev session. */
export interface DevSessionOptions {
  siteDir: string;
  /** Include drafts and posts dated in the future (default true). */
  drafts?: boolean;
  /** Configuration values that override the file's (extensions added to the module's, as in build()). */
  config?: ConfigOverrides;
  /** Use the render cache in `cache_dir` (default true). */
  cache?: boolean;
}

/** What one rebuild did. */
export interface RebuildReport {
  /** False when errors were found: the site served before is still served. */
  ok: boolean;
  ms: number;
  /** `full`, `layouts`, `posts` or `assets`: the widest part of the site the rebuild redid; `none` when no input changed. */
  scope: 'full' | 'layouts' | 'posts' | 'assets' | 'none';
  postsRendered: number;
  pagesRendered: number;
  feedsRendered: number;
  /** Output paths whose contents changed or that were added, in the served site (empty unless swapped). */
  changed: string[];
  /** Output paths that are no longer served. */
  removed: string[];
  /** Time spent per part of the rebuild. */
  timings: StageTimings;
  /** Every current diagnostic, errors and warnings, in a stable order. */
  diagnostics: Diagnostic[];
  /** The served site's generation after the rebuild. */
  generation: number;
}

/** A dev session. */
export interface DevSession {
  /** Applies `changes` (or rebuilds everything with 'full'); never throws. */
  rebuild(changes: readonly SiteChange[] | 'full'): Promise<RebuildReport>;
  /** The site being served: output path → file. */
  served(): ReadonlyMap<string, OutputFile>;
  /** Counts swaps of the served site: a page served at an older generation may be out of date. */
  generation(): number;
  /** The base URL of the served site (its path is where the site is served). */
  base(): BaseUrl;
  /** The errors of the last rebuild (empty when it succeeded). */
  errors(): Diagnostic[];
  /** Absolute folders the watcher must ignore (caches). */
  ignoredDirs(): string[];
  /** The configuration module and the site's modules it imports, relative to the site: a change to one reloads everything. */
  siteCode(): ReadonlySet<string>;
  /** A Hugo site's content folder (whose pages are posts), once the configuration is read. */
  postFolders(): PostFolders;
  /** Loads the code grammars the site's posts use, so the first save of a post with code is as fast as the next. */
  warm(): Promise<void>;
  /** What the search index is made from: the posts of the site last built (undefined before the first). */
  searchInput(): SearchInput | undefined;
  /** Releases the highlighter. */
  close(): void;
}

/** Starts a session; call rebuild('full') for the first build. */
export function createDevSession(options: DevSessionOptions): DevSession {
  const siteDir = path.resolve(options.siteDir);
  const drafts = options.drafts ?? true;
  let setup: SiteSetup | undefined;
  let failure: Diagnostic | undefined;
  let entries = new Map<string, PostEntry>();
  let liquidDiagnostics: Diagnostic[] = [];
  let jekyllStatic: SiteCopy[] = [];
  let derived: SiteOutput = emptySiteOutput();
  let served = new Map<string, OutputFile>();
  let generation = 0;
  let lastErrors: Diagnostic[] = [];
  let revisions = 0;
  /** Posts removed while this rebuild read them: said once, in this rebuild's report. */
  let vanished = new DiagnosticBag();
  /** What the site's hooks threw in this rebuild (beforeBuild, data functions, afterBuild). */
  let hookDiagnostics: Diagnostic[] = [];

  const stageContext = (s: SiteSetup): PostStageContext => ({
    siteDir,
    outDir: s.outDir,
    config: s.config,
    jekyll: s.jekyll,
    hugo: s.hugo,
    theme: s.theme,
    select: { drafts, future: drafts, now: buildTime() },
    markdown: s.markdown,
    cache: s.cache,
    nextRevision: () => ++revisions,
  });

  /** Reads everything again: configuration, theme, layouts, every post. */
  const rebuildAll = async (): Promise<number> => {
    const next = await loadSetup(siteDir, options);
    setup?.markdown.dispose();
    setup = next;
    hookDiagnostics = next.siteDiagnostics;
    failure = undefined;
    const context = stageContext(next);
    const relPaths = await listPostPaths(siteDir, { hugoContent: next.hugo?.contentDir });
    const read = await Promise.all(relPaths.map((relPath) => readEntry(relPath, context, vanished)));
    entries = new Map();
    for (const entry of read) if (entry) entries.set(entry.source.relPath, entry);
    derived = emptySiteOutput();
    return stageAndRender([...entries.values()], context);
  };

  /** Reads the changed post files again; unchanged files (same text) keep everything they had. */
  const updatePosts = async (s: SiteSetup, plan: ChangePlan): Promise<{ changed: boolean; rendered: number }> => {
    const context = stageContext(s);
    for (const dir of plan.removedPostDirs) {
      for (const relPath of [...entries.keys()]) if (relPath.startsWith(`${dir}/`)) entries.delete(relPath);
    }
    const changed: PostEntry[] = [];
    for (const relPath of plan.posts) {
      const entry = await readEntry(relPath, context, vanished);
      const before = entries.get(relPath);
      if (!entry) entries.delete(relPath);
      else if (
        !before ||
        before.source.hash !== entry.source.hash ||
        before.source.modified !== entry.source.modified
      ) {
        entries.set(relPath, entry);
        changed.push(entry);
      }
    }
    // A removed post changes the site even when nothing is left to render (and, with Liquid, the others' post_url).
    const removed = plan.posts.some((p) => !entries.has(p)) || plan.removedPostDirs.length > 0;
    if (changed.length === 0 && !removed) return { changed: false, rendered: 0 };
    return { changed: true, rendered: await stageAndRender(changed, context) };
  };

  const stageAndRender = async (changed: PostEntry[], context: PostStageContext): Promise<number> => {
    const all = stagesAllPosts(entries.values(), context);
    const staged = await stageEntries(entries, changed, all, context);
    if (staged.staticFiles && JSON.stringify(staged.staticFiles) !== JSON.stringify(jekyllStatic)) {
      jekyllStatic = staged.staticFiles;
      derived.assetsStale = true;
    }
    if (all) liquidDiagnostics = staged.siteDiagnostics;
    return (await renderEntries(staged.toRender, context)).rendered;
  };

  const currentDiagnostics = (): Diagnostic[] => {
    const bag = new DiagnosticBag();
    if (failure) bag.add(failure);
    bag.addAll(vanished.items);
    bag.addAll(hookDiagnostics);
    if (setup) bag.addAll(setup.cycles);
    for (const entry of entries.values()) bag.addAll(entryDiagnostics(entry));
    bag.addAll(liquidDiagnostics);
    if (setup && entries.size === 0) bag.add(noPostsWarning());
    bag.addAll(outputDiagnostics(derived));
    return bag.sorted();
  };

  const swap = (candidate: Map<string, OutputFile>): { changed: string[]; removed: string[] } => {
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [outputPath, file] of candidate) {
      const before = served.get(outputPath);
      // A route or asset not made again is the same object.
      if (before === file) continue;
      if (!before || !sameContents(before.contents, file.contents)) changed.push(outputPath);
    }
    for (const outputPath of served.keys()) if (!candidate.has(outputPath)) removed.push(outputPath);
    served = candidate;
    if (changed.length > 0 || removed.length > 0 || generation === 0) generation++;
    return { changed: changed.sort(), removed: removed.sort() };
  };

  return {
    async rebuild(changes) {
      const start = performance.now();
      vanished = new DiagnosticBag();
      const plan = changes === 'full' ? undefined : planChanges(changes);
      let scope: RebuildReport['scope'] = 'none';
      let postsRendered = 0;
      const work: OutputWork = { pages: 0, feeds: 0, timings: [] };
      let candidate: Map<string, OutputFile> | undefined;
      try {
        if (!plan || plan.full || !setup || failure) {
          scope = 'full';
          postsRendered = await timed(work.timings, 'posts', rebuildAll);
        } else {
          const current = setup;
          hookDiagnostics = await runBeforeBuild(siteHooks(current), hookInfo(current));
          if (plan.assets) {
            scope = 'assets';
            derived.assetsStale = true;
          }
          if (plan.posts.length > 0 || plan.removedPostDirs.length > 0) {
            const posts = await timed(work.timings, 'posts', () => updatePosts(current, plan));
            postsRendered = posts.rendered;
            // A save without a change (or a second look at a file already read) leaves the scope as it was.
            if (posts.changed) scope = 'posts';
          }
          if (plan.layouts) {
            scope = 'layouts';
            setup = await timed(work.timings, 'layouts', () => reloadLayouts(current, siteDir));
            derived.routes.clear();
          }
        }
        const ready = setup;
        // With a site already served, a broken post stops here: pages built without it would be thrown away.
        const postErrors = [...entries.values()].some((e) => entryDiagnostics(e).some((d) => d.severity === 'error'));
        if (ready && (generation === 0 || !postErrors)) {
          candidate = await outputOf(derived, ready, [...entries.values()], jekyllStatic, work);
        }
      } catch (error) {
        // A configuration problem (or any unexpected failure) as a diagnostic: the session keeps going.
        failure = diagnosticFromError(error, 'rebuild failed');
      }
      let diagnostics = currentDiagnostics();
      let errors = diagnostics.filter((d) => d.severity === 'error');
      const ok = errors.length === 0 && candidate !== undefined;
      const diff = candidate && (ok || generation === 0) ? swap(candidate) : { changed: [], removed: [] };
      // The site's afterBuild sees the site now served; what it throws shows in the overlay like any error.
      if (ok && setup?.extensions.hooks.afterBuild) {
        const after = await runAfterBuild(siteHooks(setup), hookInfo(setup), [...served.values()]);
        if (after.length > 0) {
          hookDiagnostics = [...hookDiagnostics, ...after];
          diagnostics = currentDiagnostics();
          errors = diagnostics.filter((d) => d.severity === 'error');
        }
      }
      lastErrors = errors;
      return {
        ok: ok && errors.length === 0,
        ms: performance.now() - start,
        scope,
        postsRendered,
        pagesRendered: work.pages,
        feedsRendered: work.feeds,
        changed: diff.changed,
        removed: diff.removed,
        timings: work.timings,
        diagnostics,
        generation,
      };
    },
    served: () => served,
    generation: () => generation,
    base: () => setup?.config.base ?? { origin: '', basePath: '/' },
    errors: () => lastErrors,
    ignoredDirs: () => (setup ? [setup.outDir, setup.cacheDir] : []),
    siteCode: () => new Set((setup?.extensions.modules ?? []).map((m) => toPosix(path.relative(siteDir, m)))),
    postFolders: () => ({ hugoContent: setup?.hugo?.contentDir }),
    async warm() {
      // One post per code language the site uses.
      const byLanguage = new Map<string, Post>();
      for (const entry of entries.values()) {
        for (const language of entry.rendered?.features.languages ?? [])
          if (!byLanguage.has(language)) byLanguage.set(language, entry.staged!);
      }
      await setup?.markdown.warm([...new Set(byLanguage.values())]);
    },
    searchInput() {
      const posts = derived.graph?.posts;
      if (!setup || !posts) return undefined;
      const current = entries;
      return {
        posts,
        revisionOf: (r) => current.get(r.post.source.relPath)?.revision ?? -1,
        config: setup.config,
      };
    },
    close() {
      setup?.markdown.dispose();
    },
  };
}

/** The site's code, for the hooks. */
function siteHooks(setup: SiteSetup): SiteHooks {
  return { siteDir: setup.siteDir, extensions: setup.extensions };
}

/** What the hooks are told of a dev rebuild. */
function hookInfo(setup: SiteSetup): BuildInfo {
  return { siteDir: setup.siteDir, outDir: setup.outDir, mode: 'dev', config: setup.config };
}

/** The site's files from the session's posts, through the build's output function, redoing only what changed. */
async function outputOf(
  state: SiteOutput,
  setup: SiteSetup,
  entries: readonly PostEntry[],
  siteCopies: readonly SiteCopy[],
  work: OutputWork,
): Promise<Map<string, OutputFile>> {
  // The build's order: sources sorted by path, which decides ties in the graph's sort.
  const valid = entries
    .filter((e) => e.rendered)
    .sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0));
  const byPath = new Map(valid.map((e) => [e.source.relPath, e]));
  const files = await updateSiteOutput(
    state,
    setup,
    valid.map((e) => e.rendered!),
    siteCopies,
    work,
    { revision: (relPath) => byPath.get(relPath)!.revision, structure: (relPath) => byPath.get(relPath)!.structure },
  );
  return new Map(files.map((f) => [f.outputPath, f]));
}

function sameContents(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
