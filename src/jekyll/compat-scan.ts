/**
 * The compatibility report's view of one post's source: al-folio front matter keys, kramdown syntax and
 * widget fences, each with its file line. A line scan outside code, so it reports what the Markdown
 * plugins will meet without depending on them.
 */
import type { SiteConfig } from '../config/schema.js';
import { isWidgetKind } from '../widgets/kinds.js';
import type { Post } from '../types.js';
import { COMMENT_KEYS, commentsConfigured, type CommentKey } from './comments-warning.js';
import type { CompatEntry, CompatStatus } from './compat.js';
import { codeLines } from '../content/code-lines.js';

/** al-folio front matter keys that ask for something, and what inkstone does about it. */
const FRONT_MATTER: Record<string, { status: CompatStatus; detail: string }> = {
  giscus_comments: { status: 'unsupported', detail: 'comments are not embedded: the site configures no giscus' },
  disqus_comments: {
    status: 'unsupported',
    detail: 'comments are not embedded: the site configures no disqus_shortname',
  },
  redirect: { status: 'converted', detail: "the post's page redirects there, and lists link to it" },
  redirect_to: { status: 'converted', detail: "the post's page redirects there, and lists link to it" },
  related_posts: {
    status: 'converted',
    detail: 'related posts by shared tags are listed at the end of the post (related_posts: false hides them)',
  },
  toc: {
    status: 'converted',
    detail: 'the table of contents is shown beside the post on wide screens and above it on narrow ones',
  },
  thumbnail: {
    status: 'converted',
    detail:
      "shown beside the post's card on list pages and used as its link preview image (og:image, large Twitter card)",
  },
  featured: {
    status: 'converted',
    detail: 'listed under "Featured" above the posts on the first page of the home page',
  },
  mermaid: { status: 'converted', detail: 'diagrams are rendered whenever the post has one' },
  chart: {
    status: 'converted',
    detail: 'chartjs, echarts, vega_lite and plotly fences are drawn at build time as SVG',
  },
  images: {
    status: 'approximated',
    detail: 'images are shown without the script-driven viewer, with a note at the end of the post',
  },
  pretty_table: { status: 'approximated', detail: "tables are shown with the theme's table style" },
  tabs: { status: 'converted', detail: 'tab groups are built in ({% tabs %}, {% tab %})' },
  tikzjax: {
    status: 'converted',
    detail: 'TikZ pictures (<script type="text/tikz">) are compiled at build time by TeX, as TikZJax does',
  },
  typograms: { status: 'converted', detail: 'typograms fences are drawn at build time' },
  code_diff: { status: 'converted', detail: 'diff2html fences are drawn at build time' },
  map: {
    status: 'converted',
    detail: 'geojson fences are drawn at build time as a static map of their shapes (no tiles)',
  },
  pseudocode: {
    status: 'converted',
    detail: 'pseudocode fences are rendered at build time, their formulas with KaTeX',
  },
  bibliography: {
    status: 'converted',
    detail: "the post's own BibTeX file for its citations (looked for in assets/bibliography/, then _bibliography/)",
  },
  authors: { status: 'approximated', detail: 'kept as post.data.authors; the built-in layouts show the site author' },
};

/** What the built-in `distill` layout does with al-folio's Distill posts. */
const DISTILL_LAYOUT_DETAIL =
  'the built-in distill layout: title block with authors, affiliations and date, contents, _styles; <d-cite>, <d-footnote> and <d-code> are rewritten';

/** Front matter keys that the `distill` layout shows itself. */
const DISTILL_FRONT_MATTER: Record<string, { status: CompatStatus; detail: string }> = {
  authors: { status: 'converted', detail: 'shown in the title block with their affiliations' },
  toc: { status: 'converted', detail: 'the contents are listed by name and linked to the headings of those names' },
};

/** giscus_comments or disqus_comments when the site configures that system. */
const THUMBNAIL_REFUSED = {
  status: 'unsupported' as CompatStatus,
  detail: 'ignored: it is neither a path of the site nor an http(s) URL',
};
const COMMENTS_EMBEDDED = {
  status: 'converted' as CompatStatus,
  detail: "the comment system's embed is written at the end of the post",
};

/** kramdown options a post may set with `{::options … /}`: the kramdown profile applies these. */
const POST_OPTIONS = new Set(['auto_ids', 'parse_block_html', 'parse_span_html']);

/** Report entries for a kramdown extension `{::name attrs}`. */
function extensionEntries(name: string, attrs: string): Array<[string, CompatStatus, string]> {
  if (name === 'nomarkdown') return [['{::nomarkdown}', 'converted', 'written as raw HTML']];
  if (name === 'comment') return [['{::comment}', 'converted', 'written as an HTML comment']];
  if (name !== 'options')
    return [[`{::${name}}`, 'unsupported', 'kramdown has no such extension; it stays text, as in Jekyll']];
  return [...attrs.matchAll(/(\w+)=/g)].map(([, key]): [string, CompatStatus, string] =>
    POST_OPTIONS.has(key!)
      ? [`{::options ${key}}`, 'converted', 'applied to the rest of the post, as kramdown does']
      : [`{::options ${key}}`, 'unsupported', "not applied: the post is rendered with Jekyll's kramdown options"],
  );
}

/** What a line the body scan reports holds: `{:` or `{#` (kramdown), `<!--` (more), or a fence (widgets). */
const BODY_MARKS = /\{[:#]|<!--|`{3}|~{3}/;

/** Every construct of `post`'s source that the report lists, except Liquid (which the Liquid stage reports). */
export function scanPostCompat(post: Post, comments: SiteConfig['comments'] = {}): CompatEntry[] {
  const entries: CompatEntry[] = [];
  const file = post.source.relPath;
  const add = (line: number, construct: string, status: CompatStatus, detail: string) =>
    entries.push({ file, line, construct, status, detail });
  let sourceLines: string[] | undefined;
  const frontMatterLine = (key: string) => {
    sourceLines ??= post.source.text.split('\n', post.bodyLine - 1);
    const index = sourceLines.findIndex((l) => l.startsWith(`${key}:`));
    return index === -1 ? 1 : index + 1;
  };
  const data = post.meta.data;
  const distill = data['layout'] === 'distill';
  if (distill) add(frontMatterLine('layout'), 'layout: distill', 'converted', DISTILL_LAYOUT_DETAIL);
  if (distill && typeof data['_styles'] === 'string')
    add(frontMatterLine('_styles'), '_styles', 'converted', "in a <style> element in the page's head");
  for (const [key, effect] of Object.entries(FRONT_MATTER)) {
    const value = data[key];
    if (value === undefined || value === null || value === false) continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && !Object.values(value).some(Boolean)) continue;
    const distillEffect = distill ? DISTILL_FRONT_MATTER[key] : undefined;
    const commentsEffect =
      Object.hasOwn(COMMENT_KEYS, key) && commentsConfigured(key as CommentKey, comments)
        ? COMMENTS_EMBEDDED
        : undefined;
    // A thumbnail that is neither a site path nor an http(s) URL was refused (with a warning at its line).
    const refusedEffect = key === 'thumbnail' && post.meta.thumbnail === undefined ? THUMBNAIL_REFUSED : undefined;
    const chosen = refusedEffect ?? commentsEffect ?? distillEffect ?? effect;
    add(frontMatterLine(key), key, chosen.status, chosen.detail);
  }
  // Every body entry needs one of these: most posts have none, and their lines need no look.
  if (!BODY_MARKS.test(post.body)) return entries;
  const code = codeLines(post.body);
  post.body.split('\n').forEach((text, i) => {
    const line = post.bodyLine + i;
    if (code.has(i)) {
      const fence = /^\s*(?:`{3,}|~{3,})\s*([\w-]+)/.exec(text);
      const written = fence?.[1] ?? '';
      const language = written.toLowerCase();
      if (isWidgetKind(language)) add(line, `\`\`\`${written}`, 'converted', 'drawn at build time');
      return;
    }
    const extension = /\{::(\w+)([^}]*)\}/.exec(text);
    if (/\{:\s*toc\s*\}/.test(text)) add(line, '{:toc}', 'converted', 'table of contents of the headings');
    else if (extension) for (const entry of extensionEntries(extension[1]!, extension[2]!)) add(line, ...entry);
    else if (/^\s*\{:\w[\w-]*:/.test(text))
      add(
        line,
        /\{:[^}]*\}/.exec(text)?.[0] ?? text.trim(),
        'converted',
        'attribute list definition, applied where it is referenced',
      );
    // `{:/nomarkdown}` (or `{:/}`) closes an extension, reported at its opening line.
    else if (/\{:(?!\/)[^}]*\}/.test(text))
      add(line, /\{:(?!\/)[^}]*\}/.exec(text)![0], 'converted', 'attributes applied to the element');
    if (/^#{1,6}\s.*\{#[\w-]+\}\s*$/.test(text)) add(line, /\{#[\w-]+\}/.exec(text)![0], 'converted', 'heading id');
    if (/^<!--\s*more\s*-->\s*$/i.test(text)) add(line, '<!--more-->', 'converted', 'excerpt ends here');
  });
  return entries;
}
