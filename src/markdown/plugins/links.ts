/**
 * Links: records every link and image target of a post (for link checking and feeds).
 * Depends on: inline parsing (runs after `inline`).
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';

/** Installs the link-collecting rule on `md`. */
export function linksPlugin(md: MarkdownIt): void {
  md.core.ruler.push('links', (state) => {
    const env = asEnv(state.env);
    const visit = (tokens: readonly Token[]): void => {
      for (const token of tokens) {
        if (token.type === 'link_open') pushTarget(env.links, token.attrGet('href'));
        else if (token.type === 'image') pushTarget(env.links, token.attrGet('src'));
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
}

function pushTarget(links: string[], target: string | null): void {
  if (target) links.push(target);
}
