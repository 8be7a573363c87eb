/**
 * The images stage on posts whose HTML is given: which images are local, their sizes, the `<picture>`
 * of a raster image and its files, what is left as the author made it, the warning for a file that is
 * not an image, and the store (a second run encodes nothing; a replaced image gets new sizes and files).
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { openDiskImageStore } from '../../src/images/image-cache.js';
import type { ImageSettings } from '../../src/images/settings.js';
import { runImagesStage } from '../../src/images/stage.js';
import type { RenderedPost } from '../../src/types.js';
import { animatedGif, drawnImage } from '../helpers/images.js';
import { renderedPostRecord } from '../helpers/records.js';
import { removeDir, tempDir } from '../helpers/site.js';

const SETTINGS: ImageSettings = {
  formats: ['avif', 'webp'],
  widths: [200, 400],
  sizes: '(max-width: 30rem) 100vw, 30rem',
};
const LAZY = 'loading="lazy" decoding="async"';

/** A post `posts/p.md` whose four HTML fields are `html` (feeds too), with `text` as its source. */
function post(html: string, text = html, excerpt = ''): RenderedPost {
  const record = renderedPostRecord({ slug: 'p', date: '2024-01-01' });
  record.post.source = { ...record.post.source, text };
  const features = { ...record.features, images: true };
  return { ...record, features, html, feedHtml: html, excerptHtml: excerpt, feedExcerptHtml: excerpt };
}

describe('the images stage', () => {
  let site: string;
  let outside: string;
  beforeAll(async () => {
    site = await tempDir('images-stage');
    outside = await tempDir('images-outside');
    await mkdir(path.join(site, 'static/img'), { recursive: true });
    await mkdir(path.join(site, 'assets'), { recursive: true });
    await mkdir(path.join(site, 'posts'), { recursive: true });
    await writeFile(path.join(site, 'static/img/wide.png'), await drawnImage(500, 250));
    await writeFile(path.join(site, 'assets/small.jpg'), await drawnImage(150, 100, 'jpeg'));
    await writeFile(path.join(site, 'posts/c d.webp'), await drawnImage(40, 30, 'webp'));
    await writeFile(path.join(site, 'posts/moving.gif'), await animatedGif(20, 10));
    await writeFile(
      path.join(site, 'posts/shape.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>',
    );
    await writeFile(path.join(site, 'posts/bad.png'), 'not an image at all');
    await writeFile(path.join(outside, 'o.png'), await drawnImage(9, 9));
    await symlink(path.join(outside, 'o.png'), path.join(site, 'posts/link.png'));
  });
  afterAll(async () => {
    await Promise.all([removeDir(site), removeDir(outside)]);
  });

  describe('without variants (images: false, the dev server)', () => {
    const run = (html: string, basePath = '/') => runImagesStage([post(html)], { siteDir: site, basePath });

    it('gives local images in static/, at the site root and next to the post their size', async () => {
      const result = await run(
        `<p><img src="/img/wide.png?v=1" alt="a" ${LAZY}> <img src="/assets/small.jpg" alt="b" ${LAZY}> <img src="c%20d.webp" alt="c" ${LAZY}></p>`,
      );
      expect(result.posts[0]!.html).toBe(
        `<p><img src="/img/wide.png?v=1" alt="a" ${LAZY} width="500" height="250"> <img src="/assets/small.jpg" alt="b" ${LAZY} width="150" height="100"> <img src="c%20d.webp" alt="c" ${LAZY} width="40" height="30"></p>`,
      );
      expect(result.files).toEqual([]);
      expect(result.diagnostics).toEqual([]);
      expect(result.stats).toEqual({ images: 3, variants: 0, encoded: 0 });
    });

    it('finds site paths under the base path', async () => {
      const result = await run('<img src="/blog/img/wide.png" alt="a">', '/blog/');
      expect(result.posts[0]!.html).toBe(`<img src="/blog/img/wide.png" alt="a" width="500" height="250" ${LAZY}>`);
    });

    it("keeps the author's width or height, and the author's loading", async () => {
      const result = await run(
        '<img src="/img/wide.png" width="50%" loading="eager"> <img src="/img/wide.png" height="20">',
      );
      expect(result.posts[0]!.html).toBe(
        '<img src="/img/wide.png" width="50%" loading="eager" decoding="async"> <img src="/img/wide.png" height="20" loading="lazy" decoding="async">',
      );
    });

    it('measures SVG and GIF files too', async () => {
      const result = await run('<img src="shape.svg"><img src="moving.gif">');
      expect(result.posts[0]!.html).toBe(
        `<img src="shape.svg" width="120" height="80" ${LAZY}><img src="moving.gif" width="20" height="10" ${LAZY}>`,
      );
    });

    it("reads no HTML of a post the markdown stage found no image in (a warm build's posts come from the cache)", async () => {
      const quiet = {
        ...post('<img src="/img/wide.png">'),
        features: renderedPostRecord({ slug: 'q', date: '2024-01-01' }).features,
      };
      const result = await runImagesStage([quiet], { siteDir: site, basePath: '/' });
      expect(result.posts[0]!.html).toBe('<img src="/img/wide.png">');
      expect(result.stats).toEqual({ images: 0, variants: 0, encoded: 0 });
    });

    it('leaves remote, missing and outside-the-site images as they are', async () => {
      const html =
        '<img src="https://x.example/a.png"><img src="missing.png"><img src="link.png"><img src="data:image/png;base64,AAAA">';
      const result = await run(html);
      expect(result.posts[0]!.html).toBe(html);
      expect(result.diagnostics).toEqual([]);
    });

    it('warns at the line of the post that names a file that is not an image, and gives the element no size', async () => {
      const text = '---\ntitle: P\n---\nSome text.\n\nSee ![Bad](bad.png) here.\n';
      const html = '<p>See <img src="bad.png" alt="Bad"> here.</p>';
      const result = await runImagesStage([post(html, text)], { siteDir: site, basePath: '/', settings: SETTINGS });
      expect(result.posts[0]!.html).toBe(`<p>See <img src="bad.png" alt="Bad" ${LAZY}> here.</p>`);
      expect(result.files).toEqual([]);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/p.md:6:12 warning[image] image posts/bad.png cannot be read: it is not an image file inkstone knows (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG, BMP, ICO); the page shows the file as it is',
      ]);
    });
  });

  describe('with variants', () => {
    it('wraps a raster image in a <picture> of every format and width, keeping the original as the <img>', async () => {
      const html = '<figure><img src="/img/wide.png" alt="Wide"><figcaption>A caption</figcaption></figure>';
      const result = await runImagesStage([post(html, html, html)], {
        siteDir: site,
        basePath: '/blog/',
        settings: SETTINGS,
      });
      const id = result.files[0]!.outputPath.match(/wide-([0-9a-f]{10})-200\.avif$/)![1];
      const sources = ['avif', 'webp']
        .map(
          (ext) =>
            `<source type="image/${ext}" srcset="/blog/assets/inkstone/img/wide-${id}-200.${ext} 200w, /blog/assets/inkstone/img/wide-${id}-400.${ext} 400w" sizes="(max-width: 30rem) 100vw, 30rem">`,
        )
        .join('');
      const picture = `<figure><picture>${sources}<img src="/img/wide.png" alt="Wide" width="500" height="250" ${LAZY}></picture><figcaption>A caption</figcaption></figure>`;
      const [out] = result.posts;
      expect(out!.html).toBe(picture);
      expect(out!.excerptHtml).toBe(picture);
      // Feed readers take the <img> alone.
      expect(out!.feedHtml).toBe(
        `<figure><img src="/img/wide.png" alt="Wide" width="500" height="250" ${LAZY}><figcaption>A caption</figcaption></figure>`,
      );
      expect(result.files.map((f) => f.outputPath)).toEqual(
        ['200.avif', '400.avif', '200.webp', '400.webp'].map((end) => `assets/inkstone/img/wide-${id}-${end}`),
      );
      const sizes = await Promise.all(result.files.map(async (f) => sharp(f.contents).metadata()));
      expect(sizes.map((m) => [m.format, m.width, m.height])).toEqual([
        ['heif', 200, 100],
        ['heif', 400, 200],
        ['webp', 200, 100],
        ['webp', 400, 200],
      ]);
      expect(result.stats).toEqual({ images: 1, variants: 4, encoded: 4 });
    });

    it('never makes an image wider than it is', async () => {
      const result = await runImagesStage([post('<img src="/assets/small.jpg">')], {
        siteDir: site,
        basePath: '/',
        settings: SETTINGS,
      });
      expect(result.files.map((f) => f.outputPath.replace(/-[0-9a-f]{10}-/, '-…-'))).toEqual([
        'assets/inkstone/img/small-…-150.avif',
        'assets/inkstone/img/small-…-150.webp',
      ]);
      expect(result.posts[0]!.html).toMatch(/srcset="\/assets\/inkstone\/img\/small-[0-9a-f]{10}-150\.avif 150w"/);
    });

    it("uses SVG, GIF, an author's srcset and an author's <picture> as they are, with their sizes", async () => {
      const html =
        '<img src="shape.svg"><img src="moving.gif"><img src="/img/wide.png" srcset="/img/wide.png 2x">' +
        '<picture><source srcset="/img/wide.png"><img src="/img/wide.png"></picture>';
      const result = await runImagesStage([post(html)], { siteDir: site, basePath: '/', settings: SETTINGS });
      expect(result.posts[0]!.html).toBe(
        `<img src="shape.svg" width="120" height="80" ${LAZY}><img src="moving.gif" width="20" height="10" ${LAZY}>` +
          `<img src="/img/wide.png" srcset="/img/wide.png 2x" width="500" height="250" ${LAZY}>` +
          `<picture><source srcset="/img/wide.png"><img src="/img/wide.png" width="500" height="250" ${LAZY}></picture>`,
      );
    });

    it("takes an image's own sizes attribute for its sources", async () => {
      const result = await runImagesStage([post('<img src="/assets/small.jpg" sizes="50vw">')], {
        siteDir: site,
        basePath: '/',
        settings: SETTINGS,
      });
      expect(result.posts[0]!.html.match(/sizes="[^"]*"/g)).toEqual(['sizes="50vw"', 'sizes="50vw"', 'sizes="50vw"']);
    });

    it('makes the variants of an image once for every post that shows it', async () => {
      const posts = [
        post('<img src="/img/wide.png">'),
        { ...post('<img src="../static/img/wide.png">'), html: '<img src="/img/wide.png">' },
      ];
      const told: Array<[string, number, number]> = [];
      const result = await runImagesStage(posts, {
        siteDir: site,
        basePath: '/',
        settings: SETTINGS,
        progress: (stage, done, total) => told.push([stage, done, total]),
      });
      expect(result.stats).toEqual({ images: 1, variants: 4, encoded: 4 });
      expect(told).toEqual([
        ['images', 0, 1],
        ['images', 1, 1],
      ]);
      expect(result.posts[0]!.html).toBe(result.posts[1]!.html);
    });
  });

  it('warns about a raster image cut short, which its header alone does not show, and makes no files of it', async () => {
    const jpeg = await drawnImage(300, 200, 'jpeg');
    await writeFile(path.join(site, 'posts/cut.jpg'), jpeg.subarray(0, jpeg.length >> 1));
    const result = await runImagesStage([post('<img src="cut.jpg">', '![](cut.jpg)\n')], {
      siteDir: site,
      basePath: '/',
      settings: SETTINGS,
    });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/p.md:1:5 warning[image] image posts/cut.jpg cannot be read: VipsJpeg: premature end of JPEG image; the page shows the file as it is',
    ]);
    expect(result.posts[0]!.html).toBe(`<img src="cut.jpg" ${LAZY}>`);
    expect(result.files).toEqual([]);
  });

  describe('with a store', () => {
    it('encodes nothing the second time, and gives a replaced image its new size and new files', async () => {
      const cache = path.join(site, '.cache/images');
      const image = path.join(site, 'posts/replaced.png');
      await writeFile(image, await drawnImage(300, 100));
      const options = { siteDir: site, basePath: '/', settings: SETTINGS, store: () => openDiskImageStore(cache) };
      const run = () => runImagesStage([post('<img src="replaced.png">')], options);
      const first = await run();
      await first.keep();
      const second = await run();
      expect(second.stats).toEqual({ images: 1, variants: 4, encoded: 0 });
      expect(second.posts[0]!.html).toBe(first.posts[0]!.html);
      expect(second.files).toEqual(first.files);
      expect(second.posts[0]!.imagesDigest).toBe(first.posts[0]!.imagesDigest);

      await writeFile(image, await drawnImage(300, 150));
      const third = await run();
      expect(third.stats.encoded).toBe(4);
      expect(third.posts[0]!.html).toContain('width="300" height="150"');
      expect(third.posts[0]!.imagesDigest).not.toBe(first.posts[0]!.imagesDigest);
      expect(third.files.map((f) => f.outputPath)).not.toEqual(first.files.map((f) => f.outputPath));
    });
  });
});
