/** The inkstone version, read from package.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './core/package-root.js';

/** The version of this inkstone package. */
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
).version;
