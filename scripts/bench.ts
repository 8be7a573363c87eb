/**
 * `npm run bench`: builds a generated corpus with a naive loop (read + gray-matter + markdown-it +
 * write), Hugo and Eleventy 3 (when installed) and inkstone, in the same run, on a RAM disk, and
 * prints one markdown row per corpus: the median of `--runs` whole-process builds of each, in seconds
 * and as a ratio to the naive loop, and the peak RSS of inkstone's process tree.
 *   npm run bench -- [--variant plain|tech|both] [--posts N] [--runs N] [--profile native|kramdown]
 *                    [--dir DIR] [--no-peers] [--eleventy-dir DIR] [--no-install] [--timings] [--dev]
 *                    [--keep] [--json] [--search] [--images [--photos N]]
 * Defaults: both corpora, `plain` with 4,000 posts and `tech` with 1,000; 3 runs; the build tree in
 * /dev/shm. Cold builds start without output or caches (inkstone's `.inkstone-cache` included); warm
 * builds change nothing; "one post changed" edits a different post before each build.
 * `--profile kramdown` reads the corpus with the kramdown profile (as a Jekyll site's posts are).
 * Hugo is the `hugo` on PATH; Eleventy 3 and its plugins are installed with npm into `--eleventy-dir`
 * (default ~/.cache/inkstone-bench/eleventy) the first time, unless `--no-install`.
 * `--timings` adds a cold and a warm `inkstone build --timings` and prints their stages.
 * `--dev` also times `inkstone dev` from saving a post to the reload message.
 * `--search` also builds a copy of each corpus with `search: false`, cold, in the same rounds, and
 * prints what the search index adds (time and bytes).
 * `--hugo-input` also builds, cold and in the same rounds, the corpus written as a Hugo site (the
 * one Hugo builds: hugo.toml, content/posts/), with inkstone's Hugo adapter, and prints its time
 * against inkstone on the same posts as its own site.
 * `--images` runs the responsive images bench instead of the corpora (see bench/images.ts):
 * `--photos N` posts (default 24) with one photo each.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, type Variant } from './bench/corpus.js';
import { measureDevReload, type DevMeasurement, type EditSeries } from './bench/dev.js';
import { measure, type Measurement } from './bench/measure.js';
import { runImagesBench } from './bench/images.js';
import { type SearchCost, searchCostLine, searchFromReport, writeSiteWithoutSearch } from './bench/search.js';
import {
  cleanPeer,
  countPostPages,
  findEleventy,
  findHugo,
  writeEleventySite,
  writeHugoSite,
  type Peer,
  type PeerBuild,
} from './bench/peers.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const flag = (name: string) => args.includes(`--${name}`);
const DEFAULT_POSTS: Record<Variant, number> = { plain: 4000, tech: 1000 };

const variantArg = option('variant', 'both');
if (!['plain', 'tech', 'both'].includes(variantArg)) fail(`--variant must be plain, tech or both, not ${variantArg}`);
const variants: Variant[] = variantArg === 'both' ? ['plain', 'tech'] : [variantArg as Variant];
const postsArg = option('posts', '');
const runs = Number(option('runs', '3'));
if (postsArg && !(Number(postsArg) >= 1)) fail(`--posts must be a positive number, not ${postsArg}`);
if (!(Number.isInteger(runs) && runs >= 1)) fail(`--runs must be a positive integer, not ${option('runs', '')}`);
const postsFor = (variant: Variant) => (postsArg ? Math.floor(Number(postsArg)) : DEFAULT_POSTS[variant]);
const asJson = flag('json');
const profile = option('profile', 'native') === 'kramdown' ? 'kramdown' : 'native';
const peers = !flag('no-peers');
const eleventyDir = path.resolve(
  option('eleventy-dir', path.join(os.homedir(), '.cache', 'inkstone-bench', 'eleventy')),
);

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

/** Builds of one tool: each run's time and peak memory, and their medians. */
interface Series {
  ms: number[];
  peakRssMb: number[];
  medianMs: number;
  /** The highest peak of the runs. */
  maxPeakRssMb: number;
  /** The highest peak PSS of the runs (see measure.ts). */
  maxPeakPssMb: number;
  /** The median of the runs' CPU time of the whole process tree (see measure.ts). */
  medianCpuMs: number;
}

/** A peer in one corpus: its cold builds, or why it did not run. */
type PeerResult =
  | { status: 'ok'; version: string; cold: Series; postPages: number }
  | { status: 'not installed' | 'skipped' | 'failed'; reason: string };

interface Row {
  variant: Variant;
  posts: number;
  naive: Series;
  hugo: PeerResult;
  eleventy: PeerResult;
  cold: Series;
  warm: Series;
  onePost: Series;
  /** Post pages inkstone wrote (from its build report). */
  postPages: number;
  /** Stage timings of one cold and one warm `inkstone build --timings`, with `--timings`. */
  timings?: { cold: Stage[]; warm: Stage[] };
  /** `inkstone dev`: from saving a post to the reload message for its page, with `--dev`. */
  dev?: DevMeasurement;
  /** What the search index adds to a cold build, with `--search`. */
  search?: SearchCost;
  /** inkstone's cold builds of the corpus written as a Hugo site, with `--hugo-input`. */
  hugoInput?: Series;
}

interface Stage {
  stage: string;
  ms: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function series(measurements: readonly Measurement[]): Series {
  const ms = measurements.map((m) => m.ms);
  const peakRssMb = measurements.map((m) => m.peakRssMb);
  return {
    ms,
    peakRssMb,
    medianMs: median(ms),
    maxPeakRssMb: Math.max(...peakRssMb),
    maxPeakPssMb: Math.max(...measurements.map((m) => m.peakPssMb)),
    medianCpuMs: median(measurements.map((m) => m.cpuMs)),
  };
}

/** Fails on a build that exited non-zero, with the end of its stderr. */
function check(what: string, m: Measurement): Measurement {
  if (m.exitCode !== 0) throw new Error(`${what} failed with exit code ${m.exitCode}:\n${m.stderr.slice(-4000)}`);
  return m;
}

/** The folder for the build tree: `--dir`, else /dev/shm (a RAM disk), else the system's temporary folder. */
async function benchBase(): Promise<{ base: string; ramDisk: boolean }> {
  const chosen = option('dir', '');
  if (chosen) {
    await mkdir(chosen, { recursive: true });
    return { base: await mkdtemp(path.join(path.resolve(chosen), 'inkstone-bench-')), ramDisk: false };
  }
  try {
    await access('/dev/shm', constants.W_OK);
    return { base: await mkdtemp(path.join('/dev/shm', 'inkstone-bench-')), ramDisk: true };
  } catch {
    progress(
      `warning: /dev/shm is missing or not writable; building in ${os.tmpdir()}, which may be a disk (use --dir for a RAM disk)`,
    );
    return { base: await mkdtemp(path.join(os.tmpdir(), 'inkstone-bench-')), ramDisk: false };
  }
}

// `--future`: the corpus's dates run years ahead (1.5 days apart from 2015); every tool builds every post.
const inkstoneArgs = (site: string, extra: string[] = []) => [bin, 'build', site, '--quiet', '--future', ...extra];

/** Deletes inkstone's output and render and diagram caches: the next build is cold. */
/**
 * The corpus as a Hugo site (the Hugo peer's files), with the corpus's own inkstone.yml beside them so
 * both builds use the same settings (no social cards); the Hugo adapter still reads hugo.toml's site.
 */
async function writeHugoInput(site: string, postsDir: string, dir: string): Promise<string> {
  await writeHugoSite(postsDir, dir);
  await writeFile(
    path.join(dir, 'inkstone.yml'),
    `${await readFile(path.join(site, 'inkstone.yml'), 'utf8')}url_style: hugo\n`,
  );
  return dir;
}

async function cleanInkstone(site: string): Promise<void> {
  await rm(path.join(site, '_site'), { recursive: true, force: true });
  await rm(path.join(site, '.inkstone-cache'), { recursive: true, force: true });
}

/** One `inkstone build --timings` (not timed itself); its stages, from its build report. */
async function inkstoneStages(site: string, report: string): Promise<Stage[]> {
  check(
    'inkstone build --timings',
    await measure(process.execPath, inkstoneArgs(site, ['--timings', '--report-json', report])),
  );
  return (JSON.parse(await readFile(report, 'utf8')) as { timings: Stage[] }).timings;
}

async function run(variant: Variant, base: string, hugo: Peer, eleventy: Peer): Promise<Row> {
  const posts = postsFor(variant);
  const dir = path.join(base, variant);
  const site = path.join(dir, 'site');
  progress(`${variant}: writing ${posts} posts into ${site}`);
  await writeCorpus(site, posts, variant, profile);
  const postsDir = path.join(site, 'posts');
  const naiveOut = path.join(dir, 'naive-out');

  const peerBuilds: Array<{ name: string; peer: Peer; build?: PeerBuild; runs: Measurement[] }> = [
    { name: 'Hugo', peer: hugo, runs: [] },
    { name: 'Eleventy 3', peer: eleventy, runs: [] },
  ];
  if (hugo.installed) peerBuilds[0]!.build = await writeHugoSite(postsDir, path.join(dir, 'hugo'));
  if (eleventy.installed)
    peerBuilds[1]!.build = await writeEleventySite(
      postsDir,
      path.join(dir, 'eleventy'),
      path.join(dir, 'eleventy-out'),
      eleventyDir,
      variant,
    );
  const failures = new Map<string, string>();
  const withoutSearch = flag('search') ? await writeSiteWithoutSearch(site, path.join(dir, 'no-search')) : undefined;
  const noSearch: Measurement[] = [];
  const hugoInput = flag('hugo-input') ? await writeHugoInput(site, postsDir, path.join(dir, 'hugo-input')) : undefined;
  const hugoInputRuns: Measurement[] = [];

  // Cold builds, one of each tool per round, so a change in the machine's load touches them all alike.
  const naive: Measurement[] = [];
  const cold: Measurement[] = [];
  for (let r = 0; r < runs; r++) {
    progress(`${variant}: cold builds, round ${r + 1} of ${runs}`);
    await rm(naiveOut, { recursive: true, force: true });
    naive.push(
      check(
        'the naive loop',
        await measure(process.execPath, [path.join(root, 'scripts', 'bench', 'naive.mjs'), site, naiveOut]),
      ),
    );
    for (const p of peerBuilds) {
      if (!p.build || failures.has(p.name)) continue;
      await cleanPeer(p.build);
      const m = await measure(p.build.command, p.build.args, { cwd: p.build.cwd });
      if (m.exitCode === 0) p.runs.push(m);
      else {
        failures.set(p.name, `exit code ${m.exitCode}`);
        progress(`warning: ${p.name} failed with exit code ${m.exitCode}:\n${m.stderr.slice(-2000)}`);
      }
    }
    await cleanInkstone(site);
    cold.push(check('inkstone cold build', await measure(process.execPath, inkstoneArgs(site))));
    if (hugoInput) {
      await cleanInkstone(hugoInput);
      hugoInputRuns.push(
        check('inkstone cold build of the Hugo site', await measure(process.execPath, inkstoneArgs(hugoInput))),
      );
    }
    if (withoutSearch) {
      await cleanInkstone(withoutSearch);
      noSearch.push(
        check('inkstone cold build without search', await measure(process.execPath, inkstoneArgs(withoutSearch))),
      );
    }
  }

  const warm: Measurement[] = [];
  for (let r = 0; r < runs; r++) {
    progress(`${variant}: warm build ${r + 1} of ${runs}`);
    warm.push(check('inkstone warm build', await measure(process.execPath, inkstoneArgs(site))));
  }

  // A different post before each build, spread over the site.
  const names = (await readdir(postsDir)).filter((name) => name.endsWith('.md')).sort();
  const onePost: Measurement[] = [];
  for (let r = 0; r < runs; r++) {
    progress(`${variant}: one post changed, build ${r + 1} of ${runs}`);
    const file = path.join(postsDir, names[Math.floor((names.length * (r + 1)) / (runs + 1))]!);
    await writeFile(file, `${await readFile(file, 'utf8')}\nOne more paragraph, edited before build ${r + 1}.\n`);
    onePost.push(check('inkstone one-post build', await measure(process.execPath, inkstoneArgs(site))));
  }

  // Every tool must have rendered every post, or its time means little.
  const report = path.join(dir, 'inkstone-report.json');
  check('inkstone build --report-json', await measure(process.execPath, inkstoneArgs(site, ['--report-json', report])));
  const built = JSON.parse(await readFile(report, 'utf8')) as {
    stats: { pagesByKind: { post: number } };
    search?: { documents: number; bytes: number };
  };
  const postPages = built.stats.pagesByKind.post;
  if (postPages < posts) progress(`warning: inkstone wrote ${postPages} post pages for ${posts} posts (${variant})`);
  const peerResult = (p: (typeof peerBuilds)[number]): Promise<PeerResult> | PeerResult => {
    if (!peers) return { status: 'skipped', reason: '--no-peers' };
    if (!p.peer.installed) return { status: 'not installed', reason: p.peer.reason };
    const failure = failures.get(p.name);
    if (failure || !p.build) return { status: 'failed', reason: failure ?? 'not set up' };
    const { build, peer } = p;
    return countPostPages(build.out).then((pages) => {
      if (pages < posts) progress(`warning: ${p.name} wrote ${pages} post pages for ${posts} posts (${variant})`);
      return { status: 'ok', version: peer.version, cold: series(p.runs), postPages: pages };
    });
  };

  let timings: Row['timings'];
  if (flag('timings')) {
    progress(`${variant}: inkstone build --timings, cold and warm`);
    await cleanInkstone(site);
    const coldStages = await inkstoneStages(site, report);
    timings = { cold: coldStages, warm: await inkstoneStages(site, report) };
  }

  let dev: DevMeasurement | undefined;
  if (flag('dev')) {
    progress(`${variant}: inkstone dev, save-to-reload times`);
    // Ten posts that the one-post builds did not edit, edited one at a time while the dev server runs.
    const start = Math.floor(names.length / 2) + 1;
    const edited = names.slice(start, start + 10).map((name) => `posts/${name}`);
    dev = await measureDevReload(bin, site, edited);
  }

  return {
    variant,
    posts,
    naive: series(naive),
    hugo: await peerResult(peerBuilds[0]!),
    eleventy: await peerResult(peerBuilds[1]!),
    cold: series(cold),
    warm: series(warm),
    onePost: series(onePost),
    postPages,
    ...(timings ? { timings } : {}),
    ...(dev ? { dev } : {}),
    ...(hugoInput ? { hugoInput: series(hugoInputRuns) } : {}),
    ...(withoutSearch
      ? {
          search: {
            withoutMs: series(noSearch).medianMs,
            withMs: series(cold).medianMs,
            ...searchFromReport(built),
          },
        }
      : {}),
  };
}

const { base, ramDisk } = await benchBase();
if (flag('images')) {
  const photos = Number(option('photos', '24'));
  if (!(Number.isInteger(photos) && photos >= 1))
    fail(`--photos must be a positive integer, not ${option('photos', '')}`);
  try {
    const lines = await runImagesBench({
      base,
      runs,
      photos,
      buildArgs: (site) => inkstoneArgs(site),
      clean: cleanInkstone,
      check,
      progress,
    });
    console.log(
      [...lines, `build tree: ${ramDisk ? 'RAM disk' : 'disk'} (${base}), ${os.availableParallelism()} cores`].join(
        '\n',
      ),
    );
  } finally {
    if (flag('keep')) progress(`kept the build tree in ${base}`);
    else await rm(base, { recursive: true, force: true });
  }
  process.exit(0);
}
const hugo: Peer = peers ? findHugo() : { installed: false, reason: '--no-peers' };
const eleventy: Peer = peers
  ? await findEleventy(eleventyDir, !flag('no-install'))
  : { installed: false, reason: '--no-peers' };
const rows: Row[] = [];
try {
  for (const variant of variants) rows.push(await run(variant, base, hugo, eleventy));
} finally {
  if (flag('keep')) progress(`kept the build tree in ${base}`);
  else await rm(base, { recursive: true, force: true });
}

if (asJson) {
  console.log(
    JSON.stringify(
      {
        cores: os.availableParallelism(),
        node: process.version,
        runs,
        profile,
        buildTree: { dir: base, ramDisk },
        peers: { hugo, eleventy },
        rows,
      },
      null,
      2,
    ),
  );
} else {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const cell = (x: Series, naive: Series) => `${s(x.medianMs)} (${(x.medianMs / naive.medianMs).toFixed(2)}×)`;
  const peerCell = (p: PeerResult, naive: Series) => (p.status === 'ok' ? cell(p.cold, naive) : p.status);
  const mb = (n: number) => `${Math.round(n)} MB`;
  const corpus = (row: Row) => `${row.variant}, ${row.posts.toLocaleString('en-US')} posts`;
  const table = (header: string[], body: string[][]) =>
    [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');

  console.log(
    `inkstone benchmark: ${os.availableParallelism()} cores, Node ${process.version}, median of ${runs} run${runs === 1 ? '' : 's'}, ` +
      `${profile} profile, build tree ${ramDisk ? 'on the RAM disk /dev/shm' : `in ${path.dirname(base)}`}`,
  );
  const versions = [
    hugo.installed ? `Hugo ${hugo.version}` : `Hugo ${peers ? `not installed (${hugo.reason})` : 'skipped'}`,
    eleventy.installed
      ? `Eleventy ${eleventy.version} (${eleventyDir})`
      : `Eleventy 3 ${peers ? `not installed (${eleventy.reason})` : 'skipped'}`,
  ];
  console.log(`peers: ${versions.join('; ')}\n`);
  console.log(
    table(
      [
        'corpus',
        'naive loop (read + gray-matter + markdown-it + write)',
        'Hugo',
        'Eleventy 3',
        'inkstone cold',
        'inkstone warm (nothing changed)',
        'inkstone one post changed',
        'peak RSS (process tree)',
      ],
      rows.map((row) => [
        corpus(row),
        s(row.naive.medianMs),
        peerCell(row.hugo, row.naive),
        peerCell(row.eleventy, row.naive),
        cell(row.cold, row.naive),
        cell(row.warm, row.naive),
        cell(row.onePost, row.naive),
        mb(row.cold.maxPeakRssMb),
      ]),
    ),
  );
  // A table of one figure of each process tree, by column.
  const treeTable = (title: string, figure: (series: Series) => string) => {
    const peer = (p: PeerResult) => (p.status === 'ok' ? figure(p.cold) : p.status);
    console.log(`\n${title}:\n`);
    console.log(
      table(
        ['corpus', 'naive loop', 'Hugo', 'Eleventy 3', 'inkstone cold', 'inkstone warm', 'inkstone one post changed'],
        rows.map((row) => [
          corpus(row),
          figure(row.naive),
          peer(row.hugo),
          peer(row.eleventy),
          figure(row.cold),
          figure(row.warm),
          figure(row.onePost),
        ]),
      ),
    );
  };
  treeTable('Peak RSS of each process tree (highest of the runs; inkstone cold is the column above)', (t) =>
    mb(t.maxPeakRssMb),
  );
  treeTable(
    "Peak PSS of each process tree (pages shared between processes, such as Chromium's code, shared out among them; sampled every 250 ms)",
    (t) => mb(t.maxPeakPssMb),
  );
  treeTable(
    `CPU time of each process tree (user + system of all its processes, median of the runs; with ${os.availableParallelism()} cores a build takes at least this divided by ${os.availableParallelism()})`,
    (t) => s(t.medianCpuMs),
  );
  const timed = rows.filter((row) => row.timings);
  if (timed.length > 0) {
    const columns = timed.flatMap((row) => [
      { name: `${row.variant} cold`, stages: row.timings!.cold },
      { name: `${row.variant} warm`, stages: row.timings!.warm },
    ]);
    const stages = [...new Set(columns.flatMap((c) => c.stages.map((t) => t.stage)))];
    const ms = (stage: string, list: Stage[]) => {
      const t = list.find((x) => x.stage === stage);
      return t ? `${Math.round(t.ms)} ms` : '';
    };
    console.log('\n`inkstone build --timings`, one cold and one warm build:\n');
    console.log(
      table(
        ['stage', ...columns.map((c) => c.name)],
        [
          ...stages.map((stage) => [stage, ...columns.map((c) => ms(stage, c.stages))]),
          ['sum of stages', ...columns.map((c) => `${Math.round(c.stages.reduce((sum, t) => sum + t.ms, 0))} ms`)],
        ],
      ),
    );
  }
  for (const row of rows) {
    if (!row.hugoInput) continue;
    const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
    console.log(
      `\nthe ${corpus(row)} corpus as a Hugo site (hugo.toml, content/posts/), inkstone cold, median: ${seconds(row.hugoInput.medianMs)}` +
        ` (${(row.hugoInput.medianMs / row.naive.medianMs).toFixed(2)}× the naive loop; ${(row.hugoInput.medianMs / row.cold.medianMs).toFixed(2)}× inkstone on the same posts as its own site)`,
    );
  }
  const searched = rows.filter((row) => row.search);
  if (searched.length > 0) {
    console.log('\nsearch index (cold builds with it and with search: false, same rounds, medians):');
    for (const row of searched) console.log(searchCostLine(corpus(row), row.search!));
  }
  const ms = (n: number) => `${Math.round(n)} ms`;
  const stats = (e: EditSeries) => `median ${ms(e.median)}, min ${ms(e.min)}, max ${ms(e.max)}`;
  for (const row of rows) {
    if (!row.dev) continue;
    const { dev } = row;
    console.log(
      `\ndev reload after a one-post edit (${row.variant}, from saving the file to the reload message; server up in ${(dev.startMs / 1000).toFixed(2)} s):`,
    );
    console.log(`  ${dev.firstSaves.edits.length} different posts, one save each: ${stats(dev.firstSaves)}`);
    console.log(`  one post saved ${dev.sameSaves.edits.length} times:          ${stats(dev.sameSaves)}`);
  }
}
