/** Posts and a Liquid site for the Jekyll tests, without a build. */
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { TEST_DIR } from '../helpers/site.js';
import { createSiteReader } from '../../src/core/site-reader.js';
import { pageVariables } from '../../src/jekyll/liquid-data.js';
import type { LiquidSite } from '../../src/jekyll/liquid-run.js';
import { renderPostLiquid, type LiquidResult } from '../../src/jekyll/render-liquid.js';
import { parseBaseUrl } from '../../src/core/urls.js';
import type { Post } from '../../src/types.js';

/** The al-folio-style fixture site. */
export const FOLIO_DIR = path.join(TEST_DIR, 'fixtures', 'sites', 'jekyll-folio');

/** A post whose body starts on line `bodyLine` of `file` (lines before it are front matter). */
export function makePost(
  body: string,
  options: { file?: string; bodyLine?: number; data?: Record<string, unknown> } = {},
): Post {
  const bodyLine = options.bodyLine ?? 4;
  const front = [
    '---',
    'title: Test post',
    ...Array.from({ length: bodyLine - 4 }, (_, i) => `key${i}: x`),
    '---',
  ].join('\n');
  return {
    source: { relPath: options.file ?? '_posts/2024-02-03-test.md', absPath: '', text: `${front}\n${body}`, hash: '' },
    meta: {
      title: 'Test post',
      date: '2024-02-03T10:00:00.000Z',
      updated: undefined,
      description: undefined,
      tags: ['alpha', 'beta'],
      categories: ['notes'],
      layout: 'post',
      draft: false,
      permalink: undefined,
      redirectFrom: [],
      data: { title: 'Test post', ...options.data },
    },
    body,
    bodyLine,
    slug: 'test',
    url: '/notes/2024/02/03/test.html',
    outputPath: 'notes/2024/02/03/test.html',
  };
}

/** A Liquid site served from `https://example.org/blog/`, with one other post and the fixture's `_includes/`. */
export function makeSite(overrides: Partial<LiquidSite> = {}): LiquidSite {
  const md = new MarkdownIt({ html: true });
  return {
    readInclude: async (name) => {
      if (name.includes('..'))
        return {
          ok: false,
          reason: `"${name}" is not a file name inside _includes/ (no absolute paths, "." or ".." segments)`,
        };
      const { readFile } = await import('node:fs/promises');
      try {
        return { ok: true, text: await readFile(path.join(FOLIO_DIR, '_includes', name), 'utf8') };
      } catch {
        return { ok: false, reason: `_includes/${name} does not exist` };
      }
    },
    postUrls: new Map([
      ['2023-01-02-other', '/2023/01/02/other.html'],
      ['sub/2023-01-05-deep', '/2023/01/05/deep.html'],
    ]),
    linkTargets: new Map([
      ['_posts/2023-01-02-other.md', '/2023/01/02/other.html'],
      ['assets/paper.pdf', '/assets/paper.pdf'],
    ]),
    base: parseBaseUrl('https://example.org/blog/'),
    timezone: 'Europe/Paris',
    markdownify: (text) => md.render(text),
    siteFiles: createSiteReader(FOLIO_DIR),
    embeds: { twitter_script: false },
    bibliographies: { forPost: async () => undefined },
    ...overrides,
  };
}

/** Renders `body` as the Liquid of a post with the usual site variables. */
export function liquid(
  body: string,
  options: { bodyLine?: number; site?: Partial<LiquidSite>; siteVars?: Record<string, unknown> } = {},
): Promise<LiquidResult> {
  const post = makePost(body, { bodyLine: options.bodyLine });
  const site = {
    title: 'Example & Co',
    baseurl: '/blog',
    url: 'https://example.org',
    lab: { name: 'Q' },
    ...options.siteVars,
  };
  return renderPostLiquid(post, makeSite(options.site), { site, page: pageVariables(post) });
}

/** Diagnostics without their source text, for exact comparison. */
export function bare<T extends { sourceText?: string }>(items: readonly T[]): Array<Omit<T, 'sourceText'>> {
  return items.map(({ sourceText: _text, ...rest }) => rest);
}
