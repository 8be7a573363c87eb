/**
 * The committed expected outputs are kramdown's: when Ruby with kramdown and kramdown-parser-gfm is
 * installed (Debian: ruby-kramdown, ruby-kramdown-parser-gfm; .ci/run installs them), every case is
 * rendered again by scripts/kramdown/render.rb and must give the committed bytes. Skipped otherwise,
 * so `npm test` needs no Ruby.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus } from './corpus.js';

const SCRIPT = path.resolve(CORPUS_DIR, '../../../scripts/kramdown/render.rb');
const hasKramdown = spawnSync('ruby', ['-rkramdown', '-rkramdown-parser-gfm', '-e', 'exit 0']).status === 0;

describe.skipIf(!hasKramdown)('the committed kramdown output', () => {
  it('is what kramdown renders today for every case', () => {
    const corpus = loadCorpus();
    const files = corpus.map((c) => path.join(CORPUS_DIR, 'cases', `${c.name}.md`));
    const outputs = execFileSync('ruby', [SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split(
      '\0',
    );
    expect(outputs).toHaveLength(corpus.length);
    for (const [i, c] of corpus.entries()) expect(outputs[i], c.name).toBe(c.expected);
  });
});
