/** What a dev session reads once per configuration: configuration, theme, layouts and the markdown renderer. */
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { SiteConfigInput } from '../config/schema.js';
import { jekyllConfigAdapter, type JekyllSite } from '../jekyll/config.js';
import { createRenderCache, noRenderCache, type RenderCache } from '../markdown/render-cache.js';
import { checkOutputDir } from '../output/writer.js';
import { loadOutputSetup } from '../pipeline/output-setup.js';
import type { OutputSetup } from '../pipeline/site-output.js';
import { createDevMarkdown, type DevMarkdown } from './markdown.js';

/** The parts of a session that change only with the configuration (or, for layouts, with a layout). */
export interface SiteSetup extends OutputSetup {
  jekyll: JekyllSite | undefined;
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
  const { config, adapted: jekyll } = await loadConfig(siteDir, options.config ?? {}, jekyllConfigAdapter);
  const outDir = path.join(siteDir, '_site');
  checkOutputDir(siteDir, outDir);
  const output = await loadOutputSetup(siteDir, config);
  const cacheDir = path.resolve(siteDir, config.cache_dir);
  const cache =
    options.cache === false
      ? noRenderCache
      : await createRenderCache(path.join(cacheDir, 'render'), config, output.theme.manifest.shiki);
  return {
    ...output,
    jekyll,
    markdown: createDevMarkdown(config, output.theme.manifest.shiki, cache),
    cache,
    outDir,
    cacheDir,
  };
}

/** The setup with its theme and layouts read again (Nunjucks caches compiled layouts). */
export async function reloadLayouts(setup: SiteSetup, siteDir: string): Promise<SiteSetup> {
  return { ...setup, ...(await loadOutputSetup(siteDir, setup.config)) };
}
