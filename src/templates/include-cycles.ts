/**
 * Include cycles: layouts that include, extend or import each other in a loop would recurse until the
 * stack overflows. They are found before rendering, from the literal template names in each file,
 * and reported as the chain of file names.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { Diagnostic } from '../core/diagnostics.js';
import { displayPath } from '../core/paths.js';

const REFERENCE = /\{%-?\s*(?:include|extends|import|from)\s+(["'])([^"']+)\1/g;

/** One diagnostic per distinct cycle among the templates visible on `layoutDirs` (first match wins). */
export async function findIncludeCycles(layoutDirs: readonly string[], siteDir: string): Promise<Diagnostic[]> {
  const resolved = new Map<string, string>();
  for (const dir of layoutDirs) {
    for (const name of (await glob('**/*.njk', { cwd: dir, onlyFiles: true })).sort()) {
      if (!resolved.has(name)) resolved.set(name, path.join(dir, name));
    }
  }
  const edges = new Map<string, string[]>();
  for (const [name, file] of resolved) {
    const text = await readFile(file, 'utf8');
    edges.set(
      name,
      [...text.matchAll(REFERENCE)].map((m) => m[2]!).filter((target) => resolved.has(target)),
    );
  }
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          const first = resolved.get(next)!;
          diagnostics.push({
            severity: 'error',
            code: 'template-cycle',
            message: `layouts include each other in a loop: ${cycle.join(' → ')}`,
            location: { file: displayPath(siteDir, first) },
          });
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of [...resolved.keys()].sort()) if (!state.has(name)) visit(name);
  return diagnostics;
}
