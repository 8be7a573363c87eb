/**
 * The native way to show a notebook: a fence whose language is `notebook` and whose one line is the
 * notebook's site path.
 *
 *     ```notebook
 *     assets/jupyter/analysis.ipynb
 *     ```
 *
 * Before Markdown, each such fence is replaced by the notebook's marker (or by a note, with a warning at
 * the path's line), in the fence's first line; its other lines are left empty, so every line of the
 * body stays where it was. Fences inside other fences are code, and stay as written.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { SiteReader } from '../core/site-reader.js';
import type { Post } from '../types.js';
import { loadNotebook, notebookReplacement } from './load.js';

const ANY_FENCE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})([^`]*)$/;
const NOTEBOOK_FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*notebook[ \t]*$/i;

/** `post`'s body with its notebook fences replaced, and the problems met. */
export async function expandNotebookFences(
  post: Post,
  reader: SiteReader,
): Promise<{ body: string; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  if (!/^ {0,3}(`{3,}|~{3,})[ \t]*notebook[ \t]*$/im.test(post.body)) return { body: post.body, diagnostics };
  const lines = post.body.split('\n');
  const fileLine = (i: number) => post.bodyLine + (post.lineMap?.[i] ?? i);
  for (let i = 0; i < lines.length; i++) {
    const open = ANY_FENCE.exec(lines[i]!);
    if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) continue;
    const close = closingLine(lines, i, open[1]!);
    const notebook = NOTEBOOK_FENCE.exec(lines[i]!);
    if (notebook && close !== undefined) {
      const content = lines
        .slice(i + 1, close)
        .map((line, k) => ({ text: line.trim(), index: i + 1 + k }))
        .filter((l) => l.text !== '');
      const where = content[0] ?? { text: '', index: i };
      const column = lines[where.index]!.length - lines[where.index]!.trimStart().length + 1;
      const warn = (message: string) =>
        diagnostics.push({
          severity: 'warning',
          code: 'notebook',
          message,
          location: { file: post.source.relPath, line: fileLine(where.index), column },
          sourceText: post.source.text,
        });
      let replacement: string;
      if (content.length !== 1) {
        const reason = 'a notebook block names one notebook file, on one line';
        warn(`\`\`\`notebook: ${reason}`);
        replacement = notebookReplacement({ ok: false, reason });
      } else {
        const loaded = await loadNotebook(reader, where.text);
        if (!loaded.ok) warn(`\`\`\`notebook ${where.text}: ${loaded.reason}`);
        replacement = notebookReplacement(loaded);
      }
      lines.splice(i, close - i + 1, replacement, ...new Array<string>(close - i).fill(''));
    }
    // Whatever the fence was, its lines are code: a notebook fence inside it is not one.
    i = close ?? lines.length;
  }
  return { body: lines.join('\n'), diagnostics };
}

/** The line that closes the fence opened on line `open` with `marker`, or undefined when it runs to the end. */
function closingLine(lines: readonly string[], open: number, marker: string): number | undefined {
  for (let j = open + 1; j < lines.length; j++) {
    const close = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})\s*$/.exec(lines[j]!);
    if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) return j;
  }
  return undefined;
}
