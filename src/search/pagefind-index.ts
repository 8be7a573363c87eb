/**
 * The search index, made by Pagefind (its Node API drives the Pagefind binary, a separate process,
 * so indexing runs beside the templates on another core). Only the files the search box uses are
 * kept: the search library, its worker and WebAssembly, and the index itself; Pagefind's own UI
 * bundles (about 430 KB) are left out, since inkstone's search box is its own script.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from '../core/packages.js';
import type { SearchDocument } from './documents.js';

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof import('pagefind').createIndex>>['index']>;

/** One file of the index, relative to the bundle folder. */
export interface SearchFile {
  path: string;
  contents: Buffer;
}

/** Pagefind's UI bundles: not used by the search box. */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

/** Thrown when Pagefind cannot index (its binary is missing for this platform, or it failed). */
export class SearchIndexError extends Error {}

/** Pagefind's process itself failed (it ended, or its answers broke off): it is not used again. */
class ServiceFailure extends SearchIndexError {}

/**
 * Indexes the document of each of `items` (made batch by batch with `toDocument`) with Pagefind and
 * returns the bundle's files (sorted by path). `exclude` are CSS selectors whose elements are not indexed.
 * `service` is the Pagefind process that indexes them (see loadPagefind); `stopped` is asked before
 * each document, and once it says so the indexing ends with an error (another shard failed).
 */
export async function indexDocuments<T>(
  items: readonly T[],
  toDocument: (item: T) => SearchDocument,
  exclude: readonly string[],
  service = 0,
  stopped: () => boolean = () => false,
): Promise<SearchFile[]> {
  checkPagefindBinary();
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await loadPagefind(service);
  } catch (error) {
    throw new SearchIndexError(`Pagefind could not be loaded (${reason(error)})`);
  }
  const created = await pagefind
    .createIndex({ excludeSelectors: [...exclude] })
    .catch((error: unknown) => ({ errors: [reason(error)], index: undefined }));
  const { index } = created;
  if (!index) throw new SearchIndexError(`Pagefind did not start: ${created.errors.join('; ')}`);
  let broken = false;
  try {
    await addAll(index, items, toDocument, stopped);
    const { files, errors } = await index.getFiles();
    if (errors.length > 0) throw new SearchIndexError(`Pagefind could not write the index: ${errors.join('; ')}`);
    return files
      .filter((f) => !UNUSED.test(f.path))
      .map((f) => ({ path: f.path.replace(/\\/g, '/'), contents: Buffer.from(f.content) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } catch (error) {
    broken = error instanceof ServiceFailure || !(error instanceof SearchIndexError);
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(`Pagefind failed: ${reason(error)}`);
  } finally {
    // A process that failed is let go, so that the next index of this service starts a new one.
    if (broken) await pagefind.close().catch(() => undefined);
    else await index.deleteIndex().catch(() => undefined);
  }
}

/**
 * Pagefind's Node API for service `service`. The API starts one Pagefind process on first use and
 * keeps it for every index after, and that process indexes on one core. So service 0 is the package
 * as imported, and each other service is another copy of its module (the same file, imported under
 * another URL: Node keeps one module per URL), with a process of its own.
 */
async function loadPagefind(service: number): Promise<typeof import('pagefind')> {
  if (service === 0) return import('pagefind');
  const dir = packageDir('pagefind');
  const { main } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
  const url = `${pathToFileURL(path.join(dir, main ?? 'lib/index.js')).href}?service=${service}`;
  return (await import(url)) as typeof import('pagefind');
}

/** Documents in flight at most: enough to keep the service busy while this process makes more. */
const WINDOW = 64;

/** Documents made between two turns of the event loop, which sends them and reads the service's answers. */
const TURN = 8;

/**
 * Makes each item's document and adds it to `index`, keeping up to WINDOW in flight: the service
 * indexes the ones sent while this process makes the next (this process's share, a post's reduction
 * to text, costs about as much as the service's), and the event loop gets a turn every TURN documents
 * so that what is made is sent at once. Throws at the first document the service could not index, and
 * once `stopped` says so.
 */
async function addAll<T>(
  index: PagefindIndex,
  items: readonly T[],
  toDocument: (item: T) => SearchDocument,
  stopped: () => boolean,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: SearchIndexError | undefined;
  for (const [i, item] of items.entries()) {
    if (!failure && stopped()) failure = new SearchIndexError('Pagefind stopped: another shard of the index failed');
    if (failure) break;
    const doc = toDocument(item);
    const added: Promise<void> = index.addHTMLFile({ url: doc.url, content: doc.content }).then(
      (answer) => {
        inFlight.delete(added);
        if (answer.errors.length > 0)
          failure ??= new SearchIndexError(`Pagefind could not index ${doc.url}: ${answer.errors.join('; ')}`);
      },
      (error: unknown) => {
        inFlight.delete(added);
        failure ??= new ServiceFailure(`Pagefind failed: ${reason(error)}`);
      },
    );
    inFlight.add(added);
    if (inFlight.size >= WINDOW) await Promise.race(inFlight);
    else if (i % TURN === TURN - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
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
