/**
 * Every kind of widget on one page, in headless Chromium, light and dark: each figure shows the
 * drawing of the reader's colour scheme and hides the other, nothing is fetched from outside the site,
 * no script runs but the theme's own, and nothing overflows the column. The page is made of the widget
 * fixture's posts, one after another; screenshots are written to test/.tmp for a person to look at.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, TEST_DIR, tempDir, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

/** The kinds the page must show, by figure class. */
const KINDS = ['echarts', 'vega-lite', 'geojson', 'diff2html', 'pseudocode', 'chartjs', 'plotly', 'tikz'];

run('every widget kind on one page in Chromium', () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  let shots: string;
  beforeAll(async () => {
    const posts = path.join(TEST_DIR, 'fixtures', 'sites', 'widgets', 'posts');
    const bodies: string[] = [];
    for (const name of (await readdir(posts)).sort()) {
      const text = await readFile(path.join(posts, name), 'utf8');
      // The broken examples stay out (a post of them, and the last part of two others): this page is about drawings.
      if (name.includes('broken')) continue;
      bodies.push(
        text
          .replace(/^---\n[\s\S]*?\n---\n/, '')
          .replace(/\n(?:And one that does not parse|One with a typo):[\s\S]*$/, '\n'),
      );
    }
    site = await writeSite('widgets-page', {
      'posts/2026-04-01-all.md': `---\ntitle: Every widget\n---\n\n${bodies.join('\n')}`,
    });
    const result = await build({ siteDir: site });
    expect(result.ok).toBe(true);
    server = await serveDirectory(path.join(site, '_site'));
    browser = await launchChromium();
    shots = await tempDir('widget-shots');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeDir(site);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows each widget's ${scheme} drawing within the column, with no script and nothing fetched`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url)) foreign.push(request.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}/2026/04/all/`);
      const figures = await page.locator('figure.diagram').evaluateAll((nodes) =>
        nodes.map((figure) => {
          const visible = [...figure.children].filter((child) => getComputedStyle(child).display !== 'none');
          const box = figure.getBoundingClientRect();
          const column = figure.parentElement!.getBoundingClientRect();
          return {
            kind: figure.className.replace('diagram diagram-', ''),
            visible: visible.map((child) => child.id),
            width: box.width,
            height: Math.round(visible[0]?.getBoundingClientRect().height ?? 0),
            inside:
              box.right <= column.right + 1 &&
              (figure.scrollWidth <= figure.clientWidth + 1 || figure.className.includes('diff')),
          };
        }),
      );
      expect(new Set(figures.map((f) => f.kind))).toEqual(new Set(KINDS));
      for (const figure of figures) {
        // One drawing shows; a kind drawn twice shows the one for this scheme.
        expect(figure.visible, figure.kind).toHaveLength(1);
        const twoDrawings = ['echarts', 'vega-lite', 'chartjs', 'plotly'].includes(figure.kind);
        if (twoDrawings) expect(figure.visible[0]!.endsWith('-dark'), figure.kind).toBe(scheme === 'dark');
        expect(figure.height, figure.kind).toBeGreaterThan(20);
        expect(figure.inside, figure.kind).toBe(true);
      }
      expect(
        await page
          .locator('script:not([type="application/ld+json"])')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('src'))),
      ).toEqual(['/assets/inkstone/scroll-regions.js']);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(shots, `widgets-${scheme}.png`), fullPage: true });
      await context.close();
    });
  }
});
