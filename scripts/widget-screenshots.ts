/**
 * The README's pictures of widgets drawn at build time (a Chart.js chart, an algorithm, a TikZ
 * picture, a diff, a typogram), light and dark, from the fixture site test/fixtures/sites/widgets:
 *   node --import tsx scripts/widget-screenshots.ts docs/screenshots
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.js';
import { launchChromium } from '../test/helpers/browser.js';
import { serveDirectory } from '../test/helpers/serve.js';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node --import tsx scripts/widget-screenshots.ts OUT_DIR');
  process.exit(2);
}
/** Each shot: a post of the fixture and which of its figures. */
const shots = [
  { name: 'widget-chartjs', page: '/2026/03/chartjs/', figure: 0 },
  { name: 'widget-pseudocode', page: '/2026/03/pseudocode/', figure: 1 },
  { name: 'widget-tikz', page: '/2026/03/tikz/', figure: 0 },
  { name: 'widget-diff', page: '/2026/03/diff/', figure: 0 },
  { name: 'widget-typograms', page: '/2026/03/typograms/', figure: 0 },
];
const site = await mkdtemp(path.join(os.tmpdir(), 'inkstone-widgets-'));
await cp('test/fixtures/sites/widgets', site, { recursive: true });
await build({ siteDir: site });
await mkdir(outDir, { recursive: true });
const server = await serveDirectory(path.join(site, '_site'));
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 760, height: 900 } });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(server.url + shot.page, { waitUntil: 'load' });
      const file = path.join(outDir, `${shot.name}-${scheme}.png`);
      await page.locator('figure.diagram').nth(shot.figure).screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}
