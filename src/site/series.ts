/** Series: posts that share a `series:` name, numbered in date order, each series with its own index page. */
import type { Diagnostic } from '../core/diagnostics.js';
import { slugify, termKey } from '../content/slug.js';
import type { RenderedPost, Series } from '../types.js';

/**
 * The `series:` name a post gives: a string or number, or a list of one (Hugo's taxonomy form). Other
 * values (some themes keep a map there) are not a series name and are left to the layouts.
 */
export function seriesName(post: RenderedPost): string | undefined {
  const raw = post.post.meta.data['series'];
  const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const name = String(value).trim();
  return name || undefined;
}

/**
 * Groups `posts` (indices refer to this array) into series: names equal under `termKey` are one series,
 * named as its first part writes it. Parts run oldest first, same-date parts by slug. Two series whose
 * slugs collide are an error naming both.
 */
export function buildSeries(posts: readonly RenderedPost[]): { series: Series[]; diagnostics: Diagnostic[] } {
  const byKey = new Map<string, number[]>();
  posts.forEach((post, index) => {
    const name = seriesName(post);
    if (name === undefined) return;
    const key = termKey(name);
    byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, Series>();
  for (const [key, indices] of byKey) {
    const postIndices = [...indices].sort((a, b) => compareOldestFirst(posts[a]!, posts[b]!));
    const first = posts[postIndices[0]!]!;
    const name = seriesName(first)!;
    const slug = slugify(key) || encodeURIComponent(key);
    const clash = bySlug.get(slug);
    if (clash) {
      diagnostics.push({
        severity: 'error',
        code: 'series',
        message: `series "${clash.name}" (${posts[clash.postIndices[0]!]!.post.source.relPath}) and "${name}" (${first.post.source.relPath}) would both be written to /series/${slug}/: rename one of them`,
        location: { file: first.post.source.relPath },
      });
      continue;
    }
    bySlug.set(slug, {
      name,
      key,
      slug,
      url: `/series/${slug}/`,
      outputPath: `series/${slug}/index.html`,
      postIndices,
    });
  }
  const series = [...bySlug.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.key < b.key ? -1 : 1),
  );
  return { series, diagnostics };
}

function compareOldestFirst(a: RenderedPost, b: RenderedPost): number {
  const da = Date.parse(a.post.meta.date);
  const db = Date.parse(b.post.meta.date);
  if (da !== db) return da - db;
  return a.post.slug < b.post.slug ? -1 : a.post.slug > b.post.slug ? 1 : 0;
}
