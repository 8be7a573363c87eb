/** Related posts: for each post, the posts that share the most tags with it. */
import { termKey } from '../content/slug.js';
import type { RenderedPost } from '../types.js';

/**
 * For each post of `posts` (newest first, ties by slug, as in the site graph), the indices of at most `limit` other posts that share at
 * least one tag with it: most shared tags first, then the newer post, then by slug, so the same
 * posts always give the same lists. Posts of the same series (`seriesKeys`, one per post) are left
 * out: the series box already links them.
 */
export function relatedPosts(
  posts: readonly RenderedPost[],
  limit: number,
  seriesKeys: ReadonlyArray<string | undefined> = [],
): number[][] {
  const tagSets = posts.map((p) => new Set(p.post.meta.tags.map(termKey)));
  const postsByTag = new Map<string, number[]>();
  tagSets.forEach((tags, index) => {
    for (const tag of tags) {
      const list = postsByTag.get(tag);
      if (list) list.push(index);
      else postsByTag.set(tag, [index]);
    }
  });
  return posts.map((_, index) => {
    if (limit === 0) return [];
    const shared = new Map<number, number>();
    for (const tag of tagSets[index]!) {
      for (const other of postsByTag.get(tag) ?? []) {
        if (other === index || (seriesKeys[index] !== undefined && seriesKeys[other] === seriesKeys[index])) continue;
        shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    // `posts` are newest first, ties by slug: a lower index is the newer post.
    return [...shared]
      .sort(([a, sa], [b, sb]) => sb - sa || a - b)
      .slice(0, limit)
      .map(([other]) => other);
  });
}
