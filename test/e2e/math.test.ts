/**
 * A numbered `align` with a reference to it, and a formula only the MathJax fallback renders, in
 * headless Chromium, light and dark: the tags are drawn, the reference leads to the equation, and the
 * fallback's SVG is drawn in the page's text colour.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser.js';
import { type BrowsedSite, browseSite } from '../helpers/browsed-site.js';
import type { StaticServer } from '../helpers/serve.js';
import { TEST_DIR, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const POST = [
  '---',
  'title: Momentum, numbered',
  'date: 2024-03-01',
  '---',
  'The update in \\eqref{eq:velocity} feeds \\eqref{eq:position}.',
  '',
  '\\begin{align}',
  'v_{t+1} &= \\beta v_t + \\nabla f(x_t) \\label{eq:velocity} \\\\',
  'x_{t+1} &= x_t - \\eta\\, v_{t+1} \\label{eq:position}',
  '\\end{align}',
  '',
  'The step is bounded by $\\eta_\\max$, a formula KaTeX refuses.',
  '',
].join('\n');

run('numbered equations in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  let browsed: BrowsedSite;
  beforeAll(async () => {
    browsed = await browseSite(await writeSite('math-e2e', { 'posts/momentum.md': POST }), (result) =>
      expect(result.stats.mathFallbacks).toBe(1),
    );
    ({ server, browser } = browsed);
  });
  afterAll(() => browsed?.close());

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the numbers, links the references and draws the fallback in ${scheme} mode`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/2024/03/momentum/`);
      // KaTeX draws an environment's tags in one column beside it.
      const tags = await page.locator('.katex-tag').allTextContents();
      expect(tags.map((t) => t.replace(/\u200b/g, '').trim())).toEqual(['(1)(2)']);
      const refs = await page.locator('a.math-ref').evaluateAll((links) =>
        links.map((a) => {
          const target = document.getElementById(decodeURIComponent((a as HTMLAnchorElement).hash.slice(1)));
          return { text: a.textContent, found: target !== null };
        }),
      );
      expect(refs).toEqual([
        { text: '(1)', found: true },
        { text: '(2)', found: true },
      ]);
      // Following a reference scrolls its equation into view.
      await page.locator('a.math-ref').nth(1).click();
      const inView = await page.evaluate(() => {
        const box = document.getElementById('mjx-eqn:eq:position')!.getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
      });
      expect(inView).toBe(true);
      // The fallback SVG is visible and takes the text colour of the scheme.
      const svg = page.locator('.math-fallback svg');
      expect(await svg.isVisible()).toBe(true);
      const colours = await page.evaluate(() => ({
        svg: getComputedStyle(document.querySelector('.math-fallback svg')!).color,
        text: getComputedStyle(document.querySelector('.post-content p')!).color,
      }));
      expect(colours.svg).toBe(colours.text);
      // Its MathML is there for screen readers only.
      const mathml = await page.locator('.math-fallback .katex-mathml').boundingBox();
      expect(mathml!.width).toBeLessThanOrEqual(1);
      const shots = path.join(TEST_DIR, '.tmp', 'screenshots');
      await mkdir(shots, { recursive: true });
      await page.goto(`${server.url}/2024/03/momentum/`);
      await page.locator('.post-content').screenshot({ path: path.join(shots, `math-numbering-${scheme}.png`) });
      await context.close();
    });
  }
});
