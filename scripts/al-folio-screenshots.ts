/**
 * The README's pictures of al-folio features (tabs, citations, a notebook), light and dark, from the
 * fixture site test/fixtures/sites/al-folio-features:
 *   node --import tsx scripts/al-folio-screenshots.ts docs/screenshots
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.js';
import { launchChromium } from '../test/helpers/browser.js';
import { serveDirectory } from '../test/helpers/serve.js';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node --import tsx scripts/al-folio-screenshots.ts OUT_DIR');
  process.exit(2);
}
const shots = [
  { name: 'al-folio-tabs', page: '/2024/04/16/two-languages.html', element: '.tabs' },
  { name: 'al-folio-citations', page: '/2024/04/02/message-passing.html', element: '.post-content' },
  { name: 'al-folio-notebook', page: '/2024/04/09/a-notebook.html', element: '.notebook' },
];
const site = await mkdtemp(path.join(os.tmpdir(), 'inkstone-al-folio-'));
await cp('test/fixtures/sites/al-folio-features', site, { recursive: true });
const result = await build({ siteDir: site });
if (!result.ok) throw new Error('the fixture site did not build');
await mkdir(outDir, { recursive: true });
const server = await serveDirectory(path.join(site, '_site'));
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(server.url + shot.page, { waitUntil: 'load' });
      const file = path.join(outDir, `${shot.name}-${scheme}.png`);
      await page.locator(shot.element).first().screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}
