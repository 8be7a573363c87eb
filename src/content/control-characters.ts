/**
 * Characters in a post's text that readers should never get silently: control characters (ESC,
 * backspace, NUL, C1 controls), which are invisible or invalid in HTML and can drive a terminal, and
 * Unicode noncharacters and lone surrogates, which are not text (U+FFFE, U+FFFF and surrogates make a
 * feed invalid XML, which feed readers drop whole), are removed; bidirectional overrides and
 * isolates, which make text read differently from what it is (Trojan Source), are kept (right-to-left
 * text needs them) and pointed out.
 */

import { positionOf } from '../core/text-position.js';

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// U+FDD0–U+FDEF, the last two code points of every plane, and (with the u flag, half pairs only) surrogates.
const PLANE_ENDS = Array.from(
  { length: 16 },
  (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`,
);
const NONCHARACTER_SOURCE = `[\\ufdd0-\\ufdef\\ufffe\\uffff${PLANE_ENDS.join('')}]|[\\ud800-\\udfff]`;
const NONCHARACTER = new RegExp(NONCHARACTER_SOURCE, 'gu');
/** A control character or a noncharacter: what is removed. */
const REMOVED = new RegExp(`${CONTROL.source}|${NONCHARACTER_SOURCE}`, 'gu');
const REMOVED_TEST = new RegExp(REMOVED.source, 'u');

/** Where a character was found: 1-based line and column of the original text. */
export interface CharacterSite {
  line: number;
  column: number;
  code: number;
  count: number;
}

/** The text without control characters and noncharacters, and where the first of each kind was. */
export interface ControlScan {
  text: string;
  control: CharacterSite | undefined;
  noncharacter: CharacterSite | undefined;
  bidi: CharacterSite | undefined;
}

/** Scans `text` (one pass per kind, and none when the text is clean, which is nearly always). */
export function scanControlCharacters(text: string): ControlScan {
  const control = firstSite(text, CONTROL);
  const noncharacter = firstSite(text, NONCHARACTER);
  const bidi = firstSite(text, BIDI);
  return { text: control || noncharacter ? text.replace(REMOVED, '') : text, control, noncharacter, bidi };
}

function firstSite(text: string, pattern: RegExp): CharacterSite | undefined {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  if (!first) return undefined;
  const { line0, column } = positionOf(text, first.index);
  const count = text.match(pattern)?.length ?? 1;
  return { line: line0 + 1, column, code: first[0].codePointAt(0)!, count };
}

/** `U+001B` */
export function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What a removed character is (`control character U+001B`), and why it is removed. */
export function removedCharacter(code: number): { name: string; reason: string } {
  if (code >= 0xd800 && code <= 0xdfff)
    return {
      name: `lone surrogate ${codePoint(code)}`,
      reason: 'it is half of a character, and XML (so every feed) does not allow it',
    };
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe)
    return {
      name: `noncharacter ${codePoint(code)}`,
      reason:
        code === 0xfffe || code === 0xffff
          ? 'it is not text, and XML (so every feed) does not allow it'
          : 'it is not text (Unicode keeps it for internal use)',
    };
  return { name: `control character ${codePoint(code)}`, reason: 'it is invisible or invalid in HTML' };
}

/**
 * Removes control characters and noncharacters from every string in a parsed front matter (YAML's
 * `"\\e"`, `"\\x08"` and `"\\uFFFE"` make them in a clean file), in place; returns the path and first
 * character of each string changed.
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
      if (typeof item === 'string' && REMOVED_TEST.test(item)) {
        found.push({ path: [...at, i], code: item.match(REMOVED_TEST)![0].codePointAt(0)! });
        value[i] = item.replace(REMOVED, '');
      } else stripControlsInValue(item, [...at, i], found, seen);
    });
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      if (typeof item === 'string' && REMOVED_TEST.test(item)) {
        found.push({ path: [...at, key], code: item.match(REMOVED_TEST)![0].codePointAt(0)! });
        record[key] = item.replace(REMOVED, '');
      } else stripControlsInValue(item, [...at, key], found, seen);
    }
  }
  return found;
}
