/** The setup of the output stage, the same for `build()` and the dev session: theme, layouts, template environment. */
import { noExtensions, type SiteExtensions } from '../config/extensions.js';
import type { SiteConfig } from '../config/schema.js';
import { createTemplateEnvironment } from '../templates/environment.js';
import { findIncludeCycles } from '../templates/include-cycles.js';
import { loadTheme } from '../templates/theme.js';
import { VERSION } from '../version.js';
import type { OutputSetup } from './site-output.js';

/**
 * Loads the theme and its layouts for `config` (again after a layout changed: Nunjucks caches compiled
 * layouts), with the site's filters, globals and tags in the template environment, and `data` as `site.data`.
 */
export async function loadOutputSetup(
  siteDir: string,
  config: SiteConfig,
  extensions: SiteExtensions = noExtensions(),
  data: Record<string, unknown> = {},
): Promise<OutputSetup> {
  // A layouts/ folder created since the last load joins the search path.
  const theme = await loadTheme(siteDir, config.theme);
  return {
    siteDir,
    config,
    extensions,
    data,
    theme,
    env: createTemplateEnvironment(config, theme, config.base, { siteDir, extensions }),
    generator: `inkstone ${VERSION}`,
    cycles: await findIncludeCycles(theme.layoutDirs, siteDir),
  };
}
