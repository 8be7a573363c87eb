/**
 * The render cache: each post's markdown-stage result on disk, keyed by everything that shapes it
 * (the post's text and path, the configuration, the code themes, and the renderer's code: every
 * source module it loads and every npm package they import, with the packages those depend on; see
 * cache-inputs.ts). A build with nothing changed renders nothing, and never starts Shiki. Entries
 * are never changed in place; the folder is safe to delete. A build keeps its entries in one pack
 * (see cache-pack.ts), read in one go; the dev server keeps one file per entry, and each reads the
 * other's.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import { writeFileWhole } from '../core/fs.js';
import { sha256 } from '../core/hash.js';
import type { Post, RenderedPost } from '../types.js';
import { type Pack, type PackWriter, readPack, type TextRef } from './cache-pack.js';
import { type CodeInputs, rendererCodeInputs } from './cache-inputs.js';
import type { CodeThemes } from './highlighter.js';

/** Reads and writes rendered posts. */
export interface RenderCache {
  get(post: Post): Promise<RenderedPost | undefined>;
  set(post: Post, rendered: RenderedPost): Promise<void>;
}

/** What is stored: the rendered post without the post itself, and diagnostics without source text. */
type Entry = Omit<RenderedPost, 'post' | 'diagnostics'> & {
  diagnostics: Array<Omit<RenderedPost['diagnostics'][number], 'sourceText'>>;
};

/** A cache that never hits, for `--no-cache`. */
export const noRenderCache: RenderCache = { get: async () => undefined, set: async () => {} };

/** What every key of a cache shares: a change to any of these renders every post again. */
export function renderCacheFingerprint(config: SiteConfig, themes: CodeThemes, code: CodeInputs): string {
  return sha256(JSON.stringify({ config, themes, code }));
}

/**
 * The key of a post's entry: the fingerprint, the post's path, text and body (with where the body
 * starts, its lines and its Markdown dialect). The text is hashed as it is, not copied into a string
 * first; the body only when it is not the end of the text (most often it is: what follows the front
 * matter). A text with a lone surrogate (which UTF-8 cannot carry) is hashed as JSON.
 */
function postKeys(fingerprint: string): (post: Post) => string {
  return (post) => {
    const { text } = post.source;
    const bodyAt = text.endsWith(post.body) ? text.length - post.body.length : -1;
    const plain = !LONE_SURROGATE.test(text) && (bodyAt >= 0 || !LONE_SURROGATE.test(post.body));
    const fields = [
      post.source.relPath,
      post.bodyLine,
      post.lineMap ?? null,
      post.profile ?? 'native',
      post.snippets ?? null,
      post.summary ?? null,
    ];
    const hash = createHash('sha256').update(
      `${fingerprint}\n${JSON.stringify([...fields, text.length, bodyAt, plain])}\n`,
    );
    if (!plain) hash.update(JSON.stringify([text, bodyAt < 0 ? post.body : '']));
    else {
      hash.update(text);
      if (bodyAt < 0) hash.update(post.body);
    }
    return hash.digest('hex');
  };
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/** The file of the build's pack in a render cache folder (see createPackedRenderCache). */
export const RENDER_PACK = 'build.pack';

/** The render section of a pack: each entry by key, its four HTML texts by range (see TEXT_FIELDS). */
export type PackedEntries = Record<string, Omit<Entry, TextField> & { texts: TextRef[] }>;

const TEXT_FIELDS = ['html', 'excerptHtml', 'feedHtml', 'feedExcerptHtml'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * A cache in `dir` for this configuration and these themes, one file per entry: the dev server's,
 * which stores each post as it renders it. A miss is looked up in the pack builds write (read once,
 * on the first miss), so a dev server started after a build renders nothing. A cache that cannot be
 * written (a read-only checkout, a folder owned by someone else, a file in its place) is not an
 * error: `onUnwritable` is called once with the reason, and the build goes on without storing.
 * Neither is a renderer whose code cannot be read (`code` throws): then nothing is read or stored.
 */
export async function createRenderCache(
  dir: string,
  config: SiteConfig,
  themes: CodeThemes,
  onUnwritable: (reason: string) => void = () => undefined,
  code: () => CodeInputs = rendererCodeInputs,
): Promise<RenderCache> {
  let writable = true;
  const keys = cacheKeys(config, themes, code, onUnwritable);
  if (!keys) return noRenderCache;
  const keyOf = keys;
  let packed: { pack: Pack; entries: PackedEntries } | undefined | null;
  const fromPack = (key: string, post: Post) => {
    if (packed === undefined) {
      try {
        const pack = readPack(path.join(dir, RENDER_PACK));
        packed = pack ? { pack, entries: (pack.sections['render'] ?? {}) as PackedEntries } : null;
      } catch {
        packed = null;
      }
    }
    const entry = packed && Object.hasOwn(packed.entries, key) ? packed.entries[key] : undefined;
    if (!entry || !isPackedEntry(entry, packed!.pack)) return undefined;
    try {
      // Read at once: the session keeps the post, and a later build may drop the pack's text files.
      const rendered = fromPackedEntry(entry, packed!.pack, post);
      for (const field of TEXT_FIELDS) void rendered[field];
      return rendered;
    } catch {
      return undefined;
    }
  };
  return {
    async get(post) {
      const key = keyOf(post);
      return (await readEntry(dir, key, post)) ?? fromPack(key, post);
    },
    async set(post, rendered) {
      if (!writable) return;
      try {
        await store(post, rendered);
      } catch (error) {
        if (!writable) return;
        writable = false;
        onUnwritable((error as Error).message);
      }
    },
  };

  async function store(post: Post, rendered: RenderedPost): Promise<void> {
    await writeFileWhole(entryFile(dir, keyOf(post)), JSON.stringify(toEntry(rendered)));
  }
}

/** A render cache that a build packs: see createPackedRenderCache. */
export interface PackedRenderCache extends RenderCache {
  /** The key of `post`'s entry: it changes whenever what the post renders to may. */
  keyOf(post: Post): string;
  /** Whether the pack must be written again: an entry was added, or one of the pack's was not used. */
  changed(): boolean;
  /** The entries this build used (each one's texts added to `writer`), for the next pack. */
  pack(writer: PackWriter): PackedEntries;
}

/**
 * How entries are keyed for this configuration, these themes and the renderer's code; undefined (and
 * said through `onUnwritable`) when the code cannot be identified: then nothing is read or stored.
 */
function cacheKeys(
  config: SiteConfig,
  themes: CodeThemes,
  code: () => CodeInputs,
  onUnwritable: (reason: string) => void,
): ((post: Post) => string) | undefined {
  try {
    return postKeys(renderCacheFingerprint(config, themes, code()));
  } catch (error) {
    onUnwritable(`the renderer's code cannot be identified: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The render cache of a build: entries are taken from `pack` (the last build's, read in one go; its
 * texts decoded only when a page needs them), then from the files the dev server stores in `dir`;
 * new entries are kept in memory, and `pack` gives what the next pack holds: the entries this build
 * used, so entries of posts that changed or went away are dropped. Undefined when the renderer's
 * code cannot be identified (`onUnwritable` says so): then nothing is read or stored.
 */
export async function createPackedRenderCache(
  dir: string,
  config: SiteConfig,
  themes: CodeThemes,
  pack: Pack | undefined,
  onUnwritable: (reason: string) => void = () => undefined,
  code: () => CodeInputs = rendererCodeInputs,
): Promise<PackedRenderCache | undefined> {
  const keyFor = cacheKeys(config, themes, code, onUnwritable);
  if (!keyFor) return undefined;
  // Each post's key is made once: the build asks again for the output's state (see output-state.ts).
  const keys = new WeakMap<Post, string>();
  const keyOf = (post: Post) => {
    let key = keys.get(post);
    if (key === undefined) keys.set(post, (key = keyFor(post)));
    return key;
  };
  const packed = (pack?.sections['render'] ?? {}) as PackedEntries;
  // The dev server's entries are in folders named by the first two characters of their keys.
  const shards = new Set((await readdir(dir).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{2}$/.test(n)));
  const used = new Map<string, { packed: PackedEntries[string] } | { entry: Entry }>();
  let added = false;
  return {
    keyOf,
    async get(post) {
      const key = keyOf(post);
      const entry = pack && Object.hasOwn(packed, key) ? packed[key] : undefined;
      if (entry && isPackedEntry(entry, pack!)) {
        used.set(key, { packed: entry });
        return fromPackedEntry(entry, pack!, post);
      }
      const rendered = shards.has(key.slice(0, 2)) ? await readEntry(dir, key, post) : undefined;
      if (rendered) {
        used.set(key, { entry: toEntry(rendered) });
        added = true;
      }
      return rendered;
    },
    async set(post, rendered) {
      used.set(keyOf(post), { entry: toEntry(rendered) });
      added = true;
    },
    changed: () => added || used.size !== Object.keys(packed).length,
    pack(writer) {
      const out: PackedEntries = {};
      for (const [key, value] of used) {
        if ('packed' in value) {
          // Texts the last pack holds stay where they are.
          out[key] = { ...value.packed, texts: value.packed.texts.map((ref) => writer.keep(ref)) };
        } else {
          const { html, excerptHtml, feedHtml, feedExcerptHtml, ...rest } = value.entry;
          const fields = [html, excerptHtml, feedHtml, feedExcerptHtml];
          const texts: TextRef[] = [];
          fields.forEach((text, i) => {
            const same = fields.indexOf(text);
            texts.push(same < i ? texts[same]! : writer.add(text));
          });
          out[key] = { ...rest, texts };
        }
      }
      return out;
    },
  };
}

/** Whether a packed entry has what fromPackedEntry reads (a pack's header is whole, yet may not be ours). */
function isPackedEntry(entry: PackedEntries[string], pack: Pack): boolean {
  return (
    Array.isArray(entry.texts) &&
    entry.texts.length === TEXT_FIELDS.length &&
    entry.texts.every(pack.has) &&
    Array.isArray(entry.diagnostics)
  );
}

/** The rendered post of a packed entry: its texts are decoded from the pack on first use. */
function fromPackedEntry(entry: PackedEntries[string], pack: Pack, post: Post): RenderedPost {
  const { texts, diagnostics, ...rest } = entry;
  const rendered = {
    ...rest,
    post,
    diagnostics: diagnostics.map((d) => ({ ...d, sourceText: post.source.text })),
  } as RenderedPost;
  TEXT_FIELDS.forEach((field, i) => {
    const settle = (value: string) =>
      Object.defineProperty(rendered, field, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(rendered, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = pack.text(texts[i]!);
        settle(value);
        return value;
      },
      set: settle,
    });
  });
  return rendered;
}

function toEntry(rendered: RenderedPost): Entry {
  const { post: _post, diagnostics, ...rest } = rendered;
  return { ...rest, diagnostics: diagnostics.map(({ sourceText: _sourceText, ...d }) => d) };
}

function entryFile(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key}.json`);
}

/** The rendered post stored for `key` in its own file, if there is a readable one. */
async function readEntry(dir: string, key: string, post: Post): Promise<RenderedPost | undefined> {
  try {
    const entry = JSON.parse(await readFile(entryFile(dir, key), 'utf8')) as Entry;
    return { ...entry, post, diagnostics: entry.diagnostics.map((d) => ({ ...d, sourceText: post.source.text })) };
  } catch {
    return undefined;
  }
}
