/** The site's own template filters, wrapped so that one that throws is named, with its line, in the layout's error. */
import type { SiteExtensions } from '../config/extensions.js';
import { errorSummary, siteCodeLocation } from '../core/stack-location.js';
import { formatLocation } from '../core/diagnostics.js';

/** The site's code the template environment takes its filters, globals and tags from. */
export interface SiteTemplates {
  siteDir: string;
  extensions: SiteExtensions;
}

/**
 * `filter` with its errors rethrown as `filter "name" threw at inkstone.config.ts:12:5: …`, so that
 * the template error (located at the layout's line) also says where in the site's code it failed.
 */
// biome-ignore lint/suspicious/noExplicitAny: filters take any values.
export function siteFilter(site: SiteTemplates, name: string, filter: (...args: any[]) => unknown) {
  return function (this: unknown, ...args: unknown[]): unknown {
    try {
      return filter.apply(this, args);
    } catch (error) {
      const at = siteCodeLocation(error, site.extensions.modules, site.siteDir);
      const where = at ? ` at ${formatLocation(at)}` : '';
      // No `cause`: template errors show the innermost cause's message, and this one says more.
      throw new Error(`the filter "${name}" threw${where}: ${errorSummary(error)}`);
    }
  };
}
