/**
 * Links: records every link and image target of a post (for link checking), and prefixes site
 * paths (`/2024/01/x/`) with the site's base path, so posts keep working on a subpath deploy
 * (`--base-url https://example.org/blog/`). With `markdown.id_prefix`, `#id` links to the post's
 * headings get the prefix too. Raw HTML is left as written.
 * Depends on: inline parsing (runs after `inline`).
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';

/** Options of the links plugin. */
export interface LinksOptions {
  /** The site's base path, starting and ending with `/`. */
  basePath: string;
  /** `markdown.id_prefix`: a `#id` link to a heading of the post follows the heading's prefixed id. */
  idPrefix?: string;
}

/** Installs the link rule on `md`. */
export function linksPlugin(md: MarkdownIt, options: LinksOptions = { basePath: '/' }): void {
  const prefix = (target: string): string =>
    options.basePath !== '/' &&
    target.startsWith('/') &&
    !target.startsWith('//') &&
    !target.startsWith(options.basePath)
      ? options.basePath + target.slice(1)
      : target;
  const idPrefix = options.idPrefix ?? '';
  md.core.ruler.push('links', (state) => {
    const env = asEnv(state.env);
    const headingIds = new Set(idPrefix ? env.toc.map((entry) => entry.id) : []);
    const follow = (target: string): string =>
      target.startsWith('#') && headingIds.has(idPrefix + target.slice(1)) ? `#${idPrefix}${target.slice(1)}` : target;
    const visit = (tokens: readonly Token[]): void => {
      for (const token of tokens) {
        const attribute = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
        const target = attribute ? token.attrGet(attribute) : null;
        if (attribute && target) {
          env.links.push(follow(target));
          token.attrSet(attribute, prefix(follow(target)));
        }
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
}
