/** Temporary site directories for tests: fixtures are copied so builds never write into test/fixtures. */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's test folder. */
export const TEST_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** A fresh empty directory under test/.tmp (git-ignored). */
export async function tempDir(label: string): Promise<string> {
  const root = path.join(TEST_DIR, '.tmp');
  await mkdir(root, { recursive: true });
  return mkdtemp(path.join(root, `${label}-`));
}

/** Copies `test/fixtures/sites/<name>` into a fresh temporary directory and returns it. */
export async function copyFixtureSite(name: string): Promise<string> {
  const dir = await tempDir(name);
  await cp(path.join(TEST_DIR, 'fixtures', 'sites', name), dir, { recursive: true });
  return dir;
}

/** Writes `files` (relative path → text) into a fresh temporary site directory. */
export async function writeSite(label: string, files: Record<string, string>): Promise<string> {
  const dir = await tempDir(label);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** Reads a file of a built site. */
export function readOutput(outDir: string, rel: string): Promise<string> {
  return readFile(path.join(outDir, rel), 'utf8');
}

/** Removes a temporary directory. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Every file below `dir`, as sorted forward-slash paths relative to it. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}
