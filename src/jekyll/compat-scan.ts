/**
 * The compatibility report's view of one post's source: al-folio front matter keys, kramdown syntax and
 * widget fences, each with its file line. A line scan outside code, so it reports what the Markdown
 * plugins will meet without depending on them.
 */
import { WIDGET_LANGUAGES } from '../markdown/plugins/widget-fences.js';
import type { Post } from '../types.js';
import type { CompatEntry, CompatStatus } from './compat.js';
import { codeLines } from './fences.js';

/** al-folio front matter keys that ask for something, and what inkstone does about it. */
const FRONT_MATTER: Record<string, { status: CompatStatus; detail: string }> = {
  giscus_comments: { status: 'unsupported', detail: 'comments are not embedded' },
  disqus_comments: { status: 'unsupported', detail: 'comments are not embedded' },
  related_posts: { status: 'converted', detail: 'related posts by shared tags are listed at the end of the post (related_posts: false hides them)' },
  toc: { status: 'converted', detail: 'the table of contents is shown beside the post on wide screens and above it on narrow ones' },
  thumbnail: { status: 'approximated', detail: 'kept as post.data.thumbnail; the built-in layouts do not show it' },
  mermaid: { status: 'converted', detail: 'diagrams are rendered whenever the post has one' },
  chart: { status: 'approximated', detail: 'chart fences are shown as a note with their source' },
  images: { status: 'approximated', detail: 'images are shown without the script-driven viewer, with a note at the end of the post' },
  pretty_table: { status: 'approximated', detail: 'tables are shown with the theme\'s table style' },
  tabs: { status: 'unsupported', detail: 'tab groups need a plugin; their tags are shown as written' },
  tikzjax: { status: 'unsupported', detail: 'TikZ pictures are drawn by a script that inkstone does not ship' },
  typograms: { status: 'approximated', detail: 'typogram fences are shown as a note with their source' },
  code_diff: { status: 'approximated', detail: 'diff2html fences are shown as a note with their source' },
  map: { status: 'approximated', detail: 'map fences are shown as a note with their source' },
  pseudocode: { status: 'approximated', detail: 'pseudocode fences are shown as a note with their source' },
  bibliography: { status: 'unsupported', detail: 'citations need jekyll-scholar; {% cite %} tags are shown as written' },
  authors: { status: 'approximated', detail: 'kept as post.data.authors; the built-in layouts show the site author' },
};

/** Every construct of `post`'s source that the report lists, except Liquid (which the Liquid stage reports). */
export function scanPostCompat(post: Post): CompatEntry[] {
  const entries: CompatEntry[] = [];
  const file = post.source.relPath;
  const add = (line: number, construct: string, status: CompatStatus, detail: string) => entries.push({ file, line, construct, status, detail });
  const sourceLines = post.source.text.split('\n');
  const frontMatterLine = (key: string) => {
    const index = sourceLines.slice(0, post.bodyLine - 1).findIndex((l) => l.startsWith(`${key}:`));
    return index === -1 ? 1 : index + 1;
  };
  const data = post.meta.data;
  if (data['layout'] === 'distill') add(frontMatterLine('layout'), 'layout: distill', 'approximated', 'rendered with the post layout');
  for (const [key, effect] of Object.entries(FRONT_MATTER)) {
    const value = data[key];
    if (value === undefined || value === null || value === false) continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && !Object.values(value).some(Boolean)) continue;
    add(frontMatterLine(key), key, effect.status, effect.detail);
  }
  const code = codeLines(post.body);
  post.body.split('\n').forEach((text, i) => {
    const line = post.bodyLine + i;
    if (code.has(i)) {
      const fence = /^\s*(?:`{3,}|~{3,})\s*([\w-]+)/.exec(text);
      if (fence && Object.hasOwn(WIDGET_LANGUAGES, fence[1]!.toLowerCase())) add(line, `\`\`\`${fence[1]}`, 'approximated', 'shown as a note with its source');
      return;
    }
    if (/\{:\s*toc\s*\}/.test(text)) add(line, '{:toc}', 'converted', 'table of contents of the headings');
    else if (/\{::\w+/.test(text)) add(line, /\{::\w+/.exec(text)![0] + '}', 'unsupported', 'kramdown extensions are left as text');
    else if (/\{:[^}]*\}/.test(text)) add(line, /\{:[^}]*\}/.exec(text)![0], 'converted', 'attributes applied to the element');
    if (/^#{1,6}\s.*\{#[\w-]+\}\s*$/.test(text)) add(line, /\{#[\w-]+\}/.exec(text)![0], 'converted', 'heading id');
    if (/^<!--\s*more\s*-->\s*$/i.test(text)) add(line, '<!--more-->', 'converted', 'excerpt ends here');
  });
  return entries;
}
