/**
 * Where the keys and values of a parsed data document (TOML, JSON) start in its text: a tree of
 * spots their scanners fill, and the lookup that turns a path into a line and column.
 */
import { positionOf } from './text-position.js';
import type { TextPosition } from './yaml.js';

/** Where a key and its value start in the text, and what is below it. */
export interface Spot {
  keyAt: number;
  valueAt: number;
  /** Keys of a map, created with the first: most values are leaves. */
  children: Map<string, Spot> | undefined;
  /** Items of an array (or the `[[…]]` elements of a TOML array of tables so far). */
  items: Spot[] | undefined;
}

/** A spot with nothing below it yet. */
export function newSpot(keyAt: number, valueAt: number): Spot {
  return { keyAt, valueAt, children: undefined, items: undefined };
}

/** Adds an item starting at `at` to the array `parent`. */
export function addItem(parent: Spot, at: number): Spot {
  const spot = newSpot(at, at);
  (parent.items ??= []).push(spot);
  return spot;
}

/** The child of `spot` at `key` (an index for an array). */
export function childOf(spot: Spot, key: PropertyKey): Spot | undefined {
  if (spot.items) return typeof key === 'number' || /^\d+$/.test(String(key)) ? spot.items[Number(key)] : undefined;
  return spot.children?.get(String(key));
}

/** The 1-based position of the value (or, with `'key'`, the key) at `path`, or of its nearest recorded parent. */
export function locateSpot(
  text: string,
  root: Spot,
  path: readonly PropertyKey[],
  target: 'value' | 'key',
): TextPosition {
  let spot = root;
  let at = root.valueAt;
  for (const [depth, key] of path.entries()) {
    const child = childOf(spot, key);
    if (!child) break;
    spot = child;
    at = target === 'key' && depth === path.length - 1 ? child.keyAt : child.valueAt;
  }
  return positionAt(text, at);
}

/** The 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  const { line0, column } = positionOf(text, offset);
  return { line: line0 + 1, column };
}
