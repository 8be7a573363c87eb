/**
 * The posts and the digest of the test of shards indexed side by side (shards.test.ts), shared with
 * the child process that test starts.
 */
import { createHash } from 'node:crypto';
import type { RenderedPost } from '../../src/types.js';
import { renderedPostRecord } from '../helpers/records.js';

/** 150 posts of a few words: more than the documents Pagefind is sent at a time. */
export function sidePosts(): RenderedPost[] {
  return Array.from({ length: 150 }, (_, i) => {
    const r = renderedPostRecord({ slug: `post-${i}`, date: '2024-01-01T00:00:00.000Z' });
    r.html = `<p>words of post ${i} and ${(i * 7) % 13} more</p>`;
    return r;
  });
}

/** One hash of an index's files: their paths and bytes, in order. */
export function indexDigest(files: readonly { outputPath: string; contents: string | Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.outputPath).update('\0').update(Buffer.from(f.contents)).update('\0');
  return hash.digest('hex');
}
