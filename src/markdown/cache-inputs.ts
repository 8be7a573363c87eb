/**
 * The code a rendered post depends on, for the render cache's key: the source modules the renderer
 * loads (every module reached by relative imports from its entry modules, each hashed) and the npm
 * packages they import (each with its installed version, and the versions of the packages those
 * depend on). Derived from the imports themselves, so a new plugin, module or package is covered
 * without anyone listing it. Works from the TypeScript sources (tests, tsx: `.ts` files whose
 * imports say `.js`) and from the compiled `dist/` (`.js` files).
 */
import { readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../core/hash.js';
import { importsOf } from './import-scanner.js';

/** What the renderer's output depends on besides the post, the configuration and the themes. */
export interface CodeInputs {
  /** Each module reached from the entries: path relative to the source root (forward slashes) → SHA-256 of its text, or `missing`. */
  modules: Record<string, string>;
  /** Each package a module imports (type-only imports aside) → its installed version, or `missing`. */
  packages: Record<string, string>;
  /** `name@version` of every package those packages depend on, directly or not, sorted. */
  dependencies: string[];
  /** The fingerprint of the site's own code (its configuration module and what that imports), when it has some. */
  site?: string;
}

/** `code` with the site's code fingerprint (see SiteExtensions), which every cached result depends on too. */
export function withSiteCode(code: CodeInputs, site: string): CodeInputs {
  return site === '' ? code : { ...code, site };
}

/**
 * The modules that render what the cache stores, relative to this folder: `render-all` (a build's
 * markdown stage, with the cache and the worker pool), `worker` (what a worker thread loads: the
 * pool starts it by URL, not by an import) and the dev server's markdown stage, which stores
 * entries that builds read.
 */
export const RENDERER_ENTRIES: readonly string[] = ['render-all.js', 'worker.js', '../dev/markdown.js'];

/** Module files whose imports are followed; anything else (JSON) is hashed only. */
const CODE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;

/**
 * The renderer's code inputs, read from disk each time a render cache is made (once per build, once
 * per configuration in the dev server: tens of milliseconds). Not kept between calls: the project
 * keeps no module-level state.
 */
export function rendererCodeInputs(): CodeInputs {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return collectCodeInputs(
    RENDERER_ENTRIES.map((entry) => path.join(here, entry)),
    path.dirname(here),
  );
}

/**
 * The code inputs of the module graph reached from `entries` (files, with a `.js` extension even
 * when the sources are `.ts`). Module paths are given relative to `root`. Throws when an entry
 * does not exist: a renderer whose code cannot be read must not be cached.
 */
export function collectCodeInputs(entries: readonly string[], root: string): CodeInputs {
  const lookups = fileLookups();
  const modules = new Map<string, string>();
  const packages = new Map<string, { version: string; dir: string | undefined }>();
  const queue: string[] = [];
  for (const entry of entries) {
    const file = resolveModule(entry, lookups);
    if (!file) throw new Error(`the renderer's module ${entry} is missing`);
    queue.push(file);
  }
  const seen = new Set<string>(queue);
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const text = readFileSync(file);
    modules.set(toPosix(path.relative(root, file)), sha256(text));
    if (!CODE_FILE.test(file)) continue;
    for (const ref of importsOf(text.toString('utf8'))) {
      if (ref.typeOnly) continue;
      const spec = ref.specifier;
      if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')) {
        const wanted = path.resolve(path.dirname(file), spec);
        const target = resolveModule(wanted, lookups);
        if (!target) modules.set(toPosix(path.relative(root, wanted)), 'missing');
        else if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      } else if (!isBuiltin(spec)) {
        const name = packageName(spec);
        if (!packages.has(name)) packages.set(name, findPackage(name, path.dirname(file), lookups));
      }
    }
  }
  return {
    modules: sortedRecord(modules),
    packages: sortedRecord(new Map([...packages].map(([name, found]) => [name, found.version]))),
    dependencies: dependenciesOf(
      [...packages.values()].flatMap((found) => (found.dir ? [found.dir] : [])),
      lookups,
    ),
  };
}

/** The package a bare specifier names: `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The file-system questions of one collection, each asked once: a stat costs tens of microseconds
 * and the graph asks about the same folders again and again (about 700 stats before, 200 after).
 */
interface FileLookups {
  isFile(file: string): boolean;
  /** Whether `folder` has a `node_modules` folder (most package folders have none). */
  hasNodeModules(folder: string): boolean;
  /** The package.json in `dir`, if there is one. */
  manifest(dir: string): Manifest | undefined;
  /** The module an import resolved to, for each path imported (`null`: nothing there). */
  resolved: Map<string, string | null>;
  /** Whether the `.js` files found so far were compiled ones (dist/) rather than `.ts` sources. */
  compiled: boolean | undefined;
}

function fileLookups(): FileLookups {
  const stats = new Map<string, ReturnType<typeof statSync>>();
  const stat = (file: string) => {
    if (!stats.has(file)) stats.set(file, statSync(file, { throwIfNoEntry: false }));
    return stats.get(file);
  };
  const manifests = new Map<string, Manifest | undefined>();
  return {
    isFile: (file) => stat(file)?.isFile() ?? false,
    hasNodeModules: (folder) => stat(path.join(folder, 'node_modules'))?.isDirectory() ?? false,
    manifest(dir) {
      if (!manifests.has(dir)) {
        const file = path.join(dir, 'package.json');
        manifests.set(dir, stat(file)?.isFile() ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined);
      }
      return manifests.get(dir);
    },
    resolved: new Map(),
    compiled: undefined,
  };
}

/**
 * The file an import of `file` loads: the `.ts` source for a `.js` specifier when running from the
 * sources, the file itself in dist/ (whichever the first module found was is tried first).
 */
function resolveModule(file: string, lookups: FileLookups): string | undefined {
  const known = lookups.resolved.get(file);
  if (known !== undefined) return known ?? undefined;
  const ext = /\.[cm]?js$/.exec(file)?.[0];
  const source = ext ? `${file.slice(0, -ext.length)}${ext.replace('js', 'ts')}` : undefined;
  const candidates = !ext
    ? [file, `${file}.ts`, `${file}.js`, path.join(file, 'index.ts'), path.join(file, 'index.js')]
    : lookups.compiled
      ? [file, source!]
      : [source!, file, ...(ext === '.js' ? [`${file.slice(0, -3)}.tsx`] : [])];
  const found = candidates.find((candidate) => lookups.isFile(candidate));
  if (found && ext && lookups.compiled === undefined) lookups.compiled = found === file;
  lookups.resolved.set(file, found ?? null);
  return found;
}

/**
 * Where package `name` is installed as seen from the folder `from` (the `node_modules` folders
 * Node looks in, nearest first), and its version. Reads `<folder>/<name>/package.json` directly:
 * many packages' `exports` hide it.
 */
function findPackage(name: string, from: string, lookups: FileLookups): { version: string; dir: string | undefined } {
  for (let folder = from; ; ) {
    if (path.basename(folder) !== 'node_modules' && lookups.hasNodeModules(folder)) {
      const dir = path.join(folder, 'node_modules', name);
      const manifest = lookups.manifest(dir);
      if (manifest) return { version: manifest.version ?? 'unknown', dir };
    }
    const parent = path.dirname(folder);
    if (parent === folder) return { version: 'missing', dir: undefined };
    folder = parent;
  }
}

/** `name@version` of every installed package the packages in `dirs` depend on, directly or not. */
function dependenciesOf(dirs: readonly string[], lookups: FileLookups): string[] {
  const found = new Set<string>();
  const seen = new Set<string>(dirs);
  const queue = [...dirs];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    const manifest = lookups.manifest(dir);
    const names = Object.keys({ ...manifest?.dependencies, ...manifest?.optionalDependencies });
    for (const name of names) {
      const dep = findPackage(name, dir, lookups);
      // An optional dependency that is not installed is not loaded either.
      if (!dep.dir) continue;
      found.add(`${name}@${dep.version}`);
      if (!seen.has(dep.dir)) {
        seen.add(dep.dir);
        queue.push(dep.dir);
      }
    }
  }
  return [...found].sort();
}

function sortedRecord(map: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
