/**
 * The fast reading of plain front matter gives exactly what the YAML parser gives, on generated
 * documents of every form it reads and many it must refuse; it refuses what it cannot read; and a
 * post read through it still reports problems at their line and column.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readPlainFrontMatter } from '../../src/content/plain-front-matter.js';
import { readFrontMatter } from '../../src/content/front-matter.js';
import { parseYaml } from '../../src/core/yaml.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Values the fast path reads (and must read as YAML does). */
const READ = [
  'hello',
  'Hello world',
  'a  b',
  'true',
  'False',
  'NULL',
  'null',
  'yes',
  'no',
  'Infinity',
  'N',
  '0',
  '7',
  '-3',
  '123456789012345',
  '2015-01-01',
  '2015-03-15 16:40:16',
  '2015-10-20 11:12:00-0400',
  '2015-10-20T11:12:00.5+02:00',
  '2015-10-20T11:12:00Z',
  '"quoted"',
  '"with # hash"',
  '"a: b"',
  "'single'",
  "'a # b'",
  '"ü ✓"',
  'Zürich by tram',
  'C++',
  "it's fine",
  'a,b',
  'a, b',
  'p(x) = y',
  'Ωmega',
  'a/b',
  'a&b',
  'a!',
  'a?',
  'a;b',
  'a -b',
  'A.B.C',
  '""',
  "''",
  '"  spaced  "',
  '"[x]"',
  'x - y',
];
/** Values it must refuse, or read as YAML does. */
const TRICKY = [
  '~',
  '.inf',
  '.nan',
  '-0',
  '+5',
  '007',
  '1e3',
  '1.5',
  '0x1F',
  '1234567890123456',
  '2015-1-1',
  '"esc \\" q"',
  '"back\\\\slash"',
  "'it''s'",
  'a: b',
  'a #b',
  'a#b',
  '[a, [b]]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '!tag x',
  '%x',
  '@x',
  '`x',
  '- x',
  '? x',
  '| x',
  '> x',
  ' x',
  'a\tb',
  'x:y',
  "'",
  '"',
  '"unterminated',
  "'un",
  '[unterminated',
  'x]',
  '"a"b',
  '"a" # c',
  '-a',
  '.a',
  '_a',
  '1a',
  '=x',
  '"\u2028"',
  '😀',
  '"😀"',
];
const KEYS = ['title', 'date', 'tags', 'description', 'draft', 'x', 'a_b', 'a-b', 'A', '_k', 'constructor', 'toString'];

function document(next: () => number, values: readonly string[], odd: boolean): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const key = `${pick(KEYS)}${i}`;
    const roll = next();
    if (odd && roll < 0.08)
      lines.push(pick(['- item', `  ${key}: x`, `${key}:x`, `${pick(['__proto__', 'title0'])}: x`, '---']));
    else if (roll < 0.3) {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => pick(values));
      lines.push(`${key}: [${items.join(pick([', ', ',', ' , ']))}]`);
    } else if (roll < 0.35) lines.push(`${key}:`);
    else lines.push(`${key}: ${pick(values)}${pick(['', ' '])}`);
    if (next() < 0.1) lines.push(pick(['', '# a comment: here', '  ']));
  }
  return lines.join('\n');
}

describe('plain front matter', () => {
  it('reads every document it accepts exactly as the YAML parser does', () => {
    const next = random(20261203);
    let read = 0;
    const mismatches: string[] = [];
    for (let n = 0; n < 6000; n++) {
      const text = document(next, n % 2 === 0 ? READ : [...READ, ...TRICKY], n % 3 === 0);
      const fast = readPlainFrontMatter(text);
      if (fast === undefined) continue;
      read++;
      const full = parseYaml(text);
      if (!full.ok || !isDeepStrictEqual(fast, full.yaml.value)) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches).toEqual([]);
    // Most documents of plain lines are read without the parser.
    expect(read).toBeGreaterThan(2000);
  });

  it('reads the front matter posts usually have, and refuses what needs the parser', () => {
    expect(
      readPlainFrontMatter(
        'title: "Pipeline: throughput"\ndate: 2015-01-01\ntags: [numerics, linux]\ncategories: [notes]\ndescription: Lock index leader.\ndraft: false\nredirect:',
      ),
    ).toEqual({
      title: 'Pipeline: throughput',
      date: '2015-01-01',
      tags: ['numerics', 'linux'],
      categories: ['notes'],
      description: 'Lock index leader.',
      draft: false,
      redirect: null,
    });
    for (const text of [
      'tags:\n- a\n- b',
      'toc:\n  sidebar: left',
      'title: x # comment',
      'a: 1\na: 2',
      'title: "x"\r',
      '# only a comment',
      '__proto__: x',
    ]) {
      expect(readPlainFrontMatter(text), text).toBe(undefined);
    }
  });

  it('still reports a problem at its line and column when the front matter was read without the parser', () => {
    const post = readFrontMatter('---\ntitle: Plain\ndate: 2024-01-01\ntags: [a, b]\n---\nBody.\n', 'posts/x.md');
    expect(post.yaml.value).toEqual({ title: 'Plain', date: '2024-01-01', tags: ['a', 'b'] });
    expect(post.yaml.locate(['tags', 1])).toEqual({ line: 4, column: 11 });
    expect(post.yaml.locate(['date'], 'key')).toEqual({ line: 3, column: 1 });
  });
});
