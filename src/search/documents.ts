/**
 * What the search index reads of each post: a small HTML document made from the rendered post, not
 * the page the theme wraps it in. So the index holds the post's title, tags, categories and body and
 * nothing of the header, footer or lists around it, whatever the layouts do; and it is made from what
 * the markdown stage gives every build, also a warm one whose pages are kept from the last.
 */
import { escapeHtml } from '../core/html.js';
import { titleText } from '../markdown/math/title.js';
import type { RenderedPost } from '../types.js';

/**
 * One post as the indexer reads it: its URL within the site and its document. Pagefind's library puts
 * the folder above its own (`/blog/` for `/blog/pagefind/`) in front of each URL it returns, so the
 * base path is not part of the index, and a site moved to another path keeps a working search.
 */
export interface SearchDocument {
  url: string;
  content: string;
}

/**
 * Parts of a rendered post that are not text a reader would search for, or that say the same thing
 * twice, left out of the index with everything in them: SVG (diagrams and charts, drawn twice, light
 * and dark), scripts, styles and other non-text elements; KaTeX's drawing of a formula; footnote marks
 * and back-links; heading links. The one list serves both readers of a post: slim-html.ts, which
 * reduces a post with heavy markup, and Pagefind, as CSS selectors, for a post sent as it is.
 */
export const SEARCH_SKIPPED_ELEMENTS: readonly string[] = [
  'svg',
  'script',
  'style',
  'template',
  'noscript',
  'button',
  'iframe',
  'object',
  'canvas',
];

/** Classes of the elements left out (see SEARCH_SKIPPED_ELEMENTS). */
export const SEARCH_SKIPPED_CLASSES: readonly string[] = [
  'katex-html',
  'footnote-ref',
  'footnote-backref',
  'heading-link',
];

/**
 * The same as CSS selectors, for Pagefind; and of a formula's MathML, everything but its TeX source
 * (the annotation), so that an excerpt reads "the last n items" rather than losing the `n`.
 */
export const SEARCH_EXCLUDED: readonly string[] = [
  ...SEARCH_SKIPPED_ELEMENTS,
  ...SEARCH_SKIPPED_CLASSES.map((name) => `.${name}`),
  '.katex-mathml semantics > :not(annotation)',
];

/** Whether a post has a page worth finding: not a redirect, and not turned off with `search: false`. */
export function isSearchable(rendered: RenderedPost): boolean {
  const { meta } = rendered.post;
  return meta.redirectTo === undefined && meta.data['search'] !== false;
}

/**
 * Whether the post's HTML is mostly markup (highlighted code, formulas, drawings): such a post is
 * reduced to its text before Pagefind reads it (see slim-html.ts), which costs this process less time
 * than Pagefind would spend parsing it. A post of prose goes as it is. (The reducer, and its HTML
 * parser, are loaded only by a site that has such posts: see stage.ts.)
 */
export function heavyMarkup(rendered: RenderedPost): boolean {
  const { features } = rendered;
  return (
    features.code ||
    features.math ||
    features.mermaid ||
    rendered.diagrams.length > 0 ||
    (features.widgets?.length ?? 0) > 0
  );
}

/**
 * The document of one post. The title is the result's title (Pagefind takes the first `<h1>`); the
 * date (`YYYY-MM-DD`, in the site's time zone as the post gives it) is kept as metadata for the result
 * list; tags and categories are text of the document (after the body), so that searching a tag finds its posts.
 * The body of a post with heavy markup goes through `slim` (the stage passes slim-html.ts's reducer).
 */
export function searchDocument(
  rendered: RenderedPost,
  language: string,
  slim: (html: string) => string = (html) => html,
): SearchDocument {
  const { post } = rendered;
  const { meta } = post;
  const terms = [...meta.tags, ...meta.categories];
  const content = [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(titleText(meta.title))}</title></head>`,
    '<body><main data-pagefind-body>',
    `<h1>${escapeHtml(titleText(meta.title))}</h1>`,
    `<p data-pagefind-ignore data-pagefind-meta="date:${escapeHtml(meta.date.slice(0, 10))}"></p>`,
    heavyMarkup(rendered) ? slim(rendered.html) : rendered.html,
    // After the body, so that an excerpt from the beginning of the post does not start with them.
    terms.length > 0
      ? `<p data-pagefind-weight="2" data-pagefind-meta="terms">${terms.map(escapeHtml).join(', ')}</p>`
      : '',
    '</main></body></html>',
  ].join('');
  return { url: post.url, content };
}
