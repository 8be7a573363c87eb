/** Terminal lines for the dev server: what each rebuild redid, what changed, and how long it took. */
import { countDiagnostics } from '../core/diagnostics.js';
import type { SiteChange } from './changes.js';
import { describeChanges } from './changes.js';
import type { RebuildReport } from './session.js';

/**
 * One line per rebuild, e.g.
 * `posts/a.md changed: 1 post rendered, 8 pages, 0 feeds; reloading 1 page (2017/01/a/index.html) in 42 ms`.
 */
export function formatRebuild(report: RebuildReport, changes: readonly SiteChange[]): string {
  const trigger = changes.length === 0 ? 'first build' : describeChanges(changes);
  const ms = `${Math.round(report.ms)} ms`;
  const work = `${plural(report.postsRendered, 'post')} rendered, ${plural(report.pagesRendered, 'page')}, ${plural(report.feedsRendered, 'feed')}`;
  if (!report.ok) {
    const { errors } = countDiagnostics(report.diagnostics, false);
    return `${trigger}: ${plural(errors, 'error')}, the last good site is still served (${ms})`;
  }
  const touched = [...report.changed, ...report.removed.map((p) => `${p} removed`)];
  if (touched.length === 0) return `${trigger}: ${work}; no file changed (${ms})`;
  const shown = touched.slice(0, 3).join(', ') + (touched.length > 3 ? `, and ${touched.length - 3} more` : '');
  return `${trigger}: ${work}; ${plural(touched.length, 'file')} changed (${shown}) in ${ms}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
