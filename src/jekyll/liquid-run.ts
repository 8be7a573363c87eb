/** The state of the Liquid stage: what the whole build shares, and what one post's rendering collects. */
import type { SiteConfig } from '../config/schema.js';
import type { BibliographyStore } from '../citations/store.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../core/diagnostics.js';
import type { SiteReader } from '../core/site-reader.js';
import type { BaseUrl } from '../core/urls.js';
import type { CompatEntry, CompatStatus } from './compat.js';
import { positionOf } from '../core/text-position.js';
import type { CitationState } from './scholar-tags.js';

/** What every post's Liquid sees: link targets, includes, URLs. Built once per build. */
export interface LiquidSite {
  /** Reads `_includes/<name>` (cached), or explains why it cannot; `missing` when the site has no such file. */
  readInclude(name: string): Promise<{ ok: true; text: string } | { ok: false; reason: string; missing?: boolean }>;
  /** `{% post_url %}` names (`2024-05-01-name`, `sub/2024-05-01-name`) → site URL. */
  postUrls: ReadonlyMap<string, string>;
  /** `{% link %}` targets: site-relative source path → site URL. */
  linkTargets: ReadonlyMap<string, string>;
  base: BaseUrl;
  /** IANA time zone of the site, for the date filters. */
  timezone: string;
  /** Markdown to HTML for the `markdownify` filter. */
  markdownify(text: string): string;
  /** Files of the site by site path, never outside it: `{% file_exists %}` and notebooks. */
  siteFiles: SiteReader;
  /** The site's `embeds` settings, for `{% twitter %}`. */
  embeds: SiteConfig['embeds'];
  /** The bibliographies citations are looked up in. */
  bibliographies: BibliographyStore;
  /** The site's default line numbers of code blocks (`markdown.line_numbers`); absent: none. */
  lineNumbers?: SiteConfig['markdown']['line_numbers'];
}

/** What the rendering of one post collects. */
export interface LiquidRun {
  file: string;
  /** The post's Markdown profile: block tags write HTML for kramdown's `markdown="1"`, or with blank lines for native posts. */
  profile: 'native' | 'kramdown';
  /** 1-based file line of the body's first line. */
  bodyLine: number;
  sourceText: string;
  /** The body text being parsed (after recovery rewrites, which keep every line where it was). */
  body: string;
  /** The body as written, for columns. */
  original: string;
  /** Each recovery rewrite: where its placeholder ends in `body`, and how much longer it is than the original. */
  shifts: Array<{ at: number; delta: number }>;
  /** 0-based body lines that are code (see fences.ts). */
  code: Set<number>;
  /** Source text of each construct that could not be evaluated, by placeholder number. */
  unsupported: string[];
  diagnostics: Diagnostic[];
  compat: CompatEntry[];
  /** Position of the outermost `{% include %}` being rendered: problems inside includes are reported there. */
  includeCall: { line0: number; column: number } | undefined;
  includeDepth: number;
  /** The post's citations so far. */
  citations: CitationState;
}

/** A token's place in the post: its own when it is in the body, else the include call it came through. */
export function tokenPosition(
  run: LiquidRun,
  token: { input: string; begin: number },
): { line0: number; column: number } {
  if (token.input === run.body) return bodyPosition(run, token.begin);
  return run.includeCall ?? { line0: 0, column: 1 };
}

/** The position in the body as written of offset `offset` of `run.body`. */
export function bodyPosition(run: LiquidRun, offset: number): { line0: number; column: number } {
  const shift = run.shifts.reduce((sum, s) => (s.at <= offset ? sum + s.delta : sum), 0);
  return positionOf(run.original, offset - shift);
}

/** Records a diagnostic at a 0-based body line. */
export function reportLiquid(
  run: LiquidRun,
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  at: { line0: number; column: number },
): void {
  run.diagnostics.push({
    severity,
    code,
    message,
    location: { file: run.file, line: run.bodyLine + at.line0, column: at.column },
    sourceText: run.sourceText,
  });
}

/** Records a construct for the compatibility report. */
export function noteCompat(
  run: LiquidRun,
  at: { line0: number },
  construct: string,
  status: CompatStatus,
  detail: string,
): void {
  run.compat.push({ file: run.file, line: run.bodyLine + at.line0, construct, status, detail });
}
