/**
 * The oracle: Debian's `hugo`, when installed, builds the fixture blog, and every page and file it
 * writes for the blog's posts (and their aliases and bundle files) must exist in inkstone's output.
 * Hugo 0.111 lacks two shortcodes the fixture uses (`details`, added in 0.140, and the unknown
 * `mystery`), so the copy Hugo builds gets a template for each. List pages (home, sections, terms,
 * feeds) and the single page at the top of content/ are not compared: inkstone builds posts.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyFixtureSite, listFiles, removeDir, tempDir } from '../helpers/site.js';

const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const installed = hugo.status === 0;

/** Hugo's files that are not a post's: list pages, feeds, the sitemap, the top-level page. */
const NOT_POSTS =
  /^(?:index\.html|sitemap\.xml|.*\.xml|posts\/index\.html|_posts\/index\.html|(?:tags|categories)\/.*|about\/.*)$/;

describe.skipIf(!installed)('the fixture blog against Hugo', () => {
  let site: string;
  let hugoOut: string;
  beforeAll(async () => {
    site = await copyFixtureSite('hugo-blog');
    hugoOut = await tempDir('hugo-out');
    const hugoSite = await copyFixtureSite('hugo-blog');
    await writeFile(path.join(hugoSite, 'layouts/shortcodes/details.html'), '{{ .Inner }}');
    await writeFile(path.join(hugoSite, 'layouts/shortcodes/mystery.html'), '');
    // No network: the tweet shortcode's fetch fails and is logged; the pages are still written.
    spawnSync('hugo', ['--quiet', '-s', hugoSite, '-d', hugoOut], { encoding: 'utf8' });
    await removeDir(hugoSite);
  });
  afterAll(async () => {
    await removeDir(site);
    await removeDir(hugoOut);
  });

  it('writes every post page, alias and bundle file Hugo writes', async () => {
    const result = await build({ siteDir: site, now: new Date('2024-01-01T00:00:00Z') });
    expect(result.ok).toBe(true);
    const theirs = (await listFiles(hugoOut)).filter((f) => !NOT_POSTS.test(f) && !f.startsWith('img/'));
    expect(theirs.length).toBeGreaterThanOrEqual(7);
    const ours = new Set(await listFiles(path.join(site, '_site')));
    expect(theirs.filter((f) => !ours.has(f))).toEqual([]);
  });
});
