/**
 * The build's cache: one pack, `<cache_dir>/render/build.pack` (see cache-pack.ts), read in one go at
 * the start of a build and written at its end, only when something in it changed. It holds the
 * render cache's entries (see render-cache.ts), the content stage's results (what createPost made of
 * each source, so that a source read before is not parsed and validated again) and the state of the
 * output (see output-state.ts). Entries a build did not use are dropped from the next pack.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../config/schema.js';
import type { PostResult } from '../content/post.js';
import type { PostCache } from '../content/select.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { sha256 } from '../core/hash.js';
import { type CodeInputs, collectCodeInputs, rendererCodeInputs, withSiteCode } from '../markdown/cache-inputs.js';
import { type Pack, PackError, packWriter, readPack } from '../markdown/cache-pack.js';
import type { CodeThemes } from '../markdown/highlighter.js';
import { createPackedRenderCache, type PackedRenderCache, RENDER_PACK } from '../markdown/render-cache.js';
import type { Post, PostMeta, RenderedPost, SourceFile } from '../types.js';

/** What a build reads from its cache, and how it stores what it made. */
export interface BuildCache {
  /** Undefined when the renderer's code cannot be identified (then nothing is rendered from the cache). */
  render: PackedRenderCache | undefined;
  posts: PostCache;
  /** The code of the stages after the renderer (content, site graph, templates), for keys. */
  code: CodeInputs | undefined;
  /** The output section of the last pack (see output-state.ts). */
  output: unknown;
  /** Writes the pack, with `output` as its output section, when anything in it changed. */
  save(output: unknown, outputChanged: boolean): Promise<void>;
}

/** What the cache says when it cannot do its job; the build goes on without it. */
export interface CacheProblems {
  unwritable(reason: string): void;
  unreadable(reason: string): void;
}

/**
 * Opens the cache in `dir` (`<cache_dir>/render`) and reads its pack. The folder is made when the
 * first rendered post is stored (one that cannot be made is said then, before the site is written, so
 * that `--strict` fails first), and a pack is written only once there is a rendered post to keep: a
 * build that renders nothing leaves no cache behind. A pack that is not whole is left unused, and said.
 * `siteCode` is the fingerprint of the site's configuration module (see SiteExtensions): part of every key.
 */
export async function openBuildCache(
  dir: string,
  config: SiteConfig,
  themes: CodeThemes,
  problems: CacheProblems,
  siteCode = '',
): Promise<BuildCache> {
  let writable = true;
  const unwritable = (reason: string) => {
    if (!writable) return;
    writable = false;
    problems.unwritable(reason);
  };
  const file = path.join(dir, RENDER_PACK);
  let pack: Pack | undefined;
  try {
    pack = readPack(file);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    problems.unreadable(error.message);
  }
  const packed = await createPackedRenderCache(dir, config, themes, pack, unwritable, () =>
    withSiteCode(rendererCodeInputs(), siteCode),
  );
  let made: Promise<void> | undefined;
  const render = packed && {
    ...packed,
    async set(post: Post, rendered: RenderedPost) {
      await (made ??= mkdir(dir, { recursive: true }).then(
        () => undefined,
        (error: Error) => unwritable(error.message),
      ));
      return packed.set(post, rendered);
    },
  };
  const stages = stageCodeInputs();
  const code = stages && withSiteCode(stages, siteCode);
  const posts = packedPostCache(config, code, pack);
  return {
    render,
    posts,
    code,
    output: pack?.sections['output'],
    async save(output, outputChanged) {
      if (!writable || !(outputChanged || render?.changed() || posts.changed())) return;
      const writer = packWriter(file, pack, `${Date.now().toString(36)}-${process.pid}`);
      const sections = { render: render?.pack(writer) ?? {}, posts: posts.pack(), output };
      if (!pack && Object.keys(sections.render).length === 0) return;
      try {
        await writer.write(sections);
      } catch (error) {
        unwritable((error as Error).message);
      }
    },
  };
}

/**
 * The code of the stages whose results the pack keeps besides rendered posts: the content stage
 * (createPost) and the output (the site graph, templates, feeds; see output-state.ts). Undefined
 * when it cannot be read: then neither is kept.
 */
function stageCodeInputs(): CodeInputs | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    return collectCodeInputs(
      ['../content/select.js', './site-output.js', './output-setup.js', './output-state.js'].map((entry) =>
        path.join(here, entry),
      ),
      path.dirname(here),
    );
  } catch {
    return undefined;
  }
}

/** Node's versions: dates are read and written through its ICU and time zone data. */
export function runtimeVersions(): Record<string, string | undefined> {
  const { node, icu, tz, unicode } = process.versions;
  return { node, icu, tz, unicode };
}

/** How a createPost result is kept: meta without its undefined fields (listed in `keys`), diagnostics without source text. */
interface StoredPost {
  ok: boolean;
  meta?: Record<string, unknown>;
  /** Every key of meta, in order (those whose value is undefined are not in `meta`). */
  keys?: string[];
  /** The body: where it starts in the text, or the body itself when it is not the end of the text. */
  body?: number | string;
  bodyLine?: number;
  slug?: string;
  url?: string;
  outputPath?: string;
  /** Warnings (ok) or errors; `text` says that the diagnostic showed the source text. */
  diagnostics: Array<Omit<Diagnostic, 'sourceText'> & { text?: true }>;
}

/** A post cache with an added `changed` and `pack` (the section of the next pack). */
interface PackedPostCache extends PostCache {
  changed(): boolean;
  pack(): Record<string, StoredPost>;
}

/**
 * The content stage's results from the pack, by a key of the source (its path, the hash of its text,
 * and what else createPost reads of it), the configuration, the code and Node's versions. A result
 * that JSON would not give back as it was (a source whose characters createPost replaced, front
 * matter holding a NaN or an object twice) is not kept: that post is parsed again by every build.
 */
function packedPostCache(config: SiteConfig, code: CodeInputs | undefined, pack: Pack | undefined): PackedPostCache {
  const packed = (pack?.sections['posts'] ?? {}) as Record<string, StoredPost>;
  const fingerprint = code && sha256(JSON.stringify({ config, code, versions: runtimeVersions() }));
  const keyOf = (source: SourceFile) =>
    sha256(
      `${fingerprint}\n${JSON.stringify([source.relPath, source.hash, source.modified ?? null, source.invalidUtf8Line ?? null])}`,
    );
  const used = new Map<string, StoredPost>();
  let added = false;
  return {
    get(source) {
      if (!fingerprint) return undefined;
      const key = keyOf(source);
      const stored = Object.hasOwn(packed, key) ? packed[key] : undefined;
      const result = stored && fromStored(stored, source);
      if (result) used.set(key, stored!);
      return result;
    },
    set(source, result) {
      if (!fingerprint) return;
      const stored = toStored(source, result);
      if (!stored) return;
      used.set(keyOf(source), stored);
      added = true;
    },
    changed: () => added || used.size !== Object.keys(packed).length,
    pack: () => Object.fromEntries(used),
  };
}

function toStored(source: SourceFile, result: PostResult): StoredPost | undefined {
  const diagnostics = result.ok ? result.warnings : result.diagnostics;
  if (diagnostics.some((d) => d.sourceText !== undefined && d.sourceText !== source.text)) return undefined;
  const stored: StoredPost = {
    ok: result.ok,
    diagnostics: diagnostics.map(({ sourceText, ...d }) => (sourceText === undefined ? d : { ...d, text: true })),
  };
  if (!result.ok) return isJsonValue(stored.diagnostics, new Set()) ? stored : undefined;
  const { post } = result;
  // A source whose characters createPost removed is a new object with another text: not kept.
  if (post.source !== source) return undefined;
  const keys = Object.keys(post.meta);
  const meta = Object.fromEntries(Object.entries(post.meta).filter(([, value]) => value !== undefined));
  if (!isJsonValue(meta, new Set()) || !isJsonValue(stored.diagnostics, new Set())) return undefined;
  const { text } = source;
  return {
    ...stored,
    meta,
    keys,
    body: text.endsWith(post.body) ? text.length - post.body.length : post.body,
    bodyLine: post.bodyLine,
    slug: post.slug,
    url: post.url,
    outputPath: post.outputPath,
  };
}

function fromStored(stored: StoredPost, source: SourceFile): PostResult | undefined {
  if (!stored || !Array.isArray(stored.diagnostics)) return undefined;
  const diagnostics = stored.diagnostics.map(({ text, ...d }) => (text ? { ...d, sourceText: source.text } : d));
  if (!stored.ok) return { ok: false, diagnostics };
  const { meta, keys, body } = stored;
  if (!meta || !keys || body === undefined) return undefined;
  return {
    ok: true,
    warnings: diagnostics,
    post: {
      source,
      meta: Object.fromEntries(keys.map((key) => [key, meta[key]])) as unknown as PostMeta,
      body: typeof body === 'number' ? source.text.slice(body) : body,
      bodyLine: stored.bodyLine!,
      slug: stored.slug!,
      url: stored.url!,
      outputPath: stored.outputPath!,
    },
  };
}

/**
 * Whether JSON gives `value` back as it is: plain objects and arrays (each met once: YAML aliases can
 * share one), strings, booleans, null and finite numbers other than -0.
 */
function isJsonValue(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, seen));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((item) => isJsonValue(item, seen));
}
