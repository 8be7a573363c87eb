/**
 * Where in the site's own code an error was thrown: read from its stack (or, for a syntax error, from
 * the position the transpiler put in its message), so that a diagnostic can name the line of the
 * configuration module, or of a module it imports, rather than a line of inkstone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './errors.js';
import { toPosix } from './paths.js';

/** `at fn (/abs/file.ts:10:13)`, `at /abs/file.ts:10:13`, `at file:///abs/file.mjs:3:1`. */
const FRAME = /(?:\(|\s)((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^():\s][^():]*):(\d+):(\d+)\)?\s*$/;

/** `… /abs/file.ts:2:13` at the end of a message (jiti's parse errors). */
const MESSAGE_POSITION = /\s((?:\/|[A-Za-z]:[\\/])[^\s:]+):(\d+):(\d+)\s*$/;

/**
 * The first place in `error` that is the site's code: a frame in one of `modules` (absolute paths) or
 * below `siteDir` outside `node_modules`. The file is relative to `siteDir` when inside it.
 */
export function siteCodeLocation(
  error: unknown,
  modules: readonly string[],
  siteDir: string,
): SourceLocation | undefined {
  const places = errorPlaces(error);
  const known = new Set(modules.map((m) => path.resolve(m)));
  const inSite = (file: string) => {
    const rel = path.relative(siteDir, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules');
  };
  // The topmost frame of the site's code is where it threw (an import's frame comes below the imported module's).
  const found = places.find((p) => known.has(p.file) || inSite(p.file));
  if (!found) return undefined;
  const rel = path.relative(siteDir, found.file);
  const file = rel.startsWith('..') || path.isAbsolute(rel) ? found.file : toPosix(rel);
  // The transpiler (jiti) keeps lines but puts its module preamble before the first one: a column on
  // line 1 is off by the preamble's length, so it is left out.
  return found.line === 1 ? { file, line: 1 } : { file, line: found.line, column: found.column };
}

/** The first line of an error's message, without the position a parse error appends. */
export function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = (message.split('\n').find((line) => line.trim() !== '') ?? '').trim();
  const name =
    error instanceof Error && error.name !== 'Error' && !first.startsWith(error.name) ? `${error.name}: ` : '';
  return `${name}${first.replace(MESSAGE_POSITION, '')}`.trim();
}

interface Place {
  file: string;
  line: number;
  column: number;
}

function errorPlaces(error: unknown): Place[] {
  const places: Place[] = [];
  const message = error instanceof Error ? error.message : '';
  for (const line of message.split('\n')) {
    const m = MESSAGE_POSITION.exec(` ${line}`);
    // The transpiler counts columns from 0.
    if (m) places.push(place(m[1]!, m[2]!, String(Number(m[3]!) + 1)));
  }
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  for (const line of stack.split('\n')) {
    if (!/^\s+at\s/.test(line)) continue;
    const m = FRAME.exec(line);
    if (m) places.push(place(m[1]!, m[2]!, m[3]!));
  }
  return places;
}

function place(file: string, line: string, column: string): Place {
  const absolute = file.startsWith('file://') ? fileURLToPath(file) : file;
  return { file: path.resolve(absolute), line: Number(line), column: Number(column) };
}
