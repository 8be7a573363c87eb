/** What a dev session reads once per configuration: configuration, theme, layouts and the markdown renderer. */
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { ConfigOverrides } from '../config/load.js';
import type { HugoSite } from '../hugo/config.js';
import type { JekyllSite } from '../jekyll/config.js';
import { inputConfigAdapter } from '../pipeline/input-adapter.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { rendererCodeInputs, withSiteCode } from '../markdown/cache-inputs.js';
import { createRenderCache, noRenderCache, type RenderCache } from '../markdown/render-cache.js';
import { resolveSiteData, runBeforeBuild } from '../pipeline/site-hooks.js';
import { checkOutputDir } from '../output/writer.js';
import { loadOutputSetup } from '../pipeline/output-setup.js';
import type { OutputSetup } from '../pipeline/site-output.js';
import { createDevMarkdown, type DevMarkdown } from './markdown.js';

/** The parts of a session that change only with the configuration (or, for layouts, with a layout). */
export interface SiteSetup extends OutputSetup {
  jekyll: JekyllSite | undefined;
  /** A Hugo site's settings, when the site is one. */
  hugo: HugoSite | undefined;
  markdown: DevMarkdown;
  cache: RenderCache;
  /** Where `inkstone build` would write; never written by the dev server, and not watched. */
  outDir: string;
  /** The site's cache folder (not watched). */
  cacheDir: string;
  /** What the site's beforeBuild hook and data functions threw when this setup was loaded. */
  siteDiagnostics: Diagnostic[];
}

/** Loads the configuration, theme and layouts of `siteDir`. Throws ConfigError on a bad configuration. */
export async function loadSetup(
  siteDir: string,
  options: { config?: ConfigOverrides; cache?: boolean },
): Promise<SiteSetup> {
  const { config, adapted, extensions } = await loadConfig(siteDir, options.config ?? {}, inputConfigAdapter, {
    cache: options.cache,
  });
  const jekyll = adapted?.jekyll;
  const hugo = adapted?.hugo;
  const outDir = path.join(siteDir, '_site');
  checkOutputDir(siteDir, outDir);
  // The site's code, as in a build: beforeBuild, then the data functions (once per configuration here).
  const site = { siteDir, extensions };
  const info = { siteDir, outDir, mode: 'dev' as const, config };
  const before = await runBeforeBuild(site, info);
  const data = await resolveSiteData(site, info);
  const output = await loadOutputSetup(siteDir, config, extensions, data.data);
  const cacheDir = path.resolve(siteDir, config.cache_dir);
  const themes = output.theme.manifest.shiki;
  const cache =
    options.cache === false
      ? noRenderCache
      : await createRenderCache(path.join(cacheDir, 'render'), config, themes, undefined, () =>
          withSiteCode(rendererCodeInputs(), extensions.fingerprint),
        );
  return {
    ...output,
    jekyll,
    hugo,
    markdown: createDevMarkdown(config, themes, cache, site),
    cache,
    outDir,
    cacheDir,
    siteDiagnostics: [...before, ...data.diagnostics],
  };
}

/** The setup with its theme and layouts read again (Nunjucks caches compiled layouts). */
export async function reloadLayouts(setup: SiteSetup, siteDir: string): Promise<SiteSetup> {
  return { ...setup, ...(await loadOutputSetup(siteDir, setup.config, setup.extensions, setup.data)) };
}
