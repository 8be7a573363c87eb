/**
 * Why a diagram is shown as its source instead of SVG, and how that is reported: a diagnostic at
 * the diagram's line of the post and a caption under the source.
 */
import type { DiagnosticCode } from '../core/diagnostics.js';
import type { DiagramRef } from '../types.js';
import { WIDGET_KINDS } from '../widgets/kinds.js';
import type { DiagramCacheEntry } from './cache.js';
import { MAX_DIAGRAM_CHARACTERS } from './limits.js';
import { diagramSourceLine } from './source-lines.js';

/** A reason for showing a diagram as source. */
export type DiagramProblem =
  /** mermaid refused it; `line` is mermaid's line number, when its message has one. */
  | { kind: 'syntax'; message: string; line: number | undefined }
  | { kind: 'characters'; size: number }
  | { kind: 'edges'; limit: number }
  | { kind: 'timeout'; seconds: number }
  /** A widget's library refused it (or its JSON); `line` and `column` are in its source, when known. */
  | { kind: 'widget'; label: string; message: string; line: number | undefined; column: number | undefined };

/** How a problem is reported. */
export interface ProblemReport {
  code: DiagnosticCode;
  message: string;
  /** Line of the diagram (1 = the line after the fence) the diagnostic points at; 0 for the fence itself. */
  line: number;
  /** Column of that line (1-based). */
  column: number;
  /** Shown under the diagram's source, after "This diagram could not be drawn: ". */
  caption: string;
}

const EDGE_LIMIT = /^Edge limit exceeded\. \d+ edges found, but the limit is (\d+)\./;

/** The problem of a source too long to render, if it is. */
export function sizeProblem(source: string): DiagramProblem | undefined {
  return source.length > MAX_DIAGRAM_CHARACTERS ? { kind: 'characters', size: source.length } : undefined;
}

/** The problem of a failed rendering from the cache or the renderers. */
export function entryProblem(
  kind: DiagramRef['kind'],
  entry: Extract<DiagramCacheEntry, { ok: false }>,
): DiagramProblem {
  if (kind === 'mermaid') return mermaidProblem(entry.message, entry.line);
  return {
    kind: 'widget',
    label: WIDGET_KINDS[kind].label,
    message: entry.message,
    line: entry.line,
    column: entry.column,
  };
}

/** What the caption under a figure that could not be drawn calls it. */
export function problemSubject(kind: DiagramRef['kind']): string {
  return kind === 'mermaid' ? 'diagram' : WIDGET_KINDS[kind].label;
}

/** The problem behind mermaid's error message (which is how a rendering over its edge limit fails too). */
export function mermaidProblem(message: string, line: number | undefined): DiagramProblem {
  const edges = EDGE_LIMIT.exec(message);
  return edges ? { kind: 'edges', limit: Number(edges[1]) } : { kind: 'syntax', message, line };
}

/** The diagnostic and caption for `problem` in the diagram `source`. */
export function reportProblem(problem: DiagramProblem, source: string): ProblemReport {
  switch (problem.kind) {
    case 'syntax': {
      // mermaid numbers the lines left after it drops comments, directives and front matter.
      const line = problem.line === undefined ? 0 : diagramSourceLine(source, problem.line);
      const message =
        problem.line === undefined
          ? problem.message
          : problem.message.replace(`on line ${problem.line}`, `on line ${line}`);
      return { code: 'diagram', message: `mermaid: ${message}`, line, column: 1, caption: message };
    }
    case 'widget': {
      return {
        code: 'widget',
        message: `${problem.label}: ${problem.message}: shown as source`,
        line: problem.line ?? 0,
        column: problem.line === undefined ? 1 : (problem.column ?? 1),
        caption: problem.message,
      };
    }
    case 'characters':
      return {
        code: 'diagram-size',
        message: `diagram of ${problem.size} characters is too large to render (the limit is ${MAX_DIAGRAM_CHARACTERS} characters): shown as source`,
        line: 0,
        column: 1,
        caption: `it has ${problem.size} characters (the limit is ${MAX_DIAGRAM_CHARACTERS})`,
      };
    case 'edges':
      return {
        code: 'diagram-size',
        message: `diagram with more than ${problem.limit} edges is too large to render (the limit is ${problem.limit} edges): shown as source`,
        line: 0,
        column: 1,
        caption: `it has more than ${problem.limit} edges (the limit is ${problem.limit})`,
      };
    case 'timeout':
      return {
        code: 'diagram-timeout',
        message: `diagram took longer than ${problem.seconds} s to render (the limit, diagrams.timeout): shown as source`,
        line: 0,
        column: 1,
        caption: `it took longer than ${problem.seconds} s to render`,
      };
  }
}
