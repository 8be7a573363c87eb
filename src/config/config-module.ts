/**
 * Loads a configuration module (`inkstone.config.ts`, `.mts`, `.js`, `.mjs`) with jiti, which runs
 * TypeScript without a build step. Nothing is cached between loads (the dev server loads the module
 * again after each change to it) and nothing is written to disk (jiti's file cache is off).
 */
import { existsSync } from 'node:fs';
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
export async function importConfigModule(file: string, siteDir: string): Promise<Record<string, unknown>> {
  const name = path.relative(siteDir, file).split(path.sep).join('/');
  let exported: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, {
      fsCache: false,
      moduleCache: false,
      // `import { defineConfig } from 'inkstone/config'` works even without inkstone in the site's node_modules.
      alias: { 'inkstone/config': defineModule() },
    });
    exported = await jiti.import(file, { default: true });
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (error) {
    const at = siteCodeLocation(error, [file], siteDir) ?? { file: name };
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

/** This folder's define module: compiled beside this file in dist/, the TypeScript source in tests. */
function defineModule(): string {
  const compiled = fileURLToPath(new URL('./define.js', import.meta.url));
  return existsSync(compiled) ? compiled : compiled.replace(/\.js$/, '.ts');
}
