/**
 * The stage contracts of the pipeline (see the design): plain, serialisable records,
 * no class instances and no closures, so stages can run in workers and be cached.
 */
import type { Diagnostic } from './core/diagnostics.js';
import type { SiteConfig } from './config/schema.js';

/** A Markdown source file as read from disk. */
export interface SourceFile {
  /** Path relative to the site directory, forward slashes. */
  relPath: string;
  absPath: string;
  text: string;
  /** SHA-256 of `text`. */
  hash: string;
  /** 1-based line of the first byte that is not UTF-8, when the file has one (it was replaced by U+FFFD). */
  invalidUtf8Line?: number;
  /** Modification time (ISO 8601), read only for Jekyll drafts, which it dates when they give no date. */
  modified?: string;
  /** A page of a Hugo site's content folder: dated as Hugo dates it, and it may give no date. */
  hugo?: boolean;
  /** A single page at the top of a Hugo site's content folder (`content/about.md`): a page, not a post. */
  standalone?: boolean;
}

/** Validated, normalised front matter. */
export interface PostMeta {
  title: string;
  /** Publication instant as ISO 8601 with offset, in the site's time zone. */
  date: string;
  /** Last update, same format, when the post gives one. */
  updated: string | undefined;
  description: string | undefined;
  /** Tags as written (after splitting strings), duplicates removed. */
  tags: string[];
  categories: string[];
  /** The terms of each taxonomy of the `taxonomies` setting the post names (`authors: [Ann Lee]`), by taxonomy name. */
  terms?: Record<string, string[]>;
  /** Layout name, without extension. */
  layout: string;
  /** Where the front matter names the layout (for an unknown layout's error); absent for the default. */
  layoutAt?: { line: number; column: number };
  draft: boolean;
  permalink: string | undefined;
  /** Old URLs of the post (`redirect_from`, `aliases`), each written as a redirect page. */
  redirectFrom: string[];
  /** Where the post's page sends readers (al-folio's `redirect`, jekyll-redirect-from's `redirect_to`): an http(s) URL or a site path. */
  redirectTo?: string;
  /** al-folio's `thumbnail`, resolved: a site path starting with `/` or an http(s) URL. */
  thumbnail?: string;
  /** al-folio's `featured: true`: the home page lists the post under "Featured" too. */
  featured?: boolean;
  /** The content section the post is in (a Hugo site's `content/<section>/`), whose list page is at `/<section>/`. */
  section?: string;
  /** The title the section's `_index.md` gives, which its list page shows (else the section's name, with a capital). */
  sectionTitle?: string;
  /**
   * A page outside the blog (`content/about.md`): built at its URL with the `page` layout, in the
   * sitemap and search, but in no list, feed, taxonomy, series or archive, and with no neighbours.
   */
  standalone?: boolean;
  /**
   * The page gives no date (a Hugo page may not): `date` is then the epoch, which sorts it after the
   * dated posts as Hugo's zero date does, and no date is shown.
   */
  undated?: boolean;
  /** A Hugo page's `weight` (not 0): lists show weighted pages first, lightest first, then the rest by date. */
  weight?: number;
  /** Every front matter key as written, passed through to layouts. */
  data: Record<string, unknown>;
}

/**
 * How a post's Markdown is read: `native` is CommonMark (markdown-it) with inkstone's extensions;
 * `hugo` is Hugo's goldmark (CommonMark, with the shortcodes' HTML as snippets and math as goldmark's
 * passthrough leaves it), and `hugo-plain` the same for a page whose site and front matter ask for no math;
 * `kramdown` is kramdown 2.4 as Jekyll runs it, for Jekyll content (see the README).
 */
export type MarkdownProfile = 'native' | 'kramdown' | 'hugo' | 'hugo-plain';

/** A post ready to render: where it comes from and where it goes. */
export interface Post {
  source: SourceFile;
  meta: PostMeta;
  /** Markdown body, front matter removed. */
  body: string;
  /** 1-based line of the file on which `body` starts. */
  bodyLine: number;
  /**
   * Set when the Liquid stage changed the number of lines: `lineMap[i]` is the 0-based line of the
   * original body that line `i` of `body` comes from, so diagnostics still point at the file's lines.
   */
  lineMap?: number[];
  /** The Markdown dialect of the body; absent means `native`. Set by the Liquid stage, which knows Jekyll content. */
  profile?: MarkdownProfile;
  /**
   * HTML an input adapter made before Markdown (Hugo's shortcodes): snippet `n` stands in `body` as
   * the placeholder `\uE000n\uE001`, which the renderer replaces, so that Markdown never reads it.
   */
  snippets?: string[];
  /**
   * The summary the front matter gives (Hugo's `summary`), read as Markdown in place of the excerpt the
   * body would give; `line` is the file line of its key, where its problems are reported.
   */
  summary?: { text: string; line: number };
  slug: string;
  /** Site-relative URL, starting and ending with `/` (or ending in `.html`). */
  url: string;
  /** Path relative to the output directory, forward slashes. */
  outputPath: string;
}

/** One heading, for tables of contents. */
export interface TocEntry {
  level: number;
  id: string;
  /** Plain text: formulas as readable text. */
  text: string;
  /** The heading as HTML (formulas rendered, links left out), when it differs from `text`. */
  html?: string;
}

/** Widgets drawn at build time, in Node or, for the last two, in the build's browser (see src/widgets/kinds.ts). */
export type WidgetKind =
  | 'echarts'
  | 'vega_lite'
  | 'geojson'
  | 'diff2html'
  | 'pseudocode'
  | 'tikz'
  | 'typograms'
  | 'chartjs'
  | 'plotly';

/** A diagram or widget found in a post, rendered later by the diagrams stage. */
export interface DiagramRef {
  kind: 'mermaid' | WidgetKind;
  source: string;
  /** 1-based file line of the diagram's opening fence or `{% mermaid %}` tag. */
  line: number;
}

/** What a rendered post needs from the rest of the site. */
export interface PostFeatures {
  math: boolean;
  /** The page needs the client-side mermaid bundle (diagrams not rendered at build time). */
  mermaid: boolean;
  /** Code languages highlighted, sorted. */
  languages: string[];
  /** The post has a code block (its page loads the copy-button script). */
  code: boolean;
  /** The post has a tab group (its page loads the tabs script). */
  tabs?: boolean;
  /** Kinds of interactive chart in the post, sorted (its page loads the widgets loader; see widgets/interactive.ts). */
  widgets?: string[];
  /** Formulas KaTeX refused that the MathJax fallback rendered (counted in the build summary). */
  mathFallbacks?: number;
  /** The post's HTML has an `<img>`: the images stage looks at this post's HTML (and at no other's). */
  images?: boolean;
}

/** What a post's excerpt needs where it is shown on its own (list pages load these assets only for it). */
export interface ExcerptFeatures {
  math: boolean;
  /** A diagram in the excerpt is drawn by the client-side mermaid bundle. */
  mermaid: boolean;
  code: boolean;
  tabs: boolean;
}

/** The markdown stage's result for one post. */
export interface RenderedPost {
  post: Post;
  html: string;
  excerptHtml: string;
  /** The body for feed entries: math as MathML only, diagrams in their light rendering. */
  feedHtml: string;
  /** The excerpt rendered like `feedHtml`, for feeds configured to carry excerpts. */
  feedExcerptHtml: string;
  /** Words of prose (code blocks and formulas not counted), for word counts and reading times. */
  words: number;
  toc: TocEntry[];
  /** Link targets found in the body, in order. */
  links: string[];
  features: PostFeatures;
  /** What the excerpt alone needs (set by the stage that renders it, so list pages never search the HTML). */
  excerptFeatures: ExcerptFeatures;
  /** Diagrams in order; `html` holds a placeholder for each until the diagrams stage fills it. */
  diagrams: DiagramRef[];
  /**
   * Set by the diagrams stage: a hash of the figures it put in place of the placeholders, so that
   * what the post renders to is known without reading its HTML (see pipeline/output-state.ts).
   */
  figuresDigest?: string;
  /** Set by the images stage when it changed the post's images: a hash of the markup it put in (see images/stage.ts). */
  imagesDigest?: string;
  /** Set by the social cards stage: the output path of the post's card (its link preview image). */
  card?: string;
  diagnostics: Diagnostic[];
}

/** A tag, a category or a term of another taxonomy, after case and Unicode normalisation. */
export interface Term {
  /** Its taxonomy's singular: `tag`, `category`, or another taxonomy's (`author`). */
  kind: string;
  /** Normalised key (Unicode NFKC, lower case); equal keys are one term. */
  key: string;
  /** Display name: the most used spelling. */
  name: string;
  slug: string;
  url: string;
  outputPath: string;
  /** Indices into `SiteGraph.posts`, newest first. */
  postIndices: number[];
}

/** All terms of one kind, sorted by name. */
export interface Taxonomy {
  /** The singular: `tag`, `category`, or another's (`author`, from the `taxonomies` setting). */
  kind: string;
  /** URL segment, index page name and front matter key: `tags`, `categories`, or another's (`authors`). */
  name: string;
  /** The heading of its index page: `Tags`, `Categories`, `Authors`. */
  title: string;
  url: string;
  outputPath: string;
  terms: Term[];
}

/** The taxonomies of a site by name: always tags and categories, and those of the `taxonomies` setting. */
export type Taxonomies = { tags: Taxonomy; categories: Taxonomy } & Record<string, Taxonomy>;

/** Where a list page sits in its pagination. */
export interface Pager {
  /** This page's URL. */
  url: string;
  /** 1-based page number. */
  number: number;
  /** Number of pages (at least 1). */
  total: number;
  /** Index range `[start, end)` of the listed items. */
  start: number;
  end: number;
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  /** URL of every page of this list, in order. */
  urls: string[];
}

/** One route of the site rendered through a layout. */
export type LayoutPage =
  | { kind: 'post'; url: string; outputPath: string; postIndex: number }
  | { kind: 'home'; url: string; outputPath: string; pager: Pager }
  | { kind: 'term'; url: string; outputPath: string; taxonomy: string; termIndex: number; pager: Pager }
  | { kind: 'taxonomy'; url: string; outputPath: string; taxonomy: string }
  | { kind: 'archive'; url: string; outputPath: string }
  | { kind: 'not-found'; url: string; outputPath: string }
  | { kind: 'redirect'; url: string; outputPath: string; postIndex: number; to?: string }
  | { kind: 'series'; url: string; outputPath: string; seriesIndex: number }
  | { kind: 'section'; url: string; outputPath: string; sectionIndex: number; pager: Pager };

/** The formats of feeds: Atom, RSS 2.0, JSON Feed 1.1. */
export type FeedFormat = 'atom' | 'rss' | 'json';

/** A feed: of the whole site, of one term (`term`), of a section, or of a taxonomy's terms (`taxonomy`). */
export interface FeedPage {
  kind: 'feed';
  url: string;
  outputPath: string;
  format: FeedFormat;
  term?: { taxonomy: string; termIndex: number };
  /** The feed of a taxonomy's index (Hugo's `/tags/index.xml`): an entry per term, newest first. */
  taxonomy?: string;
  /** A content section's feed (Hugo's `/posts/index.xml`): the index into `SiteGraph.sections`. */
  section?: number;
}

/** Whether `page` is one of the site's own feeds (`/feed.xml`, `/rss.xml`, `/index.xml`), not a list's. */
export function isSiteFeed(page: FeedPage): boolean {
  return !page.term && page.section === undefined && page.taxonomy === undefined;
}

/** One route of the site: a page rendered through a layout, a feed, the sitemap or robots.txt. */
export type Page =
  | LayoutPage
  | FeedPage
  | { kind: 'sitemap'; url: string; outputPath: string }
  | { kind: 'robots'; url: string; outputPath: string };

/** Whether `page` is rendered through a layout (feeds, the sitemap and robots.txt are not). */
export function isLayoutPage(page: Page): page is LayoutPage {
  return page.kind !== 'feed' && page.kind !== 'sitemap' && page.kind !== 'robots';
}

/** A content section (Hugo's `content/posts/`): its list page, and its posts, newest first. */
export interface Section {
  name: string;
  /** Display name: the section's name with a capital. */
  title: string;
  url: string;
  outputPath: string;
  /** Indices into `SiteGraph.posts`, newest first. */
  postIndices: number[];
}

/** Posts that share a `series:` front matter name, read in order. */
export interface Series {
  /** Display name, as the first post of the series writes it. */
  name: string;
  /** Normalised key (as for terms); posts whose names give the same key are one series. */
  key: string;
  slug: string;
  url: string;
  outputPath: string;
  /** Indices into `SiteGraph.posts`, oldest first (ties by slug): part 1 first. */
  postIndices: number[];
}

/** Everything the template stage needs. */
export interface SiteGraph {
  config: SiteConfig;
  /**
   * The blog's posts, newest first (ties by slug), then the standalone pages (by URL): `posts[i]` is a
   * post for `i < listed`, and a page after. Lists, feeds, taxonomies, series and the archive read only
   * the first `listed`; every index into `posts` stays the same either way.
   */
  posts: RenderedPost[];
  /** How many of `posts` are the blog's posts (the rest are standalone pages). */
  listed: number;
  /** Tags, categories, then the `taxonomies` setting's, in its order; each by its name. */
  taxonomies: Taxonomies;
  /** Every series, sorted by name. */
  series: Series[];
  /** Content sections with a list page (posts with `meta.section`), sorted by URL; empty for most sites. */
  sections: Section[];
  /** For each post (same index as `posts`), the indices of its related posts, best first. */
  related: number[][];
  /** Every route of the site: each output path the site graph makes is defined here, once. */
  pages: Page[];
  /** The site ships its own `favicon.ico` (in `static/`, or a Jekyll site's root): the theme's icon is not used. */
  ownFavicon: boolean;
}

/** A file to write, relative to the output directory. */
export interface OutputFile {
  outputPath: string;
  contents: string | Uint8Array;
  /** What produced it (a source path, a layout, `asset:katex`), for collision errors. */
  from: string;
}
