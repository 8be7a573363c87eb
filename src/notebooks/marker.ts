/**
 * How a notebook travels from the stage that reads its file (the Liquid tag, the native fence) to the
 * markdown stage that renders it: one HTML comment line holding the notebook record as JSON. A comment
 * passes unchanged through every Markdown context (kramdown's `{::nomarkdown}`, raw HTML blocks, native
 * posts); the markdown stage needs no file access (workers, render cache) and the post body, which keys
 * the render cache, changes whenever the notebook does.
 */
import { asNotebook, type Notebook } from './nbformat.js';

const MARKER = /<!--inkstone:notebook ([^>\n]*)-->/g;

/** The marker line for `notebook`. */
export function notebookMarker(notebook: Notebook): string {
  // `<`, `>` and `&` only occur inside JSON strings, where a \u escape means the same: the comment
  // cannot end early, and no HTML parser finds a tag or an entity in it.
  const json = JSON.stringify(notebook).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return `<!--inkstone:notebook ${json}-->`;
}

/** Text between markers, or a marker with its notebook (undefined when the marker holds no valid notebook). */
export type MarkerPiece = { text: string } | { notebook: Notebook | undefined; offset: number };

/** `text` cut at its notebook markers, or undefined when it has none. */
export function splitNotebookMarkers(text: string): MarkerPiece[] | undefined {
  if (!text.includes('<!--inkstone:notebook ')) return undefined;
  const pieces: MarkerPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ notebook: decode(match[1]!), offset: match.index });
    at = match.index + match[0].length;
  }
  if (pieces.length === 0) return undefined;
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

function decode(json: string): Notebook | undefined {
  try {
    return asNotebook(JSON.parse(json));
  } catch {
    return undefined;
  }
}
