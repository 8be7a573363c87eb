/** Collects the non-page files of the site: theme assets, static files, and library assets when used. */
import type { SiteCopy } from './site-copies.js';
import { titleHasMath } from '../markdown/math/title.js';
import path from 'node:path';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { isDirectory } from '../core/fs.js';
import type { SiteConfig } from '../config/schema.js';
import { ROOT_FAVICON, writesThemeFavicon } from '../templates/icons.js';
import type { Theme } from '../templates/theme.js';
import type { OutputFile, RenderedPost } from '../types.js';
import { readSiteCopies } from './site-copies.js';
import { copyTree, katexAssets, mermaidAssets } from './assets.js';
import { interactiveAssets } from '../widgets/interactive.js';
import { copyCodeScript, scrollRegionsScript, searchScript, tabsScript, themeToggleScript } from './client-scripts.js';

/**
 * Theme `assets/` → `/assets/` (its favicon.ico also to `/favicon.ico`, see icons.ts); the site's `static/` → `/`; KaTeX only if some post has math;
 * mermaid only if some post has a diagram; the scroll-regions script always (list pages show excerpts, and
 * any page can be narrower than a formula) and the colour scheme button's; the copy-button script only if some post has code, the tabs script only if some post has tabs; the search box's script unless `search: false`; and the files an input adapter asks to copy (`siteCopies`, a Jekyll site's static files) at their own paths.
 */
export async function collectAssets(
  siteDir: string,
  theme: Theme,
  rendered: readonly RenderedPost[],
  bag: DiagnosticBag,
  siteCopies: readonly SiteCopy[] = [],
  config: Pick<SiteConfig, 'favicon' | 'search'> = { favicon: undefined, search: false },
): Promise<OutputFile[]> {
  const { favicon } = config;
  const files: OutputFile[] = [];
  if (await isDirectory(theme.assetsDir))
    files.push(...(await copyTree(theme.assetsDir, 'assets', `theme ${theme.name}`, theme.dir, bag)));
  const staticDir = path.join(siteDir, 'static');
  if (await isDirectory(staticDir)) files.push(...(await copyTree(staticDir, '', 'static', siteDir, bag)));
  files.push(...(await readSiteCopies(siteDir, siteCopies, bag)));
  // The theme's favicon.ico also at the root (where browsers and feed readers look), unless the site has its own.
  const icon = writesThemeFavicon(favicon, theme.manifest)
    ? files.find((f) => f.outputPath === `assets/${theme.manifest.favicon!.ico}`)
    : undefined;
  if (icon && !files.some((f) => f.outputPath === ROOT_FAVICON)) files.push({ ...icon, outputPath: ROOT_FAVICON });
  const needs = libraryNeeds(rendered);
  if (needs.katex) files.push(...(await katexAssets()));
  if (needs.mermaid) files.push(...(await mermaidAssets()));
  files.push(await scrollRegionsScript(), await themeToggleScript());
  if (needs.copyCode) files.push(await copyCodeScript());
  if (needs.tabs) files.push(await tabsScript());
  if (config.search) files.push(await searchScript());
  files.push(...(await interactiveAssets(needs.widgets)));
  return files;
}

/** Which library assets and client scripts the posts need: the one answer build and dev both use. */
export function libraryNeeds(rendered: readonly RenderedPost[]): {
  katex: boolean;
  mermaid: boolean;
  copyCode: boolean;
  tabs: boolean;
  /** Kinds of interactive chart on some page: the loader and these libraries are shipped. */
  widgets: string[];
} {
  return {
    katex: rendered.some((r) => r.features.math || titleHasMath(r.post.meta.title)),
    mermaid: rendered.some((r) => r.features.mermaid),
    copyCode: rendered.some((r) => r.features.code),
    tabs: rendered.some((r) => r.features.tabs === true),
    widgets: [...new Set(rendered.flatMap((r) => r.features.widgets ?? []))].sort(),
  };
}
