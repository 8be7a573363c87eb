/** Starting a worker thread from a module beside the caller, from compiled output or TypeScript sources alike. */
import { Worker } from 'node:worker_threads';

/**
 * A worker running the module `name` (without extension) next to `callerUrl` (the caller's
 * `import.meta.url`): `name.js` when inkstone runs compiled, else `name.ts` through tsx (tests, tsx).
 */
export function startModuleWorker(callerUrl: string, name: string, workerData?: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  // Run from the TypeScript sources: the worker registers tsx before loading the module.
  const source = JSON.stringify(new URL(`./${name}.ts`, callerUrl).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
