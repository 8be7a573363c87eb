/**
 * Located template errors. Nunjucks keeps the position of a runtime error in a variable of the
 * compiled function that catches it, and that is often the wrong function: the rest of a layout after
 * an `{% include %}` runs inside the partial's callback, so the partial's catch reports it. Compiled
 * code (see compiler.ts) therefore wraps each error where it is thrown in a LocatedTemplateError
 * naming its template, line and column; whoever catches it later passes it on unchanged.
 */
import { TemplateError } from '../core/errors.js';

/** A template error at a known place; `location.file` is the template's absolute path. */
export class LocatedTemplateError extends TemplateError {
  /** The template's text, for the code frame. */
  readonly source: string;

  constructor(
    message: string,
    file: string,
    line: number | undefined,
    column: number | undefined,
    source: string,
    options?: { cause?: unknown },
  ) {
    super('template', message, { file, line, column }, options);
    this.source = source;
  }
}

/** What compiled template code calls (it names this object `inkstone`); positions count from 0. */
export interface TemplateHooks {
  /** Evaluates one expression; an error it throws is located at the expression unless it already is. */
  at<T>(line: number, column: number, evaluate: () => T): T;
  /** Locates `error` at a position unless it already is located. */
  locate(error: unknown, line: number, column: number): LocatedTemplateError;
}

/** The hooks of the template at `file` with text `source`. */
export function templateHooks(file: string, source: string): TemplateHooks {
  const locate = (error: unknown, line: number, column: number): LocatedTemplateError =>
    findLocatedError(error) ??
    new LocatedTemplateError(plainMessage(error), file, line + 1, column + 1, source, { cause: error });
  return {
    at(line, column, evaluate) {
      try {
        return evaluate();
      } catch (error) {
        throw locate(error, line, column);
      }
    },
    locate,
  };
}

/** The located error in `error` or the chain of its causes (Nunjucks wraps errors as they pass through templates). */
export function findLocatedError(error: unknown): LocatedTemplateError | undefined {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    if (e instanceof LocatedTemplateError) return e;
    seen.add(e);
  }
  return undefined;
}

/** The first line of the innermost cause's message, without the `(file) [Line 3, Column 7]` lines Nunjucks adds. */
export function plainMessage(error: unknown): string {
  const seen = new Set<unknown>();
  let e = error;
  while (e instanceof Error && e.cause !== undefined && !seen.has(e)) {
    seen.add(e);
    e = e.cause;
  }
  const text = e instanceof Error ? e.message : String(e);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?$/.test(line));
  return lines[0] ?? text.trim();
}
