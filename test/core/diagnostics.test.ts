/** The diagnostic codes and the two helpers every command shares: a thrown error as a diagnostic, and counting under --strict. */
import { describe, expect, it } from 'vitest';
import {
  countDiagnostics,
  DIAGNOSTIC_CODES,
  DiagnosticBag,
  diagnosticFromError,
  formatDiagnosticHeader,
  type Diagnostic,
  type DiagnosticCode,
} from '../../src/core/diagnostics.js';
import { ConfigError, ContentError, InkstoneError } from '../../src/core/errors.js';

describe('DIAGNOSTIC_CODES', () => {
  it('lists each code once, in kebab case', () => {
    expect(new Set(DIAGNOSTIC_CODES).size).toBe(DIAGNOSTIC_CODES.length);
    expect(DIAGNOSTIC_CODES.filter((code) => !/^[a-z]+(-[a-z]+)*$/.test(code))).toEqual([]);
  });

  it('makes a misspelt code a type error', () => {
    // @ts-expect-error 'front_matter' is not a DiagnosticCode (the code is 'front-matter')
    const misspelt: DiagnosticCode = 'front_matter';
    // @ts-expect-error neither in an error class
    const error = new ContentError('frontmatter', 'x');
    expect([misspelt, error.code]).toEqual(['front_matter', 'frontmatter']);
  });
});

describe('diagnosticFromError', () => {
  it('keeps the code, message and location of an InkstoneError', () => {
    const error = new ConfigError('config', 'setting "x": expected a string', {
      file: 'inkstone.yml',
      line: 2,
      column: 4,
    });
    expect(diagnosticFromError(error)).toEqual({
      severity: 'error',
      code: 'config',
      message: 'setting "x": expected a string',
      location: { file: 'inkstone.yml', line: 2, column: 4 },
    });
    expect(formatDiagnosticHeader(diagnosticFromError(new InkstoneError('exists', 'already there')))).toBe(
      'error[exists] already there',
    );
  });

  it('reports anything else as internal, with the context and the stack', () => {
    const bug = Object.assign(new TypeError('x is undefined'), {
      stack: 'TypeError: x is undefined\n    at f (a.ts:1:1)',
    });
    expect(diagnosticFromError(bug, 'rebuild failed')).toEqual({
      severity: 'error',
      code: 'internal',
      message: 'rebuild failed: TypeError: x is undefined\n    at f (a.ts:1:1)',
    });
    expect(diagnosticFromError('a string').message).toBe('unexpected failure: a string');
    expect(diagnosticFromError(undefined).message).toBe('unexpected failure: undefined');
  });
});

describe('countDiagnostics', () => {
  const diagnostics: Diagnostic[] = [
    { severity: 'error', code: 'link', message: 'a' },
    { severity: 'warning', code: 'math', message: 'b' },
    { severity: 'warning', code: 'code-language', message: 'c' },
  ];

  it('counts errors and warnings, and under --strict every warning as an error', () => {
    expect(countDiagnostics(diagnostics, false)).toEqual({ errors: 1, warnings: 2 });
    expect(countDiagnostics(diagnostics, true)).toEqual({ errors: 3, warnings: 0 });
    expect(countDiagnostics([], true)).toEqual({ errors: 0, warnings: 0 });
  });

  it('is what DiagnosticBag counts with', () => {
    const bag = new DiagnosticBag();
    bag.addAll(diagnostics);
    expect([bag.errorCount(false), bag.warningCount(false), bag.errorCount(true), bag.warningCount(true)]).toEqual([
      1, 2, 3, 0,
    ]);
  });
});
