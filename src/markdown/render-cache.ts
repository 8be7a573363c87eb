/**
 * The render cache: each post's markdown-stage result on disk, keyed by everything that shapes it
 * (the post's text and path, the configuration, the code themes, the versions of markdown-it, Shiki
 * and KaTeX, and the source of inkstone's own markdown code). A build with nothing changed renders
 * nothing, and never starts Shiki. Entries are never changed in place; the folder is safe to delete.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../config/schema.js';
import { sha256 } from '../core/hash.js';
import type { Post, RenderedPost } from '../types.js';
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

/**
 * A cache in `dir` for builds with this configuration and these themes. A cache that cannot be
 * written (a read-only checkout, a folder owned by someone else, a file in its place) is not an
 * error: `onUnwritable` is called once with the reason, and the build goes on without storing.
 */
export async function createRenderCache(
  dir: string,
  config: SiteConfig,
  themes: CodeThemes,
  onUnwritable: (reason: string) => void = () => undefined,
): Promise<RenderCache> {
  let writable = true;
  const fingerprint = sha256(
    JSON.stringify({ config, themes, versions: dependencyVersions(), code: await markdownCodeHash() }),
  );
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

function dependencyVersions(): Record<string, string> {
  const names = [
    'markdown-it',
    'markdown-it-footnote',
    'markdown-it-container',
    'shiki',
    '@shikijs/transformers',
    'katex',
    'image-size',
    'entities',
    'mathjax-full',
    'gemoji',
  ];
  return Object.fromEntries(names.map((name) => [name, packageVersion(name)]));
}

/** A hash of the files of this folder, its plugins and the notebook records: a changed plugin must not reuse old output. */
async function markdownCodeHash(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  // src/notebooks reads the notebook records that the notebooks plugin renders.
  for (const dir of [
    here,
    path.join(here, 'plugins'),
    path.join(here, 'kramdown'),
    path.join(here, 'math'),
    path.join(here, '..', 'notebooks'),
  ]) {
    for (const name of (await readdir(dir)).filter((n) => /\.(ts|js)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
      hash.update(name).update(await readFile(path.join(dir, name)));
    }
  }
  return hash.digest('hex');
}

/** The installed version of `name`, also for packages whose `exports` hide their package.json. */
function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // Not in this node_modules folder: try the next one up.
    }
  }
  return 'unknown';
}
