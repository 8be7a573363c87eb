/**
 * JSON parsing (Hugo data files, configuration and JSON front matter) with source positions, giving
 * the same result shape as `parseYaml` so callers treat YAML, TOML and JSON alike. Values come from
 * `JSON.parse`; positions come from a small iterative tokenizer over the text, which also finds
 * where a syntax error is when the engine's message does not say.
 */
import { addItem, locateSpot, newSpot, positionAt, type Spot } from './source-spots.js';
import type { ParsedYaml, TextPosition, YamlProblem } from './yaml.js';

/** What `parseJsonData` returns: the same shape as `parseYaml`'s result. */
export type JsonParseResult = { ok: true; yaml: ParsedYaml } | { ok: false; problem: YamlProblem };

/** Deepest nesting of arrays and objects accepted, so later recursive code cannot overflow the stack. */
const MAX_DEPTH = 1000;
const LITERALS = ['true', 'false', 'null'] as const;

/**
 * Parses a JSON document (a leading byte order mark is allowed); returns the problem instead of
 * throwing. Values are exactly `JSON.parse`'s: for a repeated key the last wins (and `locate` finds
 * the last), and a `__proto__` key is an own data property, never a prototype.
 */
export function parseJsonData(text: string): JsonParseResult {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let value: unknown;
  try {
    value = JSON.parse(start === 0 ? text : text.slice(start));
  } catch (error) {
    return { ok: false, problem: syntaxProblem(text, start, error) };
  }
  const deepAt = tooDeepAt(text, start);
  if (deepAt !== -1)
    return { ok: false, problem: { message: 'nested too deeply', position: positionAt(text, deepAt) } };
  let root: Spot | undefined;
  const locate = (path: readonly PropertyKey[], target: 'value' | 'key' = 'value'): TextPosition => {
    root ??= scanJson(text, start).root;
    return locateSpot(text, root, path, target);
  };
  return { ok: true, yaml: { value, locate } };
}

/** The engine's message without positions or quoted source, placed where the tokenizer (or the engine) says. */
function syntaxProblem(text: string, start: number, error: unknown): YamlProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const reported = /at position (\d+)/.exec(raw);
  const offset = reported ? start + Number(reported[1]) : scanJson(text, start).errorAt;
  return {
    message: `invalid JSON: ${shortMessage(raw)}`,
    position: offset === undefined ? { line: 1, column: 1 } : positionAt(text, Math.min(offset, text.length)),
  };
}

/** `Unexpected token '}', "{"a":}" is not valid JSON` → `Unexpected token '}'`; `… in JSON at position 7` → `…`. */
function shortMessage(raw: string): string {
  const token = /^Unexpected token '([\s\S]{1,2}?)', /.exec(raw);
  if (token) return `Unexpected token '${token[1]}'`;
  const line = raw.split('\n', 1)[0] ?? raw;
  const cut = line.search(/ (?:in JSON )?at position \d/);
  return (cut === -1 ? line : line.slice(0, cut)).slice(0, 200);
}

/** Offset of the first bracket nested deeper than `MAX_DEPTH`, or -1. Assumes valid JSON. */
function tooDeepAt(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = (stringEnd(text, i).end ?? text.length) - 1;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Records a fresh child, dropping what an earlier duplicate key recorded below it. */
function setChild(parent: Spot, name: string, keyAt: number, valueAt: number): Spot {
  const spot = newSpot(keyAt, valueAt);
  (parent.children ??= new Map()).set(name, spot);
  return spot;
}

/** One open array or object. */
interface Frame {
  spot: Spot;
  isObject: boolean;
}

/** A step of the tokenizer: where the token ends, or where it goes wrong. */
type Step = { end: number; errorAt?: undefined } | { end?: undefined; errorAt: number };

/**
 * Records the position of every key and value, without recursion; `errorAt` is the offset of the
 * first syntax error, if any (what was recorded before it stays).
 */
function scanJson(text: string, start: number): { root: Spot; errorAt: number | undefined } {
  let i = skipWhitespace(text, start);
  const root = newSpot(i, i);
  const stack: Frame[] = [];
  let target = root;
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        const frame: Frame = { spot: target, isObject: c === '{' };
        stack.push(frame);
        i = skipWhitespace(text, i + 1);
        if (text[i] === (frame.isObject ? '}' : ']')) {
          stack.pop();
          i = skipWhitespace(text, i + 1);
          expectValue = false;
          continue;
        }
        const next = nextEntry(text, i, frame);
        if (next.errorAt !== undefined) return { root, errorAt: next.errorAt };
        ({ i, target } = next);
        continue;
      }
      const step = scalarEnd(text, i);
      if (step.errorAt !== undefined) return { root, errorAt: step.errorAt };
      i = skipWhitespace(text, step.end);
      expectValue = false;
      continue;
    }
    const frame = stack.at(-1);
    if (!frame) return { root, errorAt: i < text.length ? i : undefined };
    if (text[i] === ',') {
      const next = nextEntry(text, skipWhitespace(text, i + 1), frame);
      if (next.errorAt !== undefined) return { root, errorAt: next.errorAt };
      ({ i, target } = next);
      expectValue = true;
    } else if (text[i] === (frame.isObject ? '}' : ']')) {
      stack.pop();
      i = skipWhitespace(text, i + 1);
    } else {
      return { root, errorAt: i };
    }
  }
}

/** The next array item, or `"key":` of the next member, at `at`: records it and returns where its value starts. */
function nextEntry(
  text: string,
  at: number,
  frame: Frame,
): { i: number; target: Spot; errorAt?: undefined } | { errorAt: number } {
  if (!frame.isObject) return { i: at, target: addItem(frame.spot, at) };
  if (text[at] !== '"') return { errorAt: at };
  const key = stringEnd(text, at);
  if (key.errorAt !== undefined) return { errorAt: key.errorAt };
  const colon = skipWhitespace(text, key.end);
  if (text[colon] !== ':') return { errorAt: colon };
  const valueAt = skipWhitespace(text, colon + 1);
  const name = JSON.parse(text.slice(at, key.end)) as string;
  return { i: valueAt, target: setChild(frame.spot, name, at, valueAt) };
}

/** A string, number or literal at `at`. */
function scalarEnd(text: string, at: number): Step {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return numberEnd(text, at);
  for (const literal of LITERALS) {
    if (c !== literal[0]) continue;
    for (let j = 1; j < literal.length; j++) {
      if (text[at + j] !== literal[j]) return { errorAt: at + j };
    }
    return { end: at + literal.length };
  }
  return { errorAt: at };
}

function stringEnd(text: string, at: number): Step {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1 };
    if (c < 0x20) return { errorAt: i };
    if (c === 0x5c) {
      const escaped = text[i + 1];
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { errorAt: i + 2 };
        i += 5;
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i++;
      else return { errorAt: i + 1 };
    }
  }
  return { errorAt: text.length };
}

function numberEnd(text: string, at: number): Step {
  let i = text[at] === '-' ? at + 1 : at;
  if (text[i] === '0') i++;
  else if (!isDigit(text[i])) return { errorAt: i };
  else i = digitsEnd(text, i);
  if (text[i] === '.') {
    if (!isDigit(text[i + 1])) return { errorAt: i + 1 };
    i = digitsEnd(text, i + 1);
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return { errorAt: i };
    i = digitsEnd(text, i);
  }
  return { end: i };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function digitsEnd(text: string, at: number): number {
  let i = at;
  while (isDigit(text[i])) i++;
  return i;
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  return i;
}
