/**
 * The error overlay: the diagnostics that keep the last good site served, shown over the page as
 * they are in the terminal (file:line:col, severity and code, message, code frame). Every piece of
 * text is HTML-escaped here; the client only inserts the result.
 */
import { codeFrame } from '../core/code-frame.js';
import { formatDiagnosticHeader, type Diagnostic } from '../core/diagnostics.js';
import { escapeHtml } from '../core/html.js';

/** The id of the overlay element in the page. */
export const OVERLAY_ID = 'inkstone-dev-overlay';

/** The overlay's inner HTML for `errors`. */
export function overlayHtml(errors: readonly Diagnostic[]): string {
  const items = errors.map((d) => {
    const frame =
      d.sourceText !== undefined && d.location?.line !== undefined
        ? codeFrame(d.sourceText, d.location.line, d.location.column)
        : '';
    return (
      `<li style="margin:0 0 1.25em">` +
      `<div data-diagnostic style="color:#ff8a80;font-weight:bold;white-space:pre-wrap">${escapeHtml(formatDiagnosticHeader(d))}</div>` +
      (frame
        ? `<pre style="margin:.5em 0 0;padding:.5em;background:#000;color:#eee;overflow:auto">${escapeHtml(frame)}</pre>`
        : '') +
      `</li>`
    );
  });
  const count = `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`;
  return (
    `<div role="alertdialog" aria-label="Build errors" style="box-sizing:border-box;height:100%;overflow:auto;background:rgba(20,20,24,.95);color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2em">` +
    `<h2 style="margin:0 0 1em;font-size:18px;color:#fff">inkstone: ${count}; the last good version of the site is still served</h2>` +
    `<ol style="margin:0;padding:0;list-style:none">${items.join('')}</ol>` +
    `<p style="margin:1em 0 0;color:#aaa">Fix the file and save: this message goes away by itself.</p>` +
    `</div>`
  );
}
