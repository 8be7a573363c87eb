/** YAML 1.2 parsing with source positions, and schema validation that reports where a value is wrong. */
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'zod';

/** A 1-based position inside the parsed text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A problem found while parsing or validating YAML. */
export interface YamlProblem {
  message: string;
  position: TextPosition | undefined;
}

/** A parsed YAML document and a way to find where a value sits in the text. */
export interface ParsedYaml {
  value: unknown;
  /** Position of the value (or, with `'key'`, the key) at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[], target?: 'value' | 'key'): TextPosition | undefined;
}

/** Parser limits: aliases are bounded so a "billion laughs" document cannot exhaust memory. */
const PARSE_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false } as const;
const TO_JS_OPTIONS = { maxAliasCount: 100 } as const;

/** Parses one YAML document; returns the problems instead of throwing. */
export function parseYaml(text: string): { ok: true; yaml: ParsedYaml } | { ok: false; problem: YamlProblem } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const raw = first.message.split('\n')[0] ?? first.message;
    // The parser recurses per nesting level: say what is wrong rather than what overflowed.
    const message = raw.includes('Maximum call stack') ? 'nested too deeply' : raw;
    return { ok: false, problem: { message, position: { line: pos.line, column: pos.col } } };
  }
  let value: unknown;
  try {
    value = doc.toJS(TO_JS_OPTIONS);
  } catch (error) {
    return { ok: false, problem: { message: (error as Error).message, position: undefined } };
  }
  const positionAt = (offset: number): TextPosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    ok: true,
    yaml: { value, locate: (path, target = 'value') => locateNode(doc, path, target, positionAt) },
  };
}

function locateNode(
  doc: Document,
  path: readonly PropertyKey[],
  target: 'value' | 'key',
  positionAt: (offset: number) => TextPosition,
): TextPosition | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNodeWithRange(node) ? node : undefined;
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      node = pair.value;
      const wantKey = target === 'key' && depth === path.length - 1;
      const first = wantKey ? pair.key : pair.value;
      const second = wantKey ? pair.value : pair.key;
      best = isNodeWithRange(first) ? first : isNodeWithRange(second) ? second : best;
    } else if (
      node &&
      typeof node === 'object' &&
      'items' in node &&
      Array.isArray((node as { items: unknown[] }).items)
    ) {
      const item = (node as { items: unknown[] }).items[Number(key)];
      if (!isNodeWithRange(item)) break;
      node = item;
      best = item;
    } else {
      break;
    }
  }
  return best?.range ? positionAt(best.range[0]) : undefined;
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

/** Validates `yaml.value` with `schema`; on failure returns one problem per issue, located in the text. */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  yaml: ParsedYaml,
  describe: (path: readonly PropertyKey[], issue: z.core.$ZodIssue) => string,
): { ok: true; value: z.output<S> } | { ok: false; problems: YamlProblem[] } {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => {
    // An unknown key is reported where the key is written, not at its parent map.
    const where =
      issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    return {
      message: describe(issue.path, issue),
      position: yaml.locate(where, issue.code === 'unrecognized_keys' ? 'key' : 'value'),
    };
  });
  return { ok: false, problems };
}

/** `a.b[2]` style rendering of an issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Short description of a value's type for error messages: `number 5`, `a list`, `a map`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
