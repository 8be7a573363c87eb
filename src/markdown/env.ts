/** The typed markdown-it `env` for one post: what plugins read (source positions) and write (features, diagnostics). */
import GithubSlugger from 'github-slugger';
import type { Diagnostic, DiagnosticCode, Severity } from '../core/diagnostics.js';
import type Token from 'markdown-it/lib/token.mjs';
import type { DiagramRef, TocEntry } from '../types.js';

/** Per-render state shared by the plugins. A fresh one is made for every post. */
export interface MarkdownEnv {
  /** Site-relative path of the source file. */
  file: string;
  /** Whole file text, for code frames. */
  sourceText: string;
  /** 1-based file line of the first body line: `token.map` lines are relative to it. */
  bodyLine: number;
  /** The Liquid stage's map from body lines to original body lines, when it moved lines (see `Post.lineMap`). */
  lineMap: number[] | undefined;
  /** HTML an input adapter made before Markdown, standing in the body as placeholders (see `Post.snippets`). */
  snippets: readonly string[] | undefined;
  diagnostics: Diagnostic[];
  features: { math: boolean; mermaid: boolean; languages: Set<string>; code: boolean };
  toc: TocEntry[];
  /** The inline token of each `toc` entry's heading, for its HTML once formulas are rendered (not serialised). */
  tocHeadings: Token[];
  links: string[];
  diagrams: DiagramRef[];
  /** Heading ids handed out so far in this post. */
  slugger: GithubSlugger;
  /**
   * What is being rendered: the page, the excerpt shown on list pages (no ids that could repeat there),
   * or the feed entry (math as MathML only, URLs made absolute later).
   */
  output: 'page' | 'excerpt' | 'feed';
  /** Token index range `[start, end)` of the excerpt, set by the excerpt plugin; `divider` when `<!--more-->` ends it. */
  excerpt: { start: number; end: number; divider?: true } | undefined;
}

/** A fresh env for a post whose body starts at `bodyLine` of `file`. */
export function createEnv(
  file: string,
  sourceText: string,
  bodyLine: number,
  lineMap?: number[],
  snippets?: readonly string[],
): MarkdownEnv {
  return {
    file,
    sourceText,
    bodyLine,
    lineMap,
    snippets,
    diagnostics: [],
    features: { math: false, mermaid: false, languages: new Set(), code: false },
    toc: [],
    tocHeadings: [],
    links: [],
    diagrams: [],
    slugger: new GithubSlugger(),
    output: 'page',
    excerpt: undefined,
  };
}

/** Narrows markdown-it's untyped env. */
export function asEnv(env: unknown): MarkdownEnv {
  return env as MarkdownEnv;
}

/** The 1-based file line of 0-based body line `bodyLine0` (a `token.map` value), through the Liquid line map. */
export function fileLine(env: MarkdownEnv, bodyLine0: number): number {
  return env.bodyLine + (env.lineMap?.[bodyLine0] ?? bodyLine0);
}

/** Records a diagnostic at a 0-based body line (a `token.map` value) and 1-based column. */
export function reportAt(
  env: MarkdownEnv,
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  bodyLine0: number,
  column = 1,
): void {
  env.diagnostics.push({
    severity,
    code,
    message,
    location: { file: env.file, line: fileLine(env, bodyLine0), column },
    sourceText: env.sourceText,
  });
}

/** The text of 1-based file line `line`, for mapping positions inside inline content. */
export function sourceLine(env: MarkdownEnv, line: number): string {
  return env.sourceText.split('\n')[line - 1] ?? '';
}
