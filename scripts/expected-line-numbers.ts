/**
 * Records which code blocks the engines number, and how many lines each shows, in the fixture sites
 * of line numbers:
 * test/fixtures/sites/hugo-linenos (Hugo's `markup.highlight.lineNos` on), built by Debian's `hugo`,
 * and test/fixtures/sites/jekyll-linenos (kramdown's `syntax_highlighter_opts.block.line_numbers`
 * on), built by Debian's `jekyll`. Each answer goes to `expected/numbered.json` and `expected/lines.json`
 * beside its site, which
 * test/markdown/line-numbers.test.ts compares inkstone's pages with (and, when the engine is
 * installed, the engine's own again).
 *   node --import tsx scripts/expected-line-numbers.ts
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineLineCounts, engineNumberedBlocks, LINE_NUMBER_MARKERS } from '../test/helpers/numbered-blocks.js';

/** An engine, the fixture site it builds, and the page of the fixture's post in its output. */
export const LINE_NUMBER_ENGINES = {
  hugo: { site: 'hugo-linenos', page: 'posts/numbered/index.html' },
  jekyll: { site: 'jekyll-linenos', page: '2023/05/02/numbered.html' },
} as const;

export type LineNumberEngine = keyof typeof LINE_NUMBER_ENGINES;

/** The fixture site of `engine`. */
export function lineNumberSite(engine: LineNumberEngine): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../test/fixtures/sites', LINE_NUMBER_ENGINES[engine].site);
}

/** Whether `engine`'s command runs here. */
export function engineInstalled(engine: LineNumberEngine): boolean {
  return spawnSync(engine, [engine === 'hugo' ? 'version' : '--version'], { encoding: 'utf8' }).status === 0;
}

/** The engine's answer for the fixture's post: which blocks it numbers, and how many lines each shows. */
export interface EngineAnswer {
  numbered: Record<string, boolean>;
  lines: Record<string, number>;
}

/** The engine's answer (it builds a copy of the fixture: both engines write into their source). */
export async function engineAnswer(engine: LineNumberEngine): Promise<EngineAnswer> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), `${engine}-linenos-`));
  try {
    const copy = path.join(scratch, 'site');
    const out = path.join(scratch, 'public');
    await cp(lineNumberSite(engine), copy, { recursive: true });
    const args = engine === 'hugo' ? ['--quiet', '-s', copy, '-d', out] : ['build', '--quiet', '-s', copy, '-d', out];
    const run = spawnSync(engine, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${engine} failed: ${run.stderr || run.error?.message}`);
    const html = await readFile(path.join(out, LINE_NUMBER_ENGINES[engine].page), 'utf8');
    return {
      numbered: engineNumberedBlocks(html, LINE_NUMBER_MARKERS),
      lines: engineLineCounts(html, LINE_NUMBER_MARKERS),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const engine of Object.keys(LINE_NUMBER_ENGINES) as LineNumberEngine[]) {
    const answer = await engineAnswer(engine);
    for (const part of ['numbered', 'lines'] as const) {
      const target = path.join(lineNumberSite(engine), `expected/${part}.json`);
      await writeFile(target, `${JSON.stringify(answer[part], null, 2)}\n`);
      process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
    }
  }
}
