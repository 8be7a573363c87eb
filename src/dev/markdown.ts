/**
 * The markdown stage for rebuilds: unlike a build, which creates Shiki for one run, the dev server
 * keeps one highlighter and one markdown-it for its whole life, because loading a grammar costs
 * 100–300 ms and would otherwise be paid again on every save. Results still go through the render cache.
 */
import type { SiteConfig } from '../config/schema.js';
import { createCodeHighlighter, type CodeHighlighter, type CodeThemes } from '../markdown/highlighter.js';
import { renderThroughCache, type SiteRendering } from '../markdown/render-all.js';
import type { RenderCache } from '../markdown/render-cache.js';
import { renderSitePost } from '../markdown/render-post.js';
import { createMarkdownSet, type MarkdownSet } from '../markdown/renderer.js';
import type { Post, RenderedPost } from '../types.js';

/** Renders posts one at a time with a renderer kept between rebuilds. */
export interface DevMarkdown {
  /** Renders `posts` (cache first); returns results in the same order and how many were rendered. */
  render(posts: readonly Post[]): Promise<{ posts: RenderedPost[]; rendered: number }>;
  /**
   * Renders `posts` once and forgets the results: loads their grammars and compiles their patterns
   * (Shiki compiles a grammar's regular expressions on first use), so the first save costs what the next do.
   */
  warm(posts: readonly Post[]): Promise<void>;
  dispose(): void;
}

/** A renderer for `config` and `themes` (and the site's markdown-it plugins); Shiki starts on first use. */
export function createDevMarkdown(
  config: SiteConfig,
  themes: CodeThemes,
  cache: RenderCache,
  site?: SiteRendering,
): DevMarkdown {
  const plugins = site?.extensions.plugins ?? [];
  const code = site && plugins.length > 0 ? { siteDir: site.siteDir, modules: site.extensions.modules } : undefined;
  let renderer: Promise<{ md: MarkdownSet; highlighter: CodeHighlighter }> | undefined;
  let disposed = false;
  const get = () =>
    (renderer ??= createCodeHighlighter(themes).then((shiki) => {
      const highlighter = rememberBlocks(shiki);
      return { highlighter, md: createMarkdownSet(config, { highlighter, plugins, siteCode: code }) };
    }));
  return {
    async render(posts) {
      const { posts: out, stats } = await renderThroughCache(
        posts,
        cache,
        async (todo) => {
          const { md, highlighter } = await get();
          const rendered: RenderedPost[] = [];
          for (const post of todo) rendered.push(await renderSitePost(post, md, highlighter, code));
          return rendered;
        },
        // The page waits for the render, not for the disk.
        { background: true },
      );
      return { posts: out, rendered: stats.rendered };
    },
    async warm(posts) {
      for (const post of posts) {
        if (disposed) return;
        const { md, highlighter } = await get();
        await renderSitePost(post, md, highlighter, code);
      }
    },
    dispose() {
      disposed = true;
      void renderer?.then(
        ({ highlighter }) => highlighter.dispose(),
        () => undefined,
      );
    },
  };
}

/** Code blocks remembered by the dev server's highlighter (about 10 MB of HTML at most). */
const REMEMBERED_BLOCKS = 2000;

/**
 * `highlighter` with the HTML of recent code blocks remembered: saving a post whose code did not
 * change does not highlight it again (Shiki is most of the time of rendering a technical post).
 * Highlighting is a function of the code, the language and the options, so the HTML is the same.
 */
export function rememberBlocks(highlighter: CodeHighlighter, limit = REMEMBERED_BLOCKS): CodeHighlighter {
  const memo = new Map<string, string>();
  return {
    ...highlighter,
    highlight(code, language, options) {
      const key = JSON.stringify([language, options ?? null, code]);
      const known = memo.get(key);
      // Deleting and setting again keeps the Map in least-recently-used order.
      if (known !== undefined) memo.delete(key);
      const html = known ?? highlighter.highlight(code, language, options);
      memo.set(key, html);
      if (memo.size > limit) memo.delete(memo.keys().next().value!);
      return html;
    },
  };
}
