/**
 * JSON documents read as YAML ones are: `JSON.parse`'s values, short syntax error messages at
 * their line and column, and `locate` finding keys and values, the last of repeated keys, and the
 * nearest parent of a missing path.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonData } from '../../src/core/json-data.js';
import type { ParsedYaml } from '../../src/core/yaml.js';

function parsed(text: string): ParsedYaml {
  const result = parseJsonData(text);
  if (!result.ok) throw new Error(`unexpected problem: ${result.problem.message}`);
  return result.yaml;
}

function problem(text: string) {
  const result = parseJsonData(text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

const DATA = [
  '{', // 1
  '  "title": "Notes",', // 2
  '  "menu": {"main": [1, {"weight": -2.5e3}], "a b": true},', // 3
  '  "list": [', // 4
  '    "x",', // 5
  '    null', // 6
  '  ],', // 7
  '  "esc\\"aped": "\\u00e9\\n",', // 8
  '  "dup": {"first": 1},', // 9
  '  "dup": {"second": 2}', // 10
  '}', // 11
].join('\n');

describe('parseJsonData values', () => {
  it('gives exactly what JSON.parse gives, the last of repeated keys included', () => {
    const { value } = parsed(DATA);
    expect(value).toStrictEqual(JSON.parse(DATA));
    expect(value).toStrictEqual({
      title: 'Notes',
      menu: { main: [1, { weight: -2500 }], 'a b': true },
      list: ['x', null],
      'esc"aped': 'é\n',
      dup: { second: 2 },
    });
  });

  it('keeps a __proto__ key as an own data property without touching any prototype', () => {
    const { value } = parsed('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}');
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads a document after a byte order mark', () => {
    const yaml = parsed('\uFEFF{"a": 1}');
    expect(yaml.value).toStrictEqual({ a: 1 });
    expect(yaml.locate(['a'])).toStrictEqual({ line: 1, column: 8 });
  });
});

describe('parseJsonData problems', () => {
  it('gives a short message at the line and column of the error', () => {
    expect(problem('{\n  "a": }\n')).toStrictEqual({
      message: "invalid JSON: Unexpected token '}'",
      position: { line: 2, column: 8 },
    });
    expect(problem('{\n  "a": 1,\n}')).toStrictEqual({
      message: 'invalid JSON: Expected double-quoted property name',
      position: { line: 3, column: 1 },
    });
    expect(problem('[1,\n 2')).toStrictEqual({
      message: "invalid JSON: Expected ',' or ']' after array element",
      position: { line: 2, column: 3 },
    });
    expect(problem('{"a" 1}')).toStrictEqual({
      message: "invalid JSON: Expected ':' after property name",
      position: { line: 1, column: 6 },
    });
    expect(problem('[1] x')).toStrictEqual({
      message: 'invalid JSON: Unexpected non-whitespace character after JSON',
      position: { line: 1, column: 5 },
    });
  });

  it('finds the error itself where the message does not say', () => {
    expect(problem('[1,,2]')).toStrictEqual({
      message: "invalid JSON: Unexpected token ','",
      position: { line: 1, column: 4 },
    });
    expect(problem('{"a":\n tru')).toStrictEqual({
      message: 'invalid JSON: Unexpected end of JSON input',
      position: { line: 2, column: 5 },
    });
    expect(problem('')).toStrictEqual({
      message: 'invalid JSON: Unexpected end of JSON input',
      position: { line: 1, column: 1 },
    });
    expect(problem('\uFEFF{"a": }')).toStrictEqual({
      message: "invalid JSON: Unexpected token '}'",
      position: { line: 1, column: 8 },
    });
  });

  it('reports strings and numbers that are not JSON', () => {
    expect(problem('["ab\ncd"]')).toStrictEqual({
      message: 'invalid JSON: Bad control character in string literal',
      position: { line: 1, column: 5 },
    });
    expect(problem('"\\q"')).toStrictEqual({
      message: 'invalid JSON: Bad escaped character',
      position: { line: 1, column: 3 },
    });
    expect(problem('[1e]')).toStrictEqual({
      message: 'invalid JSON: Exponent part is missing a number',
      position: { line: 1, column: 4 },
    });
    expect(problem('{"a": "open')).toStrictEqual({
      message: 'invalid JSON: Unterminated string',
      position: { line: 1, column: 12 },
    });
  });
});

describe('parseJsonData locate', () => {
  const yaml = parsed(DATA);
  const at = (path: PropertyKey[], target?: 'value' | 'key') => yaml.locate(path, target);

  it('finds keys and values at every depth', () => {
    expect(at([])).toStrictEqual({ line: 1, column: 1 });
    expect(at(['title'])).toStrictEqual({ line: 2, column: 12 });
    expect(at(['title'], 'key')).toStrictEqual({ line: 2, column: 3 });
    expect(at(['menu'])).toStrictEqual({ line: 3, column: 11 });
    expect(at(['menu', 'main', 0])).toStrictEqual({ line: 3, column: 21 });
    expect(at(['menu', 'main', 1, 'weight'])).toStrictEqual({ line: 3, column: 35 });
    expect(at(['menu', 'main', 1, 'weight'], 'key')).toStrictEqual({ line: 3, column: 25 });
    expect(at(['menu', 'a b'], 'key')).toStrictEqual({ line: 3, column: 45 });
    expect(at(['list', 1])).toStrictEqual({ line: 6, column: 5 });
    expect(at(['esc"aped'], 'key')).toStrictEqual({ line: 8, column: 3 });
    expect(at(['esc"aped'])).toStrictEqual({ line: 8, column: 16 });
  });

  it('finds the last of repeated keys, and nothing the earlier one held', () => {
    expect(at(['dup'])).toStrictEqual({ line: 10, column: 10 });
    expect(at(['dup', 'second'])).toStrictEqual({ line: 10, column: 21 });
    expect(at(['dup', 'first'])).toStrictEqual({ line: 10, column: 10 });
  });

  it('falls back to the nearest existing parent for a missing path', () => {
    expect(at(['menu', 'main', 7, 'weight'])).toStrictEqual({ line: 3, column: 20 });
    expect(at(['menu', 'missing'], 'key')).toStrictEqual({ line: 3, column: 11 });
    expect(at(['Title'])).toStrictEqual({ line: 1, column: 1 });
  });
});

describe('parseJsonData on hostile input', () => {
  const size = 64 * 1024;

  it('refuses nesting too deep for later code, at the bracket that goes too deep', () => {
    expect(problem(`${'['.repeat(size)}${']'.repeat(size)}`)).toStrictEqual({
      message: 'nested too deeply',
      position: { line: 1, column: 1001 },
    });
    expect(problem('['.repeat(size)).message).toBe('invalid JSON: Unexpected end of JSON input');
  });

  it('returns for long strings, many keys and many escapes', () => {
    expect(problem(`"${'\\'.repeat(size)}`).message).toBe('invalid JSON: Unterminated string');
    const keys = Array.from({ length: 5000 }, (_, i) => `"k${i}": [${i}]`).join(',\n');
    expect(parsed(`{${keys}}`).locate(['k4999', 0])).toStrictEqual({ line: 5000, column: 11 });
    const text = `["${'\\"'.repeat(size / 2)}", 1]`;
    expect(parsed(text).locate([1])).toStrictEqual({ line: 1, column: size + 6 });
  });
});
