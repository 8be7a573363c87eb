/** Renders Markdown bodies through the real plugin table, for plugin tests. */
import { siteConfigSchema, type SiteConfigInput } from '../../src/config/schema.js';
import { createCodeHighlighter, type CodeHighlighter } from '../../src/markdown/highlighter.js';
import { renderPost } from '../../src/markdown/render-post.js';
import { createMarkdownSet, type MarkdownProfile } from '../../src/markdown/renderer.js';
import type { Post, RenderedPost } from '../../src/types.js';

/** A markdown stage for tests; call `dispose` in afterAll. */
export interface TestMarkdown {
  render(text: string, options?: { file?: string; bodyLine?: number }): Promise<RenderedPost>;
  dispose(): void;
}

/** Creates the markdown stage with the default theme's Shiki themes, for native posts or the kramdown profile. */
export async function createTestMarkdown(
  config: SiteConfigInput = {},
  setup: { profile?: MarkdownProfile } = {},
): Promise<TestMarkdown> {
  const highlighter: CodeHighlighter = await createCodeHighlighter({ light: 'github-light', dark: 'github-dark' });
  const md = createMarkdownSet(siteConfigSchema.parse(config), { highlighter });
  return {
    render(text, options = {}) {
      const bodyLine = options.bodyLine ?? 1;
      const file = options.file ?? 'posts/test.md';
      // The source text is the body preceded by blank lines, so that file lines match.
      const source = '\n'.repeat(bodyLine - 1) + text;
      const post = testPost(text, {
        source: { relPath: file, absPath: '', text: source, hash: '' },
        bodyLine,
        ...(setup.profile ? { profile: setup.profile } : {}),
      });
      return renderPost(post, md, highlighter);
    },
    dispose: () => highlighter.dispose(),
  };
}

/** A post of `body` (file posts/test.md, dated 2024-01-01, no terms), with `fields` replaced. */
export function testPost(body: string, fields: Partial<Post> = {}): Post {
  return {
    source: { relPath: 'posts/test.md', absPath: '', text: body, hash: '' },
    meta: {
      title: 't',
      date: '2024-01-01T00:00:00.000Z',
      updated: undefined,
      description: undefined,
      tags: [],
      categories: [],
      layout: 'post',
      draft: false,
      permalink: undefined,
      redirectFrom: [],
      data: {},
    },
    body,
    bodyLine: 1,
    slug: 'test',
    url: '/test/',
    outputPath: 'test/index.html',
    ...fields,
  };
}

/** Number of KaTeX formulas in `html`, split by display and inline. */
export function countMath(html: string): { inline: number; display: number } {
  const all = html.match(/<span class="katex">/g)?.length ?? 0;
  const display = html.match(/<span class="katex-display">/g)?.length ?? 0;
  return { inline: all - display, display };
}

/** `html` without tags, styles, scripts and KaTeX's TeX annotations: the text a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '');
}
