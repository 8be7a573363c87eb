/**
 * Typed access to the parts of Nunjucks 3.2 that its type definitions leave out: the parser, the
 * transformer, the compiler class, the runtime's Frame and the frame argument of `Template#render`.
 * Only compiler.ts and render.ts use them; they are those of Nunjucks 3.2.4.
 */
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';

/** A node of a parsed template; positions count from 0, as Nunjucks's lexer does. */
export interface NunjucksNode {
  readonly typename: string;
  readonly lineno: number;
  readonly colno: number;
  readonly name?: NunjucksNode;
  readonly target?: NunjucksNode;
}

/** The methods of Nunjucks's `Compiler` that compiler.ts calls or overrides. */
export interface NunjucksCompiler {
  buffer: string | null;
  _scopeClosers: string;
  compile(node: NunjucksNode, frame?: unknown): void;
  getCode(): string;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _emitFuncEnd(noReturn?: boolean): void;
  _closeScopeLevels(): void;
  _addScopeLevel(): void;
  _makeCallback(result?: string): string;
  _tmpid(): string;
}

/** Lexer and parser options that change what a template means. */
export interface ParseOptions {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  /** Nunjucks extensions (the site's custom tags), as registered with `env.addExtension`. */
  extensions?: readonly unknown[];
}

/** A runtime frame: only passed through. */
export type NunjucksFrame = object;

/** A compiled template, with the frame argument its type definitions leave out. */
export interface NunjucksTemplate {
  render(context: object, frame: NunjucksFrame, cb: (error: unknown, html?: string) => void): void;
}

interface Internals {
  compiler: { Compiler: new (templateName: string, throwOnUndefined: boolean) => NunjucksCompiler };
  parser: { parse(source: string, extensions: unknown[], options: ParseOptions): NunjucksNode };
  runtime: { Frame: new () => NunjucksFrame };
}

const internals = nunjucks as unknown as Internals;
const transformer = createRequire(import.meta.url)('nunjucks/src/transformer.js') as {
  transform(ast: NunjucksNode, asyncFilters: string[], name: string): NunjucksNode;
};

/** Nunjucks's compiler class, to extend. */
export const NunjucksCompilerClass = internals.compiler.Compiler;

/** Parses `source` as Nunjucks's `compile()` does, including its `super()` and async-filter rewrites. */
export function parseTemplate(source: string, name: string, options: ParseOptions): NunjucksNode {
  return transformer.transform(internals.parser.parse(source, [...(options.extensions ?? [])], options), [], name);
}

/** A new empty runtime frame. */
export function newFrame(): NunjucksFrame {
  return new internals.runtime.Frame();
}
