/**
 * `npm run bench`: builds a generated corpus with inkstone and with a naive baseline, side by side,
 * and reports cold build, warm build (nothing changed), rebuild after one post changed, posts per
 * second and peak memory, each also as a ratio to the baseline measured in the same run.
 *   npm run bench -- [--posts N] [--variant plain|tech|both] [--profile native|kramdown] [--json]
 * `--profile kramdown` reads the corpus with the kramdown profile (as a Jekyll site's posts are).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, type Variant } from './bench/corpus.js';
import { measureDevReload, type DevMeasurement, type EditSeries } from './bench/dev.js';
import { measure, type Measurement } from './bench/measure.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const posts = Number(option('posts', '1000'));
const variantArg = option('variant', 'both');
const variants: Variant[] = variantArg === 'both' ? ['plain', 'tech'] : [variantArg as Variant];
const asJson = args.includes('--json');
const profile = option('profile', 'native') === 'kramdown' ? 'kramdown' : 'native';

interface Row {
  variant: Variant;
  posts: number;
  naive: Measurement;
  cold: Measurement;
  warm: Measurement;
  onePost: Measurement;
  /** `inkstone dev`: from saving a post to the reload message for its page. */
  dev: DevMeasurement;
}

const inkstone = (site: string) =>
  measure(process.execPath, [path.join(root, 'dist', 'cli', 'bin.js'), 'build', site, '--quiet']);

async function run(variant: Variant): Promise<Row> {
  const site = await mkdtemp(path.join(os.tmpdir(), `inkstone-bench-${variant}-`));
  try {
    await writeCorpus(site, posts, variant, profile);
    const naive = await measure(process.execPath, [
      path.join(root, 'scripts', 'bench', 'naive.mjs'),
      site,
      path.join(site, '_naive'),
    ]);
    const cold = await inkstone(site);
    const warm = await inkstone(site);
    const names = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', names[Math.floor(posts / 2)]!);
    await writeFile(file, `${await readFile(file, 'utf8')}\nOne more paragraph, edited.\n`);
    const onePost = await inkstone(site);
    for (const m of [naive, cold, warm, onePost])
      if (m.exitCode !== 0) throw new Error(`a build failed with exit code ${m.exitCode}`);
    // Ten other posts from the middle of the site, edited one at a time while the dev server runs.
    const edited = names.slice(Math.floor(posts / 2) + 1, Math.floor(posts / 2) + 11).map((name) => `posts/${name}`);
    const dev = await measureDevReload(path.join(root, 'dist', 'cli', 'bin.js'), site, edited);
    return { variant, posts, naive, cold, warm, onePost, dev };
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const variant of variants) rows.push(await run(variant));

if (asJson) {
  console.log(JSON.stringify({ cores: os.availableParallelism(), node: process.version, rows }, null, 2));
} else {
  const s = (m: Measurement) => `${(m.ms / 1000).toFixed(2)} s`;
  const r = (m: Measurement, base: Measurement) => `${(m.ms / base.ms).toFixed(2)}×`;
  console.log(`inkstone benchmark: ${posts} posts, ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log(
    'variant  naive     cold (ratio)       warm (ratio)       one post (ratio)   posts/s (cold)  peak RSS (process tree, browser included)',
  );
  for (const row of rows) {
    console.log(
      [
        row.variant.padEnd(8),
        s(row.naive).padEnd(9),
        `${s(row.cold)} (${r(row.cold, row.naive)})`.padEnd(18),
        `${s(row.warm)} (${r(row.warm, row.naive)})`.padEnd(18),
        `${s(row.onePost)} (${r(row.onePost, row.naive)})`.padEnd(18),
        String(Math.round(row.posts / (row.cold.ms / 1000))).padEnd(15),
        `${Math.round(row.cold.peakRssMb)} MB cold, ${Math.round(row.warm.peakRssMb)} MB warm`,
      ].join(' '),
    );
  }
  const ms = (n: number) => `${Math.round(n)} ms`;
  const stats = (e: EditSeries) => `median ${ms(e.median)}, min ${ms(e.min)}, max ${ms(e.max)}`;
  for (const row of rows) {
    const { dev } = row;
    console.log(
      `dev reload after a one-post edit (${row.variant}, from saving the file to the reload message; server up in ${(dev.startMs / 1000).toFixed(2)} s):`,
    );
    console.log(`  ${dev.firstSaves.edits.length} different posts, one save each: ${stats(dev.firstSaves)}`);
    console.log(`  one post saved ${dev.sameSaves.edits.length} times:          ${stats(dev.sameSaves)}`);
  }
}
