/**
 * The comments under a post (al-folio's `giscus_comments: true`, `disqus_comments: true`): the values
 * the `comments` partial writes into giscus's script tag or Disqus's embed, when the site configures that
 * system. A post that asks for an unconfigured one gets none (the build warns once; see comments-warning).
 */
import type { SiteConfig } from '../config/schema.js';
import type { Post } from '../types.js';
import { absoluteUrl, type BaseUrl } from '../core/urls.js';

/** giscus's `data-*` attributes, in the order giscus.app lists them. */
export type GiscusAttributes = Array<[name: string, value: string]>;

/** What the comments partial renders: one of the two systems. */
export type PostComments =
  | { giscus: GiscusAttributes }
  | { disqus: { shortname: string; url: string; identifier: string } };

/** The comments of `post`, or undefined when it asks for none or the site configures no such system. */
export function postComments(post: Post, config: SiteConfig, base: BaseUrl): PostComments | undefined {
  const { giscus, disqus } = config.comments;
  if (post.meta.data['giscus_comments'] === true && giscus) {
    const flag = (value: boolean) => (value ? '1' : '0');
    const attributes: GiscusAttributes = [
      ['data-repo', giscus.repo],
      ['data-repo-id', giscus.repo_id],
      ...(giscus.category !== undefined ? [['data-category', giscus.category] as [string, string]] : []),
      ['data-category-id', giscus.category_id],
      ['data-mapping', giscus.mapping],
      ['data-strict', flag(giscus.strict)],
      ['data-reactions-enabled', flag(giscus.reactions_enabled)],
      ['data-emit-metadata', flag(giscus.emit_metadata)],
      ['data-input-position', giscus.input_position],
      ['data-theme', giscus.theme],
      ['data-lang', giscus.lang],
    ];
    return { giscus: attributes };
  }
  if (post.meta.data['disqus_comments'] === true && disqus) {
    // The page's own address, as Disqus's universal code sets it, so threads follow the post and not the query string.
    return { disqus: { shortname: disqus.shortname, url: absoluteUrl(base, post.url), identifier: post.url } };
  }
  return undefined;
}
