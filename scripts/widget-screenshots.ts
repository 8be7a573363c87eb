/**
 * The README's pictures of widgets drawn at build time (a Chart.js chart, an algorithm, a TikZ
 * picture, a diff, a typogram), light and dark, from the fixture site test/fixtures/sites/widgets:
 *   node --import tsx scripts/widget-screenshots.ts docs/screenshots
 */
import { shootFixture } from './fixture-screenshots.js';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node --import tsx scripts/widget-screenshots.ts OUT_DIR');
  process.exit(2);
}
// The broken examples of the fixture make warnings, not errors: the build is still ok.
await shootFixture(
  'widgets',
  [
    { name: 'widget-chartjs', page: '/2026/03/chartjs/', locator: 'figure.diagram' },
    { name: 'widget-pseudocode', page: '/2026/03/pseudocode/', locator: 'figure.diagram', nth: 1 },
    { name: 'widget-tikz', page: '/2026/03/tikz/', locator: 'figure.diagram' },
    { name: 'widget-diff', page: '/2026/03/diff/', locator: 'figure.diagram' },
    { name: 'widget-typograms', page: '/2026/03/typograms/', locator: 'figure.diagram' },
  ],
  outDir,
  760,
);
