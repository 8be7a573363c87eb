/**
 * al-folio's features as a reader meets them, in headless Chromium, light and dark: a post with
 * citations (each one jumps to its reference, which is highlighted) and a "Cite this post" block, and a
 * post with a Jupyter notebook (highlighted code, rendered math, figures that load). Screenshots of
 * both pages in both schemes are written; the README's come from the same fixture
 * (scripts/al-folio-screenshots.ts).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { copyFixtureSite, removeDir } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

/** The relative luminance (0 black, 1 white) of a CSS `rgb(…)` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The page's background colour as the reader sees it. */
function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (const el of [document.body, document.documentElement]) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  });
}

/** `colour` belongs to `scheme`: light for light, dark for dark. */
function expectSchemeColour(colour: string, scheme: 'light' | 'dark'): void {
  if (scheme === 'light') expect(luminance(colour)).toBeGreaterThan(0.8);
  else expect(luminance(colour)).toBeLessThan(0.05);
}

/** The page is in `scheme`: a light background for light, a dark one for dark. */
async function expectScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  expectSchemeColour(await pageBackground(page), scheme);
}

run('an al-folio site in the browser', () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    site = await copyFixtureSite('al-folio-features');
    const result = await build({ siteDir: site });
    expect(result.diagnostics).toEqual([]);
    server = await serveDirectory(path.join(site, '_site'));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeDir(site);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`links each citation to its reference (${scheme})`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/2024/04/02/message-passing.html`);
      await expectScheme(page, scheme);
      expect(await page.locator('.citation a').allTextContents()).toEqual([
        'Hoare, 1978',
        'Lynch, 1996',
        'Ongaro & Ousterhout, 2014',
        'Ongaro & Ousterhout, 2014',
      ]);
      await page.locator('.citation a', { hasText: 'Lynch, 1996' }).click();
      await page.waitForFunction(() => location.hash === '#ref-lynch1996');
      const target = page.locator('#ref-lynch1996');
      expect(await target.textContent()).toBe('Lynch, N. A. (1996). Distributed Algorithms. Morgan Kaufmann.');
      expect(await target.isVisible()).toBe(true);
      // The reference the reader jumped to is marked (:target), so the eye finds it.
      expect(await target.evaluate((li) => getComputedStyle(li).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      expect(await page.locator('.cite-post-bibtex').textContent()).toContain('@article{');
      const shot = path.join(site, `citations-${scheme}.png`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
      await context.close();
    });

    it(`shows the notebook with highlighted code, math and figures (${scheme})`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/2024/04/09/a-notebook.html`);
      await expectScheme(page, scheme);
      const notebook = page.locator('.notebook');
      expect(await notebook.count()).toBe(1);
      expect(await notebook.locator('.katex').count()).toBeGreaterThan(0);
      expect(await notebook.locator('.code-block .shiki').count()).toBeGreaterThan(0);
      // The code's colours follow the scheme: Shiki's dark theme in dark mode.
      const codeBg = await notebook
        .locator('.code-block .shiki')
        .first()
        .evaluate((pre) => getComputedStyle(pre).backgroundColor);
      expectSchemeColour(codeBg, scheme);
      const figures = notebook.locator('img');
      expect(await figures.count()).toBeGreaterThan(0);
      for (const img of await figures.all()) {
        await img.scrollIntoViewIfNeeded();
        expect(
          await img.evaluate((el) =>
            (el as HTMLImageElement).decode().then(() => (el as HTMLImageElement).naturalWidth),
          ),
        ).toBeGreaterThan(0);
      }
      expect(await notebook.locator('script').count()).toBe(0);
      const shot = path.join(site, `notebook-${scheme}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
      await context.close();
    });
  }
});
