/**
 * Heading links: gives every heading of a page a self-link (`#`) shown on hover and on keyboard focus,
 * as a sibling after the heading so that the heading's own text stays its accessible name.
 * Excerpts and feed entries get none: there they would be noise.
 * Depends on: heading ids (the anchors and IAL plugins, core rules before this one).
 */
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../core/html.js';
import { asEnv } from '../env.js';
import { plainText } from './anchors.js';

/** Installs the heading-link rule and its renderers on `md`. */
export function headingLinksPlugin(md: MarkdownIt): void {
  md.core.ruler.after('anchors', 'heading_links', (state) => {
    const tokens = state.tokens;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const open = tokens[i]!;
      const id = open.type === 'heading_open' ? open.attrGet('id') : null;
      if (!id) continue;
      const wrap = new state.Token('heading_wrap_open', 'div', 1);
      wrap.block = true;
      wrap.level = open.level;
      const link = new state.Token('heading_link', 'a', 0);
      link.block = true;
      link.level = open.level;
      link.meta = { id, text: plainText(tokens[i + 1]) };
      // heading_open, inline, heading_close: the link goes after the close.
      tokens.splice(i + 3, 0, link);
      tokens.splice(i, 0, wrap);
    }
  });
  md.renderer.rules['heading_wrap_open'] = (_tokens, _idx, _options, env) =>
    asEnv(env).output === 'page' ? '<div class="section-heading">' : '';
  md.renderer.rules['heading_link'] = (tokens, idx, _options, env) => {
    if (asEnv(env).output !== 'page') return '';
    const { id, text } = tokens[idx]!.meta as { id: string; text: string };
    return `<a class="heading-link" href="#${escapeHtml(id)}" aria-label="Link to the section ${escapeHtml(text || id)}">#</a></div>\n`;
  };
}
