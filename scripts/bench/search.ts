/**
 * `npm run bench -- --search`: what the search index costs. A copy of the corpus with `search: false`
 * is built cold in the same rounds as the corpus itself, so the difference between the two medians is
 * the index's added time; its size and post count come from the build report.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The search stage's numbers in a corpus's row. */
export interface SearchCost {
  /** Median of the cold builds without the index. */
  withoutMs: number;
  /** Median of the cold builds with it (the row's cold column). */
  withMs: number;
  documents: number;
  bytes: number;
}

/** Copies the corpus at `site` to `dest`, with `search: false` added to its configuration; returns `dest`. */
export async function writeSiteWithoutSearch(site: string, dest: string): Promise<string> {
  await cp(path.join(site, 'posts'), path.join(dest, 'posts'), { recursive: true });
  const config = await readFile(path.join(site, 'inkstone.yml'), 'utf8').catch(() => '');
  await writeFile(path.join(dest, 'inkstone.yml'), `${config.trimEnd()}\nsearch: false\n`.trimStart());
  return dest;
}

/** The index's posts and bytes, from a build report (`--report-json`). */
export function searchFromReport(report: { search?: { documents: number; bytes: number } }): {
  documents: number;
  bytes: number;
} {
  return { documents: report.search?.documents ?? 0, bytes: report.search?.bytes ?? 0 };
}

/** One line of the report: the added time, as seconds and as a share of the cold build, and the index's size. */
export function searchCostLine(corpus: string, cost: SearchCost): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const added = cost.withMs - cost.withoutMs;
  return (
    `  ${corpus}: cold ${s(cost.withMs)} with the index, ${s(cost.withoutMs)} without: ` +
    `${added >= 0 ? '+' : '−'}${s(Math.abs(added))} (${((100 * added) / cost.withoutMs).toFixed(0)}%); ` +
    `index of ${cost.documents.toLocaleString('en-US')} posts, ${(cost.bytes / 1e6).toFixed(2)} MB`
  );
}
