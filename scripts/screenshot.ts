/**
 * Screenshots of built pages in headless Chromium, light and dark:
 *   npm run screenshot -- SITE_OUTPUT_DIR OUT_DIR /path/one/ /path/two/ ...
 * Waits for diagrams to render before each shot.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/helpers/browser.js';
import { serveDirectory } from '../test/helpers/serve.js';

const [siteOut, outDir, ...pages] = process.argv.slice(2);
if (!siteOut || !outDir || pages.length === 0) {
  console.error('usage: npm run screenshot -- SITE_OUTPUT_DIR OUT_DIR PAGE_PATH...');
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
const server = await serveDirectory(siteOut);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1200, 390]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const pagePath of pages) {
        await page.goto(server.url + pagePath, { waitUntil: 'load' });
        // Lazy images below the fold would be blank in a full-page shot: load them all first.
        await page.evaluate(() =>
          Promise.all(
            [...document.images].map((img) => {
              img.loading = 'eager';
              return img.decode().catch(() => undefined);
            }),
          ),
        );
        await page.waitForFunction(
          () => [...document.querySelectorAll('pre.mermaid')].every((n) => n.querySelector('svg')),
          null,
          { timeout: 15_000 },
        );
        const name = `${pagePath.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${scheme}-${width}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage: true });
        console.log(path.join(outDir, name));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
