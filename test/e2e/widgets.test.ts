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
import { OWN_SCRIPT_SOURCES } from '../helpers/page-scripts.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

/** The kinds the page must show, by figure class. */
const KINDS = ['echarts', 'vega-lite', 'geojson', 'diff2html', 'pseudocode', 'chartjs', 'plotly', 'tikz', 'typograms'];

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
      'posts/2026-04-02-live.md': `---\ntitle: Every widget, live\ninteractive: true\n---\n\n${bodies.join('\n')}`,
      // Tiles the site would serve itself (none here: the map is drawn, its tiles answer 404).
      'inkstone.yml': 'widgets:\n  map_tiles:\n    url: "/tiles/{z}/{x}/{y}.png"\n    attribution: "Test tiles"\n',
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

  /** A page in `scheme`, recording requests that leave the site and script errors. */
  const openPage = async (scheme: 'light' | 'dark') => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) foreign.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, foreign, errors };
  };

  it('draws the interactive charts live over their static drawings, with the self-hosted libraries', async () => {
    const { context, page, foreign, errors } = await openPage('dark');
    page.on('console', (message) => {
      // A chart the loader could not draw is a warning; a missing file is checked by its response.
      if (message.type() === 'warning') errors.push(message.text());
    });
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(new URL(response.url()).pathname);
    });
    await page.goto(`${server.url}/2026/04/live/`);
    const live = ['chartjs', 'echarts', 'plotly', 'vega-lite', 'geojson'];
    // Wait for the loader to draw every chart (each library loads once, from the site).
    await page.waitForFunction(
      (count) => document.querySelectorAll('figure.widget-drawn .widget-live').length === count,
      // Two Chart.js charts, two ECharts charts, a Plotly figure, a Vega-Lite chart and a map.
      7,
      { timeout: 60_000 },
    );
    const drawn = await page.locator('figure.widget-drawn').evaluateAll((nodes) =>
      nodes.map((figure) => ({
        kind: figure.className.replace(/diagram diagram-| widget-drawn/g, ''),
        staticShown: [...figure.querySelectorAll(':scope > svg')].some(
          (svg) => getComputedStyle(svg).display !== 'none',
        ),
        liveHeight: Math.round(figure.querySelector('.widget-live')!.getBoundingClientRect().height),
        label: figure.querySelector('.widget-live')!.getAttribute('aria-label'),
        staticLabel: figure.querySelector(':scope > svg')!.getAttribute('aria-label'),
      })),
    );
    expect(new Set(drawn.map((d) => d.kind))).toEqual(new Set(live));
    for (const chart of drawn) {
      expect(chart.staticShown, chart.kind).toBe(false);
      expect(chart.liveHeight, chart.kind).toBeGreaterThan(100);
      // The live chart is named as its drawing was.
      expect(chart.label, chart.kind).toBe(chart.staticLabel);
    }
    // The other kinds stay static, as on any page.
    expect(await page.locator('figure.diagram-tikz svg:visible').count()).toBe(2);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    // Every library came from the site (the theme has no favicon yet, and the test has no tiles).
    expect(missing.filter((url) => url !== '/favicon.ico' && !url.startsWith('/tiles/'))).toEqual([]);
    // The map draws its shapes with Leaflet over the tiles, and credits them.
    expect(await page.locator('figure.diagram-geojson .leaflet-interactive').count()).toBe(3);
    expect(await page.locator('figure.diagram-geojson .leaflet-control-attribution').textContent()).toContain(
      'Test tiles',
    );
    await page.screenshot({ path: path.join(shots, 'widgets-live-dark.png'), fullPage: true });
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows each widget's ${scheme} drawing within the column, with no script and nothing fetched`, async () => {
      const { context, page, foreign, errors } = await openPage(scheme);
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
      ).toEqual(OWN_SCRIPT_SOURCES);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(shots, `widgets-${scheme}.png`), fullPage: true });
      await context.close();
    });
  }
});
