/** The small self-hosted scripts of inkstone's own features, shipped only when some page uses them. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';
import type { OutputFile } from '../types.js';

/** Where the copy-button script goes in the output (layouts link it from pages with code). */
export const COPY_CODE_SCRIPT = 'assets/inkstone/copy-code.js';

/** Where the tabs script goes (layouts link it from pages with a tab group). */
export const TABS_SCRIPT = 'assets/inkstone/tabs.js';

/** Where the scroll-regions script goes (every page links it: any page can hold a wide formula, table or code line). */
export const SCROLL_REGIONS_SCRIPT = 'assets/inkstone/scroll-regions.js';

/** Where the colour scheme button's script goes (every page links it). */
export const THEME_TOGGLE_SCRIPT = 'assets/inkstone/theme-toggle.js';

/** Where the search box's script goes (every page links it unless `search: false`). */
export const SEARCH_SCRIPT = 'assets/inkstone/search.js';

/** The search box's script (see client/search.js). */
export function searchScript(): Promise<OutputFile> {
  return clientScript('search.js', SEARCH_SCRIPT);
}

/** The colour scheme button's script (see client/theme-toggle.js). */
export function themeToggleScript(): Promise<OutputFile> {
  return clientScript('theme-toggle.js', THEME_TOGGLE_SCRIPT);
}

/** The script that puts overflowing regions in the tab order with a name (see client/scroll-regions.js). */
export function scrollRegionsScript(): Promise<OutputFile> {
  return clientScript('scroll-regions.js', SCROLL_REGIONS_SCRIPT);
}

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
