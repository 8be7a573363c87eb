/**
 * Excerpt: marks which tokens form the post's excerpt: everything before a `<!--more-->` line,
 * else the first top-level paragraph. The post renderer renders that range separately.
 * Depends on: block parsing (runs last among core rules).
 */
import type MarkdownIt from 'markdown-it';
import { asEnv } from '../env.js';
import { markGenerated } from '../generated-html.js';

const MORE = /^<!--\s*more\s*-->\s*$/i;

/** Installs the excerpt rule on `md`. */
export function excerptPlugin(md: MarkdownIt): void {
  md.core.ruler.push('excerpt', (state) => {
    const env = asEnv(state.env);
    const tokens = state.tokens;
    const more = tokens.findIndex((t) => t.type === 'html_block' && MORE.test(t.content.trim()));
    // The separator is inkstone's syntax, not the author's HTML: it stays a hidden comment whatever
    // `markdown.html` says (escaped, it would show as text on the page and in the feed).
    for (const token of tokens)
      if (token.type === 'html_block' && MORE.test(token.content.trim())) markGenerated(token);
    if (more !== -1) {
      env.excerpt = { start: 0, end: more, divider: true };
      return;
    }
    const open = tokens.findIndex((t) => t.type === 'paragraph_open' && t.level === 0);
    if (open === -1) return;
    const close = tokens.findIndex((t, i) => i > open && t.type === 'paragraph_close' && t.level === 0);
    if (close !== -1) env.excerpt = { start: open, end: close + 1 };
  });
}
