/** Turns source files into the posts of this build: invalid ones reported, drafts and future posts left out. */
import type { SiteConfig } from '../config/schema.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import type { Post, SourceFile } from '../types.js';
import { createPost, type PostResult } from './post.js';

/** Which posts a build includes. */
export interface SelectOptions {
  drafts: boolean;
  future: boolean;
  now: Date;
}

/**
 * What earlier builds made of sources (createPost's results), so that a source read before is not
 * parsed and validated again. The cache answers only for the same source, configuration and code.
 */
export interface PostCache {
  get(source: SourceFile): PostResult | undefined;
  set(source: SourceFile, result: PostResult): void;
}

/** Valid, published (or allowed) posts; every invalid file adds its diagnostics to `bag`. */
export function selectPosts(
  sources: readonly SourceFile[],
  config: SiteConfig,
  options: SelectOptions,
  bag: DiagnosticBag,
  cache?: PostCache,
): Post[] {
  const posts: Post[] = [];
  for (const source of sources) {
    let result = cache?.get(source);
    if (!result) {
      result = createPost(source, config);
      cache?.set(source, result);
    }
    if (!result.ok) {
      bag.addAll(result.diagnostics);
      continue;
    }
    const { post } = result;
    bag.addAll(result.warnings);
    if (post.meta.draft && !options.drafts) continue;
    if (!options.future && Date.parse(post.meta.date) > options.now.getTime()) continue;
    posts.push(post);
  }
  return posts;
}

/** "Now" for deciding which posts are in the future: SOURCE_DATE_EPOCH when set, for reproducible builds. */
export function buildTime(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
