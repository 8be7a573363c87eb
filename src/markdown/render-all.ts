/** The markdown stage for a whole build: one highlighter, one markdown-it, every post rendered. */
import type { SiteConfig } from '../config/schema.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import type { Post, RenderedPost } from '../types.js';
import { createCodeHighlighter, type CodeThemes } from './highlighter.js';
import { renderPost } from './render-post.js';
import { createMarkdown } from './renderer.js';

/** Renders `posts` in order; their diagnostics are added to `bag`. */
export async function renderAllPosts(posts: readonly Post[], config: SiteConfig, themes: CodeThemes, bag: DiagnosticBag): Promise<RenderedPost[]> {
  if (posts.length === 0) return [];
  const highlighter = await createCodeHighlighter(themes);
  try {
    const md = createMarkdown(config, { highlighter });
    const rendered: RenderedPost[] = [];
    for (const post of posts) {
      const result = await renderPost(post, md, highlighter);
      bag.addAll(result.diagnostics);
      rendered.push(result);
    }
    return rendered;
  } finally {
    highlighter.dispose();
  }
}
