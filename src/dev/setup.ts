/** What a dev session reads once per configuration: configuration, theme, layouts and the markdown renderer. */
import path from 'node:path';
import type nunjucks from 'nunjucks';
import { loadConfig } from '../config/load.js';
import type { SiteConfig, SiteConfigInput } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { JekyllSite } from '../jekyll/config.js';
import { createRenderCache, noRenderCache, type RenderCache } from '../markdown/render-cache.js';
import { checkOutputDir } from '../output/writer.js';
import { createTemplateEnvironment } from '../templates/environment.js';
import { findIncludeCycles } from '../templates/include-cycles.js';
import { loadTheme, type Theme } from '../templates/theme.js';
import type { BaseUrl } from '../core/urls.js';
import { VERSION } from '../version.js';
import { createDevMarkdown, type DevMarkdown } from './markdown.js';

/** The parts of a session that change only with the configuration (or, for layouts, with a layout). */
export interface SiteSetup {
  siteDir: string;
  config: SiteConfig;
  jekyll: JekyllSite | undefined;
  theme: Theme;
  base: BaseUrl;
  generator: string;
  env: nunjucks.Environment;
  /** Include cycles among the layouts: while there are any, no page is rendered. */
  cycles: Diagnostic[];
  markdown: DevMarkdown;
  cache: RenderCache;
  /** Where `inkstone build` would write; never written by the dev server, and not watched. */
  outDir: string;
  /** The site's cache folder (not watched). */
  cacheDir: string;
}

/** Loads the configuration, theme and layouts of `siteDir`. Throws ConfigError on a bad configuration. */
export async function loadSetup(
  siteDir: string,
  options: { config?: Partial<SiteConfigInput>; cache?: boolean },
): Promise<SiteSetup> {
  const { config, jekyll } = await loadConfig(siteDir, options.config ?? {});
  const outDir = path.join(siteDir, '_site');
  checkOutputDir(siteDir, outDir);
  const theme = await loadTheme(siteDir, config.theme);
  const base = config.base;
  const cacheDir = path.resolve(siteDir, config.cache_dir);
  const cache =
    options.cache === false
      ? noRenderCache
      : await createRenderCache(path.join(cacheDir, 'render'), config, theme.manifest.shiki);
  return {
    siteDir,
    config,
    jekyll,
    theme,
    base,
    generator: `inkstone ${VERSION}`,
    env: createTemplateEnvironment(config, theme, base),
    cycles: await findIncludeCycles(theme.layoutDirs, siteDir),
    markdown: createDevMarkdown(config, theme.manifest.shiki, cache),
    cache,
    outDir,
    cacheDir,
  };
}

/** The setup with its layouts read again: a new template environment (Nunjucks caches compiled layouts). */
export async function reloadLayouts(setup: SiteSetup, siteDir: string): Promise<SiteSetup> {
  // A layouts/ folder created since the last load joins the search path.
  const theme = await loadTheme(siteDir, setup.config.theme);
  return {
    ...setup,
    theme,
    env: createTemplateEnvironment(setup.config, theme, setup.base),
    cycles: await findIncludeCycles(theme.layoutDirs, siteDir),
  };
}
