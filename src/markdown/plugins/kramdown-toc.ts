/**
 * kramdown's table of contents: a list whose only item is followed by `{:toc}` (`* TOC` then `{:toc}`)
 * is replaced by a nested list of links to the post's headings, as `<ul id="markdown-toc">` like
 * kramdown's. Headings with the class `no_toc` (`{:.no_toc}`) are left out.
 * Depends on: block parsing (core rule before `inline`, before the IAL plugin reads `{:...}` lines);
 * renders from heading ids set later by the anchors plugin and the IAL plugin.
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { escapeHtml } from '../../core/html.js';

const TOC_ITEM = /^[^\n]*\n[ \t]*\{:\s*toc\s*\}[ \t]*$/;

/** Installs the table-of-contents rule and renderer on `md`. */
export function kramdownTocPlugin(md: MarkdownIt): void {
  md.core.ruler.before('inline', 'kramdown_toc', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 6 < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.type !== 'bullet_list_open' && open.type !== 'ordered_list_open') continue;
      const shape = [
        'list_item_open',
        'paragraph_open',
        'inline',
        'paragraph_close',
        'list_item_close',
        open.type.replace('_open', '_close'),
      ];
      if (!shape.every((type, k) => tokens[i + 1 + k]!.type === type) || !TOC_ITEM.test(tokens[i + 3]!.content))
        continue;
      const toc = new state.Token('kramdown_toc', '', 0);
      toc.block = true;
      toc.map = open.map;
      toc.level = open.level;
      toc.meta = { tag: open.type === 'ordered_list_open' ? 'ol' : 'ul' };
      tokens.splice(i, 7, toc);
    }
  });
  kramdownTocRenderer(md);
}

/** Renders `kramdown_toc` tokens (made here, or by the kramdown profile for a list with `{:toc}`). */
export function kramdownTocRenderer(md: MarkdownIt): void {
  md.renderer.rules['kramdown_toc'] = (tokens, idx, options, env, self) =>
    renderToc(tokens, (tokens[idx]!.meta as { tag: string }).tag, (inline) =>
      self.renderInline(entryTokens(inline), options, env),
    );
}

/** A heading's inline tokens as a TOC entry shows them, as kramdown does: markup kept, links and footnote marks left out. */
function entryTokens(inline: Token | undefined): Token[] {
  return (inline?.children ?? []).filter(
    (t) => !/^(link_open|link_close|footnote_ref|kramdown_footnote_ref)$/.test(t.type),
  );
}

interface TocNode {
  level: number;
  html: string;
  id: string;
  children: TocNode[];
}

/** kramdown's table of contents: each heading nests under the nearest earlier heading of a smaller level. */
function renderToc(tokens: readonly Token[], tag: string, renderEntry: (inline: Token | undefined) => string): string {
  const roots: TocNode[] = [];
  const stack: TocNode[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open' || /(^|\s)no_toc(\s|$)/.test(token.attrGet('class') ?? '')) return;
    const id = token.attrGet('id');
    if (id === null) return;
    const node: TocNode = { level: Number(token.tag.slice(1)), html: renderEntry(tokens[i + 1]), id, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= node.level) stack.pop();
    (stack.length === 0 ? roots : stack[stack.length - 1]!.children).push(node);
    stack.push(node);
  });
  if (roots.length === 0) return '';
  const list = (nodes: TocNode[], top: boolean): string =>
    `<${tag}${top ? ' id="markdown-toc"' : ''}>${nodes
      .map(
        (n) =>
          `<li><a href="#${escapeHtml(n.id)}" id="markdown-toc-${escapeHtml(n.id)}">${n.html}</a>${n.children.length > 0 ? list(n.children, false) : ''}</li>`,
      )
      .join('')}</${tag}>`;
  return `<nav class="toc" aria-label="Contents">${list(roots, true)}</nav>\n`;
}
