/**
 * `npm run bench:extensions`: what a configuration module costs. Two copies of one generated corpus
 * on a RAM disk, one configured by `inkstone.yml`, the other by `inkstone.config.mjs` with the same
 * settings plus a markdown-it plugin, a filter, a global, data and a transformPage hook; each built
 * cold (no cache) and warm (nothing changed) by the compiled CLI, alternating, `--runs` times.
 * Prints the medians and the ratio of the module's build to the YAML's, measured in the same run.
 *
 *   npm run bench:extensions -- [--posts N] [--variant plain|tech] [--runs N] [--dir DIR] [--keep]
 */
import { statSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, type Variant } from './bench/corpus.js';
import { measure, type Measurement } from './bench/measure.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const posts = Number(option('posts', '1000'));
const runs = Number(option('runs', '3'));
const variant = option('variant', 'plain') as Variant;
if (!(posts >= 1 && Number.isInteger(runs) && runs >= 1 && ['plain', 'tech'].includes(variant))) {
  process.stderr.write('bench:extensions: --posts and --runs must be positive, --variant plain or tech\n');
  process.exit(2);
}
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist', 'cli', 'bin.js');

/** The module: the corpus's settings, and code of each kind a site adds. */
const MODULE = `export default {
  title: 'Benchmark',
  url: 'https://bench.example/',
  markdown: {
    plugins: [
      (md) => {
        md.core.ruler.push('external_links', (state) => {
          for (const block of state.tokens)
            for (const token of block.children ?? [])
              if (token.type === 'link_open' && /^https?:/.test(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener');
        });
      },
    ],
  },
  templates: { filters: { shout: (s) => String(s).toUpperCase() }, globals: { edition: 'First' } },
  data: { async team() { return [{ name: 'Ada' }]; } },
  hooks: { transformPage: (html) => html.replace('</body>', '<!-- built -->\\n</body>') },
};
`;

async function main(): Promise<void> {
  const base = await mkdtemp(
    path.join(option('dir', existsDir('/dev/shm') ? '/dev/shm' : os.tmpdir()), 'inkstone-ext-'),
  );
  const yaml = path.join(base, 'yaml');
  const module = path.join(base, 'module');
  process.stderr.write(`writing ${posts} ${variant} posts into ${base}\n`);
  await writeCorpus(yaml, posts, variant);
  await cp(yaml, module, { recursive: true });
  await rm(path.join(module, 'inkstone.yml'));
  await writeFile(path.join(module, 'inkstone.config.mjs'), MODULE);
  const build = (site: string) => measure(process.execPath, [bin, 'build', site, '--quiet', '--future']);
  const results: Record<string, { cold: Measurement[]; warm: Measurement[] }> = {
    yaml: { cold: [], warm: [] },
    module: { cold: [], warm: [] },
  };
  for (let r = 0; r < runs; r++) {
    for (const [name, site] of [
      ['yaml', yaml],
      ['module', module],
    ] as const) {
      process.stderr.write(`round ${r + 1} of ${runs}: ${name}\n`);
      await rm(path.join(site, '_site'), { recursive: true, force: true });
      await rm(path.join(site, '.inkstone-cache'), { recursive: true, force: true });
      results[name]!.cold.push(checked(await build(site)));
      results[name]!.warm.push(checked(await build(site)));
    }
  }
  const median = (ms: Measurement[]) => [...ms].map((m) => m.ms).sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  const row = (kind: 'cold' | 'warm') => {
    const a = median(results['yaml']![kind]);
    const b = median(results['module']![kind]);
    return `| ${kind} | ${(a / 1000).toFixed(2)} s | ${(b / 1000).toFixed(2)} s | ${(b / a).toFixed(2)}× |`;
  };
  process.stdout.write(
    `${posts} ${variant} posts, medians of ${runs}, ${base.startsWith('/dev/shm') ? 'RAM disk' : 'disk'}\n\n` +
      '| build | inkstone.yml | inkstone.config.mjs | ratio |\n| --- | --- | --- | --- |\n' +
      `${row('cold')}\n${row('warm')}\n`,
  );
  if (!args.includes('--keep')) await rm(base, { recursive: true, force: true });
}

function checked(m: Measurement): Measurement {
  if (m.exitCode !== 0) throw new Error(`inkstone build exited ${m.exitCode}:\n${m.stderr}`);
  return m;
}

function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

await main();
