/**
 * Responsive images in headless Chromium, in both themes, on a site served under /blog/: the browser
 * picks the AVIF variant that fits the column (a wide one on a laptop, a narrow one on a phone), the
 * image is shown at the column's width with its own proportions, and its box has its height before
 * the image loads (no jump), with no request failing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { drawnImage } from '../helpers/images.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const POST =
  '---\ntitle: A lake at dusk\ndate: 2024-05-01\n---\n' +
  `${'A paragraph of text before the picture, long enough to push it below the fold. '.repeat(40)}\n\n` +
  '![A lake at dusk](/img/lake.jpg "The lake, drawn by a test")\n';

for (const theme of ['default', 'paper']) {
  run(`responsive images in the browser (${theme} theme)`, () => {
    let site: string;
    let server: StaticServer;
    let browser: Browser;
    let url: string;
    beforeAll(async () => {
      site = await writeSite(`images-e2e-${theme}`, {
        'inkstone.yml': `title: Pictures\nurl: /blog/\ntheme: ${theme}\nsearch: false\n`,
        'posts/2024-05-01-lake.md': POST,
      });
      await mkdir(path.join(site, 'static/img'), { recursive: true });
      await writeFile(path.join(site, 'static/img/lake.jpg'), await drawnImage(1800, 1200, 'jpeg'));
      const result = await build({ siteDir: site });
      expect(result.diagnostics).toEqual([]);
      server = await serveDirectory(path.join(site, '_site'), { prefix: '/blog/' });
      browser = await launchChromium();
      url = `${server.url}/blog/2024/05/lake/`;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await removeDir(site);
    });

    for (const [device, viewport, chosen] of [
      ['a laptop', { width: 1200, height: 800 }, 960],
      ['a phone', { width: 390, height: 800 }, 480],
    ] as const) {
      it(`shows the ${chosen} px AVIF variant on ${device}, at the column's width, boxed before it loads`, async () => {
        const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
        const failed: string[] = [];
        page.on('response', (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        });
        // The variants are held back until the box has been measured: before the picture arrives, its
        // box must already have the picture's proportions (from width and height), so nothing jumps.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await page.route('**/assets/inkstone/img/**', async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        const img = page.locator('figure img');
        const before = await img.evaluate((el: HTMLImageElement) => ({
          loaded: el.complete && el.naturalWidth > 0,
          ratio: el.getBoundingClientRect().height / el.getBoundingClientRect().width,
        }));
        expect(before.loaded).toBe(false);
        expect(before.ratio).toBeCloseTo(2 / 3, 2);
        release();
        await img.scrollIntoViewIfNeeded();
        await page.waitForFunction(() => {
          const el = document.querySelector<HTMLImageElement>('figure img');
          return el?.complete === true && el.naturalWidth > 0;
        });
        // Decoded, so that the screenshot shows it (it decodes off the main thread).
        await img.evaluate((el: HTMLImageElement) => el.decode());
        const shown = await img.evaluate((el: HTMLImageElement) => {
          const column = el.closest('.post-content')!.getBoundingClientRect().width;
          const box = el.getBoundingClientRect();
          return { src: el.currentSrc, natural: el.naturalWidth, width: box.width, height: box.height, column };
        });
        expect(shown.src).toMatch(new RegExp(`/blog/assets/inkstone/img/lake-[0-9a-f]{10}-${chosen}\\.avif$`));
        expect(shown.width).toBeCloseTo(shown.column, 0);
        expect(shown.height / shown.width).toBeCloseTo(2 / 3, 2);
        await page.screenshot({ path: path.join(TEST_DIR, '.tmp', `images-${theme}-${viewport.width}.png`) });
        expect(failed).toEqual([]);
        await page.close();
      });
    }
  });
}
