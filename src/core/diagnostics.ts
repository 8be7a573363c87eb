/** Diagnostics: problems collected across a build so that one run reports every broken post. */
import type { SourceLocation } from './errors.js';
import { codeFrame } from './code-frame.js';

/** How bad a diagnostic is; `--strict` promotes warnings to errors. */
export type Severity = 'error' | 'warning';

/** One reported problem, serialisable so workers and caches can carry it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable kind, e.g. `math`, `front-matter`, `code-language`. */
  code: string;
  message: string;
  location?: SourceLocation;
  /** The source text the location points into, used for the code frame. */
  sourceText?: string;
}

/** Collects diagnostics for one build. Passed explicitly: there is no global sink. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.items.push(d);
  }

  /** Errors, counting warnings as errors when `strict` is set. */
  errorCount(strict: boolean): number {
    return this.items.filter((d) => d.severity === 'error' || strict).length;
  }

  warningCount(strict: boolean): number {
    return strict ? 0 : this.items.filter((d) => d.severity === 'warning').length;
  }

  /** Diagnostics in a stable order: by file, line, column, then message. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** `file:line:col` (parts omitted when unknown). */
export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let out = location.file;
  if (location.line !== undefined) {
    out += `:${location.line}`;
    if (location.column !== undefined) out += `:${location.column}`;
  }
  return out;
}

/**
 * The one-line header of a diagnostic, e.g.
 * `posts/2024-05-01-x.md:14:9 error[math] Undefined control sequence \fo`.
 */
export function formatDiagnosticHeader(d: Diagnostic, strict = false): string {
  const severity = strict ? 'error' : d.severity;
  const where = formatLocation(d.location);
  return escapeControls(`${where ? `${where} ` : ''}${severity}[${d.code}] ${d.message}`);
}

/**
 * Control characters (ESC, backspace, …) and bidirectional overrides from content, made visible
 * (`\x1b`, `\u202e`): a post must not clear or recolour a terminal or a CI log through a diagnostic,
 * nor make a line read differently from what it is.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Header plus a two-line code frame when the source text is known. */
export function formatDiagnostic(d: Diagnostic, strict = false): string {
  const header = formatDiagnosticHeader(d, strict);
  const line = d.location?.line;
  if (d.sourceText === undefined || line === undefined) return header;
  const frame = codeFrame(d.sourceText, line, d.location?.column);
  return frame ? `${header}\n${escapeControls(frame)}` : header;
}
