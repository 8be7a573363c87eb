/**
 * How the config stage reads another generator's configuration (Jekyll's `_config.yml`; Hugo's next)
 * without depending on the adapter that knows it: the driver passes the adapter in.
 */
import type { SiteConfig, SiteConfigInput } from './schema.js';

/** Another generator's configuration file, read and ready to become ours. */
export interface AdaptedConfig<Site> {
  /** Site-relative path of the file. */
  file: string;
  /** Its text, for code frames. */
  text: string;
  /** What the adapter's later stages need of it (Liquid's `site`, excludes, …). */
  site: Site;
  /** The file's settings as inkstone's, with `overrides` on top. Throws ConfigError located in the file. */
  toSiteConfig(overrides: Partial<SiteConfigInput>): SiteConfig;
}

/** An input adapter's configuration reader. */
export interface ConfigAdapter<Site> {
  /** Reads the site's configuration file of this generator; undefined when the site has none. Throws ConfigError. */
  read(siteDir: string): Promise<AdaptedConfig<Site> | undefined>;
}
