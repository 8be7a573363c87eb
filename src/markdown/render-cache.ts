/**
 * The render cache: each post's markdown-stage result on disk, keyed by everything that shapes it
 * (the post's text and path, the configuration, the code themes, and the renderer's code: every
 * source module it loads and every npm package they import, with the packages those depend on; see
 * cache-inputs.ts). A build with nothing changed renders nothing, and never starts Shiki. Entries
 * are never changed in place; the folder is safe to delete.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import { sha256 } from '../core/hash.js';
import type { Post, RenderedPost } from '../types.js';
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
 * A cache in `dir` for builds with this configuration and these themes. A cache that cannot be
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
  let inputs: CodeInputs;
  try {
    inputs = code();
  } catch (error) {
    onUnwritable(`the renderer's code cannot be identified: ${(error as Error).message}`);
    return noRenderCache;
  }
  const fingerprint = renderCacheFingerprint(config, themes, inputs);
  const keyOf = (post: Post) =>
    sha256(
      `${fingerprint}\n${JSON.stringify([post.source.relPath, post.source.text, post.body, post.bodyLine, post.lineMap ?? null, post.profile ?? 'native'])}`,
    );
  const file = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(post) {
      try {
        const entry = JSON.parse(await readFile(file(keyOf(post)), 'utf8')) as Entry;
        return { ...entry, post, diagnostics: entry.diagnostics.map((d) => ({ ...d, sourceText: post.source.text })) };
      } catch {
        return undefined;
      }
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
    const { post: _post, diagnostics, ...rest } = rendered;
    const entry: Entry = { ...rest, diagnostics: diagnostics.map(({ sourceText: _sourceText, ...d }) => d) };
    const target = file(keyOf(post));
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a killed build never leaves half an entry.
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, target);
  }
}
