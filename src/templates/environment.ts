/** The Nunjucks environment: layouts found along the theme's search path, autoescaping on. */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/schema.js';
import type { CompileOptions } from './compiler.js';
import { registerFilters } from './filters.js';
import { LayoutLoader } from './loader.js';
import type { Theme } from './theme.js';
import type { BaseUrl } from '../core/urls.js';

const COMPILE_OPTIONS: CompileOptions = { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

/** Creates the environment of one build. Templates are compiled once (by compiler.ts) and cached by Nunjucks. */
export function createTemplateEnvironment(config: SiteConfig, theme: Theme, base: BaseUrl): nunjucks.Environment {
  const loader = new LayoutLoader(theme.layoutDirs, COMPILE_OPTIONS);
  // `dev` keeps the errors that templates pass on as they are (Nunjucks otherwise copies them into a
  // plain Error, losing the located error each one carries as its cause).
  const env = new nunjucks.Environment(loader, { autoescape: true, ...COMPILE_OPTIONS, dev: true });
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
