/**
 * Characters in a post's text that readers should never get silently: control characters (ESC,
 * backspace, NUL, C1 controls), which are invisible or invalid in HTML and can drive a terminal, are
 * removed; bidirectional overrides and isolates, which make text read differently from what it is
 * (Trojan Source), are kept (right-to-left text needs them) and pointed out.
 */

import { positionOf } from '../core/text-position.js';

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const CONTROL_TEST = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Where a character was found: 1-based line and column of the original text. */
export interface CharacterSite {
  line: number;
  column: number;
  code: number;
  count: number;
}

/** The text without control characters, and where the first control and bidi characters were. */
export interface ControlScan {
  text: string;
  control: CharacterSite | undefined;
  bidi: CharacterSite | undefined;
}

/** Scans `text` (one pass per kind, and none when the text is clean, which is nearly always). */
export function scanControlCharacters(text: string): ControlScan {
  const control = firstSite(text, CONTROL);
  const bidi = firstSite(text, BIDI);
  return { text: control ? text.replace(CONTROL, '') : text, control, bidi };
}

function firstSite(text: string, pattern: RegExp): CharacterSite | undefined {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  if (!first) return undefined;
  const { line0, column } = positionOf(text, first.index);
  const count = text.match(pattern)?.length ?? 1;
  return { line: line0 + 1, column, code: first[0].charCodeAt(0), count };
}

/** `U+001B` */
export function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Removes control characters from every string in a parsed front matter (YAML's `"\\e"` and `"\\x08"`
 * make them in a clean file), in place; returns the path and first character of each string changed.
 */
export function stripControlsInValue(
  value: unknown,
  at: PropertyKey[] = [],
  found: Array<{ path: PropertyKey[]; code: number }> = [],
  seen = new Set<object>(),
): Array<{ path: PropertyKey[]; code: number }> {
  // YAML aliases can make a value contain itself (`a: &x [*x]`): each object is visited once.
  if (value !== null && typeof value === 'object') {
    if (seen.has(value)) return found;
    seen.add(value);
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string' && CONTROL_TEST.test(item)) {
        found.push({ path: [...at, i], code: item.match(CONTROL_TEST)![0].charCodeAt(0) });
        value[i] = item.replace(CONTROL, '');
      } else stripControlsInValue(item, [...at, i], found, seen);
    });
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      if (typeof item === 'string' && CONTROL_TEST.test(item)) {
        found.push({ path: [...at, key], code: item.match(CONTROL_TEST)![0].charCodeAt(0) });
        record[key] = item.replace(CONTROL, '');
      } else stripControlsInValue(item, [...at, key], found, seen);
    }
  }
  return found;
}
