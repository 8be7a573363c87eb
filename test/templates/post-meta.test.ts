import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { removeDir, writeSite } from '../helpers/site.js';

/** The text of a page's post-meta line, whitespace as a reader sees it. */
function metaLine(html: string): string {
  const line = /<p class="post-meta">([\s\S]*?)<\/p>/.exec(html)![1]!;
  return line
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the post meta line', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('post-meta', {
      'inkstone.yml': 'author: Ada Example\nsearch: false\n',
      'posts/2024-05-01-revised.md': '---\ntitle: Revised\nupdated: 2024-06-02\n---\nSome words.\n',
      'posts/2024-05-02-plain.md': '---\ntitle: Plain\n---\nSome words.\n',
    });
  });
  afterAll(() => removeDir(site));

  it('separates the date, the update, the author and the reading time with spaced dots', async () => {
    const result = await build({ siteDir: site, write: false, cache: false });
    const page = (p: string) => Buffer.from(result.files.find((f) => f.outputPath === p)!.contents).toString('utf8');
    expect(metaLine(page('2024/05/revised/index.html'))).toBe(
      'May 1, 2024 · updated June 2, 2024 · Ada Example · 1 min read (2 words)',
    );
    expect(metaLine(page('2024/05/plain/index.html'))).toBe('May 2, 2024 · Ada Example · 1 min read (2 words)');
  });
});
