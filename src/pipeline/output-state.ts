/**
 * The output's state across builds: what `updateSiteOutput` needs to render again only the routes whose
 * inputs changed since the last build, as the dev session does between saves. A build keeps in its
 * cache pack the site graph's structure, each post's token and each route's fingerprint (see
 * fingerprints.ts), with the hash of the file the route made; the next build starts from that state,
 * and a route whose fingerprint did not change keeps its file, which is the one in the output
 * directory (the output's manifest says it still has those bytes; they are read only if asked for).
 *
 * A post's revision is what it renders from: its render cache key (its text, body, configuration,
 * themes and the renderer's code), its other fields (front matter, route), and the final HTML of a post
 * with diagrams (whose SVG comes from the diagrams stage). Everything else a page is made from is in
 * the setup token: the configuration, the theme and every file of its layout folders, the output
 * directory, the code of the stages after the renderer and Node's versions; a different token starts
 * from nothing.
 */
import type { SiteCopy } from '../output/site-copies.js';
import type { ProgressReport } from '../core/progress.js';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { OutputError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { timed, type StageTimings } from '../core/timing.js';
import type { CodeInputs } from '../markdown/cache-inputs.js';
import {
  discardStagedSite,
  type FileHashes,
  findCollisions,
  readOutputManifest,
  type StagedSite,
  stageSite,
  writeSite,
} from '../output/writer.js';
import type { OutputFile, Post, RenderedPost, SiteGraph } from '../types.js';
import { runtimeVersions } from './build-cache.js';
import {
  emptySiteOutput,
  type OutputSetup,
  type OutputWork,
  type PostChanges,
  type SiteOutput,
  structureKey,
  updateSiteOutput,
} from './site-output.js';

/** What a build keeps of its output for the next one. */
interface OutputSnapshot {
  setup: string;
  /** The graph's posts (source paths, in its order) with their structure keys, and what else it was built from. */
  order: string[];
  structure: string[];
  ownRobots: boolean | undefined;
  /** The graph without its configuration and posts; each pager's `urls` is an index into `urlLists`. */
  graph: Omit<SiteGraph, 'config' | 'posts'>;
  /** The URL lists of the pagers: one per paginated list, which all its pages share. */
  urlLists: string[][];
  graphDiagnostics: Diagnostic[];
  tokens: string[];
  site: string | undefined;
  /**
   * For each route of `graph.pages`: its key, and its fingerprint, output path, file hash, origin and
   * the posts whose content it read, as indices into `order` (null: not known); null: not kept.
   */
  routes: Array<
    [
      key: string,
      route: [fingerprint: string, outputPath: string, hash: string, from: string, reads: number[] | null] | null,
    ]
  >;
}

/**
 * The token of everything besides the posts that the output is made from: a different token means
 * that no route of the last build can be kept.
 */
export async function outputSetupToken(setup: OutputSetup, code: CodeInputs, outDir: string): Promise<string> {
  const { theme } = setup;
  return sha256(
    JSON.stringify({
      config: setup.config,
      theme: { name: theme.name, dir: theme.dir, manifest: theme.manifest, layoutDirs: theme.layoutDirs },
      layouts: await Promise.all(theme.layoutDirs.map(folderHashes)),
      cycles: setup.cycles.length,
      generator: setup.generator,
      siteDir: setup.siteDir,
      outDir,
      code,
      versions: runtimeVersions(),
    }),
  );
}

/** Every file below `dir` (links followed, as the layout loader does), by relative path: the hash of its bytes. */
async function folderHashes(dir: string): Promise<Array<[string, string]>> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const hashes = await Promise.all(
    entries.sort().map(async (rel) => {
      const bytes = await readFile(path.join(dir, rel)).catch(() => undefined);
      return [rel, bytes ? sha256(bytes) : ''] as [string, string];
    }),
  );
  return hashes.filter(([, hash]) => hash !== '');
}

/**
 * The revisions of a build's posts (see the file comment), and (hashes of) their structure keys, each
 * made when first asked for. `keyOf` is the render cache's key.
 */
export function postChanges(posts: readonly RenderedPost[], keyOf: (post: Post) => string): PostChanges {
  const byPath = new Map(posts.map((r) => [r.post.source.relPath, r]));
  const revisions = new Map<string, string>();
  const structures = new Map<string, string>();
  return {
    revision(relPath) {
      let revision = revisions.get(relPath);
      if (revision === undefined) revisions.set(relPath, (revision = postRevision(byPath.get(relPath)!, keyOf)));
      return revision;
    },
    structure(relPath) {
      let key = structures.get(relPath);
      if (key === undefined) structures.set(relPath, (key = sha256(structureKey(byPath.get(relPath)!.post))));
      return key;
    },
  };
}

function postRevision(rendered: RenderedPost, keyOf: (post: Post) => string): string {
  const { post } = rendered;
  // The text, body and line map are in the render key; the rest of the post is here.
  const fields = { ...post, source: { ...post.source, text: undefined }, body: undefined, lineMap: undefined };
  // The figures the diagrams stage put in (its HTML is the rendered HTML, in the key, with those).
  const diagrams =
    rendered.diagrams.length > 0 ? (rendered.figuresDigest ?? sha256(JSON.stringify(htmlOf(rendered)))) : '';
  // The images stage's markup: sizes and variants come from the image files, which the render key does not see.
  return sha256(JSON.stringify([keyOf(post), fields, diagrams, rendered.imagesDigest ?? '', rendered.card ?? '']));
}

function htmlOf(rendered: RenderedPost): string[] {
  return [rendered.html, rendered.excerptHtml, rendered.feedHtml, rendered.feedExcerptHtml];
}

/**
 * The output section of the next pack: the state `updateSiteOutput` left, for setup `token`, with
 * each route's file hash from `hashes` (the writer's). A route that failed to render, made no file or
 * has no fingerprint is not kept.
 */
export function snapshotSiteOutput(
  state: SiteOutput,
  token: string,
  hashes: ReadonlyMap<OutputFile, string>,
): OutputSnapshot | undefined {
  const { graph } = state;
  if (!graph) return undefined;
  const { config: _config, posts: _posts, ...skeleton } = graph;
  const lists = new Map<string[], number>();
  const pages = graph.pages.map((page) => {
    if (!('pager' in page)) return page;
    const { urls } = page.pager;
    if (!lists.has(urls)) lists.set(urls, lists.size);
    return { ...page, pager: { ...page.pager, urls: lists.get(urls) as unknown as string[] } };
  });
  const orderOf = new Map(state.postOrder.map((relPath, i) => [relPath, i]));
  const readsOf = (reads: readonly string[] | undefined): number[] | null => {
    const indices = reads?.map((relPath) => orderOf.get(relPath));
    return indices?.every((i) => i !== undefined) ? (indices as number[]) : null;
  };
  return {
    setup: token,
    order: state.postOrder,
    structure: state.postOrder.map((relPath) => state.structure.get(relPath) ?? ''),
    ownRobots: state.ownRobots,
    graph: { ...skeleton, pages },
    urlLists: [...lists.keys()],
    graphDiagnostics: state.graphDiagnostics,
    tokens: state.tokens,
    site: state.site,
    routes: graph.pages.map((page) => {
      const key = state.routeInfo.get(page)?.key;
      const route = key === undefined ? undefined : state.routes.get(key);
      const hash = route?.file && hashes.get(route.file);
      if (key === undefined || !route?.fingerprint || !route.file || route.diagnostics.length > 0 || !hash)
        return [key ?? '', null];
      return [key, [route.fingerprint, route.file.outputPath, hash, route.file.from, readsOf(route.reads)]];
    }),
  };
}

/**
 * The state to update for this build: the last build's, when `saved` was made with setup `token`;
 * otherwise an empty one. A kept route's file is the one in `outDir` when `manifest` (the output's,
 * output path → hash) still has its hash: its bytes are read only if asked for, and its hash is put in
 * `hashes` for the writer, which then links it from the previous site without reading it.
 */
export function restoreSiteOutput(
  saved: unknown,
  token: string,
  setup: OutputSetup,
  manifest: Readonly<Record<string, string>>,
  outDir: string,
  hashes: Map<OutputFile, string>,
): SiteOutput {
  const state = emptySiteOutput();
  const snapshot = saved as OutputSnapshot | undefined;
  // The token covers this module's code: a pack with this token holds a snapshot of this shape.
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.setup !== token) return state;
  const pages = snapshot.graph.pages.map((page) =>
    'pager' in page
      ? { ...page, pager: { ...page.pager, urls: snapshot.urlLists[page.pager.urls as unknown as number]! } }
      : page,
  );
  state.graph = { config: setup.config, posts: [], ...snapshot.graph, pages };
  state.postOrder = snapshot.order;
  state.structure = new Map(snapshot.order.map((relPath, i) => [relPath, snapshot.structure[i]!]));
  state.ownRobots = snapshot.ownRobots;
  state.graphDiagnostics = snapshot.graphDiagnostics;
  state.tokens = snapshot.tokens;
  state.site = snapshot.site;
  state.siteSetup = setup;
  snapshot.routes.forEach(([key, route], i) => {
    state.routeInfo.set(state.graph!.pages[i]!, { key });
    if (!route) return;
    const [fingerprint, outputPath, hash, from, reads] = route;
    if (!Object.hasOwn(manifest, outputPath) || manifest[outputPath] !== hash) return;
    const file = previousFile(outDir, outputPath, from);
    hashes.set(file, hash);
    state.routes.set(key, {
      fingerprint,
      file,
      diagnostics: [],
      ...(reads ? { reads: reads.map((i) => snapshot.order[i]!) } : {}),
    });
  });
  return state;
}

/** A file kept from the previous site that is no longer in the output directory (someone removed it). */
export class PreviousFileGone extends Error {}

/** The file at `outputPath` of the site in `outDir`, read when its contents are first asked for. */
function previousFile(outDir: string, outputPath: string, from: string): OutputFile {
  let contents: Buffer | undefined;
  const read = () => {
    try {
      return readFileSync(path.join(outDir, outputPath));
    } catch (error) {
      throw new PreviousFileGone(`${outputPath} is no longer in ${outDir}`, { cause: error });
    }
  };
  const file = { outputPath, from } as OutputFile;
  Object.defineProperty(file, 'contents', { enumerable: true, get: () => (contents ??= read()) });
  return file;
}

/** A build's output: its files, how to write them, and what to keep of its state for the next build. */
export interface BuildOutput {
  state: SiteOutput;
  files: OutputFile[];
  /**
   * Writes the site into the output directory. A kept file that went missing from it meanwhile makes
   * every route render again, and the site is written from that.
   */
  write(progress?: ProgressReport): Promise<Diagnostic[]>;
  /**
   * The output section of the next pack and whether it differs from the last one; undefined when
   * this build did not write the site (the output directory is still the one the last section describes).
   */
  snapshot(): { section: unknown; changed: boolean } | undefined;
  /**
   * Adds files made beside the routes (the search index): they are written with the site, and a
   * collision of theirs with another file is reported like any other.
   */
  add(extra: readonly OutputFile[]): void;
  /**
   * Starts writing the files made so far into the new site's staging folder, in the background (while
   * the search index is made); `write` then adds the rest. A staging that fails is dropped, and
   * `write` writes the site whole.
   */
  stage(): void;
  /** Drops what `stage` wrote, for a build that does not write the site. */
  discard(): Promise<void>;
}

/** What a build keeps of its output across builds: the last pack's output section, and the keys it needs. */
export interface KeptOutput {
  saved: unknown;
  /** The code of the stages after the renderer (see build-cache.ts). */
  code: CodeInputs;
  /** The revisions of the build's posts (see postChanges). */
  changes: PostChanges;
}

/**
 * The output of a build: `updateSiteOutput` from the state the last build left (with `kept`), or from
 * nothing. Finding that state is timed as part of the `site` stage.
 */
export async function updateBuildOutput(
  setup: OutputSetup,
  posts: readonly RenderedPost[],
  siteCopies: readonly SiteCopy[],
  work: OutputWork,
  outDir: string,
  kept: KeptOutput | undefined,
): Promise<BuildOutput> {
  const changes = kept?.changes;
  let hashes: FileHashes = new Map();
  const restoring: StageTimings = [];
  const { token, restored } = await timed(restoring, 'site', async () => {
    const token = kept && (await outputSetupToken(setup, kept.code, outDir));
    if (!token) return { token, restored: undefined };
    return {
      token,
      restored: restoreSiteOutput(kept!.saved, token, setup, await readOutputManifest(outDir), outDir, hashes),
    };
  });
  let state = restored ?? emptySiteOutput();
  const before = { pages: state.graph?.pages, tokens: state.tokens };
  let extras: OutputFile[] = [];
  let files = await updateSiteOutput(state, setup, posts, siteCopies, work, changes);
  const site = work.timings.find((t) => t.stage === 'site');
  if (site) site.ms += restoring[0]!.ms;
  let written = false;
  let staging: Promise<StagedSite | undefined> | undefined;
  const output: BuildOutput = {
    state,
    files,
    async write(progress) {
      try {
        const staged = await staging;
        staging = undefined;
        const warnings = await writeSite(outDir, files, undefined, hashes, progress, staged);
        written = true;
        return warnings;
      } catch (error) {
        if (!(error instanceof OutputError && error.cause instanceof PreviousFileGone)) throw error;
        hashes = new Map();
        output.state = state = emptySiteOutput();
        const again: OutputWork = { pages: 0, feeds: 0, timings: [], progress: work.progress };
        files = await updateSiteOutput(state, setup, posts, siteCopies, again, changes);
        if (extras.length > 0) {
          files = [...files, ...extras];
          state.collisions = findCollisions(files);
        }
        output.files = files;
        const warnings = await writeSite(outDir, files, undefined, hashes, progress);
        written = true;
        return warnings;
      }
    },
    snapshot() {
      if (!written || !token) return undefined;
      // Nothing rendered, the graph kept, every post's token the same: the section is the last one.
      const same =
        state.graph?.pages === before.pages &&
        work.pages + work.feeds === 0 &&
        state.tokens.length === before.tokens.length &&
        state.tokens.every((t, i) => t === before.tokens[i]);
      return { section: snapshotSiteOutput(state, token, hashes), changed: !same };
    },
    add(extra) {
      extras = [...extras, ...extra];
      output.files = files = [...files, ...extra];
      state.collisions = findCollisions(files);
    },
    stage() {
      staging ??= stageSite(outDir, files, undefined, hashes).catch(() => undefined);
    },
    async discard() {
      const staged = await staging;
      staging = undefined;
      if (staged) await discardStagedSite(staged);
    },
  };
  return output;
}
