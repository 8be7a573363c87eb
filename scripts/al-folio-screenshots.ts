/**
 * The README's pictures of al-folio features (tabs, citations, a notebook), light and dark, from the
 * fixture site test/fixtures/sites/al-folio-features:
 *   node --import tsx scripts/al-folio-screenshots.ts docs/screenshots
 */
import { shootFixture } from './fixture-screenshots.js';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node --import tsx scripts/al-folio-screenshots.ts OUT_DIR');
  process.exit(2);
}
await shootFixture(
  'al-folio-features',
  [
    { name: 'al-folio-tabs', page: '/2024/04/16/two-languages.html', locator: '.tabs' },
    { name: 'al-folio-citations', page: '/2024/04/02/message-passing.html', locator: '.post-content' },
    { name: 'al-folio-notebook', page: '/2024/04/09/a-notebook.html', locator: '.notebook' },
  ],
  outDir,
);
