/**
 * `npm run favicons`: draws each built-in theme's `assets/favicon.svg` at 16, 32 and 48 pixels in
 * headless Chromium and writes `assets/favicon.ico` beside it (an ICO of PNG images, which every
 * browser since 2009 reads), for the browsers and tools that ask for /favicon.ico.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../src/diagrams/browser.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SIZES = [16, 32, 48];

/** An ICO file holding `images` (PNG bytes), each `sizes[i]` pixels square. */
function icoOf(images: readonly Buffer[], sizes: readonly number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const at = 6 + 16 * i;
    const size = sizes[i]!;
    header.writeUInt8(size >= 256 ? 0 : size, at); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1); // height
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3); // reserved
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

const executable = await findBrowser(undefined);
if (!executable) throw new Error('no Chromium found: install it (apt-get install chromium) or set INKSTONE_BROWSER');
const browser = await chromium.launch({ executablePath: executable, headless: true, args: CHROMIUM_ARGS });
try {
  for (const theme of await readdir(path.join(root, 'themes'))) {
    const svgFile = path.join(root, 'themes', theme, 'assets', 'favicon.svg');
    const svg = await readFile(svgFile, 'utf8').catch(() => undefined);
    if (svg === undefined) continue;
    const images: Buffer[] = [];
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
      );
      images.push(await page.screenshot({ omitBackground: true, type: 'png' }));
      await page.close();
    }
    const target = path.join(path.dirname(svgFile), 'favicon.ico');
    await writeFile(target, icoOf(images, SIZES));
    process.stdout.write(`${path.relative(root, target)}: ${SIZES.join(', ')} px\n`);
  }
} finally {
  await browser.close();
}
