/** Error types: every failure inkstone reports carries a stable code and, where known, a source location. */
import type { DiagnosticCode } from './diagnostics.js';

/** A position in a source file, 1-based line and column. */
export interface SourceLocation {
  /** Path relative to the site directory (or absolute when outside it). */
  file: string;
  line?: number;
  column?: number;
}

/** Base class of all inkstone errors. `code` is stable and appears in diagnostics as `error[code]`. */
export class InkstoneError extends Error {
  readonly code: DiagnosticCode;
  readonly location: SourceLocation | undefined;

  constructor(code: DiagnosticCode, message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.location = location;
  }
}

/** Bad command-line usage or configuration: exit code 2. */
export class ConfigError extends InkstoneError {}

/** A problem in a post, a layout or another content file: exit code 1. */
export class ContentError extends InkstoneError {}

/** A layout failed to render: exit code 1. */
export class TemplateError extends InkstoneError {}

/** The output directory cannot be written safely: exit code 1. */
export class OutputError extends InkstoneError {}
