/**
 * Diffs (```` ```diff2html ````, a unified diff as `git diff` prints it, as al-folio's `code_diff`
 * posts write them) turned into HTML by diff2html in Node: a table per file with line numbers and
 * changed words marked. The markup is diff2html's, less its "Viewed" checkbox and the whitespace
 * between tags; the colours are the theme's (its diff rules follow the page's colour scheme), so one
 * rendering serves both schemes.
 */
import { WidgetError } from './errors.js';
import type { WidgetRenderer } from './renderer.js';

/** The renderer, with diff2html imported. */
export async function loadDiff2html(): Promise<WidgetRenderer> {
  const { html, parse } = await import('diff2html');
  return async ({ id, source }) => {
    const files = parse(source);
    if (files.length === 0 || files.every((file) => file.blocks.length === 0 && !file.isBinary && !file.isRename))
      throw new WidgetError('no unified diff found (it starts with "diff --git", or "---" and "+++" lines)', 1, 1);
    let n = 0;
    const markup = html(files, { drawFileList: false, outputFormat: 'line-by-line', matching: 'lines' })
      .replace(/<label class="d2h-file-collapse">[\s\S]*?<\/label>/g, '')
      // Between tags only: a diff line's own text never holds a line break.
      .replace(/>\s*\n\s*</g, '><')
      .replace(/ id="d2h-\d+"/g, () => ` id="${id}-file${++n}"`)
      // A long line scrolls sideways: the scroll-regions script makes the region reachable by keyboard.
      .replace(/<div class="d2h-code-wrapper">/g, '<div class="d2h-code-wrapper" data-scroll-region="Diff">')
      .trim();
    return { light: `<div id="${id}" class="diff-view">${markup}</div>`, dark: '' };
  };
}
