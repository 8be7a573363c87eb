/**
 * Preload for a child process (`node --import tsx --import <this file> …`): appends every module the
 * process loads to the file named by INKSTONE_IMPORT_LOG, one URL or path a line. ES modules, and
 * CommonJS ones imported from them, are seen by a `load` hook (module.register, registered after tsx so
 * it sees the final URLs); modules loaded with require() (CommonJS dependencies, and ES modules
 * required with createRequire) are taken from require.cache when the process exits.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.INKSTONE_IMPORT_LOG;
if (log) {
  register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { log } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(log, `${Object.keys(cache).join('\n')}\n`));
}
