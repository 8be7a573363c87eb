/**
 * Which code blocks of a page have line numbers, by a word each block holds: as Hugo and Jekyll write
 * them (a numbered block is a table whose first `<pre>` holds only the numbers, Chroma's and Rouge's
 * alike) and as inkstone does (the `<pre>` has the class `line-numbers`). Shared by the line-number
 * tests and the script that records the engines' answers (scripts/expected-line-numbers.ts).
 */

/** The text of each `<pre>` of `html` in order, with the tag's attributes and its HTML. */
function preBlocks(html: string): Array<{ attributes: string; inner: string; text: string }> {
  return [...html.matchAll(/<pre([^>]*)>([\s\S]*?)<\/pre>/g)].map((m) => ({
    attributes: m[1]!,
    inner: m[2]!,
    text: m[2]!.replace(/<[^>]*>/g, ''),
  }));
}

/** Whether a `<pre>` holds only line numbers (the first column of Chroma's and Rouge's tables). */
const isNumbers = (text: string) => /^[\s\d]+$/.test(text);

/** The marker among `markers` that a block's text holds, if any. */
function markerOf(text: string, markers: readonly string[]): string | undefined {
  return markers.find((marker) => new RegExp(`\\b${marker}\\b`).test(text));
}

/** Marker → whether Hugo or Jekyll numbered its block. */
export function engineNumberedBlocks(html: string, markers: readonly string[]): Record<string, boolean> {
  const numbered: Record<string, boolean> = {};
  let numbers = false;
  for (const block of preBlocks(html)) {
    if (isNumbers(block.text)) {
      numbers = true;
      continue;
    }
    const marker = markerOf(block.text, markers);
    if (marker) numbered[marker] = numbers;
    numbers = false;
  }
  return numbered;
}

/** Marker → whether inkstone numbered its block. */
export function inkstoneNumberedBlocks(html: string, markers: readonly string[]): Record<string, boolean> {
  const numbered: Record<string, boolean> = {};
  for (const block of preBlocks(html)) {
    const marker = markerOf(block.text, markers);
    if (marker) numbered[marker] = /class="[^"]*\bline-numbers\b/.test(block.attributes);
  }
  return numbered;
}

/** Marker → how many lines Hugo or Jekyll shows in its block (a final line break ends the last line). */
export function engineLineCounts(html: string, markers: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const block of preBlocks(html)) {
    const marker = isNumbers(block.text) ? undefined : markerOf(block.text, markers);
    if (marker) counts[marker] = block.text.replace(/\n$/, '').split('\n').length;
  }
  return counts;
}

/** Marker → how many lines inkstone shows in its block (Shiki's line spans). */
export function inkstoneLineCounts(html: string, markers: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const block of preBlocks(html)) {
    const marker = markerOf(block.text, markers);
    if (marker) counts[marker] = block.inner.match(/<span class="line[ "]/g)?.length ?? 0;
  }
  return counts;
}

/** The words the fixtures' blocks hold, one per block (test/fixtures/sites/hugo-linenos and jekyll-linenos). */
export const LINE_NUMBER_MARKERS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
] as const;
