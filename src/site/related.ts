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
  // Shared-tag counts of the post at hand, in one array reused for every post (reset through `touched`).
  const shared = new Int32Array(posts.length);
  const touched: number[] = [];
  // `posts` are newest first, ties by slug: a lower index is the newer post.
  const before = (a: number, b: number) => shared[a]! > shared[b]! || (shared[a] === shared[b] && a < b);
  return posts.map((_, index) => {
    if (limit === 0) return [];
    touched.length = 0;
    const series = seriesKeys[index];
    for (const tag of tagSets[index]!) {
      for (const other of postsByTag.get(tag) ?? []) {
        if (other === index || (series !== undefined && seriesKeys[other] === series)) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other]! += 1;
      }
    }
    // The best `limit` of the candidates (thousands share a common tag), kept in order as they are met.
    const best: number[] = [];
    for (const other of touched) {
      if (best.length === limit && !before(other, best[limit - 1]!)) continue;
      let at = best.length;
      while (at > 0 && before(other, best[at - 1]!)) at--;
      best.splice(at, 0, other);
      if (best.length > limit) best.pop();
    }
    for (const other of touched) shared[other] = 0;
    return best;
  });
}
