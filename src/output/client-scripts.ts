/** The small self-hosted scripts of inkstone's own features, shipped only when some page uses them. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';
import type { OutputFile } from '../types.js';

/** Where the copy-button script goes in the output (layouts link it from pages with code). */
export const COPY_CODE_SCRIPT = 'assets/inkstone/copy-code.js';

/** Where the tabs script goes (layouts link it from pages with a tab group). */
export const TABS_SCRIPT = 'assets/inkstone/tabs.js';

/** The copy-button script, from the package's `client/` folder. */
export function copyCodeScript(): Promise<OutputFile> {
  return clientScript('copy-code.js', COPY_CODE_SCRIPT);
}

/** The tabs script, from the package's `client/` folder. */
export function tabsScript(): Promise<OutputFile> {
  return clientScript('tabs.js', TABS_SCRIPT);
}

async function clientScript(name: string, outputPath: string): Promise<OutputFile> {
  const file = path.join(packageRoot(), 'client', name);
  return { outputPath, contents: await readFile(file), from: `inkstone client/${name}` };
}
