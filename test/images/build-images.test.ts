/**
 * Responsive images in real builds on disk: the `<picture>` under the base path, the variant files in
 * the output, feeds with the `<img>` alone, a warm build that encodes nothing and writes the same
 * bytes, a replaced image whose page gets its new size in a warm build, and `images: false`.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { drawnImage } from '../helpers/images.js';
import { removeDir, writeSite } from '../helpers/site.js';

const CONFIG = 'title: Pictures\nurl: https://example.org/blog/\nimages:\n  widths: [320, 640]\n';
const POST =
  '---\ntitle: Photos\ndate: 2024-05-01\n---\nA photo:\n\n![The lake](/img/lake.jpg)\n\nA chart next to the post:\n\n<img src="chart.png" alt="Chart">\n';

describe('responsive images in a build', () => {
  let site: string;
  const out = () => path.join(site, '_site');
  const page = () => readFile(path.join(out(), '2024/05/photos/index.html'), 'utf8');
  const variants = async () => (await readdir(path.join(out(), 'assets/inkstone/img'))).sort();
  const run = () => build({ siteDir: site, now: new Date('2025-01-01T00:00:00Z') });

  beforeAll(async () => {
    site = await writeSite('images-build', {
      'inkstone.yml': CONFIG,
      'posts/2024-05-01-photos.md': POST,
    });
    await writeFile(path.join(site, 'posts/chart.png'), await drawnImage(200, 120));
    await mkdir(path.join(site, 'static/img'), { recursive: true });
    await writeFile(path.join(site, 'static/img/lake.jpg'), await drawnImage(900, 600, 'jpeg'));
  });
  afterAll(() => removeDir(site));

  it('writes a <picture> under the base path, its files, and feeds with the <img> alone', async () => {
    const result = await run();
    expect(result.diagnostics).toEqual([]);
    expect(result.images).toEqual({ images: 2, variants: 6, encoded: 6 });
    const files = await variants();
    expect(files.map((f) => f.replace(/-[0-9a-f]{10}-/, '-…-'))).toEqual([
      'chart-…-200.avif',
      'chart-…-200.webp',
      'lake-…-320.avif',
      'lake-…-320.webp',
      'lake-…-640.avif',
      'lake-…-640.webp',
    ]);
    const [lake320avif, lake320webp, lake640avif, lake640webp] = files.slice(2);
    const [chartAvif, chartWebp] = files;
    const sizes = 'sizes="(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem"';
    const dir = '/blog/assets/inkstone/img';
    const html = await page();
    expect(html).toContain(
      `<p><picture><source type="image/avif" srcset="${dir}/${lake320avif} 320w, ${dir}/${lake640avif} 640w" ${sizes}>` +
        `<source type="image/webp" srcset="${dir}/${lake320webp} 320w, ${dir}/${lake640webp} 640w" ${sizes}>` +
        '<img src="/blog/img/lake.jpg" alt="The lake" loading="lazy" decoding="async" width="900" height="600"></picture></p>',
    );
    expect(html).toContain(
      `<picture><source type="image/avif" srcset="${dir}/${chartAvif} 200w" ${sizes}><source type="image/webp" srcset="${dir}/${chartWebp} 200w" ${sizes}>` +
        '<img src="chart.png" alt="Chart" width="200" height="120" loading="lazy" decoding="async"></picture>',
    );
    const feed = await readFile(path.join(out(), 'feed.xml'), 'utf8');
    expect(feed).toContain(
      '<p><img src="https://example.org/blog/img/lake.jpg" alt="The lake" loading="lazy" decoding="async" width="900" height="600"></p>',
    );
    expect(feed).not.toContain('picture');
  });

  it('encodes nothing in a warm build and writes the same bytes', async () => {
    const before = await Promise.all(
      (await variants()).map((f) => readFile(path.join(out(), 'assets/inkstone/img', f))),
    );
    const html = await page();
    const result = await run();
    expect(result.images).toEqual({ images: 2, variants: 6, encoded: 0 });
    expect(await page()).toBe(html);
    const after = await Promise.all(
      (await variants()).map((f) => readFile(path.join(out(), 'assets/inkstone/img', f))),
    );
    expect(after).toEqual(before);
  });

  it('gives a replaced image its new size and files in a warm build, and drops the old files', async () => {
    const old = (await variants()).filter((f) => f.startsWith('lake-'));
    await writeFile(path.join(site, 'static/img/lake.jpg'), await drawnImage(600, 600, 'jpeg'));
    const result = await run();
    expect(result.images).toEqual({ images: 2, variants: 6, encoded: 4 });
    const html = await page();
    expect(html).toContain(
      '<img src="/blog/img/lake.jpg" alt="The lake" loading="lazy" decoding="async" width="600" height="600">',
    );
    const now = await variants();
    expect(now.filter((f) => f.startsWith('lake-'))).toHaveLength(4);
    for (const file of old) expect(now).not.toContain(file);
    // Every variant the page names is in the output.
    for (const [, url] of html.matchAll(/\/blog\/(assets\/inkstone\/img\/[^ "]+)/g))
      expect(now).toContain(path.posix.basename(url!));
  });

  it('makes no variants with images: false, and still gives images their sizes', async () => {
    await writeFile(
      path.join(site, 'inkstone.yml'),
      'title: Pictures\nurl: https://example.org/blog/\nimages: false\n',
    );
    const result = await run();
    expect(result.images).toEqual({ images: 2, variants: 0, encoded: 0 });
    const html = await page();
    expect(html).not.toContain('<picture>');
    expect(html).toContain(
      '<p><img src="/blog/img/lake.jpg" alt="The lake" loading="lazy" decoding="async" width="600" height="600"></p>',
    );
    await expect(readdir(path.join(out(), 'assets/inkstone/img'))).rejects.toThrow(/ENOENT/);
  });
});
