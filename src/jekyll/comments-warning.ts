/**
 * al-folio's `giscus_comments: true` and `disqus_comments: true`: which comment system a post asks for,
 * whether the site configures it, and one warning per site when posts ask for one it does not.
 */
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Post } from '../types.js';

/** The front matter keys that ask for comments, the `comments` setting each needs, and where Jekyll keeps it. */
export const COMMENT_KEYS = {
  giscus_comments: { system: 'giscus', setting: 'comments.giscus', jekyll: 'giscus: {repo, repo_id, category_id}' },
  disqus_comments: { system: 'disqus', setting: 'comments.disqus', jekyll: 'disqus_shortname' },
} as const;

/** A front matter key that asks for comments. */
export type CommentKey = keyof typeof COMMENT_KEYS;

/** True when the site has the comment system `key` asks for. */
export function commentsConfigured(key: CommentKey, comments: SiteConfig['comments']): boolean {
  return comments[COMMENT_KEYS[key].system] !== undefined;
}

/**
 * One warning for the whole site when a post asks for comments the site does not configure: at the
 * first such post's front matter line (posts by path), with the number of others.
 */
export function missingCommentsWarning(
  posts: readonly Post[],
  comments: SiteConfig['comments'],
): Diagnostic | undefined {
  const asking: Array<{ post: Post; key: CommentKey }> = [];
  for (const post of [...posts].sort((a, b) =>
    a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0,
  )) {
    for (const key of Object.keys(COMMENT_KEYS) as CommentKey[]) {
      if (post.meta.data[key] === true && !commentsConfigured(key, comments)) asking.push({ post, key });
    }
  }
  const first = asking[0];
  if (!first) return undefined;
  const { setting, jekyll } = COMMENT_KEYS[first.key];
  const line =
    first.post.source.text
      .split('\n')
      .findIndex((l, i) => i < first.post.bodyLine - 1 && l.startsWith(`${first.key}:`)) + 1;
  const others =
    asking.length > 1 ? ` (and ${asking.length - 1} more post${asking.length > 2 ? 's' : ''} asking for comments)` : '';
  return {
    severity: 'warning',
    code: 'comments',
    message: `${first.key}: the site configures no ${COMMENT_KEYS[first.key].system}, so the post shows no comments: set ${setting} in inkstone.yml or ${jekyll} in _config.yml${others}`,
    location: { file: first.post.source.relPath, line: line || 1, column: 1 },
    sourceText: first.post.source.text,
  };
}
