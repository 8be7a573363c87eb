/** What layouts see of posts, terms and series: the views `createContextViews` builds once per build. */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import { termKey } from '../content/slug.js';
import type { BaseUrl } from '../core/urls.js';
import { titleHtml, titleText } from '../markdown/math/title.js';
import { anchorLinksTo } from '../site/absolute-urls.js';
import { tableOfContents, type TableOfContents } from '../site/toc.js';
import type { ExcerptFeatures, RenderedPost, Series, Taxonomy, TocEntry } from '../types.js';
import { distillView, type DistillView } from './distill-view.js';
import { postCitation, type PostCitation } from './post-citation.js';
import { postComments, type PostComments } from './post-comments.js';

/** A tag or category as layouts see it. */
export interface TermView {
  name: string;
  slug: string;
  url: string;
  count: number;
}

/** A post as layouts see it. `content` and `excerpt` are HTML, marked safe. */
export interface PostView {
  /** The title as text: formulas as readable text. */
  title: string;
  /** The title with formulas rendered by KaTeX, when it has any (for headings and lists). */
  titleHtml?: nunjucks.runtime.SafeString;
  url: string;
  /** Where the post sends readers (`redirect:` in its front matter): lists link there. */
  redirect: string | undefined;
  date: string;
  /** A standalone page that gives no date: `date` means nothing and is not shown. */
  undated?: true;
  updated: string | undefined;
  description: string | undefined;
  tags: TermView[];
  categories: TermView[];
  /** The post's terms in each taxonomy of the `taxonomies` setting it names (`Authors: Ann Lee`), in the setting's order. */
  taxonomies: Array<{ name: string; title: string; terms: TermView[] }>;
  slug: string;
  excerpt: nunjucks.runtime.SafeString;
  content: nunjucks.runtime.SafeString;
  toc: TocEntry[];
  /** The table of contents shown beside the post, or undefined (see the `toc` configuration). */
  tableOfContents: TableOfContents | undefined;
  /** Words of prose (code and formulas not counted). */
  wordCount: number;
  /** Minutes to read, at least 1 (`wordCount` / `words_per_minute`, rounded up). */
  readingTime: number;
  /** Where the post sits in its series, or undefined when it is in none. */
  series: SeriesPlace | undefined;
  /** Posts sharing the most tags with this one, best first (`related_posts` of them at most). */
  related: PostView[];
  /** al-folio's `thumbnail`: a site path (use the `url` filter) or an http(s) URL; shown on list cards and in link previews. */
  thumbnail: string | undefined;
  /** The post's social card (a site path; see cards/stage.ts), when it has no thumbnail of its own. */
  card: string | undefined;
  /** al-folio's `featured: true`: listed under "Featured" on the home page's first page. */
  featured: boolean;
  /** Every front matter key as written. */
  data: Record<string, unknown>;
  /** Source path relative to the site. */
  source: string;
  math: boolean;
  mermaid: boolean;
  /** What the excerpt alone needs, on list pages: KaTeX, the mermaid client, the copy and tabs scripts. */
  excerptNeeds: ExcerptFeatures;
  /** The post has a code block (its page loads the copy-button script). */
  code: boolean;
  /** The post has a tab group (its page loads the tabs script). */
  tabs: boolean;
  /** Kinds of interactive chart in the post (its page loads the widgets loader). */
  widgets: string[];
  /** "Cite this post", when the front matter says `citation: true`. */
  citation: PostCitation | undefined;
  /** giscus or Disqus under the post, when its front matter asks and the site configures that system. */
  comments: PostComments | undefined;
  /** al-folio's Distill front matter: authors with affiliations, contents by heading name, `_styles`. */
  distill: DistillView;
}

/** A post's place in its series. */
export interface SeriesPlace {
  name: string;
  /** The series index page. */
  url: string;
  /** 1-based part number of this post, in date order. */
  number: number;
  total: number;
  previous: PostView | undefined;
  next: PostView | undefined;
  /** Every part, in order; `current` marks this post. */
  parts: Array<{ number: number; title: string; url: string; current: boolean }>;
}

/** A series as layouts see it. */
export interface SeriesView {
  name: string;
  slug: string;
  url: string;
  count: number;
  /** The parts, part 1 first. */
  posts: PostView[];
}

/** Each term's view by its key. */
export function indexTerms(taxonomy: Taxonomy, views: TermView[]): Map<string, TermView> {
  return new Map(taxonomy.terms.map((t, i) => [t.key, views[i]!]));
}

/** The terms of one taxonomy, for postView: its name and heading, and each term's view by its key. */
export interface TermIndex {
  name: string;
  title: string;
  byKey: Map<string, TermView>;
}

/**
 * A post as layouts see it (related posts and series place are filled in afterwards). `indices` are
 * the site's taxonomies, tags and categories first.
 *
 * What the post's rendering made (its HTML, contents, word count, features, social card) is read
 * through getters that call `onContentRead` first, so that a page can tell whose content it showed
 * (see ContextViews.contentReads); the rest comes from the front matter and the route, which the site
 * graph is made of. The HTML is made when a layout first shows it: a build that renders a few pages
 * (the others kept from the last build) never reads the rest of the posts' HTML back from its cache.
 */
export function postView(
  r: RenderedPost,
  indices: readonly TermIndex[],
  base: BaseUrl,
  config: SiteConfig,
  onContentRead: () => void = () => {},
): PostView {
  const { post } = r;
  const [tags, categories] = [indices[0]!.byKey, indices[1]!.byKey];
  const lookup = (names: string[], index: Map<string, TermView>) =>
    names.map((n) => index.get(termKey(n))).filter((t): t is TermView => t !== undefined);
  const html = titleHtml(post.meta.title, config.math.macros);
  const read = onContentRead;
  const contents = once(() => tableOfContents(r.toc, post.meta.data['toc'], config.toc));
  const distill = once(() => distillView(post.meta.data, r.toc));
  const excerpt = once(() => new nunjucks.runtime.SafeString(anchorLinksTo(r.excerptHtml, post.url, base)));
  const content = once(() => new nunjucks.runtime.SafeString(r.html));
  return {
    title: titleText(post.meta.title),
    ...(html ? { titleHtml: new nunjucks.runtime.SafeString(html) } : {}),
    url: post.url,
    redirect: post.meta.redirectTo,
    date: post.meta.date,
    ...(post.meta.undated ? { undated: true as const } : {}),
    updated: post.meta.updated,
    description: post.meta.description,
    tags: lookup(post.meta.tags, tags),
    categories: lookup(post.meta.categories, categories),
    taxonomies: indices.slice(2).flatMap(({ name, title, byKey }) => {
      const terms = lookup(post.meta.terms?.[name] ?? [], byKey);
      return terms.length > 0 ? [{ name, title, terms }] : [];
    }),
    slug: post.slug,
    get toc() {
      read();
      return r.toc;
    },
    get tableOfContents() {
      read();
      return contents();
    },
    get wordCount() {
      read();
      return r.words;
    },
    get readingTime() {
      read();
      return Math.max(1, Math.ceil(r.words / config.words_per_minute));
    },
    series: undefined,
    related: [],
    thumbnail: post.meta.thumbnail,
    get card() {
      read();
      return r.card === undefined ? undefined : `/${r.card}`;
    },
    featured: post.meta.featured === true,
    data: post.meta.data,
    source: post.source.relPath,
    get math() {
      read();
      return r.features.math || html !== undefined;
    },
    get mermaid() {
      read();
      return r.features.mermaid;
    },
    get code() {
      read();
      return r.features.code;
    },
    get tabs() {
      read();
      return r.features.tabs === true;
    },
    get widgets() {
      read();
      return r.features.widgets ?? [];
    },
    get excerptNeeds() {
      read();
      return r.excerptFeatures;
    },
    citation: postCitation(post, config, base),
    comments: postComments(post, config, base),
    get distill() {
      read();
      return distill();
    },
    get excerpt() {
      read();
      return excerpt();
    },
    get content() {
      read();
      return content();
    },
  };
}

/** `make`'s value, made on the first call and kept. */
function once<T>(make: () => T): () => T {
  let value: T;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/** The view of series `s`; also records each part's place in it on the part's post view. */
export function seriesView(s: Series, posts: PostView[]): SeriesView {
  const parts = s.postIndices.map((i) => posts[i]!);
  parts.forEach((post, k) => {
    post.series = {
      name: s.name,
      url: s.url,
      number: k + 1,
      total: parts.length,
      previous: parts[k - 1],
      next: parts[k + 1],
      parts: parts.map((part, j) => ({ number: j + 1, title: part.title, url: part.url, current: j === k })),
    };
  });
  return { name: s.name, slug: s.slug, url: s.url, count: parts.length, posts: parts };
}
