/**
 * The search index, made by Pagefind (its Node API drives the Pagefind binary, a separate process,
 * so indexing runs beside the templates on another core). Only the files the search box uses are
 * kept: the search library, its worker and WebAssembly, and the index itself; Pagefind's own UI
 * bundles (about 430 KB) are left out, since inkstone's search box is its own script.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageDir } from '../core/packages.js';
import type { SearchDocument } from './documents.js';

/** One file of the index, relative to the bundle folder. */
export interface SearchFile {
  path: string;
  contents: Buffer;
}

/** Pagefind's UI bundles: not used by the search box. */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

/** Thrown when Pagefind cannot index (its binary is missing for this platform, or it failed). */
export class SearchIndexError extends Error {}

/**
 * Indexes the document of each of `items` (made batch by batch with `toDocument`) with Pagefind and
 * returns the bundle's files (sorted by path). `exclude` are CSS selectors whose elements are not indexed.
 */
export async function indexDocuments<T>(
  items: readonly T[],
  toDocument: (item: T) => SearchDocument,
  exclude: readonly string[],
): Promise<SearchFile[]> {
  checkPagefindBinary();
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await import('pagefind');
  } catch (error) {
    throw new SearchIndexError(`Pagefind could not be loaded (${reason(error)})`);
  }
  const created = await pagefind
    .createIndex({ excludeSelectors: [...exclude] })
    .catch((error: unknown) => ({ errors: [reason(error)], index: undefined }));
  const { index } = created;
  if (!index) throw new SearchIndexError(`Pagefind did not start: ${created.errors.join('; ')}`);
  try {
    // Made and sent in batches: the service answers each file, and a hundred in flight keep it busy
    // while this process makes the next batch (and, between batches, goes on with the build).
    for (let i = 0; i < items.length; i += 128) {
      const batch = items.slice(i, i + 128).map(toDocument);
      const added = await Promise.all(batch.map((doc) => index.addHTMLFile({ url: doc.url, content: doc.content })));
      const failed = added.findIndex((a) => a.errors.length > 0);
      if (failed >= 0)
        throw new SearchIndexError(
          `Pagefind could not index ${batch[failed]!.url}: ${added[failed]!.errors.join('; ')}`,
        );
    }
    const { files, errors } = await index.getFiles();
    if (errors.length > 0) throw new SearchIndexError(`Pagefind could not write the index: ${errors.join('; ')}`);
    return files
      .filter((f) => !UNUSED.test(f.path))
      .map((f) => ({ path: f.path.replace(/\\/g, '/'), contents: Buffer.from(f.content) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(`Pagefind failed: ${reason(error)}`);
  } finally {
    await index.deleteIndex().catch(() => undefined);
  }
}

/**
 * Finds the binary Pagefind's Node API will start, as it looks for it (an environment variable, else
 * the package of this platform, which npm installs as an optional dependency), so that a missing one
 * is a sentence saying what to do rather than Pagefind's own error on the console.
 */
function checkPagefindBinary(): void {
  for (const name of ['PAGEFIND_EXTENDED_BINARY_PATH', 'PAGEFIND_BINARY_PATH']) {
    const file = process.env[name];
    if (!file) continue;
    if (!isExecutable(file)) throw new SearchIndexError(`${name} is set to ${file}, which is not an executable file`);
    return;
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@pagefind/${platform}-${process.arch}`;
  const suffix = platform === 'windows' ? '.exe' : '';
  let require: NodeJS.Require;
  try {
    require = createRequire(path.join(packageDir('pagefind'), 'package.json'));
  } catch {
    throw new SearchIndexError('the pagefind package is not installed (run npm install)');
  }
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      if (isExecutable(require.resolve(`${pkg}/bin/${name}${suffix}`))) return;
    } catch {
      // Not this one: the next name, then the error below.
    }
  }
  throw new SearchIndexError(
    `Pagefind has no binary for ${platform}-${process.arch}: the package ${pkg} is not installed (run npm install without --omit=optional), or set PAGEFIND_BINARY_PATH to a Pagefind executable`,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
