/** The Nunjucks environment: layouts found along the theme's search path, autoescaping on. */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import { registerFilters } from './filters.js';
import type { Theme } from './theme.js';
import type { BaseUrl } from './urls.js';

/** Creates the environment of one build. Templates are compiled once and cached by Nunjucks. */
export function createTemplateEnvironment(config: SiteConfig, theme: Theme, base: BaseUrl): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(theme.layoutDirs, { noCache: false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  registerFilters(env, config, base);
  return env;
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
