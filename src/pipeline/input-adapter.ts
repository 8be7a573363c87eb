/**
 * The input adapters the config stage asks, in order: a Jekyll site (`_config.yml`), else a Hugo site
 * (`hugo.toml`, `config.*`, `config/_default/`). At most one reads a site.
 */
import type { ConfigAdapter } from '../config/adapter.js';
import { hugoConfigAdapter, type HugoSite } from '../hugo/config.js';
import { jekyllConfigAdapter, type JekyllSite } from '../jekyll/config.js';

/** What the adapter that read the site knows of it. */
export interface InputSite {
  jekyll?: JekyllSite;
  hugo?: HugoSite;
}

/** Reads the site with the first adapter that knows it. */
export const inputConfigAdapter: ConfigAdapter<InputSite> = {
  async read(siteDir) {
    const jekyll = await jekyllConfigAdapter.read(siteDir);
    if (jekyll) return { ...jekyll, site: { jekyll: jekyll.site } };
    const hugo = await hugoConfigAdapter.read(siteDir);
    if (hugo) return { ...hugo, site: { hugo: hugo.site } };
    return undefined;
  },
};
