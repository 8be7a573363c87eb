/** The Nunjucks environment: layouts found along the theme's search path, autoescaping on. */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import type { CompileOptions } from './compiler.js';
import { builtInFilters } from './filters.js';
import { siteFilter, type SiteTemplates } from './site-templates.js';
import { LayoutLoader } from './loader.js';
import type { Theme } from './theme.js';
import type { BaseUrl } from '../core/urls.js';

const COMPILE_OPTIONS: CompileOptions = { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

/**
 * Creates the environment of one build. Templates are compiled once (by compiler.ts) and cached by
 * Nunjucks. The built-in filters and the site's own (which replace a built-in one of the same name)
 * are added the same way; then the site's globals and tags.
 */
export function createTemplateEnvironment(
  config: SiteConfig,
  theme: Theme,
  base: BaseUrl,
  site?: SiteTemplates,
): nunjucks.Environment {
  const tags = Object.entries(site?.extensions.tags ?? {});
  // The parser needs the site's tags; they are the objects `addExtension` names below, before any layout is compiled.
  const loader = new LayoutLoader(theme.layoutDirs, { ...COMPILE_OPTIONS, extensions: tags.map(([, tag]) => tag) });
  // `dev` keeps the errors that templates pass on as they are (Nunjucks otherwise copies them into a
  // plain Error, losing the located error each one carries as its cause).
  const env = new nunjucks.Environment(loader, { autoescape: true, ...COMPILE_OPTIONS, dev: true });
  const own = site?.extensions;
  const filters = {
    ...builtInFilters(config, base),
    ...mapValues(own?.filters ?? {}, (f, name) => siteFilter(site!, name, f)),
  };
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
  for (const [name, value] of Object.entries(own?.globals ?? {})) env.addGlobal(name, value);
  for (const [name, tag] of tags) env.addExtension(name, tag);
  return env;
}

function mapValues<T, U>(record: Record<string, T>, f: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]));
}

/** True when `layout` (a name without extension) exists on the search path. */
export function hasLayout(env: nunjucks.Environment, layout: string): boolean {
  try {
    env.getTemplate(`${layout}.njk`);
    return true;
  } catch {
    return false;
  }
}
