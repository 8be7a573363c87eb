/**
 * A site's default line numbers for code blocks, as the engines its posts come from number them:
 * Hugo's `markup.highlight.lineNos` numbers every block that names a language; Jekyll's kramdown
 * `syntax_highlighter_opts.block.line_numbers` numbers every block (a block without a language is
 * plain text there), but not `{% highlight %}` tags without `linenos`. Each fixture site holds one
 * block of each kind, marked by a word; `expected/numbered.json` beside it is the engine's answer,
 * recorded by scripts/expected-line-numbers.ts, and checked against the engine when it is installed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  engineAnswer,
  type EngineAnswer,
  engineInstalled,
  LINE_NUMBER_ENGINES,
  type LineNumberEngine,
  lineNumberSite,
} from '../../scripts/expected-line-numbers.js';
import { build } from '../../src/build.js';
import { inkstoneLineCounts, inkstoneNumberedBlocks, LINE_NUMBER_MARKERS } from '../helpers/numbered-blocks.js';
import { copyFixtureSite, readOutput, removeDir, writeSite } from '../helpers/site.js';

const recorded = async (engine: LineNumberEngine, part: 'numbered' | 'lines') =>
  JSON.parse(await readFile(path.join(lineNumberSite(engine), `expected/${part}.json`), 'utf8')) as unknown;
const expected = async (engine: LineNumberEngine): Promise<EngineAnswer> => ({
  numbered: (await recorded(engine, 'numbered')) as EngineAnswer['numbered'],
  lines: (await recorded(engine, 'lines')) as EngineAnswer['lines'],
});

describe.each([
  { engine: 'hugo' as const, setting: true, compat: 'markup.highlight.lineNos converted' },
  { engine: 'jekyll' as const, setting: 'all' as const, compat: 'kramdown: syntax_highlighter_opts converted' },
])("$engine's line numbers", ({ engine, setting, compat }) => {
  it('number the blocks the engine numbers, and no others, each with the lines the engine shows', async () => {
    const site = await copyFixtureSite(LINE_NUMBER_ENGINES[engine].site);
    try {
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      expect(result.config.markdown.line_numbers).toBe(setting);
      expect(result.compat.map((e) => `${e.construct} ${e.status}`)).toContain(compat);
      // The other Chroma options are named as not applied.
      if (engine === 'hugo')
        expect(result.compat.find((e) => e.construct === 'markup.highlight')?.detail).toBe(
          "code is highlighted by Shiki at build time in the theme's colours; marked lines come from each block's options; not applied: style",
        );
      const html = await readOutput(path.join(site, '_site'), LINE_NUMBER_ENGINES[engine].page);
      const answer = await expected(engine);
      // Every marked block is in the answer, so none can be missed on either side.
      expect(Object.keys(answer.numbered).length).toBeGreaterThanOrEqual(5);
      expect(inkstoneNumberedBlocks(html, LINE_NUMBER_MARKERS)).toEqual(answer.numbered);
      // Hugo leaves out the blank lines at the end of a fence; kramdown keeps them.
      expect(inkstoneLineCounts(html, LINE_NUMBER_MARKERS)).toEqual(answer.lines);
      // Jekyll's tag with mark_lines and no linenos: its line is marked, and not numbered.
      if (engine === 'jekyll')
        expect(html).toMatch(/<pre class="[^"]*has-highlighted"[^>]*><code><span class="line highlighted">.{0,80}golf/);
    } finally {
      await removeDir(site);
    }
  });

  it.skipIf(!engineInstalled(engine))('are the answer the engine gives today', async () => {
    expect(await engineAnswer(engine)).toEqual(await expected(engine));
  });
});

describe('markdown.line_numbers in inkstone.yml', () => {
  const post = [
    'Numbered:',
    '',
    '```js',
    'const alpha = 1;',
    '```',
    '',
    'No language:',
    '',
    '```',
    'bravo',
    '```',
    '',
    'Says no:',
    '',
    '```js linenos=false',
    'const charlie = 3;',
    '```',
    '',
    'Indented:',
    '',
    '    delta',
    '',
  ].join('\n');
  const numbered = async (config: string) => {
    const site = await writeSite('line-numbers', { 'inkstone.yml': config, 'posts/2024-02-03-blocks.md': post });
    try {
      expect((await build({ siteDir: site })).ok).toBe(true);
      const html = await readOutput(path.join(site, '_site'), '2024/02/blocks/index.html');
      return inkstoneNumberedBlocks(html, LINE_NUMBER_MARKERS);
    } finally {
      await removeDir(site);
    }
  };

  it.each([
    {
      what: 'true numbers every fence that names a language and does not say otherwise',
      setting: '\nmarkdown:\n  line_numbers: true',
      answer: { alpha: true, bravo: false, charlie: false, delta: false },
    },
    {
      what: 'all numbers every block that does not say otherwise',
      setting: '\nmarkdown:\n  line_numbers: all',
      answer: { alpha: true, bravo: true, charlie: false, delta: true },
    },
    {
      what: 'the default numbers none',
      setting: '',
      answer: { alpha: false, bravo: false, charlie: false, delta: false },
    },
  ])('$what', async ({ setting, answer }) => {
    expect(await numbered(`title: Lines${setting}\n`)).toEqual(answer);
  });
});
