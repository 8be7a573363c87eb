/** build(): the pipeline, one awaited, timed call per stage (see the design). */
import path from 'node:path';
import { type ConfigOverrides, loadConfig } from './config/load.js';
import type { SiteConfig } from './config/schema.js';
import { discoverPostSources } from './content/discover.js';
import { findSkippedLinks } from './content/skipped-links.js';
import { buildTime, selectPosts } from './content/select.js';
import { keepContainedSources, noPostsWarning } from './content/sources.js';
import { DiagnosticBag, type Diagnostic } from './core/diagnostics.js';
import { toPosix } from './core/paths.js';
import type { ProgressReport } from './core/progress.js';
import { timed, type StageTimings } from './core/timing.js';
import type { DiagramStats } from './diagrams/render.js';
import { startEarlyDrawing } from './diagrams/early.js';
import { sortCompatEntries, type CompatEntry } from './jekyll/compat.js';
import { runJekyllStage } from './jekyll/stage.js';
import { runHugoStage } from './hugo/stage.js';
import { inputConfigAdapter } from './pipeline/input-adapter.js';
import type { CodeThemes } from './markdown/highlighter.js';
import { renderAllPosts, type MarkdownStats } from './markdown/render-all.js';
import { noRenderCache } from './markdown/render-cache.js';
import { checkOutputDir, checkOutputOwnership } from './output/writer.js';
import { type BuildCache, openBuildCache } from './pipeline/build-cache.js';
import { loadOutputSetup } from './pipeline/output-setup.js';
import { type BuildOutput, postChanges, updateBuildOutput } from './pipeline/output-state.js';
import { openDiskImageStore } from './images/image-cache.js';
import { imageSettings } from './images/site-settings.js';
import { runImagesStage } from './images/stage.js';
import { cardsOptions } from './cards/site-options.js';
import { runCardsStage } from './cards/stage.js';
import { startSearch } from './search/start.js';
import { resolveSiteData, runAfterBuild, runBeforeBuild } from './pipeline/site-hooks.js';
import type { BuildInfo } from './config/define.js';
import { type OutputWork, outputDiagnostics } from './pipeline/site-output.js';
import { isLayoutPage, type LayoutPage, type OutputFile, type Page, type SourceFile } from './types.js';

/** Options of one build. */
export interface BuildOptions {
  /** The site directory (holds `posts/`, optional `inkstone.yml`, `layouts/`, `themes/`, `static/`). */
  siteDir: string;
  /** Output directory; default `<siteDir>/_site`. */
  outDir?: string;
  /** Include drafts (`draft: true`, `published: false`). */
  drafts?: boolean;
  /** Include posts dated in the future. */
  future?: boolean;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Overrides the configured `url`. */
  baseUrl?: string;
  /**
   * Configuration values that override the file's; plugins, filters, globals, tags, data and hooks
   * (as in a configuration module) are added to the module's.
   */
  config?: ConfigOverrides;
  /** The instant that decides which posts are in the future; default SOURCE_DATE_EPOCH, else now. */
  now?: Date;
  /** Worker threads for the markdown stage; default: one per spare core for large builds, 0 for none. */
  workers?: number;
  /** Use the render cache in `cache_dir` (default true). */
  cache?: boolean;
  /** Replace an existing output directory even if inkstone did not write it. */
  force?: boolean;
  /** Write the site to disk (default true); false keeps it in memory only. */
  write?: boolean;
  /** Told how far the long stages have got (posts rendered, diagrams drawn, pages rendered, files written). */
  progress?: ProgressReport;
  /**
   * Make the search index when the configuration asks for search (default true). `inkstone check`
   * turns it off: it reads the pages, which keep their search box, and has no use for the index.
   */
  searchIndex?: boolean;
}

/** Counts reported at the end of a build. */
export interface BuildStats {
  posts: number;
  /** Standalone pages (an about page) with a page of their own: among the `post` pages of `pagesByKind`, not `posts`. */
  standalone: number;
  /** Pages rendered through layouts. */
  pages: number;
  /** Pages by kind: post, home, term, taxonomy, archive, not-found, redirect. */
  pagesByKind: Record<LayoutPage['kind'], number>;
  feeds: number;
  tags: number;
  categories: number;
  files: number;
  /** Formulas KaTeX refused that the MathJax fallback rendered. */
  mathFallbacks: number;
}

/** The outcome of a build. `ok` is false when any error (or, under strict, warning) was found. */
export interface BuildResult {
  ok: boolean;
  /** Whether this build put a new site in `outDir` (under `--strict` a build can fail after that, on a warning of the write). */
  written: boolean;
  outDir: string;
  diagnostics: Diagnostic[];
  timings: StageTimings;
  stats: BuildStats;
  /** The configuration the build used. */
  config: SiteConfig;
  /** The post sources that were read (for tools that map output back to Markdown). */
  sources: SourceFile[];
  /** Things worth knowing that are not problems with the content (shown after the summary). */
  notes: string[];
  /** What the markdown stage did (posts from the render cache, posts rendered). */
  markdown: MarkdownStats;
  /** What the diagrams stage did (cache hits, renders, whether a browser was started). */
  diagrams: DiagramStats;
  /** Local images met in posts, responsive variants in the output, and how many this build encoded (the others came from the cache). */
  images: { images: number; variants: number; encoded: number };
  /** Social cards in the output and how many this build drew; undefined when none are made (`social_cards: false`, no host in `url`). */
  cards: { cards: number; drawn: number } | undefined;
  /** The search index: posts in it, its size, its shards and how many came from the cache; undefined with `search: false`. */
  search: { documents: number; bytes: number; shards: number; kept: number; cached: boolean } | undefined;
  /** Jekyll and kramdown constructs met, and what became of each (`--report-compat`). */
  compat: CompatEntry[];
  files: OutputFile[];
  /** Every route of the site graph (pages, feeds, sitemap, robots.txt), each with its output path. */
  routes: Page[];
}

/** Builds the site. Throws ConfigError for configuration problems and OutputError when it cannot write. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const siteDir = path.resolve(options.siteDir);
  const outDir = path.resolve(options.outDir ?? path.join(siteDir, '_site'));
  const strict = options.strict ?? false;
  const timings: StageTimings = [];
  const bag = new DiagnosticBag();
  const notes: string[] = [];
  checkOutputDir(siteDir, outDir);
  if (options.write !== false) await checkOutputOwnership(outDir, options.force ?? false);

  const {
    config,
    adapted: input,
    extensions,
  } = await timed(timings, 'config', () =>
    loadConfig(siteDir, { ...options.config, url: options.baseUrl ?? options.config?.url }, inputConfigAdapter, {
      cache: options.cache,
    }),
  );
  const { jekyll, hugo } = input ?? {};
  // The site's own code: its hooks run first, then its data functions (whose values every layout sees).
  const site = { siteDir, extensions };
  const info: BuildInfo = { siteDir, outDir, mode: 'build', config };
  const data =
    extensions.hooks.beforeBuild || Object.keys(extensions.data).length > 0
      ? await timed(timings, 'before-build', async () => {
          bag.addAll(await runBeforeBuild(site, info));
          const resolved = await resolveSiteData(site, info);
          bag.addAll(resolved.diagnostics);
          return resolved.data;
        })
      : {};
  const setup = await timed(timings, 'theme', () => loadOutputSetup(siteDir, config, extensions, data));
  // Layouts that include each other in a cycle: no page is rendered, and each cycle is an error.
  bag.addAll(setup.cycles);
  const { theme } = setup;
  const sources = await timed(timings, 'discover', async () => {
    // A walk that reads only regular files reached through real folders below the site (none can lead
    // outside it); the symbolic links it skips are looked at, and named, only when there are some.
    const found = await discoverPostSources(siteDir, { hugoContent: hugo?.contentDir });
    if (found.links > 0) bag.addAll(await findSkippedLinks(siteDir));
    if (found.unsure.length === 0) return found.sources;
    const kept = new Set(await keepContainedSources(siteDir, found.unsure, bag));
    return found.sources.filter((source) => !found.unsure.includes(source) || kept.has(source));
  });
  if (sources.length === 0) bag.add(noPostsWarning());
  // One pack holds the build's caches (the content stage's results, rendered posts): read here, written at the end.
  const { cache, posts } = await timed(timings, 'content', async () => {
    const cache =
      options.cache === false
        ? undefined
        : await openCache(siteDir, config, theme.manifest.shiki, bag, extensions.fingerprint);
    const select = {
      drafts: options.drafts ?? false,
      future: options.future ?? false,
      now: options.now ?? buildTime(),
    };
    return { cache, posts: selectPosts(sources, config, select, bag, cache?.posts) };
  });
  // Liquid needs every post's URL (for post_url), so it runs on all posts before any Markdown.
  // A Hugo site's pages get Hugo's URLs and their shortcodes made instead (its stage is timed as `liquid` too).
  const jekyllStage = await timed(timings, 'liquid', async () => {
    if (!hugo) return runJekyllStage(posts, { siteDir, outDir, config, jekyll, now: options.now ?? buildTime() }, bag);
    const now = options.now ?? buildTime();
    const staged = await runHugoStage(posts, { siteDir, config, hugo, future: options.future ?? false, now }, bag);
    return { posts: staged.posts, staticFiles: staged.copies, compat: staged.compat };
  });
  // Diagrams missing from the cache are drawn while the posts render (the browser starts with the first).
  const diagramOptions = { config, siteDir, themes: theme.manifest.mermaid };
  const early = startEarlyDrawing(diagramOptions);
  const { posts: markdown, stats: markdownStats } = await timed(timings, 'markdown', () =>
    renderAllPosts(jekyllStage.posts, config, theme.manifest.shiki, bag, cache?.render ?? noRenderCache, {
      workers: options.workers,
      site,
      cache: options.cache,
      progress: options.progress,
      onRendered: early.offer,
      yielding: early.active,
    }),
  ).catch(async (error: unknown) => {
    await early.close();
    throw error;
  });
  if (markdownStats.mainThread) notes.push(markdownStats.mainThread);
  // The diagrams stage (and its browser) is loaded only for posts that have diagrams.
  const { posts: drawn, stats: diagramStats } = await timed(timings, 'diagrams', async () =>
    markdown.some((post) => post.diagrams.length > 0)
      ? (await import('./diagrams/render.js')).renderDiagrams(
          markdown,
          { ...diagramOptions, progress: options.progress, early },
          bag,
        )
      : { posts: markdown, stats: { total: 0, cached: 0, rendered: 0, client: 0, browserLaunched: false } },
  ).finally(early.close);
  // Local images: their sizes, and their responsive variants (encoded once, then kept in cache_dir).
  const images = await timed(timings, 'images', () =>
    runImagesStage(drawn, {
      siteDir,
      basePath: config.base.basePath,
      settings: imageSettings(config, theme.manifest),
      progress: options.progress,
      store:
        options.cache === false
          ? undefined
          : () => openDiskImageStore(path.resolve(siteDir, config.cache_dir, 'images')),
    }),
  );
  bag.addAll(images.diagnostics);
  // Social cards for the link previews of posts without a picture of their own (absolute URLs only).
  const cards =
    config.social_cards && config.base.origin
      ? await timed(timings, 'cards', () =>
          runCardsStage(images.posts, {
            ...cardsOptions(config, theme.manifest, siteDir, options.cache !== false),
            progress: options.progress,
          }),
        )
      : undefined;
  if (cards) bag.addAll(cards.diagnostics);
  const rendered = cards?.posts ?? images.posts;
  // The graph, every route (pages, feeds, sitemap, robots.txt), assets and collisions: the dev session's function
  // too. A build that writes its output with a cache starts from the state the last one left (see output-state.ts):
  // only the routes whose inputs changed are rendered, the others keep the files in the output directory.
  const work: OutputWork = { pages: 0, feeds: 0, timings, progress: options.progress };
  const changes = cache?.render && postChanges(rendered, cache.render.keyOf);
  const kept =
    options.write !== false && changes && cache.code ? { saved: cache.output, code: cache.code, changes } : undefined;
  // Pagefind indexes in a process of its own, while this one renders the pages.
  const searching =
    config.search && options.searchIndex !== false ? startSearch(rendered, config, siteDir, changes) : undefined;
  const output = await updateBuildOutput(setup, rendered, jekyllStage.staticFiles, work, outDir, kept);
  // While Pagefind indexes (seconds on a large site), the pages go into the new site's staging folder.
  // Known soon after the search stage starts: whether each shard's index is in the cache.
  if (searching && options.write !== false && bag.errorCount(strict) === 0 && (await searching.indexing))
    output.stage();
  // A search stage that fails unexpectedly ends the build: the staged pages go with it.
  const search = searching && (await timed(timings, 'search', () => searching.result).catch(discardAnd(output)));
  if (search) {
    bag.addAll(search.diagnostics);
    output.add(search.files);
  }
  if (images.files.length > 0) output.add(images.files);
  if (cards && cards.files.length > 0) output.add(cards.files);
  bag.addAll(outputDiagnostics(output.state));
  const graph = output.state.graph!;
  // Feed ids and sitemap locations must be absolute URLs: without a host there is nothing valid to write.
  if (!config.base.origin && graph.posts.length > 0) notes.push(noOriginNote(config.social_cards));
  const written = bag.errorCount(strict) === 0 && options.write !== false;
  // The cache's pack is written last (also when the write failed), with the state of the output in place.
  const save = async () => {
    const snapshot = output.snapshot();
    await cache?.save(snapshot ? snapshot.section : cache.output, snapshot?.changed ?? false);
  };
  // The write's own warnings (a folder beside the output it could not remove) come after the site is in place.
  if (written) {
    const write = async () => {
      try {
        return await output.write(options.progress);
      } finally {
        await save();
      }
    };
    bag.addAll(await timed(timings, 'write', write));
    await search?.keep?.();
    await images.keep();
    await cards?.keep();
    // The site is in place: the site's afterBuild hook sees every file of it.
    if (extensions.hooks.afterBuild)
      bag.addAll(await timed(timings, 'after-build', () => runAfterBuild(site, info, output.files)));
  } else {
    await output.discard();
    await save();
  }
  const { files } = output;
  return {
    ok: bag.errorCount(strict) === 0,
    written,
    outDir,
    diagnostics: bag.sorted(),
    timings,
    stats: {
      posts: graph.listed,
      standalone: graph.pages.filter((p) => p.kind === 'post' && p.postIndex >= graph.listed).length,
      // Every page and feed of the site, whether rendered by this build or kept from the last one.
      pages: setup.cycles.length > 0 ? 0 : graph.pages.filter(isLayoutPage).length,
      pagesByKind: countByKind(graph.pages),
      feeds: graph.pages.filter((page) => page.kind === 'feed').length,
      tags: graph.taxonomies.tags.terms.length,
      categories: graph.taxonomies.categories.terms.length,
      files: files.length,
      mathFallbacks: rendered.reduce((sum, r) => sum + (r.features.mathFallbacks ?? 0), 0),
    },
    markdown: markdownStats,
    diagrams: diagramStats,
    images: images.stats,
    cards: cards?.stats,
    search: search && {
      documents: search.documents,
      bytes: search.bytes,
      shards: search.shards,
      kept: search.kept,
      cached: search.cached,
    },
    compat: sortCompatEntries(jekyllStage.compat),
    config,
    sources,
    notes,
    files,
    routes: graph.pages,
  };
}

/** Opens the build's cache in `cache_dir`; what it cannot do is a warning, and the build goes on without it. */
async function openCache(
  siteDir: string,
  config: SiteConfig,
  themes: CodeThemes,
  bag: DiagnosticBag,
  siteCode: string,
): Promise<BuildCache> {
  const dir = path.resolve(siteDir, config.cache_dir, 'render');
  const where = toPosix(path.relative(siteDir, dir)) || '.';
  const warn = (message: string) =>
    bag.add({ severity: 'warning', code: 'cache', message, location: { file: config.cache_dir } });
  return openBuildCache(
    dir,
    config,
    themes,
    {
      unwritable: (reason) =>
        warn(
          `the render cache ${where} cannot be written (${reason}): this build goes on without storing rendered posts`,
        ),
      unreadable: (reason) =>
        warn(`the render cache ${where} cannot be read (${reason}): this build goes on without it and writes it again`),
    },
    siteCode,
  );
}

/** Removes what `output` staged, then throws `error` on. */
function discardAnd(output: BuildOutput): (error: unknown) => Promise<never> {
  return async (error) => {
    await output.discard();
    throw error;
  };
}

/** Feeds, the sitemap and social cards need absolute URLs, which only a configured origin gives. */
function noOriginNote(cards: boolean): string {
  const what = cards ? 'no feeds, sitemap or social cards were' : 'no feeds or sitemap were';
  return `${what} written, because they need absolute URLs: set "url" in inkstone.yml (e.g. https://example.org/blog/) or pass --base-url`;
}

function countByKind(pages: readonly Page[]): Record<LayoutPage['kind'], number> {
  const counts: Record<LayoutPage['kind'], number> = {
    post: 0,
    home: 0,
    term: 0,
    taxonomy: 0,
    archive: 0,
    'not-found': 0,
    redirect: 0,
    series: 0,
    section: 0,
  };
  for (const page of pages) if (isLayoutPage(page)) counts[page.kind]++;
  return counts;
}

export { buildTime } from './content/select.js';
