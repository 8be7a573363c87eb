/**
 * TOML parsing (Hugo configuration and `+++` front matter) with source positions, giving the same
 * result shape as `parseYaml` so callers treat YAML, TOML and JSON alike. Values come from
 * smol-toml; positions come from a small linear scanner over the text, since smol-toml keeps none.
 */
import { createRequire } from 'node:module';
import type { TomlDate } from 'smol-toml';
import { addItem, childOf, locateSpot, newSpot, type Spot } from './source-spots.js';
import type { ParsedYaml, YamlProblem } from './yaml.js';

const load = createRequire(import.meta.url);

/** smol-toml, loaded when a TOML document is first parsed: a site without TOML never loads it. */
function smolToml(): typeof import('smol-toml') {
  return load('smol-toml') as typeof import('smol-toml');
}

/** What `parseToml` returns: the same shape as `parseYaml`'s result. */
export type TomlParseResult = { ok: true; yaml: ParsedYaml } | { ok: false; problem: YamlProblem };

/** Deepest nesting accepted, for inline values (smol-toml) and for tables (`[a.b.c…]`, dotted keys). */
const MAX_DEPTH = 1000;
/** Integers beyond ±2^53 are refused by smol-toml rather than rounded or returned as BigInt. */
const PARSE_OPTIONS = { integersAsBigInt: false, maxDepth: MAX_DEPTH, unsafeKeyBehaviour: 'keep' } as const;
/** The forms TOML writes dates and times in; a value of this shape is passed on as written. */
const AUTHORED_DATE =
  /^(?:\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
/** Characters that end an unquoted value (number, boolean, date). */
const SCALAR_STOP = ',]}#\r\n';
const BASIC_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};

/**
 * Parses one TOML document; returns the problem instead of throwing. Tables become plain objects,
 * integers plain numbers, and dates and times the string they are written as (as YAML front matter
 * dates are): `2013-04-10`, `2013-04-10T08:00:00-04:00`, `1979-05-27 07:32:00`, `07:32:00`.
 */
export function parseToml(text: string): TomlParseResult {
  let raw: unknown;
  try {
    raw = smolToml().parse(text, PARSE_OPTIONS);
  } catch (error) {
    return { ok: false, problem: parseProblem(error) };
  }
  const index = lazy(() => indexToml(text));
  const locate = (path: readonly PropertyKey[], target: 'value' | 'key' = 'value') =>
    locateSpot(text, index(), path, target);
  try {
    const value = toPlain(raw, [], (path) => authoredAt(text, index(), path));
    return { ok: true, yaml: { value, locate } };
  } catch (error) {
    if (!(error instanceof ValueProblem)) throw error;
    return { ok: false, problem: { message: error.message, position: locate(error.path) } };
  }
}

function parseProblem(error: unknown): YamlProblem {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (error instanceof smolToml().TomlError) return { message, position: { line: error.line, column: error.column } };
  return { message: message.includes('Maximum call stack') ? 'nested too deeply' : message, position: undefined };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** A value that parsed but cannot be handed on, and where it is. */
class ValueProblem extends Error {
  constructor(
    message: string,
    readonly path: readonly PropertyKey[],
  ) {
    super(message);
  }
}

/** smol-toml's null-prototype tables and `TomlDate`s → plain objects and date strings. */
function toPlain(
  value: unknown,
  path: PropertyKey[],
  authored: (path: readonly PropertyKey[]) => string | undefined,
): unknown {
  if (path.length > MAX_DEPTH) throw new ValueProblem('nested too deeply', [...path]);
  if (value instanceof smolToml().TomlDate) return dateText(value, authored(path));
  if (typeof value === 'bigint') {
    throw new ValueProblem('integer value cannot be represented losslessly', [...path]);
  }
  if (Array.isArray(value)) return value.map((item, i) => within(path, i, () => toPlain(item, path, authored)));
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties, so a `__proto__` key stays data, as with JSON.parse.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, within(path, key, () => toPlain(item, path, authored))]),
  );
}

function within<T>(path: PropertyKey[], key: PropertyKey, run: () => T): T {
  path.push(key);
  try {
    return run();
  } finally {
    path.pop();
  }
}

/** The date as written when the scanner found it there, else smol-toml's ISO form without `.000`. */
function dateText(date: TomlDate, authored: string | undefined): string {
  if (authored !== undefined && AUTHORED_DATE.test(authored)) {
    const again = new (smolToml().TomlDate)(authored);
    // A date that does not exist (2023-02-30) rolls over identically both ways and stays as written.
    if (again.getTime() === date.getTime() && again.isLocal() === date.isLocal()) {
      return authored.replace(/(\.\d{9})\d+/, '$1');
    }
  }
  return date.toISOString().replace('.000', '');
}

/** The child `name` of `parent`, created if new; `replace` moves an existing one to this definition. */
function enter(parent: Spot, name: string, keyAt: number, valueAt: number, replace: boolean): Spot {
  const found = parent.children?.get(name);
  if (!found) {
    const spot = newSpot(keyAt, valueAt);
    (parent.children ??= new Map()).set(name, spot);
    return spot;
  }
  if (replace) {
    found.keyAt = keyAt;
    found.valueAt = valueAt;
  }
  return found;
}

/** The source text of the scalar at `path`, when the scanner found it. */
function authoredAt(text: string, root: Spot, path: readonly PropertyKey[]): string | undefined {
  let spot: Spot | undefined = root;
  for (const key of path) {
    spot = childOf(spot, key);
    if (!spot) return undefined;
  }
  return text.slice(spot.valueAt, scalarEnd(text, spot.valueAt)).trim();
}

/** Positions of every key and value; linear in the text, and never throws. */
function indexToml(text: string): Spot {
  const start = skipBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const root = newSpot(start, start);
  try {
    let table = root;
    let i = start;
    while (i < text.length) {
      if (text[i] === '[') {
        const header = scanHeader(text, i, root);
        table = header.table;
        i = header.end;
      } else {
        i = scanAssignment(text, i, table);
      }
      i = skipBlank(text, nextLine(text, i));
    }
  } catch {
    // A scanner that disagrees with the parser only costs precision: what was recorded stays.
  }
  return root;
}

/** `[a.b]` or `[[a.b]]` at `at`: the table that the following keys belong to. */
function scanHeader(text: string, at: number, root: Spot): { table: Spot; end: number } {
  const isArray = text[at + 1] === '[';
  const key = readKey(text, at + (isArray ? 2 : 1));
  if (!key) return { table: root, end: at + 1 };
  let spot = root;
  for (const [j, segment] of key.segments.entries()) {
    const last = j === key.segments.length - 1;
    spot = enter(spot, segment.name, segment.at, last ? at : segment.at, last && !isArray);
    if (last && isArray) {
      spot = addItem(spot, at);
    } else if (spot.items) {
      spot = spot.items.at(-1) ?? spot;
    }
  }
  return { table: spot, end: key.end };
}

/** `key = value` at `at`, recorded under `table`; returns where the value ends. */
function scanAssignment(text: string, at: number, table: Spot): number {
  const key = readKey(text, at);
  if (!key || text[key.end] !== '=') return at + 1;
  const valueAt = skipSpaces(text, key.end + 1);
  let spot = table;
  for (const [j, segment] of key.segments.entries()) {
    const next = key.segments[j + 1];
    spot = enter(spot, segment.name, segment.at, next ? next.at : valueAt, !next);
  }
  return scanValue(text, valueAt, spot);
}

interface KeySegment {
  name: string;
  at: number;
}

/** A dotted key (`a."b c".d`); `end` is past the spaces after it. */
function readKey(text: string, at: number): { segments: KeySegment[]; end: number } | undefined {
  const segments: KeySegment[] = [];
  let i = skipSpaces(text, at);
  for (;;) {
    const part = readKeyPart(text, i);
    if (!part) return undefined;
    segments.push({ name: part.name, at: i });
    i = skipSpaces(text, part.end);
    if (text[i] !== '.') return { segments, end: i };
    i = skipSpaces(text, i + 1);
  }
}

function readKeyPart(text: string, at: number): { name: string; end: number } | undefined {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    const end = lineStringEnd(text, at + 1, quote);
    const raw = text.slice(at + 1, end - 1);
    return { name: quote === '"' ? decodeBasic(raw) : raw, end };
  }
  let end = at;
  while (end < text.length && isBareKeyChar(text.charCodeAt(end))) end++;
  return end > at ? { name: text.slice(at, end), end } : undefined;
}

/** A-Z a-z 0-9 _ - and, leniently, anything beyond ASCII. */
function isBareKeyChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2d ||
    code > 0x7f
  );
}

function decodeBasic(raw: string): string {
  return raw.replace(
    /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|([\s\S]))/g,
    (whole, u?: string, big?: string, x?: string, other?: string) => {
      const hex = u ?? big ?? x;
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
      return BASIC_ESCAPES[other ?? ''] ?? whole;
    },
  );
}

/** Skips the value at `at`, recording array items and inline-table keys below `spot`. */
function scanValue(text: string, at: number, spot: Spot): number {
  const c = text[at];
  if (c === '"' || c === "'") return stringEnd(text, at, c);
  if (c === '[') return scanArray(text, at, spot);
  if (c === '{') return scanInlineTable(text, at, spot);
  return scalarEnd(text, at);
}

function scanArray(text: string, at: number, spot: Spot): number {
  let i = at + 1;
  for (;;) {
    i = skipBlank(text, i);
    const c = text[i];
    if (c === undefined) return i;
    if (c === ']') return i + 1;
    if (c === ',') {
      i++;
      continue;
    }
    const item = addItem(spot, i);
    i = Math.max(scanValue(text, i, item), i + 1);
  }
}

function scanInlineTable(text: string, at: number, spot: Spot): number {
  let i = at + 1;
  for (;;) {
    i = skipBlank(text, i);
    const c = text[i];
    if (c === undefined) return i;
    if (c === '}') return i + 1;
    i = c === ',' ? i + 1 : Math.max(scanAssignment(text, i, spot), i + 1);
  }
}

function stringEnd(text: string, at: number, quote: string): number {
  if (text.startsWith(quote.repeat(3), at)) return multilineStringEnd(text, at + 3, quote);
  return lineStringEnd(text, at + 1, quote);
}

/** End of a one-line string whose text starts at `from`; an unclosed one ends at the line break. */
function lineStringEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
  }
  return text.length;
}

/** End of a `"""` or `'''` string whose text starts at `from`; up to two quotes may precede the closing three. */
function multilineStringEnd(text: string, from: number, quote: string): number {
  const close = quote.repeat(3);
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text.startsWith(close, i)) {
      let end = i + 3;
      while (end < i + 5 && text[end] === quote) end++;
      return end;
    }
  }
  return text.length;
}

function scalarEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !SCALAR_STOP.includes(text[i]!)) i++;
  return i;
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Skips spaces, line breaks and comments. */
function skipBlank(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') i = nextLine(text, i);
    else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else break;
  }
  return i;
}

function nextLine(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
}
