/**
 * Property-based tests: random front matter, Markdown, math and file names thrown at the whole
 * pipeline. Whatever the input, the CLI must exit 0, 1 or 2 without an uncaught exception, and
 * nothing may be written outside the output directory.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { removeDir, tempDir } from '../helpers/site.js';

const silent = { stdout: { write: () => true }, stderr: { write: () => true } };

// Pieces that exercise every parser: math delimiters, Liquid blocks, fences, HTML, YAML specials.
const markdownPiece = fc.oneof(
  fc.constantFrom(
    '$',
    '$$',
    '\\(',
    '\\)',
    '\\[',
    '\\]',
    '$x$',
    '$$\\frac{1}{2}$$',
    '$\\fo$',
    '\\def\\a{\\a}',
    '{% mermaid %}',
    '{% endmermaid %}',
    '{% highlight python %}',
    '{% endhighlight %}',
    '```',
    '```python',
    '```nolang',
    '```mermaid',
    '\n',
    '\n\n',
    '# ',
    '* ',
    '_',
    '<script>',
    '</div>',
    '<!--more-->',
    '[x](../../etc/passwd)',
    '![i](/img.png)',
    '{{ x }}',
    '%',
    '`',
    '|a|b|\n|-|-|',
    '> ',
    '    code',
    '\u0000',
    '\u2028',
    'é',
    '😀',
  ),
  fc.string({ maxLength: 12 }),
);
const markdown = fc.array(markdownPiece, { maxLength: 30 }).map((pieces) => pieces.join(''));

const yamlValue = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom(
    '2024-02-30',
    '2024-01-01',
    '2015-10-20 11:12:00-0400',
    'true',
    'null',
    '[a, b]',
    '{a: 1}',
    '&a [*a]',
    '"unterminated',
    '../..',
    '/x/../../y',
    '|\n  block',
  ),
  fc.integer(),
);
const frontMatterKey = fc.constantFrom(
  'title',
  'date',
  'tags',
  'categories',
  'layout',
  'draft',
  'published',
  'permalink',
  'redirect_from',
  'slug',
  'updated',
  'description',
  'custom',
);
const frontMatter = fc.oneof(
  fc
    .array(fc.tuple(frontMatterKey, yamlValue), { maxLength: 6 })
    .map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n`),
  fc.constantFrom(
    '',
    '---\n',
    '---js\n{ title: 1 }\n---\n',
    '---\n---\n',
    '---\ntitle: [\n---\n',
    '---yaml\ntitle: ok\n---\n',
  ),
);
const fileName = fc
  .oneof(
    fc.constantFrom(
      '2024-01-01-a',
      '2024-13-45-b',
      'index',
      '..',
      'CON',
      ' spaced name ',
      '-dash',
      'ünïcødé',
      '2024-01-01-',
    ),
    fc.string({ minLength: 1, maxLength: 20 }),
  )
  .map((name) => name.replace(/[/\\\0]/g, '_').replace(/^\.+$/, 'dots'));

const post = fc.record({ name: fileName, frontMatter, body: markdown });

let root: string;
beforeAll(async () => {
  root = await tempDir('fuzz');
});
afterAll(() => removeDir(root));

describe('hostile and random input', () => {
  it('never throws, always exits 0, 1 or 2, and writes only into the output directory', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 4 }), async (posts) => {
        const site = path.join(root, `site-${run++}`);
        await mkdir(path.join(site, 'posts'), { recursive: true });
        await writeFile(path.join(site, 'inkstone.yml'), 'url: https://example.org/\ndiagrams:\n  mode: client\n');
        for (const [i, p] of posts.entries()) {
          await writeFile(path.join(site, 'posts', `${i}-${p.name}.md`.slice(0, 200)), p.frontMatter + p.body);
        }
        const before = (await readdir(site)).sort();
        const code = await runCli(['build', site, '--quiet'], silent);
        expect([0, 1, 2]).toContain(code);
        const after = (await readdir(site)).sort();
        expect(after.filter((name) => !before.includes(name))).toEqual(code === 0 ? ['_site'] : []);
        expect((await readdir(path.join(site, 'posts'))).length).toBe(posts.length);
        await rm(site, { recursive: true, force: true });
      }),
      { numRuns: 100, seed: 20261124, endOnFailure: true },
    );
  }, 240_000);

  it('keeps every formula, whatever it is, from crashing the build', async () => {
    const site = path.join(root, 'math');
    await mkdir(path.join(site, 'posts'), { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 10 }), async (formulas) => {
        await writeFile(
          path.join(site, 'posts', '2024-01-01-m.md'),
          formulas.map((f) => `Inline $${f}$ and\n\n$$\n${f}\n$$\n`).join('\n'),
        );
        const code = await runCli(['build', site, '--quiet', '--out', path.join(root, 'math-out')], silent);
        expect([0, 1]).toContain(code);
      }),
      { numRuns: 30, seed: 7 },
    );
  }, 240_000);
});
