/**
 * `npm run bench -- --images [--photos N]`: what responsive images cost. A site of N posts, each with
 * one photo-sized JPEG (2400 × 1600, drawn here), is built cold with the default settings (AVIF and
 * WebP at 480, 960 and 1440 pixels) and, in the same rounds, a copy with `images: false`; then warm,
 * then with one photo replaced before each build. Prints the medians, the time each photo adds, and
 * the bytes a reader fetches at each width against the original's.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { type Measurement, measure } from './measure.js';

/** What the images bench needs from the main script. */
export interface ImagesBenchOptions {
  base: string;
  runs: number;
  photos: number;
  /** `inkstone build` arguments for a site (the built CLI). */
  buildArgs: (site: string) => string[];
  /** Deletes a site's output and caches. */
  clean: (site: string) => Promise<void>;
  check: (what: string, m: Measurement) => Measurement;
  progress: (message: string) => void;
}

/** A `width` × `height` JPEG, different for each `seed`: gradients and a wave, as a photo has detail everywhere. */
async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.floor(((x + seed * 37) * 255) / width) & 255;
      raw[i + 1] = Math.floor((y * 255) / height);
      raw[i + 2] = Math.floor((Math.sin((x + seed) / 23) * Math.cos(y / (17 + (seed % 5))) + 1) * 127);
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function writePhotoSite(site: string, photos: number): Promise<void> {
  await mkdir(path.join(site, 'posts'), { recursive: true });
  await mkdir(path.join(site, 'static/img'), { recursive: true });
  await writeFile(path.join(site, 'inkstone.yml'), 'title: Photos\nsearch: false\n');
  for (let i = 0; i < photos; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String(Math.floor(i / 28) + 1).padStart(2, '0');
    await writeFile(
      path.join(site, 'posts', `2024-${month}-${day}-photo-${i}.md`),
      `---\ntitle: Photo ${i}\n---\nA walk, and what it looked like.\n\n![Photo ${i}](/img/photo-${i}.jpg)\n`,
    );
    await writeFile(path.join(site, 'static/img', `photo-${i}.jpg`), await photo(2400, 1600, i));
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs the bench and returns its report, as lines. */
export async function runImagesBench(options: ImagesBenchOptions): Promise<string[]> {
  const { base, runs, photos, buildArgs, clean, check, progress } = options;
  const site = path.join(base, 'images');
  const without = path.join(base, 'images-off');
  progress(`images: drawing ${photos} photos into ${site}`);
  await writePhotoSite(site, photos);
  await cp(site, without, { recursive: true });
  await writeFile(path.join(without, 'inkstone.yml'), 'title: Photos\nsearch: false\nimages: false\n');
  const build = async (what: string, dir: string) => check(what, await measure(process.execPath, buildArgs(dir))).ms;

  const cold: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < runs; r++) {
    progress(`images: cold builds, round ${r + 1} of ${runs}`);
    await clean(site);
    cold.push(await build('cold build with images', site));
    await clean(without);
    off.push(await build('cold build with images: false', without));
  }
  const warm: number[] = [];
  for (let r = 0; r < runs; r++) warm.push(await build('warm build', site));
  const replaced: number[] = [];
  for (let r = 0; r < runs; r++) {
    progress(`images: one photo replaced, build ${r + 1} of ${runs}`);
    const i = Math.floor((photos * (r + 1)) / (runs + 1));
    await writeFile(path.join(site, 'static/img', `photo-${i}.jpg`), await photo(2400, 1600, photos + r));
    replaced.push(await build('build with one photo replaced', site));
  }

  // Bytes a reader fetches: the original, against each variant (averaged over the photos).
  const dir = path.join(site, '_site', 'assets', 'inkstone', 'img');
  const bySuffix = new Map<string, number[]>();
  for (const name of await readdir(dir)) {
    const suffix = name.replace(/^.*-(\d+\.\w+)$/, '$1');
    bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), (await stat(path.join(dir, name))).size]);
  }
  const originals = await Promise.all(
    Array.from({ length: photos }, (_, i) => readFile(path.join(site, 'static/img', `photo-${i}.jpg`))),
  );
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const [c, o] = [median(cold), median(off)];
  return [
    `responsive images: ${photos} posts with one 2400 × 1600 JPEG each, medians of ${runs}`,
    `  cold: ${s(c)} with variants (AVIF and WebP at 480, 960, 1440 px), ${s(o)} with images: false (same rounds): ` +
      `+${s(c - o)}, ${((c - o) / photos / 1000).toFixed(2)} s a photo`,
    `  warm (nothing changed): ${s(median(warm))}; one photo replaced: ${s(median(replaced))}`,
    `  bytes, mean over the photos: original JPEG ${kb(mean(originals.map((b) => b.length)))}; ` +
      [...bySuffix]
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([suffix, sizes]) => `${suffix} ${kb(mean(sizes))}`)
        .join(', '),
  ];
}
