/**
 * The posts of a dev session, one entry per source file, each carried through the content, Jekyll,
 * markdown and diagrams stages and remembered with the diagnostics each stage reported for it, so a
 * rebuild redoes only the files that changed.
 */
import type { SiteConfig } from '../config/schema.js';
import { readPostSource } from '../content/discover.js';
import { selectPosts, type SelectOptions } from '../content/select.js';
import { keepContainedSources } from '../content/sources.js';
import { VanishedFileError } from '../core/containment.js';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics.js';
import { renderDiagrams } from '../diagrams/render.js';
import type { JekyllSite } from '../jekyll/config.js';
import { runJekyllStage, usesLiquid } from '../jekyll/stage.js';
import { runHugoStage } from '../hugo/stage.js';
import type { HugoSite } from '../hugo/config.js';
import type { SiteCopy } from '../output/site-copies.js';
import type { Theme } from '../templates/theme.js';
import type { Post, RenderedPost, SourceFile } from '../types.js';
import { runImagesStage } from '../images/stage.js';
import { renderAllPosts } from '../markdown/render-all.js';
import { startEarlyDrawing } from '../diagrams/early.js';
import type { RenderCache } from '../markdown/render-cache.js';
import { structureKey } from '../pipeline/site-output.js';
import type { DevMarkdown } from './markdown.js';

/** One post file and what each stage made of it. */
export interface PostEntry {
  source: SourceFile;
  /** The post after the content stage; undefined when invalid, a draft left out, or in the future. */
  post: Post | undefined;
  /** The post after the Jekyll stage (Liquid evaluated, layouts mapped). */
  staged: Post | undefined;
  /** The post after the markdown and diagrams stages. */
  rendered: RenderedPost | undefined;
  /** Changes whenever `rendered` is replaced: unique across the session, so pages can tell. */
  revision: number;
  /** What the site graph reads of the rendered post (see structureKey); equal keys give the same graph. */
  structure: string;
  /** Diagnostics of the file from reading it, the Jekyll stage, and rendering it. */
  diagnostics: { read: Diagnostic[]; stage: Diagnostic[]; render: Diagnostic[] };
}

/** What the post stages need from the session. */
export interface PostStageContext {
  siteDir: string;
  outDir: string;
  config: SiteConfig;
  jekyll: JekyllSite | undefined;
  /** A Hugo site's settings: its pages go through the Hugo stage. */
  hugo: HugoSite | undefined;
  theme: Theme;
  select: SelectOptions;
  markdown: DevMarkdown;
  cache: RenderCache;
  /** A new revision number, never given before in this session. */
  nextRevision(): number;
}

/** From this many posts to render, the build's markdown stage (worker pool, fresh highlighter) is faster. */
const POOL_BATCH = 32;

/**
 * Reads `relPath` into an entry, or returns undefined when the file is gone (or is not a file). A file
 * removed after it was read, before it could be checked, is gone too, and a warning in `vanished` says so
 * (its text is not used: where it led can no longer be told).
 */
export async function readEntry(
  relPath: string,
  context: PostStageContext,
  vanished: DiagnosticBag,
): Promise<PostEntry | undefined> {
  let source: SourceFile;
  try {
    source = await readPostSource(context.siteDir, relPath, { hugoContent: context.hugo?.contentDir });
  } catch (error) {
    // Not there when read: a removal like any other, which the watcher reports.
    if (error instanceof VanishedFileError) return undefined;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP') return undefined;
    throw error;
  }
  try {
    return await entryFromSource(source, context);
  } catch (error) {
    if (!(error instanceof VanishedFileError)) throw error;
    vanished.add({
      severity: 'warning',
      code: error.code,
      message: `${error.message}: the site is built without it`,
      location: error.location,
    });
    return undefined;
  }
}

/** Runs the content stage on one source (alone, so its diagnostics are its own). */
export async function entryFromSource(source: SourceFile, context: PostStageContext): Promise<PostEntry> {
  const bag = new DiagnosticBag();
  const kept = await keepContainedSources(context.siteDir, [source], bag);
  const [post] = kept.length > 0 ? selectPosts(kept, context.config, context.select, bag) : [];
  return {
    source,
    post,
    staged: undefined,
    rendered: undefined,
    revision: 0,
    structure: '',
    diagnostics: { read: bag.items, stage: [], render: [] },
  };
}

/** True when the Jekyll stage must see every post at once: Liquid's `post_url` needs all their URLs. */
export function stagesAllPosts(
  entries: Iterable<PostEntry>,
  context: Pick<PostStageContext, 'config' | 'jekyll' | 'hugo'>,
): boolean {
  // A Hugo page's ref and relref need every page's URL too.
  if (context.jekyll || context.hugo || context.config.liquid) return true;
  for (const entry of entries) if (entry.post && usesLiquid(entry.post, context)) return true;
  return false;
}

/**
 * The Jekyll stage for `changed` entries, or for every entry when `all` (Liquid sites). Returns the
 * entries whose staged post differs from before (they must be rendered again) and the static files
 * a Jekyll site copies.
 */
export async function stageEntries(
  entries: ReadonlyMap<string, PostEntry>,
  changed: readonly PostEntry[],
  all: boolean,
  context: PostStageContext,
): Promise<{ toRender: PostEntry[]; staticFiles: SiteCopy[] | undefined; siteDiagnostics: Diagnostic[] }> {
  const stageOptions = {
    siteDir: context.siteDir,
    outDir: context.outDir,
    config: context.config,
    jekyll: context.jekyll,
    now: context.select.now,
  };
  const toRender: PostEntry[] = [];
  const restage = (entry: PostEntry, staged: Post | undefined, diagnostics: Diagnostic[]) => {
    const before = entry.staged;
    entry.staged = staged;
    entry.diagnostics.stage = diagnostics;
    if (!staged) entry.rendered = undefined;
    else if (!before || !entry.rendered || stagedKey(before) !== stagedKey(staged)) toRender.push(entry);
  };
  if (!all) {
    for (const entry of changed) {
      if (!entry.post) {
        restage(entry, undefined, []);
        continue;
      }
      const bag = new DiagnosticBag();
      const result = await runJekyllStage([entry.post], stageOptions, bag);
      restage(entry, result.posts[0], bag.items);
    }
    return { toRender, staticFiles: undefined, siteDiagnostics: [] };
  }
  const valid = [...entries.values()].filter((e) => e.post);
  const bag = new DiagnosticBag();
  const result = await runSiteStage(
    valid.map((e) => e.post!),
    context,
    stageOptions,
    bag,
  );
  const byFile = groupByFile(bag.items);
  for (const [i, entry] of valid.entries()) restage(entry, result.posts[i], byFile.get(entry.source.relPath) ?? []);
  for (const entry of entries.values()) if (!entry.post) restage(entry, undefined, []);
  const known = new Set(valid.map((e) => e.source.relPath));
  return {
    toRender,
    staticFiles: result.staticFiles,
    siteDiagnostics: bag.items.filter((d) => !known.has(d.location?.file ?? '')),
  };
}

/** Renders the staged posts of `entries` (markdown, then diagrams) and stores the results on them. */
export async function renderEntries(
  entries: readonly PostEntry[],
  context: PostStageContext,
): Promise<{ rendered: number }> {
  const todo = entries.filter((e) => e.staged);
  if (todo.length === 0) return { rendered: 0 };
  const staged = todo.map((e) => e.staged!);
  const diagramOptions = { config: context.config, siteDir: context.siteDir, themes: context.theme.manifest.mermaid };
  // Many posts at once (the first build, a configuration change): the build's stage, with its worker
  // pool, and diagrams drawn while the posts render.
  const early = todo.length >= POOL_BATCH ? startEarlyDrawing(diagramOptions) : undefined;
  const markdown = await (early
    ? renderAllPosts(staged, context.config, context.theme.manifest.shiki, new DiagnosticBag(), context.cache, {
        onRendered: early.offer,
        yielding: early.active,
      }).then((r) => ({ posts: r.posts, rendered: r.stats.rendered }))
    : context.markdown.render(staged)
  ).catch(async (error: unknown) => {
    await early?.close();
    throw error;
  });
  const bag = new DiagnosticBag();
  const withDiagrams = await renderDiagrams(markdown.posts, { ...diagramOptions, early }, bag).finally(() =>
    early?.close(),
  );
  // Sizes and lazy loading of local images, as in a build; the dev server shows the originals and makes
  // no variants (encoding them would hold up the reload by seconds an image).
  const withImages = await runImagesStage(withDiagrams.posts, {
    siteDir: context.siteDir,
    basePath: context.config.base.basePath,
  });
  bag.addAll(withImages.diagnostics);
  const byFile = groupByFile(bag.items);
  todo.forEach((entry, i) => {
    entry.rendered = withImages.posts[i]!;
    entry.revision = context.nextRevision();
    entry.structure = structureKey(entry.rendered.post);
    entry.diagnostics.render = [...markdown.posts[i]!.diagnostics, ...(byFile.get(entry.source.relPath) ?? [])];
  });
  return { rendered: markdown.rendered };
}

/** Every diagnostic of an entry. */
export function entryDiagnostics(entry: PostEntry): Diagnostic[] {
  return [...entry.diagnostics.read, ...entry.diagnostics.stage, ...entry.diagnostics.render];
}

/** What the markdown stage sees of a staged post: equal keys render to equal output. */
function stagedKey(post: Post): string {
  return JSON.stringify([
    post.source.relPath,
    post.source.text,
    post.body,
    post.bodyLine,
    post.lineMap ?? null,
    post.meta,
    post.url,
    post.outputPath,
    post.slug,
  ]);
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const file = d.location?.file ?? '';
    out.set(file, [...(out.get(file) ?? []), d]);
  }
  return out;
}

/**
 * The adapter stage of the whole site: a Hugo site's (URLs, shortcodes, bundle files), else Jekyll's
 * (Liquid, static files). A Hugo page dropped by it (not yet published, expired) keeps no entry.
 */
async function runSiteStage(
  posts: Post[],
  context: PostStageContext,
  stageOptions: Parameters<typeof runJekyllStage>[1],
  bag: DiagnosticBag,
): Promise<{ posts: Array<Post | undefined>; staticFiles: SiteCopy[] }> {
  if (!context.hugo) return runJekyllStage(posts, stageOptions, bag);
  const { future, now } = context.select;
  const staged = await runHugoStage(
    posts,
    { siteDir: context.siteDir, config: context.config, hugo: context.hugo, future, now },
    bag,
  );
  const bySource = new Map(staged.posts.map((p) => [p.source.relPath, p]));
  return { posts: posts.map((p) => bySource.get(p.source.relPath)), staticFiles: staged.copies };
}
