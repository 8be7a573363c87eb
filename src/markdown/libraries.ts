/**
 * Libraries that plugins call while markdown-it parses or renders, which cannot await: each is
 * imported by `prepare`, which renderPost awaits before parsing a post that may need it, so a build
 * whose posts need none never loads them (sanitize-html with `markdown.html: allow`, gemoji without a
 * shortcode, KaTeX without a `$` or a backslash). One set per MarkdownSet (a build's markdown stage, a worker, the dev server's stage):
 * the project keeps no module-level state.
 */
import type { SiteConfig } from '../config/schema.js';
import { loadSanitizer, type Sanitizer } from './html-sanitizer.js';
import { loadEmojiNames, mayHaveShortcode } from './plugins/emoji.js';
import { loadKatex, mayHaveMath, type Katex } from './plugins/math.js';

/** A library imported on the first `load`. */
export interface LazyLibrary<T> {
  load(): Promise<T>;
  /** The library once `load` has resolved; throws before: the render that needs it was not prepared. */
  get(): T;
}

/** The libraries of one markdown stage. */
export interface MarkdownLibraries {
  /** sanitize-html with the allow-list: raw HTML and styles unless `markdown.html: allow`, and notebooks. */
  sanitizer: LazyLibrary<Sanitizer>;
  /** GitHub's emoji names and their characters (gemoji), with `emoji: true`. */
  emojiNames: LazyLibrary<ReadonlyMap<string, string>>;
  /** KaTeX, for posts with formulas. */
  katex: LazyLibrary<Katex>;
  /** Loads what a post with this Markdown body may need, from the configuration and a look at the text. */
  prepare(body: string): Promise<void>;
}

/** The libraries for `config`, none loaded yet. */
export function createMarkdownLibraries(config: Pick<SiteConfig, 'emoji' | 'markdown'>): MarkdownLibraries {
  const sanitizer = lazyLibrary('sanitize-html', loadSanitizer);
  const emojiNames = lazyLibrary('gemoji', loadEmojiNames);
  const katex = lazyLibrary('KaTeX', loadKatex);
  return {
    sanitizer,
    emojiNames,
    katex,
    async prepare(body) {
      // A notebook's cells are Markdown with sanitized HTML, and are not in the body's text.
      const notebook = body.includes('<!--inkstone:notebook ');
      const loads: Promise<unknown>[] = [];
      if (config.markdown.html !== 'allow' || notebook) loads.push(sanitizer.load());
      if (config.emoji && (notebook || mayHaveShortcode(body))) loads.push(emojiNames.load());
      // A notebook's Markdown cells and LaTeX outputs have formulas of their own.
      if (notebook || mayHaveMath(body)) loads.push(katex.load());
      await Promise.all(loads);
    },
  };
}

function lazyLibrary<T>(name: string, importer: () => Promise<T>): LazyLibrary<T> {
  let loading: Promise<T> | undefined;
  let loaded: { value: T } | undefined;
  return {
    load: () =>
      (loading ??= importer().then((value) => {
        loaded = { value };
        return value;
      })),
    get() {
      if (!loaded) throw new Error(`${name} is used by a render it was not loaded for (MarkdownLibraries.prepare)`);
      return loaded.value;
    },
  };
}
