/** The migration report: every Jekyll or kramdown construct met in a build, and what inkstone did with it. */

/** What became of a construct. */
export type CompatStatus = 'converted' | 'approximated' | 'unsupported';

/** One construct at one place. */
export interface CompatEntry {
  /** Site-relative file. */
  file: string;
  /** 1-based line of the file (front matter lines included). */
  line: number;
  /** The construct as a reader would search for it, e.g. `{% post_url %}` or `layout: distill`. */
  construct: string;
  status: CompatStatus;
  /** What inkstone did, in a few words. */
  detail: string;
}

const STATUS_LABEL: Record<CompatStatus, string> = {
  converted: 'converted',
  approximated: 'approximated',
  unsupported: 'not supported',
};

/** Entries sorted by file, then line, then construct, with exact duplicates removed. */
export function sortCompatEntries(entries: readonly CompatEntry[]): CompatEntry[] {
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const key = `${e.file}\0${e.line}\0${e.construct}\0${e.status}\0${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) =>
    a.file !== b.file
      ? a.file < b.file
        ? -1
        : 1
      : a.line - b.line || (a.construct < b.construct ? -1 : a.construct > b.construct ? 1 : 0),
  );
}

/**
 * The report as printed by `inkstone build --report-compat`: one block per file, one line per construct
 * (`  line  status  construct: detail`), then a count per status.
 */
export function formatCompatReport(entries: readonly CompatEntry[]): string {
  const sorted = sortCompatEntries(entries);
  if (sorted.length === 0) return 'Compatibility report: no Jekyll or kramdown constructs found.';
  const lines = ['Compatibility report:'];
  const width = Math.max(...Object.values(STATUS_LABEL).map((s) => s.length));
  for (const file of [...new Set(sorted.map((e) => e.file))]) {
    const entries = sorted.filter((e) => e.file === file);
    const where = Math.max(...entries.map((e) => `${file}:${e.line}`.length));
    lines.push(file);
    for (const e of entries)
      lines.push(
        `  ${`${file}:${e.line}`.padEnd(where)}  ${STATUS_LABEL[e.status].padEnd(width)}  ${e.construct}: ${e.detail}`,
      );
  }
  const count = (status: CompatStatus) => sorted.filter((e) => e.status === status).length;
  lines.push(
    `${count('converted')} converted, ${count('approximated')} approximated, ${count('unsupported')} not supported.`,
  );
  return lines.join('\n');
}
