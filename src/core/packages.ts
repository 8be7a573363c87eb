/** Finding installed npm packages' folders and versions, whatever their `exports` allow. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder of the installed package `name`, searched as Node searches node_modules from inkstone's own files. */
export function packageDir(name: string): string {
  for (const dir of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    if (existsSync(path.join(dir, name, 'package.json'))) return path.join(dir, name);
  }
  throw new Error(`${name} is not installed`);
}

/** The installed version of package `name`. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}
