/**
 * A site's extensions: what a configuration file in JavaScript or TypeScript adds besides settings
 * (markdown-it plugins, template filters, globals and tags, data, hooks), checked and put in one shape.
 * Settings go on to the schema like the YAML's; the rest never enters SiteConfig, which stays plain
 * data (cached, sent to workers).
 */
import type MarkdownIt from 'markdown-it';
import { ConfigError } from '../core/errors.js';
import { describeValue } from '../core/yaml.js';
import { BUILT_IN_PLUGIN_NAMES, type BuiltInPluginName } from '../markdown/plugin-names.js';
import type { BuildHooks, MarkdownProfileName, TemplateTag } from './define.js';
import { isRecord } from '../core/objects.js';

/** One markdown-it plugin of the site, ready to install. */
export interface SitePlugin {
  /** The plugin function's name, or `markdown.plugins[i]`, for messages. */
  name: string;
  install(md: MarkdownIt): void;
  before?: BuiltInPluginName;
  after?: BuiltInPluginName;
  profiles: readonly MarkdownProfileName[];
  /** The plugin's source text and parameters: what a cache key can know of a plugin given without a module. */
  text: string;
}

/** Everything a site adds through code. */
export interface SiteExtensions {
  /** The configuration module, absolute; undefined when there is none (a YAML configuration, or only the API's additions). */
  module: string | undefined;
  /** Whether a worker thread that loads `module` gets every plugin (false when the API added plugins). */
  portable: boolean;
  /** Changes with the configuration module, the site's modules it imports and the versions of the packages they import. */
  fingerprint: string;
  /** The site's own modules the configuration loads (the module itself first), absolute: the dev server watches them. */
  modules: string[];
  plugins: SitePlugin[];
  // biome-ignore lint/suspicious/noExplicitAny: filters take any values.
  filters: Record<string, (...args: any[]) => unknown>;
  globals: Record<string, unknown>;
  tags: Record<string, TemplateTag>;
  /** As written: values, or functions that give them (see resolveSiteData). */
  data: Record<string, unknown>;
  hooks: BuildHooks;
}

/** A site without code. */
export function noExtensions(): SiteExtensions {
  return {
    module: undefined,
    portable: true,
    fingerprint: '',
    modules: [],
    plugins: [],
    filters: {},
    globals: {},
    tags: {},
    data: {},
    hooks: {},
  };
}

/** The parts of SiteExtensions a configuration object gives. */
export type ExtensionParts = Pick<SiteExtensions, 'plugins' | 'filters' | 'globals' | 'tags' | 'data' | 'hooks'>;

const HOOK_NAMES = ['beforeBuild', 'afterBuild', 'transformPage'] as const;
const PROFILES: readonly MarkdownProfileName[] = ['native', 'kramdown'];

/**
 * Splits a configuration object into its settings (for the schema) and its extensions, checking the
 * extensions' shapes. Throws ConfigError naming `file` and the setting.
 */
export function splitUserConfig(
  raw: Record<string, unknown>,
  file: string,
): { settings: Record<string, unknown>; extensions: ExtensionParts } {
  const { templates, data, hooks, ...settings } = raw;
  const fail = (where: string, expected: string, value: unknown): never => {
    throw new ConfigError('config', `setting "${where}": expected ${expected}, got ${describeValue(value)}`, { file });
  };
  let plugins: SitePlugin[] = [];
  const markdown = settings['markdown'];
  if (isRecord(markdown) && 'plugins' in markdown) {
    const { plugins: entries, ...rest } = markdown;
    settings['markdown'] = rest;
    if (!Array.isArray(entries)) fail('markdown.plugins', 'a list of markdown-it plugins', entries);
    plugins = (entries as unknown[]).map((entry, i) => sitePlugin(entry, `markdown.plugins[${i}]`, fail));
  }
  const templatesMap = optionalRecord(templates, 'templates', fail);
  for (const key of Object.keys(templatesMap)) {
    if (!['filters', 'globals', 'tags'].includes(key))
      throw new ConfigError('config', `unknown setting "templates.${key}" (expected filters, globals or tags)`, {
        file,
      });
  }
  const filters = optionalRecord(templatesMap['filters'], 'templates.filters', fail);
  for (const [name, filter] of Object.entries(filters))
    if (typeof filter !== 'function') fail(`templates.filters.${name}`, 'a function', filter);
  const tags = optionalRecord(templatesMap['tags'], 'templates.tags', fail);
  for (const [name, tag] of Object.entries(tags)) {
    const ok = isRecord(tag) && Array.isArray(tag['tags']) && typeof tag['parse'] === 'function';
    if (!ok) fail(`templates.tags.${name}`, 'a Nunjucks extension ({ tags: [...], parse(parser, nodes, lexer) })', tag);
  }
  const hookMap = optionalRecord(hooks, 'hooks', fail);
  for (const [name, hook] of Object.entries(hookMap)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name))
      throw new ConfigError('config', `unknown hook "hooks.${name}" (expected ${HOOK_NAMES.join(', ')})`, { file });
    if (typeof hook !== 'function') fail(`hooks.${name}`, 'a function', hook);
  }
  return {
    settings,
    extensions: {
      plugins,
      filters: filters as SiteExtensions['filters'],
      globals: optionalRecord(templatesMap['globals'], 'templates.globals', fail),
      tags: tags as Record<string, TemplateTag>,
      data: optionalRecord(data, 'data', fail),
      hooks: hookMap as BuildHooks,
    },
  };
}

/** `b` added to `a`: plugins after a's, names in b replacing a's, both hooks of a kind run (a's first). */
export function mergeExtensions(a: ExtensionParts, b: ExtensionParts): ExtensionParts {
  const hooks: BuildHooks = { ...a.hooks, ...b.hooks };
  const { beforeBuild: b1, afterBuild: a1, transformPage: t1 } = a.hooks;
  const { beforeBuild: b2, afterBuild: a2, transformPage: t2 } = b.hooks;
  if (b1 && b2)
    hooks.beforeBuild = async (info) => {
      await b1(info);
      await b2(info);
    };
  if (a1 && a2)
    hooks.afterBuild = async (info) => {
      await a1(info);
      await a2(info);
    };
  if (t1 && t2) hooks.transformPage = async (html, page) => t2((await t1(html, page)) ?? html, page);
  return {
    plugins: [...a.plugins, ...b.plugins],
    filters: { ...a.filters, ...b.filters },
    globals: { ...a.globals, ...b.globals },
    tags: { ...a.tags, ...b.tags },
    data: { ...a.data, ...b.data },
    hooks,
  };
}

/** Whether a configuration object holds anything besides settings. */
export function hasExtensions(parts: ExtensionParts): boolean {
  return (
    parts.plugins.length > 0 ||
    [parts.filters, parts.globals, parts.tags, parts.data, parts.hooks].some((m) => Object.keys(m).length > 0)
  );
}

function sitePlugin(entry: unknown, where: string, fail: (w: string, e: string, v: unknown) => never): SitePlugin {
  const expected = 'a markdown-it plugin (a function), [plugin, ...params] or { plugin, options, before, after }';
  const text = codeText(entry);
  if (typeof entry === 'function')
    return { name: nameOf(entry, where), install: (md) => md.use(entry as never), profiles: PROFILES, text };
  if (Array.isArray(entry)) {
    const [plugin, ...params] = entry as unknown[];
    if (typeof plugin !== 'function') return fail(where, expected, entry);
    return {
      name: nameOf(plugin, where),
      install: (md) => md.use(plugin as never, ...params),
      profiles: PROFILES,
      text,
    };
  }
  if (!isRecord(entry) || typeof entry['plugin'] !== 'function') return fail(where, expected, entry);
  const { plugin, options, before, after, profiles, ...rest } = entry;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    fail(`${where}.${unknown[0]}`, 'one of plugin, options, before, after, profiles', rest[unknown[0]!]);
  const params = Array.isArray(options) ? options : options === undefined ? [] : [options];
  const position = (key: 'before' | 'after', value: unknown): BuiltInPluginName | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (BUILT_IN_PLUGIN_NAMES as readonly string[]).includes(value))
      return value as BuiltInPluginName;
    return fail(`${where}.${key}`, `the name of a built-in plugin (${BUILT_IN_PLUGIN_NAMES.join(', ')})`, value);
  };
  if (before !== undefined && after !== undefined) fail(where, 'either "before" or "after", not both', entry);
  const chosen =
    profiles === undefined
      ? PROFILES
      : Array.isArray(profiles) && profiles.length > 0 && profiles.every((p) => PROFILES.includes(p))
        ? (profiles as MarkdownProfileName[])
        : fail(`${where}.profiles`, 'a list of "native" and "kramdown"', profiles);
  return {
    name: nameOf(plugin as () => void, where),
    install: (md) => md.use(plugin as never, ...params),
    before: position('before', before),
    after: position('after', after),
    profiles: chosen,
    text,
  };
}

/** `value` as text, functions by their source; a value JSON cannot hold (a cycle) by its type only. */
export function codeText(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? v.toString() : v)) ?? 'undefined';
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function nameOf(plugin: unknown, where: string): string {
  const name = (plugin as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' && name !== 'anonymous' ? name : where;
}

function optionalRecord(
  value: unknown,
  where: string,
  fail: (w: string, e: string, v: unknown) => never,
): Record<string, unknown> {
  if (value === undefined) return {};
  return isRecord(value) ? value : fail(where, 'a map', value);
}
