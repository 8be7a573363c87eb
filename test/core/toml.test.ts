/**
 * TOML documents read as YAML ones are: plain objects and numbers, dates as the strings written,
 * problems at their line and column, and `locate` finding keys and values in tables, arrays of
 * tables, dotted, quoted and inline keys, undisturbed by comments and multi-line strings.
 */
import { describe, expect, it } from 'vitest';
import { parsePostDate } from '../../src/content/dates.js';
import { parseToml } from '../../src/core/toml.js';
import type { ParsedYaml } from '../../src/core/yaml.js';

function parsed(text: string): ParsedYaml {
  const result = parseToml(text);
  if (!result.ok) throw new Error(`unexpected problem: ${result.problem.message}`);
  return result.yaml;
}

function problem(text: string) {
  const result = parseToml(text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

const SITE = [
  '# site configuration [not] a table', // 1
  'title = "Notes" # trailing comment', // 2
  '"author name" = "Ada"', // 3
  "site.links.'home page' = '/'", // 4
  'menu = { main = "top", extra = { weight = 3 } }', // 5
  'tags = [', // 6
  '  "a", # first', // 7
  '  "b",', // 8
  ']', // 9
  'about = """', // 10
  '[fake]', // 11
  'key = 1', // 12
  '"""', // 13
  "raw = '''", // 14
  '[[fake]]', // 15
  "'''", // 16
  '', // 17
  '[params]', // 18
  '  description = "x"', // 19
  '  [params.social]', // 20
  '    github = "ada"', // 21
  '', // 22
  '[[products]]', // 23
  'name = "one"', // 24
  '[products.meta]', // 25
  'size = 1', // 26
  '[[products]]', // 27
  'name = "two"', // 28
  '[[products.parts]]', // 29
  'id = 7', // 30
  '', // 31
].join('\n');

describe('parseToml values', () => {
  it('reads tables, arrays of tables, dotted, quoted and inline keys into plain objects', () => {
    const { value } = parsed(SITE);
    expect(value).toStrictEqual({
      title: 'Notes',
      'author name': 'Ada',
      site: { links: { 'home page': '/' } },
      menu: { main: 'top', extra: { weight: 3 } },
      tags: ['a', 'b'],
      about: '[fake]\nkey = 1\n',
      raw: '[[fake]]\n',
      params: { description: 'x', social: { github: 'ada' } },
      products: [
        { name: 'one', meta: { size: 1 } },
        { name: 'two', parts: [{ id: 7 }] },
      ],
    });
    expect(Object.getPrototypeOf((value as { params: object }).params)).toBe(Object.prototype);
  });

  it('gives every kind of TOML date and time as the string written, as YAML front matter does', () => {
    const { value } = parsed(
      [
        'offset = 2013-04-10T08:00:00-04:00',
        'utc = 1979-05-27 07:32:00Z',
        'fraction = 1979-05-27T00:32:00.999999-07:00',
        'long_fraction = 1979-05-27T00:32:00.123456789123Z',
        'local = 1979-05-27T07:32:00',
        'day = 2013-04-10',
        'time = 07:32:00',
        'short_time = 07:32',
        'missing_day = 2023-02-30',
        'list = [2020-01-02, { at = 2021-03-04T05:06:07+01:00 }]',
      ].join('\n'),
    );
    expect(value).toStrictEqual({
      offset: '2013-04-10T08:00:00-04:00',
      utc: '1979-05-27 07:32:00Z',
      fraction: '1979-05-27T00:32:00.999999-07:00',
      long_fraction: '1979-05-27T00:32:00.123456789Z',
      local: '1979-05-27T07:32:00',
      day: '2013-04-10',
      time: '07:32:00',
      short_time: '07:32',
      missing_day: '2023-02-30',
      list: ['2020-01-02', { at: '2021-03-04T05:06:07+01:00' }],
    });
  });

  it('gives dates the post date parser reads as the same instant, and refuses a day that does not exist', () => {
    const { value } = parsed('a = 2013-04-10T08:00:00-04:00\nb = 2013-04-10\nc = 2023-02-30');
    const { a, b, c } = value as { a: string; b: string; c: string };
    const offset = parsePostDate(a, 'UTC');
    expect(offset.ok && offset.date.toISO()).toBe('2013-04-10T12:00:00.000Z');
    const day = parsePostDate(b, 'Europe/Berlin');
    expect(day.ok && day.date.toISO()).toBe('2013-04-10T00:00:00.000+02:00');
    expect(parsePostDate(c, 'UTC')).toStrictEqual({
      ok: false,
      reason: '"2023-02-30" is not a valid date: February 2023 has 28 days',
    });
  });

  it('gives integers as numbers and refuses one beyond the safe range instead of rounding it', () => {
    expect(parsed('a = 9007199254740991\nb = 0xff\nc = -1_000\nd = 0o17').value).toStrictEqual({
      a: 9007199254740991,
      b: 255,
      c: -1000,
      d: 15,
    });
  });

  it('keeps a __proto__ key as data without touching any prototype', () => {
    const { value } = parsed('__proto__ = { polluted = true }\n[constructor]\nprototype = 1');
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((value as Record<string, unknown>)['constructor']).toStrictEqual({ prototype: 1 });
  });
});

describe('parseToml problems', () => {
  it('reports the first line of the parser message at its line and column', () => {
    expect(problem('a = 1\n[b]\nc = \n')).toStrictEqual({
      message: 'Invalid TOML document: invalid value',
      position: { line: 3, column: 5 },
    });
    expect(problem('x = 1\nx = 2\n')).toStrictEqual({
      message: 'Invalid TOML document: trying to redefine an already defined table or value',
      position: { line: 2, column: 1 },
    });
    expect(problem('a = [1, 2\nb = 1')).toStrictEqual({
      message: 'Invalid TOML document: expected comma or end of structure',
      position: { line: 2, column: 1 },
    });
    expect(problem('title = "ok"\nbig = 9007199254740993\n')).toStrictEqual({
      message: 'Invalid TOML document: integer value cannot be represented losslessly',
      position: { line: 2, column: 7 },
    });
  });
});

describe('parseToml locate', () => {
  const yaml = parsed(SITE);
  const at = (path: PropertyKey[], target?: 'value' | 'key') => yaml.locate(path, target);

  it('finds top-level, quoted and dotted keys and their values', () => {
    expect(at([])).toStrictEqual({ line: 2, column: 1 });
    expect(at(['title'])).toStrictEqual({ line: 2, column: 9 });
    expect(at(['title'], 'key')).toStrictEqual({ line: 2, column: 1 });
    expect(at(['author name'])).toStrictEqual({ line: 3, column: 17 });
    expect(at(['author name'], 'key')).toStrictEqual({ line: 3, column: 1 });
    expect(at(['site', 'links', 'home page'])).toStrictEqual({ line: 4, column: 26 });
    expect(at(['site', 'links', 'home page'], 'key')).toStrictEqual({ line: 4, column: 12 });
    expect(at(['site'], 'key')).toStrictEqual({ line: 4, column: 1 });
  });

  it('finds keys inside inline tables and items of multi-line arrays', () => {
    expect(at(['menu'])).toStrictEqual({ line: 5, column: 8 });
    expect(at(['menu', 'main'])).toStrictEqual({ line: 5, column: 17 });
    expect(at(['menu', 'extra', 'weight'], 'key')).toStrictEqual({ line: 5, column: 34 });
    expect(at(['menu', 'extra', 'weight'])).toStrictEqual({ line: 5, column: 43 });
    expect(at(['tags'])).toStrictEqual({ line: 6, column: 8 });
    expect(at(['tags', 0])).toStrictEqual({ line: 7, column: 3 });
    expect(at(['tags', 1])).toStrictEqual({ line: 8, column: 3 });
  });

  it('is not misled by headers and assignments inside multi-line strings or comments', () => {
    expect(at(['about'])).toStrictEqual({ line: 10, column: 9 });
    expect(at(['raw'])).toStrictEqual({ line: 14, column: 7 });
    expect(at(['fake'])).toStrictEqual({ line: 2, column: 1 });
    expect(at(['key'])).toStrictEqual({ line: 2, column: 1 });
    expect(at(['not'])).toStrictEqual({ line: 2, column: 1 });
  });

  it('finds tables by their header and keys below them', () => {
    expect(at(['params'])).toStrictEqual({ line: 18, column: 1 });
    expect(at(['params'], 'key')).toStrictEqual({ line: 18, column: 2 });
    expect(at(['params', 'description'])).toStrictEqual({ line: 19, column: 17 });
    expect(at(['params', 'social'])).toStrictEqual({ line: 20, column: 3 });
    expect(at(['params', 'social', 'github'], 'key')).toStrictEqual({ line: 21, column: 5 });
  });

  it('counts arrays of tables, nested ones included', () => {
    expect(at(['products'])).toStrictEqual({ line: 23, column: 1 });
    expect(at(['products'], 'key')).toStrictEqual({ line: 23, column: 3 });
    expect(at(['products', 0])).toStrictEqual({ line: 23, column: 1 });
    expect(at(['products', 0, 'meta', 'size'])).toStrictEqual({ line: 26, column: 8 });
    expect(at(['products', 1])).toStrictEqual({ line: 27, column: 1 });
    expect(at(['products', 1, 'name'])).toStrictEqual({ line: 28, column: 8 });
    expect(at(['products', 1, 'parts', 0, 'id'])).toStrictEqual({ line: 30, column: 6 });
  });

  it('falls back to the nearest existing parent for a missing path', () => {
    expect(at(['params', 'social', 'mastodon'])).toStrictEqual({ line: 20, column: 3 });
    expect(at(['params', 'social', 'mastodon'], 'key')).toStrictEqual({ line: 20, column: 3 });
    expect(at(['products', 5, 'name'])).toStrictEqual({ line: 23, column: 1 });
    expect(at(['tags', 9])).toStrictEqual({ line: 6, column: 8 });
    expect(at(['Title'])).toStrictEqual({ line: 2, column: 1 });
  });

  it('counts columns from the start of a line with Windows line breaks', () => {
    const crlf = parsed('a = 1\r\n[t]\r\n  b = "x"\r\n');
    expect(crlf.locate(['t', 'b'])).toStrictEqual({ line: 3, column: 7 });
  });
});

describe('parseToml on hostile input', () => {
  const size = 64 * 1024;

  it('returns for deeply nested inline values, tables and dotted keys', () => {
    expect(problem(`a = ${'['.repeat(size)}`).message).toBe(
      'Invalid TOML document: document contains excessively nested structures. aborting.',
    );
    expect(problem(`[${'a.'.repeat(size / 2)}a]\nx = 1`)).toStrictEqual({
      message: 'nested too deeply',
      position: { line: 1, column: 2002 },
    });
    expect(problem(`${'a.'.repeat(size / 2)}a = 1`).message).toBe('nested too deeply');
  });

  it('returns for long strings, many quotes and many tables', () => {
    expect(problem(`a = """${'"'.repeat(size)}`).position).toStrictEqual({ line: 1, column: 13 });
    expect(problem(`a = "${'\\'.repeat(size)}`).position).toStrictEqual({ line: 1, column: 5 });
    const tables = parsed('[[t]]\nk = 1\n'.repeat(5000));
    expect(tables.locate(['t', 4999, 'k'])).toStrictEqual({ line: 10000, column: 5 });
    const comments = parsed(`${'# [x] """ \'\'\' = \n'.repeat(3000)}last = 2013-04-10`);
    expect(comments.value).toStrictEqual({ last: '2013-04-10' });
    expect(comments.locate(['last'])).toStrictEqual({ line: 3001, column: 8 });
  });
});
