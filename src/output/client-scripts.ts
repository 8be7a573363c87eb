/** The small self-hosted scripts of inkstone's own features, shipped only when some page uses them. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';
import type { OutputFile } from '../types.js';

/** Where the copy-button script goes in the output (layouts link it from pages with code). */
export const COPY_CODE_SCRIPT = 'assets/inkstone/copy-code.js';

/** The copy-button script, from the package's `client/` folder. */
export async function copyCodeScript(): Promise<OutputFile> {
  const file = path.join(packageRoot(), 'client', 'copy-code.js');
  return { outputPath: COPY_CODE_SCRIPT, contents: await readFile(file), from: 'inkstone client/copy-code.js' };
}
