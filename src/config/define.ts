/**
 * What a configuration file in JavaScript or TypeScript (`inkstone.config.ts`) exports, and
 * `defineConfig`, which types it for editors. The config loader maps `inkstone/config` to this module,
 * so it imports nothing at run time: a config file loads it even where inkstone is not installed in
 * the site's `node_modules` (run through `npx`).
 */
import type { z } from 'zod';
import type { BuiltInPluginName } from '../markdown/plugin-names.js';
import type { markdownOptionsSchema } from './markdown-schema.js';
import type { SiteConfig, SiteConfigInput } from './schema.js';

/**
 * A markdown-it plugin: installed with `plugin(md, ...params)`, as `md.use` does. `md` is loosely typed
 * on purpose: plugins on npm are typed against markdown-it's CommonJS or ESM type definitions, which
 * TypeScript considers different types.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; any parameters.
export type MarkdownItPlugin = (md: any, ...params: any[]) => void;

/** Which posts a plugin is installed for: native posts (`posts/`), kramdown posts (Jekyll's), or both. */
export type MarkdownProfileName = 'native' | 'kramdown';

/**
 * A site's markdown-it plugin: the plugin alone, `[plugin, ...params]`, or a map that can also place
 * it before or after a built-in entry of the plugin table (default: after the whole table) and limit
 * it to one profile (default: both).
 */
export type MarkdownPluginEntry =
  | MarkdownItPlugin
  | readonly [MarkdownItPlugin, ...unknown[]]
  | {
      plugin: MarkdownItPlugin;
      /** Passed to the plugin after `md`; an array is spread (several parameters), anything else is one. */
      options?: unknown;
      before?: BuiltInPluginName;
      after?: BuiltInPluginName;
      profiles?: readonly MarkdownProfileName[];
    };

/** The `markdown` setting of a config file: the YAML's, plus `plugins`. */
export type MarkdownConfig =
  | 'native'
  | 'kramdown'
  | (z.input<typeof markdownOptionsSchema> & { plugins?: readonly MarkdownPluginEntry[] });

/** What every hook is told about the build it runs in. */
export interface BuildInfo {
  /** The site directory, absolute. */
  siteDir: string;
  /** The output directory, absolute (the dev server serves from memory and writes nothing there). */
  outDir: string;
  /** `build` for `inkstone build` and the API's `build()`, `dev` for the dev server's builds. */
  mode: 'build' | 'dev';
  /** The configuration in effect, defaults applied. */
  config: SiteConfig;
}

/** What `afterBuild` is told besides BuildInfo. */
export interface AfterBuildInfo extends BuildInfo {
  /** Every file of the site, as paths relative to the output directory (forward slashes), sorted. */
  files: string[];
}

/** The page `transformPage` is given. */
export interface PageInfo {
  /** The page's URL path, with the base path (`/blog/2024/05/x/`). */
  url: string;
  /** Where the page is written, relative to the output directory (`2024/05/x/index.html`). */
  outputPath: string;
  /** post, home, term, taxonomy, archive, series, not-found or redirect. */
  kind: string;
  /** For a post page: its source file relative to the site directory, and its title. */
  source?: string;
  title?: string;
}

/** Functions the site's code runs at fixed points of every build (and of every dev rebuild). */
export interface BuildHooks {
  /** Before anything is read (after the configuration). Throwing fails the build: nothing is written. */
  beforeBuild?: (info: BuildInfo) => void | Promise<void>;
  /** After the site is written (not after a failed build). Throwing makes the build exit 1; the site stays written. */
  afterBuild?: (info: AfterBuildInfo) => void | Promise<void>;
  /** Each HTML page after its layout: returns the page's new HTML (or nothing to keep it). */
  transformPage?: (html: string, page: PageInfo) => string | undefined | Promise<string | undefined>;
}

/** A Nunjucks extension (`env.addExtension`): a custom tag. */
export interface TemplateTag {
  tags: string[];
  // biome-ignore lint/suspicious/noExplicitAny: Nunjucks' parser objects are untyped.
  parse(parser: any, nodes: any, lexer: any): unknown;
  [method: string]: unknown;
}

/** Additions to the Nunjucks environment of the layouts. */
export interface TemplatesConfig {
  /** Filters by name (synchronous): `{{ post.title | shout }}`. A built-in filter's name replaces it. */
  // biome-ignore lint/suspicious/noExplicitAny: filters take any values.
  filters?: Record<string, (value: any, ...args: any[]) => unknown>;
  /** Values and functions every layout sees by name. */
  globals?: Record<string, unknown>;
  /** Nunjucks extensions (custom tags) by name. */
  tags?: Record<string, TemplateTag>;
}

/** A config file's default export: every setting of `inkstone.yml`, plus what only code can give. */
export interface UserConfig extends Omit<SiteConfigInput, 'markdown'> {
  markdown?: MarkdownConfig;
  templates?: TemplatesConfig;
  /** Values (or functions, possibly async, returning them) that layouts see as `site.data.<name>`; evaluated once per build. */
  data?: Record<string, unknown>;
  hooks?: BuildHooks;
}

/** Types a configuration for editors; returns it unchanged. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
