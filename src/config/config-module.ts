/**
 * Loads a configuration module (`inkstone.config.ts`, `.mts`, `.js`, `.mjs`) with jiti, which runs
 * TypeScript without a build step. Modules are evaluated afresh on every load (the dev server loads the
 * configuration again after each change to it); their transpiled code is kept in
 * `.inkstone-cache/modules` (by path, checked against a hash of the source), which takes a load from
 * about 330 ms (the transpiler starting) to about 40 ms. Without a cache, or where that folder cannot
 * be written, nothing is written.
 */
import { existsSync, mkdirSync, accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { errorSummary, siteCodeLocation } from '../core/stack-location.js';
import { describeValue } from '../core/yaml.js';

/** Configuration module names tried in the site directory, in order. */
export const CONFIG_MODULE_NAMES = [
  'inkstone.config.ts',
  'inkstone.config.mts',
  'inkstone.config.js',
  'inkstone.config.mjs',
] as const;

/**
 * The module's default export as a map of settings: an object, or a function (possibly async) that
 * returns one. Throws ConfigError at the line of the site's code where loading failed.
 */
export async function importConfigModule(
  file: string,
  siteDir: string,
  options: { cache?: boolean } = {},
): Promise<Record<string, unknown>> {
  const name = path.relative(siteDir, file).split(path.sep).join('/');
  let exported: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, {
      fsCache: options.cache === false ? false : writableFolder(path.join(siteDir, MODULE_CACHE)),
      moduleCache: false,
      // `import { defineConfig } from 'inkstone/config'` works even without inkstone in the site's node_modules.
      alias: { 'inkstone/config': defineModule() },
    });
    exported = await jiti.import(file, { default: true });
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (error) {
    const at = missingImportAt(error, siteDir) ?? siteCodeLocation(error, [file], siteDir) ?? { file: name };
    throw new ConfigError('config', `${name} could not be loaded: ${errorSummary(error)}`, at, { cause: error });
  }
  if (typeof exported !== 'object' || exported === null || Array.isArray(exported)) {
    throw new ConfigError(
      'config',
      `${name} must export its settings as the default export (export default defineConfig({ ... })), got ${describeValue(exported)}`,
      { file: name },
    );
  }
  return exported as Record<string, unknown>;
}

/** Where transpiled modules are kept, relative to the site (read before the configuration, so not below `cache_dir`). */
export const MODULE_CACHE = '.inkstone-cache/modules';

/** `dir`, made if needed, when it can be written; else false (jiti would fail on its first write). */
function writableFolder(dir: string): string | false {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return false;
  }
}

/**
 * For a package that is not installed, the place of its name in the module that imports it (the
 * transpiled code's own position is not the source's).
 */
function missingImportAt(error: unknown, siteDir: string): { file: string; line: number; column: number } | undefined {
  const name = /^Cannot find (?:module|package) '([^']+)'/.exec((error as Error)?.message ?? '')?.[1];
  const from = name && siteCodeLocation(error, [], siteDir)?.file;
  if (!name || !from) return undefined;
  let text: string;
  try {
    text = readFileSync(path.resolve(siteDir, from), 'utf8');
  } catch {
    return undefined;
  }
  const at = [`'${name}'`, `"${name}"`].map((quoted) => text.indexOf(quoted)).find((i) => i >= 0);
  if (at === undefined) return undefined;
  const before = text.slice(0, at).split('\n');
  return { file: from, line: before.length, column: before.at(-1)!.length + 1 };
}

/** This folder's define module: compiled beside this file in dist/, the TypeScript source in tests. */
function defineModule(): string {
  const compiled = fileURLToPath(new URL('./define.js', import.meta.url));
  return existsSync(compiled) ? compiled : compiled.replace(/\.js$/, '.ts');
}
