/**
 * al-folio's `toc: {beginning: true}`: the contents at the top of the post, open, and no side column;
 * `toc: {sidebar: left}` still puts them beside the text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { tableOfContents } from '../../src/site/toc.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const BODY = '## One\n\nText.\n\n## Two\n\nText.\n';

const BEGINNING_TOC = [
  '<nav class="post-toc post-toc-beginning" aria-label="Table of contents">',
  '  <h2 class="post-toc-title" id="post-toc-title">Contents</h2>',
  '  <ol>',
  '  <li><a href="#one">One</a></li>',
  '  <li><a href="#two">Two</a></li>',
  '</ol>',
  '',
  '</nav>',
].join('\n');

describe('tableOfContents', () => {
  it('marks toc: {beginning: true} and leaves the sidebar forms as they were', () => {
    const entries = [{ level: 2, id: 'a', text: 'A' }];
    const options = { threshold: 4 as const, depth: 3 };
    expect(tableOfContents(entries, { beginning: true }, options)).toEqual({
      side: 'right',
      beginning: true,
      items: [{ id: 'a', text: 'A', children: [] }],
    });
    expect(tableOfContents(entries, { sidebar: 'left' }, options)).toEqual({
      side: 'left',
      items: [{ id: 'a', text: 'A', children: [] }],
    });
    expect(tableOfContents(entries, { beginning: false }, options)).toEqual({
      side: 'right',
      items: [{ id: 'a', text: 'A', children: [] }],
    });
  });
});

describe.each(['default', 'paper'])('toc: {beginning: true} with the %s theme', (theme) => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite(`toc-beginning-${theme}`, {
      'inkstone.yml': `title: T\ntheme: ${theme}\npermalink: /:slug/\n`,
      'posts/2024-01-01-top.md': `---\ntitle: Top\ntoc:\n  beginning: true\n---\n${BODY}`,
      'posts/2024-01-02-left.md': `---\ntitle: Left\ntoc:\n  sidebar: left\n---\n${BODY}`,
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('shows the contents above the text and no side column', async () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    const page = await readOutput(path.join(site, '_site'), 'top/index.html');
    expect(page).toContain('<div class="post-layout">');
    expect(page).toContain(BEGINNING_TOC);
    expect(page.indexOf('post-toc-beginning')).toBeLessThan(page.indexOf('<div class="post-content">'));
    expect(page).not.toContain('post-toc-side');
    expect(page).not.toContain('post-toc-inline');
  });

  it('keeps toc: {sidebar: left} beside the text', async () => {
    const page = await readOutput(path.join(site, '_site'), 'left/index.html');
    expect(page).toContain('<div class="post-layout has-toc toc-left">');
    expect(page).toContain('<div class="post-toc post-toc-side">');
    expect(page).toContain('<details class="post-toc post-toc-inline">');
    expect(page).not.toContain('post-toc-beginning');
  });
});
