/**
 * The oracle: Debian's `hugo`, when installed, builds the fixture blog, and every page and file it
 * writes for the blog's posts (and their aliases and bundle files) must exist in inkstone's output.
 * Hugo 0.111 lacks shortcodes the fixture uses (`details` and `x`, added later; `katex` and `math`,
 * which themes ship; the unknown `mystery`), so the copy Hugo builds gets a template for each. Everything Hugo writes must be in
 * inkstone's output (posts, aliases, bundle files, the home, section and term pages, their RSS feeds,
 * the sitemap, the single pages at the top of content/, and the taxonomies' own feeds).
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyFixtureSite, listFiles, removeDir, tempDir } from '../helpers/site.js';

const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const installed = hugo.status === 0;

describe.skipIf(!installed)('the fixture blog against Hugo', () => {
  let site: string;
  let hugoOut: string;
  beforeAll(async () => {
    site = await copyFixtureSite('hugo-blog');
    hugoOut = await tempDir('hugo-out');
    const hugoSite = await copyFixtureSite('hugo-blog');
    for (const name of ['details', 'katex', 'math'])
      await writeFile(path.join(hugoSite, `layouts/shortcodes/${name}.html`), '{{ .Inner }}');
    for (const name of ['x', 'mystery']) await writeFile(path.join(hugoSite, `layouts/shortcodes/${name}.html`), '');
    // No network: the tweet shortcode's fetch fails and is logged; the pages are still written.
    spawnSync('hugo', ['--quiet', '-s', hugoSite, '-d', hugoOut], { encoding: 'utf8' });
    await removeDir(hugoSite);
  });
  afterAll(async () => {
    await removeDir(site);
    await removeDir(hugoOut);
  });

  it('writes every page and feed Hugo writes', async () => {
    const result = await build({ siteDir: site, now: new Date('2024-01-01T00:00:00Z') });
    expect(result.ok).toBe(true);
    const theirs = await listFiles(hugoOut);
    expect(theirs.length).toBeGreaterThanOrEqual(25);
    const ours = new Set(await listFiles(path.join(site, '_site')));
    expect(theirs.filter((f) => !ours.has(f))).toEqual([]);
  });
});
