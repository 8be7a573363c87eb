/**
 * The file operations the writer uses, behind a small interface: tests make any one of them fail as
 * the OS would, which works as root too (file modes do not stop root). Also how an OS error is named
 * in messages.
 */
import { linkSync, lstatSync, mkdirSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod, lstat, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The subset of `node:fs/promises` the writer needs. */
export interface OutputFs {
  mkdir(dir: string, options?: { recursive?: boolean }): Promise<unknown>;
  writeFile(file: string, contents: string | Uint8Array): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  /** A file's contents as UTF-8. */
  readText(file: string): Promise<string>;
  readdir(dir: string): Promise<string[]>;
  stat(p: string): Promise<{ isDirectory(): boolean }>;
  lstat(p: string): Promise<{ isDirectory(): boolean; mode: number }>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file or a whole folder; a missing path is not an error. */
  rm(p: string): Promise<void>;
  chmod(p: string, mode: number): Promise<void>;
}

/**
 * The real file system. The operations a write makes once per page (folders, links, files, and
 * removing the previous site) are synchronous calls behind the promises: for thousands of small
 * operations they cost several times less than as many trips through the thread pool.
 */
export const nodeOutputFs: OutputFs = Object.freeze({
  mkdir: async (dir: string, options?: { recursive?: boolean }) => mkdirSync(dir, options),
  writeFile: async (file: string, contents: string | Uint8Array) => writeFileSync(file, contents),
  link: async (existing: string, created: string) => linkSync(existing, created),
  readText: (file: string) => readFile(file, 'utf8'),
  readdir: (dir: string) => readdir(dir),
  stat: (p: string) => stat(p),
  lstat: (p: string) => lstat(p),
  rename: (from: string, to: string) => rename(from, to),
  rm: async (p: string) => {
    try {
      removeNow(p);
    } catch {
      // Anything but a plain tree (gone, a folder it may not list, one changing meanwhile): Node's removal decides.
      await rm(p, { recursive: true, force: true });
    }
  },
  chmod: (p: string, mode: number) => chmod(p, mode),
});

/** Removes `target` and everything in it, synchronously, by the type of each entry (links are removed, not followed). */
function removeNow(target: string): void {
  if (lstatSync(target).isDirectory()) removeFolder(target);
  else unlinkSync(target);
}

function removeFolder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) removeFolder(child);
    else unlinkSync(child);
  }
  rmdirSync(dir);
}

/** The error's errno code (`EACCES`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `EACCES: permission denied` for an OS error (its code and Node's words, without the paths); the message otherwise. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const words = /^([A-Z][A-Z0-9_]*): ([^,]+)/.exec(message);
  if (code && words?.[1] === code) return `${code}: ${words[2]}`;
  return code ?? message;
}

/**
 * A file operation of the writer that failed. `what` says in words what could not be done (`cannot
 * write a.html into the new site`); `state`, when the step knows it, what is on disk as a result.
 */
export class StepFailure extends Error {
  constructor(
    readonly what: string,
    readonly error: unknown,
    readonly state?: string,
  ) {
    super(`${what} (${describeFsError(error)})`, { cause: error });
  }
}

/** Runs one file operation; its failure becomes a StepFailure saying `what`. */
export async function attempt<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new StepFailure(what, error);
  }
}
