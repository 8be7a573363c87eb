/**
 * Loading a notebook named by a post, for the two ways a post names one (the Liquid tag
 * `{% jupyter_notebook %}` and the native ```` ```notebook ```` fence): read from inside the site with a
 * size limit, parsed, and turned into what the post body gets in place of the reference: the
 * notebook's marker (rendered by the markdown stage) or a visible note saying why it is missing.
 */
import { escapeHtml } from '../core/html.js';
import { normaliseSitePath, type SiteReader } from '../core/site-reader.js';
import { notebookMarker } from './marker.js';
import { parseNotebook, type NotebookParse } from './nbformat.js';

/** Largest notebook read, in bytes: images make notebooks big, but not this big. */
export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

/** Reads and parses the notebook at site path `sitePath`. */
export async function loadNotebook(
  reader: SiteReader,
  sitePath: string,
  maxBytes = MAX_NOTEBOOK_BYTES,
): Promise<NotebookParse> {
  const normal = normaliseSitePath(sitePath);
  if (!normal.ok) return normal;
  const read = await reader.readText(normal.path, maxBytes);
  if (!read.ok) return read;
  return parseNotebook(read.text, normal.path);
}

/**
 * What replaces a reference to a notebook in a post body: the marker on a line of its own, or the
 * note. Both are one line of HTML, so they stand as an HTML block in Markdown and pass through
 * kramdown's `{::nomarkdown}` unchanged.
 */
export function notebookReplacement(loaded: NotebookParse): string {
  return loaded.ok ? notebookMarker(loaded.notebook) : notebookNote(loaded.reason);
}

/** The visible note shown where a notebook could not be. */
export function notebookNote(reason: string): string {
  return `<aside class="compat-note notebook-missing">This notebook cannot be shown: ${escapeHtml(reason)}.</aside>`;
}
