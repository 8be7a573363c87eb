/**
 * The module specifiers a TypeScript or JavaScript file imports, found without a parser (TypeScript
 * is not installed with the CLI): comments, strings, template literals and regular expressions are
 * skipped, so an `import('x')` inside a string or a comment is not taken. Regular expressions do the
 * scanning, so JavaScript code only looks at the few characters that matter: this runs once per
 * process, before the JIT has warmed up, on the renderer's whole source.
 */

/** One import of a module. */
export interface ImportRef {
  specifier: string;
  /** `import type … from`, `export type … from` and `typeof import('x')`: erased when compiled, never loaded. */
  typeOnly: boolean;
  /** `import('x')`, loaded on first use. */
  dynamic: boolean;
}

/** Whitespace and comments between the parts of a statement. */
const GAP = String.raw`(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*`;
const QUOTED = `(?:'([^'\\n]*)'|"([^"\\n]*)")`;
const KEYWORD = String.raw`(?<![\w$.])(?:import|export)(?![\w$])`;

/**
 * The patterns of one scan. Sticky and global patterns keep their position in `lastIndex`, so each
 * scan compiles its own (V8 caches the compiled code: this costs one object each).
 */
function patterns() {
  return {
    /** The next character that starts a comment, string, template or regular expression, or an import or export keyword. */
    next: new RegExp(`[/'"\`]|${KEYWORD}`, 'g'),
    /** The same inside a template substitution `${…}`, where braces are counted to find its end. */
    nextInSubstitution: new RegExp(`[/'"\`{}]|${KEYWORD}`, 'g'),
    lineComment: /[^\n]*/y,
    string: /'(?:[^'\\\n]|\\[\s\S])*'?|"(?:[^"\\\n]|\\[\s\S])*"?/y,
    /** Template text up to its closing backtick or its next `${` (which the match includes). */
    templateText: /(?:[^`\\$]|\\[\s\S]|\$(?!\{))*(?:`|\$\{)?/y,
    regex: /\/(?:[^\\/\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[\w$]*/y,
    dynamic: new RegExp(String.raw`import${GAP}\(${GAP}${QUOTED}`, 'y'),
    sideEffect: new RegExp(`import${GAP}${QUOTED}`, 'y'),
    /** `import … from 'x'`, `export { … } from 'x'`, `export * as y from 'x'`: names, braces, commas, stars and gaps only. */
    from: new RegExp(
      String.raw`(import|export)${GAP}(type(?![\w$]))?((?:[\w$\s{},*]|//[^\n]*|/\*[\s\S]*?\*/)*?)(?<![\w$])from${GAP}${QUOTED}`,
      'y',
    ),
  };
}

type Patterns = ReturnType<typeof patterns>;

/** Keywords after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** The imports and re-exports of `source`, in order (`import.meta` and `require` are not imports). */
export function importsOf(source: string): ImportRef[] {
  const p = patterns();
  const found: ImportRef[] = [];
  // For each open template substitution `${`, how many braces are open inside it.
  const substitutions: number[] = [];
  let position = 0;
  const skip = (pattern: RegExp, from: number): number => {
    pattern.lastIndex = from;
    return pattern.test(source) ? pattern.lastIndex : from + 1;
  };
  const templateText = (from: number): number => {
    const end = skip(p.templateText, from);
    if (source.endsWith('${', end)) substitutions.push(0);
    return end;
  };
  for (;;) {
    const next = substitutions.length > 0 ? p.nextInSubstitution : p.next;
    next.lastIndex = position;
    const match = next.exec(source);
    if (!match) break;
    const at = match.index;
    const token = match[0];
    position = at + token.length;
    if (token === '/') {
      const after = source[at + 1];
      if (after === '/') position = skip(p.lineComment, at);
      else if (after === '*') {
        const end = source.indexOf('*/', at + 2);
        position = end === -1 ? source.length : end + 2;
      } else if (regexMayStart(source, at)) position = skip(p.regex, at);
    } else if (token === "'" || token === '"') {
      position = skip(p.string, at);
    } else if (token === '`') {
      position = templateText(at + 1);
    } else if (token === '{') {
      if (substitutions.length > 0) substitutions[substitutions.length - 1]!++;
    } else if (token === '}') {
      const open = substitutions.length - 1;
      if (open >= 0 && substitutions[open] === 0) {
        substitutions.pop();
        position = templateText(at + 1);
      } else if (open >= 0) substitutions[open]!--;
    } else {
      const statement = statementAt(source, at, p);
      if (statement) {
        found.push(statement.ref);
        position = statement.end;
      }
    }
  }
  return found;
}

/** The import that the `import` or `export` keyword at `at` starts, if it loads a module, and where it ends. */
function statementAt(source: string, at: number, p: Patterns): { ref: ImportRef; end: number } | undefined {
  const before = previousSignificant(source, at);
  // `x. import(…)`: a property (the keyword pattern already leaves out `x.import`).
  if (before === '.') return undefined;
  let after = at + 'import'.length;
  while (after < source.length && /\s/.test(source[after]!)) after++;
  const first = source[after];
  // Most exports declare (`export function`, `export const`): only `export {`, `export *` and `export type` can say `from`.
  if (source.startsWith('export', at) && first !== '{' && first !== '*' && !source.startsWith('type', after)) {
    return undefined;
  }
  if (first === '(' || first === "'" || first === '"') {
    const pattern = first === '(' ? p.dynamic : p.sideEffect;
    pattern.lastIndex = at;
    const m = pattern.exec(source);
    if (!m) return undefined;
    // `typeof import('x')` is a TypeScript type: erased when compiled.
    const typeOnly = first === '(' && before === 'typeof';
    return { ref: { specifier: m[1] ?? m[2]!, typeOnly, dynamic: first === '(' }, end: pattern.lastIndex };
  }
  p.from.lastIndex = at;
  const m = p.from.exec(source);
  if (!m) return undefined;
  const clause = m[3]!.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
  // `import type from 'x'` and `import type, { a } from 'x'` import a default export named `type`.
  const typeOnly = m[2] !== undefined && clause !== '' && !clause.startsWith(',');
  return { ref: { specifier: m[4] ?? m[5]!, typeOnly, dynamic: false }, end: p.from.lastIndex };
}

/** Whether a `/` at `at` starts a regular expression: not after a value (a name, a number, `)`, `]`, `}`, a string). */
function regexMayStart(source: string, at: number): boolean {
  const before = previousSignificant(source, at);
  if (before === '') return true;
  if (/^[\w$]/.test(before)) return BEFORE_REGEX.has(before);
  return !/^[)\]}'"`]$/.test(before);
}

/** The word (letters, digits, `$`, `_`) or the single character that comes before `at`, whitespace skipped. */
function previousSignificant(source: string, at: number): string {
  let end = at;
  while (end > 0 && /\s/.test(source[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /[\w$]/.test(source[start - 1]!)) start--;
  if (start < end) return source.slice(start, end);
  return end > 0 ? source[end - 1]! : '';
}
