/** Pipeline records built by hand for site-stage tests: one place to change when a record grows. */
import type { RenderedPost } from '../../src/types.js';

/** What a test says about a post; everything else gets an empty default. */
export interface PostRecordInput {
  slug: string;
  /** ISO date. */
  date: string;
  tags?: string[];
  categories?: string[];
  /** Front matter as written (e.g. `series`, `toc`). */
  data?: Record<string, unknown>;
}

/** A rendered post with only what the site stage reads: URL `/<slug>/`, empty HTML. */
export function renderedPostRecord({
  slug,
  date,
  tags = [],
  categories = [],
  data = {},
}: PostRecordInput): RenderedPost {
  return {
    post: {
      source: { relPath: `posts/${slug}.md`, absPath: '', text: '', hash: '' },
      meta: {
        title: slug,
        date,
        updated: undefined,
        description: undefined,
        tags,
        categories,
        layout: 'post',
        draft: false,
        permalink: undefined,
        redirectFrom: [],
        data,
      },
      body: '',
      bodyLine: 1,
      slug,
      url: `/${slug}/`,
      outputPath: `${slug}/index.html`,
    },
    html: '',
    excerptHtml: '',
    feedHtml: '',
    feedExcerptHtml: '',
    excerptFeatures: { math: false, mermaid: false, code: false, tabs: false },
    words: 0,
    toc: [],
    links: [],
    features: { math: false, mermaid: false, languages: [], code: false },
    diagrams: [],
    diagnostics: [],
  };
}
