/**
 * Pictures of elements of a fixture site's pages, light and dark, for the README: the site is
 * copied, built and served, and each shot is one element of one page.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.js';
import { launchChromium } from '../test/helpers/browser.js';
import { serveDirectory } from '../test/helpers/serve.js';

/** One picture: `<name>-light.png` and `<name>-dark.png` of the element `locator` (its `nth` match) on `page`. */
export interface Shot {
  name: string;
  page: string;
  locator: string;
  nth?: number;
}

/** Builds `fixture` (a folder of test/fixtures/sites) and writes each shot into `outDir`. */
export async function shootFixture(
  fixture: string,
  shots: readonly Shot[],
  outDir: string,
  width = 900,
): Promise<void> {
  const site = await mkdtemp(path.join(os.tmpdir(), `inkstone-${fixture}-`));
  await cp(path.join('test/fixtures/sites', fixture), site, { recursive: true });
  const result = await build({ siteDir: site });
  if (!result.ok) throw new Error(`the fixture site ${fixture} did not build`);
  await mkdir(outDir, { recursive: true });
  const server = await serveDirectory(path.join(site, '_site'));
  const browser = await launchChromium();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const shot of shots) {
        await page.goto(server.url + shot.page, { waitUntil: 'load' });
        const file = path.join(outDir, `${shot.name}-${scheme}.png`);
        await page
          .locator(shot.locator)
          .nth(shot.nth ?? 0)
          .screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(site, { recursive: true, force: true });
  }
}
