/**
 * Template compilation: Nunjucks's own parser and compiler, with the generated code changed so that
 * every error names the template, line and column it comes from (see template-error.ts):
 * - calls, filters, `is` tests and `in` are evaluated through `inkstone.at(line, column, …)`, which
 *   locates what they throw at the called name or the filter;
 * - each compiled function, and each continuation that Nunjucks runs from a callback (the rest of a
 *   template after an include, a block, an import or an extends), catches what its own code throws,
 *   instead of leaving it to the catch of whichever template called back;
 * - an error handed to such a callback (a missing include) is located at the tag that asked for it.
 * A template that does not parse compiles to one that fails with a located syntax error when it is
 * rendered, so that it is reported like any other error of the page that uses it.
 */
import { NunjucksCompilerClass, parseTemplate, type NunjucksNode, type ParseOptions } from './nunjucks-internals.js';
import { findUnbalancedTag } from './tag-balance.js';
import { scanTemplateTags } from './template-tags.js';
import { LocatedTemplateError, plainMessage, templateHooks } from './template-error.js';

/** Options of compilation, the same as the environment's. */
export interface CompileOptions extends ParseOptions {
  throwOnUndefined: boolean;
}

/** A root render function, as Nunjucks calls it. */
type RenderFunction = (
  env: unknown,
  context: unknown,
  frame: unknown,
  runtime: unknown,
  cb: (error: unknown, html?: string) => void,
) => void;

/** What Nunjucks's `Template` accepts as precompiled code: `root` and one `b_<name>` per block. */
export type CompiledTemplate = Record<string, RenderFunction>;

/** Expressions whose evaluation can throw: function and macro calls, filters, tests, `in`. */
const THROWING_EXPRESSIONS = new Set(['FunCall', 'Filter', 'Is', 'In']);

/** Tags whose errors arrive through a callback (template not found, a broken imported template). */
const TEMPLATE_TAGS = new Set(['Include', 'Import', 'FromImport', 'Extends']);

/** Locates an error at the position of the last statement or call run by the compiled function. */
const LOCATE_CAUGHT = 'inkstone.locate(e, lineno, colno)';

class LocatingCompiler extends NunjucksCompilerClass {
  override compile(node: NunjucksNode, frame?: unknown): void {
    if (THROWING_EXPRESSIONS.has(node.typename)) {
      const start = expressionStart(node);
      this._emit(`inkstone.at(${start.lineno}, ${start.colno}, () => (`);
      super.compile(node, frame);
      this._emit('))');
      return;
    }
    if (TEMPLATE_TAGS.has(node.typename)) this._emitLine(`lineno = ${node.lineno}; colno = ${node.colno};`);
    super.compile(node, frame);
  }

  /** Nunjucks's version, with the catch locating the error instead of `runtime.handleError`. */
  override _emitFuncEnd(noReturn?: boolean): void {
    if (!noReturn) this._emitLine(`cb(null, ${this.buffer});`);
    this._closeScopeLevels();
    this._emitLine('} catch (e) {');
    this._emitLine(`  cb(${LOCATE_CAUGHT});`);
    this._emitLine('}');
    this._emitLine('}');
    this.buffer = null;
  }

  /** Called just after Nunjucks opens a callback function for the rest of the template: guard it. */
  override _addScopeLevel(): void {
    this._emitLine('try {');
    this._scopeClosers += `} catch (e) { cb(${LOCATE_CAUGHT}); }})`;
  }

  /** Nunjucks's callback opening, with an error handed to it located at the tag that asked for it. */
  override _makeCallback(result?: string): string {
    const error = this._tmpid();
    return `function(${error}${result ? `,${result}` : ''}) {\nif(${error}) { cb(inkstone.locate(${error}, lineno, colno)); return; }`;
  }
}

/** Where an expression starts: a call at the name it calls (`site.nope()` at `site`), others at their own position. */
function expressionStart(node: NunjucksNode): NunjucksNode {
  let start = node;
  for (;;) {
    const next = start.typename === 'FunCall' ? start.name : start.typename === 'LookupVal' ? start.target : undefined;
    if (!next) return start;
    start = next;
  }
}

/** Compiles the template at `file` (absolute path) with text `source`. Never throws: see the header. */
export function compileTemplate(source: string, file: string, options: CompileOptions): CompiledTemplate {
  try {
    const compiler = new LocatingCompiler(file, options.throwOnUndefined);
    compiler.compile(parseTemplate(source, file, options));
    // The same construction as Nunjucks's Template#_compile, with the hooks as the one parameter.
    const instantiate = new Function('inkstone', compiler.getCode()) as (
      hooks: ReturnType<typeof templateHooks>,
    ) => CompiledTemplate;
    return instantiate(templateHooks(file, source));
  } catch (error) {
    const located = syntaxError(error, file, source);
    return { root: (_env, _context, _frame, _runtime, cb) => cb(located) };
  }
}

/**
 * A parse error, located. Nunjucks's parser counts lines and columns from 1 (its lexer counts from 0
 * and the parser adds 1), and gives none for errors at the end of the file. When the tags of the
 * template do not pair up before the place Nunjucks stopped, the unpaired tag is the better report.
 */
function syntaxError(error: unknown, file: string, source: string): LocatedTemplateError {
  const line = numberProperty(error, 'lineno');
  const column = numberProperty(error, 'colno');
  const tag = findUnbalancedTag(source);
  const stoppedAfterTag =
    line === undefined ||
    line > (tag?.detectedAt.line ?? 0) ||
    (line === tag?.detectedAt.line && (column ?? 1) >= tag.detectedAt.column);
  if (tag && stoppedAfterTag)
    return new LocatedTemplateError(tag.message, file, tag.line, tag.column, source, { cause: error });
  const message = plainMessage(error);
  // Nunjucks's compiler names a block defined twice but not where: the second definition is.
  const duplicate = /^Block "(\w+)" defined more than once\.$/.exec(message)?.[1];
  const second = duplicate
    ? scanTemplateTags(source).tags.filter((t) => t.name === 'block' && t.body.split(/\s+/)[1] === duplicate)[1]
    : undefined;
  if (second) return new LocatedTemplateError(message, file, second.line, second.column, source, { cause: error });
  return new LocatedTemplateError(message, file, line, column, source, { cause: error });
}

function numberProperty(value: unknown, key: 'lineno' | 'colno'): number | undefined {
  const n = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
