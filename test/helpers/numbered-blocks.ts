/**
 * Which code blocks of a page have line numbers, by a word each block holds: as Hugo and Jekyll write
 * them (a numbered block is a table whose first `<pre>` holds only the numbers, Chroma's and Rouge's
 * alike) and as inkstone does (the `<pre>` has the class `line-numbers`). Shared by the line-number
 * tests and the script that records the engines' answers (scripts/expected-line-numbers.ts).
 */

/** The text of each `<pre>` of `html` in order, with the tag's attributes. */
function preBlocks(html: string): Array<{ attributes: string; text: string }> {
  return [...html.matchAll(/<pre([^>]*)>([\s\S]*?)<\/pre>/g)].map((m) => ({
    attributes: m[1]!,
    text: m[2]!.replace(/<[^>]*>/g, ''),
  }));
}

/** The marker among `markers` that a block's text holds, if any. */
function markerOf(text: string, markers: readonly string[]): string | undefined {
  return markers.find((marker) => new RegExp(`\\b${marker}\\b`).test(text));
}

/** Marker → whether Hugo or Jekyll numbered its block. */
export function engineNumberedBlocks(html: string, markers: readonly string[]): Record<string, boolean> {
  const numbered: Record<string, boolean> = {};
  let numbers = false;
  for (const block of preBlocks(html)) {
    if (/^[\s\d]+$/.test(block.text)) {
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

/** The words the fixtures' blocks hold, one per block (test/fixtures/sites/hugo-linenos and jekyll-linenos). */
export const LINE_NUMBER_MARKERS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'] as const;
