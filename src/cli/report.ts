/** `--report-json FILE`: a machine-readable account of a build, for CI dashboards and bots. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildResult } from '../build.js';
import type { Diagnostic } from '../core/diagnostics.js';

/** The report's shape, version 1. */
export interface BuildReport {
  version: 1;
  ok: boolean;
  exitCode: number;
  /** Diagnostics without source text (file, line and column locate them). */
  diagnostics: Array<Omit<Diagnostic, 'sourceText'>>;
  stats?: BuildResult['stats'];
  diagrams?: BuildResult['diagrams'];
  /** Local images met, responsive variants written, and how many this build encoded. */
  images?: BuildResult['images'];
  /** Social cards written and drawn (absent when none are made). */
  cards?: BuildResult['cards'];
  /** The search index (absent with `search: false`). */
  search?: BuildResult['search'];
  timings?: BuildResult['timings'];
  notes?: string[];
}

/** Builds the report of a finished build, or of one that stopped on `failure`. */
export function createReport(exitCode: number, result: BuildResult | undefined, failure?: Diagnostic): BuildReport {
  const diagnostics = (result?.diagnostics ?? (failure ? [failure] : [])).map(
    ({ sourceText: _sourceText, ...rest }) => rest,
  );
  return {
    version: 1,
    ok: exitCode === 0,
    exitCode,
    diagnostics,
    ...(result
      ? {
          stats: result.stats,
          diagrams: result.diagrams,
          images: result.images,
          ...(result.cards ? { cards: result.cards } : {}),
          ...(result.search ? { search: result.search } : {}),
          timings: result.timings,
          notes: result.notes,
        }
      : {}),
  };
}

/** Writes `report` as JSON to `file`. */
export async function writeReport(file: string, report: BuildReport): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
