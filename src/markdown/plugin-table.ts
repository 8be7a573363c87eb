/**
 * The plugin table: the built-in markdown-it plugins of a profile, in order and by name, with the
 * site's own plugins (from its configuration module) placed before or after a named entry, or after
 * the whole table. One mechanism for both: a built-in feature is an entry like a site's plugin.
 */
import type MarkdownIt from 'markdown-it';
import type { MarkdownProfileName } from '../config/define.js';
import type { SitePlugin } from '../config/extensions.js';
import { ConfigError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { errorSummary, siteCodeLocation } from '../core/stack-location.js';
import type { Post, RenderedPost } from '../types.js';
import type { BuiltInPluginName } from './plugin-names.js';

/** One built-in entry: its name and how it installs itself. */
export type PluginEntry = readonly [name: BuiltInPluginName, install: (md: MarkdownIt) => void];

/** Where the site's code lives, to name the line of a plugin that fails. */
export interface SiteCode {
  siteDir: string;
  /** The configuration module and the site's modules it imports, absolute. */
  modules: readonly string[];
}

/**
 * Installs `table` on `md` with the site's plugins for `profile` in their places: a plugin with
 * `before`/`after` next to that entry (in the order the site lists them), the others, and those whose
 * entry this profile lacks, after the table. A site plugin that throws while installing is a
 * ConfigError at its line.
 */
export function installPlugins(
  md: MarkdownIt,
  table: readonly PluginEntry[],
  site: readonly SitePlugin[],
  profile: MarkdownProfileName,
  code: SiteCode | undefined,
): void {
  const mine = site.filter((plugin) => plugin.profiles.includes(profile));
  const install = (plugin: SitePlugin) => {
    try {
      plugin.install(md);
    } catch (error) {
      const at = code ? siteCodeLocation(error, code.modules, code.siteDir) : undefined;
      throw new ConfigError(
        'config',
        `the markdown-it plugin ${plugin.name} failed to install: ${errorSummary(error)}`,
        at ?? { file: code?.modules[0] ? displayPath(code.siteDir, code.modules[0]) : '(build options)' },
        { cause: error },
      );
    }
  };
  const names = new Set(table.map(([name]) => name));
  for (const [name, builtIn] of table) {
    for (const plugin of mine) if (plugin.before === name) install(plugin);
    builtIn(md);
    for (const plugin of mine) if (plugin.after === name) install(plugin);
  }
  for (const plugin of mine) {
    const place = plugin.before ?? plugin.after;
    if (place === undefined || !names.has(place)) install(plugin);
  }
}

/**
 * A post a site plugin failed on: an error at the post, naming the plugin's line, and no HTML (the
 * build fails, so the page is never written).
 */
export function pluginFailure(post: Post, error: unknown, code: SiteCode): RenderedPost {
  if (error instanceof ConfigError) throw error;
  const at = siteCodeLocation(error, code.modules, code.siteDir);
  const where = at ? ` (at ${at.file}:${at.line}:${at.column})` : '';
  return {
    post,
    html: '',
    excerptHtml: '',
    feedHtml: '',
    feedExcerptHtml: '',
    words: 0,
    toc: [],
    links: [],
    features: { math: false, mermaid: false, languages: [], code: false },
    excerptFeatures: { math: false, mermaid: false, code: false, tabs: false },
    diagrams: [],
    diagnostics: [
      {
        severity: 'error',
        code: 'plugin',
        message: `a markdown-it plugin of the site failed on this post: ${errorSummary(error)}${where}`,
        location: { file: post.source.relPath, line: post.bodyLine },
      },
    ],
  };
}
