/**
 * Differential fuzzing against live kramdown: makes documents by gluing two corpus documents together
 * (with or without a blank line between them) or by mixing random lines of the corpus, renders each
 * with Ruby's kramdown (render.rb) and with the kramdown profile, and prints those whose normalised
 * trees differ. Reduce each to a small case in test/fixtures/kramdown/cases/ before fixing it.
 *   node --import tsx scripts/kramdown/fuzz.ts [--seed N] [--count N] [--show N]
 * Needs ruby-kramdown and ruby-kramdown-parser-gfm. Differences in how single-dollar formulas pair
 * are expected: kramdown leaves `$…$` to the reader's MathJax (see the README's list of differences).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestMarkdown } from '../../test/helpers/markdown.js';
import { loadCorpus } from '../../test/kramdown/corpus.js';
import { normaliseHtml } from '../../test/kramdown/normalise.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const count = option('count', 300);
const show = option('show', 3);

/** A small deterministic generator (a linear congruential one), so a seed names a run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const next = random(option('seed', 1));
const corpus = loadCorpus().map((c) => c.markdown.replace(/\n$/, '').split('\n'));
const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;

const documents = Array.from({ length: count }, () => {
  if (next() < 0.4)
    return `${Array.from({ length: 3 + Math.floor(next() * 8) }, () => pick(pick(corpus))).join('\n')}\n`;
  return `${pick(corpus).join('\n')}${next() < 0.5 ? '\n' : '\n\n'}${pick(corpus).join('\n')}\n`;
});

const dir = await mkdtemp(path.join(os.tmpdir(), 'kramdown-fuzz-'));
const md = await createTestMarkdown({}, { profile: 'kramdown' });
try {
  const files = await Promise.all(
    documents.map(async (text, i) => {
      const file = path.join(dir, `${String(i).padStart(4, '0')}.md`);
      await writeFile(file, text);
      return file;
    }),
  );
  const script = fileURLToPath(new URL('./render.rb', import.meta.url));
  const expected = execFileSync('ruby', [script, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\0');
  let differing = 0;
  for (const [i, text] of documents.entries()) {
    const want = normaliseHtml(expected[i]!, 'kramdown');
    const got = normaliseHtml((await md.render(text)).html, 'inkstone');
    if (want === got) continue;
    differing += 1;
    if (differing <= show) console.log(`=== document ${i}\n${text}--- kramdown\n${want}\n--- inkstone\n${got}\n`);
  }
  console.log(`${documents.length - differing} of ${documents.length} documents equal to kramdown's output`);
} finally {
  md.dispose();
  await rm(dir, { recursive: true, force: true });
}
