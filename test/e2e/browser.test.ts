/**
 * The built Jekyll-style post in headless Chromium, light and dark: formulas laid out by KaTeX,
 * coloured code that follows the colour scheme, and the sequence diagram as inline SVG in the
 * matching colour scheme, with no script but the copy button's and no request leaving the site.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser.js';
import { type BrowsedSite, browseSite } from '../helpers/browsed-site.js';
import type { StaticServer } from '../helpers/serve.js';
import { copyFixtureSite } from '../helpers/site.js';
import { OWN_SCRIPT_SOURCES } from '../helpers/page-scripts.js';

// CI installs Chromium (.ci/run); elsewhere the suite is skipped when no browser is installed.
const run = hasChromium() || process.env.CI ? describe : describe.skip;

run('the Jekyll-style post in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  let browsed: BrowsedSite;
  beforeAll(async () => {
    browsed = await browseSite(await copyFixtureSite('jekyll-style'));
    ({ server, browser } = browsed);
  });
  afterAll(() => browsed?.close());

  for (const scheme of ['light', 'dark'] as const) {
    it(`renders math, code and the diagram in ${scheme} mode`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 800 } });
      const page = await context.newPage();
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url)) foreign.push(request.url());
      });
      await page.goto(`${server.url}/2022/10/attention-scores/`);
      const visible = page.locator('figure.diagram svg:visible');
      expect(await visible.count()).toBe(1);
      expect(await visible.getAttribute('id')).toMatch(
        scheme === 'light' ? /^mermaid-[0-9a-f]{16}$/ : /^mermaid-[0-9a-f]{16}-dark$/,
      );
      const svgText = await visible.textContent();
      expect(svgText).toContain('dot products');
      expect(svgText).toContain('scaled scores');
      // Diagrams need no script; the only ones are every page's own and the copy button's (pages with code).
      expect(
        await page
          .locator('script:not([type="application/ld+json"])')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('src'))),
      ).toEqual([...OWN_SCRIPT_SOURCES, '/assets/inkstone/copy-code.js']);

      // KaTeX's stylesheet is applied: the MathML copy is visually hidden and the display formula is centred.
      const math = await page.evaluate(() => {
        const mathml = document.querySelector('.katex-mathml') as HTMLElement;
        const display = document.querySelector('.katex-display') as HTMLElement;
        return {
          mathmlClip: getComputedStyle(mathml).clipPath,
          displayAlign: getComputedStyle(display).textAlign,
          fontFamily: getComputedStyle(document.querySelector('.katex') as HTMLElement).fontFamily,
        };
      });
      expect(math.mathmlClip).toBe('inset(50%)');
      expect(math.displayAlign).toBe('center');
      expect(math.fontFamily).toContain('KaTeX_Main');

      // Code colours follow the scheme: Python's `for` keyword.
      const keyword = page.locator('.shiki span', { hasText: /^for$/ }).first();
      const colour = await keyword.evaluate((el) => getComputedStyle(el).color);
      expect(colour).toBe(scheme === 'light' ? 'rgb(207, 34, 46)' : 'rgb(255, 123, 114)');

      expect(foreign).toEqual([]);
      await context.close();
    });
  }
});
