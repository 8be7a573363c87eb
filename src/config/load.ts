/** Finds, parses and validates the site configuration file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { positionOf } from '../core/text-position.js';
import { parseYaml, validateYaml, formatPath, describeValue } from '../core/yaml.js';
import { collectCodeInputs } from '../markdown/cache-inputs.js';
import type { ConfigAdapter } from './adapter.js';
import { CONFIG_MODULE_NAMES, importConfigModule } from './config-module.js';
import type { UserConfig } from './define.js';
import {
  codeText,
  type ExtensionParts,
  hasExtensions,
  mergeExtensions,
  noExtensions,
  type SiteExtensions,
  splitUserConfig,
} from './extensions.js';
import { CONFIG_FILE_NAMES, siteConfigSchema, type SiteConfig, type SiteConfigInput } from './schema.js';
import { stripUndefined } from '../core/objects.js';

/** The loaded configuration and where it came from. */
export interface LoadedConfig<Site = never> {
  config: SiteConfig;
  /** Site-relative path of the configuration file, or undefined when defaults were used. */
  file: string | undefined;
  /** Text of the configuration file, for code frames. */
  text: string | undefined;
  /** What the input adapter read of the site's other configuration (Jekyll's `_config.yml`), even when `inkstone.yml` wins. */
  adapted: Site | undefined;
  /** What the configuration module (and the API) add besides settings: plugins, filters, data, hooks. */
  extensions: SiteExtensions;
}

/** Configuration passed to `build()` or `dev()`: settings over the file's, and extensions added to its. */
export type ConfigOverrides = Partial<UserConfig> | Partial<SiteConfigInput>;

/**
 * Loads `inkstone.yml` or a configuration module (`inkstone.config.ts`, …) from `siteDir` (else the
 * configuration `adapter` reads, such as Jekyll's `_config.yml`, else defaults), then applies
 * `overrides` (from the CLI or the API) on top. Throws ConfigError with file:line:col on any problem.
 * With `cache: false`, a module's transpiled code is not kept on disk.
 */
export async function loadConfig<Site = never>(
  siteDir: string,
  overrides: ConfigOverrides = {},
  adapter?: ConfigAdapter<Site>,
  options: { cache?: boolean } = {},
): Promise<LoadedConfig<Site>> {
  const api = splitUserConfig(overrides as Record<string, unknown>, '(build options)');
  const settings = api.settings as Partial<SiteConfigInput>;
  const adapted = await adapter?.read(siteDir);
  const found = await findConfigFiles(siteDir);
  if (found.length > 1) {
    throw new ConfigError(
      'config',
      `${found.map((f) => f.name).join(' and ')} both configure this site: keep one (inkstone.yml is the default; a config module is for sites that add code)`,
      { file: found[1]!.name },
    );
  }
  const file = found[0];
  if (file && CONFIG_FILE_NAMES.some((name) => name === file.name)) {
    const config = parseConfigText(file.text, file.name, settings);
    return {
      config,
      file: file.name,
      text: file.text,
      adapted: adapted?.site,
      extensions: apiExtensions(api.extensions),
    };
  }
  if (file) return loadConfigModule(siteDir, file, settings, api.extensions, adapted?.site, options.cache !== false);
  const extensions = apiExtensions(api.extensions);
  if (adapted)
    return {
      config: adapted.toSiteConfig(settings),
      file: adapted.file,
      text: adapted.text,
      adapted: adapted.site,
      extensions,
    };
  return {
    config: validateConfigObject({ ...settings }, '(defaults)'),
    file: undefined,
    text: undefined,
    adapted: undefined,
    extensions,
  };
}

/**
 * The configuration files of `siteDir`, with their text: the first YAML file (inkstone.yml before
 * inkstone.yaml) and every configuration module.
 */
async function findConfigFiles(siteDir: string): Promise<Array<{ name: string; text: string }>> {
  const found: Array<{ name: string; text: string }> = [];
  for (const name of [...CONFIG_FILE_NAMES, ...CONFIG_MODULE_NAMES]) {
    if (found.length > 0 && CONFIG_FILE_NAMES.some((yaml) => yaml === name)) continue;
    try {
      found.push({ name, text: await readFile(path.join(siteDir, name), 'utf8') });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ConfigError(
        'config',
        `cannot read ${name}: ${(error as Error).message}`,
        { file: name },
        { cause: error },
      );
    }
  }
  return found;
}

/** A configuration module's settings (validated as the YAML's) and extensions, with the API's on top. */
async function loadConfigModule<Site>(
  siteDir: string,
  file: { name: string; text: string },
  settings: Partial<SiteConfigInput>,
  api: ExtensionParts,
  adapted: Site | undefined,
  cache: boolean,
): Promise<LoadedConfig<Site>> {
  const absolute = path.join(siteDir, file.name);
  const raw = await importConfigModule(absolute, siteDir, { cache });
  const own = splitUserConfig(raw, file.name);
  const merged = { ...own.settings, ...stripUndefined(settings) };
  const config = validateConfigObject(merged, file.name, file.text);
  const code = collectCodeInputs([absolute], siteDir);
  const extensions: SiteExtensions = {
    ...mergeExtensions(own.extensions, api),
    module: absolute,
    portable: api.plugins.length === 0,
    fingerprint: sha256(JSON.stringify({ code, api: hasExtensions(api) ? extensionsText(api) : '' })),
    modules: Object.entries(code.modules)
      .filter(([, hash]) => hash !== 'missing')
      .map(([rel]) => path.join(siteDir, rel)),
  };
  return { config, file: file.name, text: file.text, adapted, extensions };
}

/** Extensions given through the API alone (no module a worker could load). */
function apiExtensions(api: ExtensionParts): SiteExtensions {
  if (!hasExtensions(api)) return noExtensions();
  return { ...noExtensions(), ...api, portable: api.plugins.length === 0, fingerprint: sha256(extensionsText(api)) };
}

/** The source of every function in `parts`, with the values around them: what a cache key can know of code it has no file for. */
function extensionsText(parts: ExtensionParts): string {
  return codeText({ ...parts, plugins: parts.plugins.map((p) => p.text) });
}

/** Parses and validates configuration text; exported for tests. */
export function parseConfigText(text: string, file: string, overrides: Partial<SiteConfigInput> = {}): SiteConfig {
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    throw new ConfigError('config', `invalid YAML: ${parsed.problem.message}`, { file, ...parsed.problem.position });
  }
  const raw = parsed.yaml.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('config', `expected a map of settings, got ${describeValue(raw)}`, {
      file,
      line: 1,
      column: 1,
    });
  }
  const merged = { ...(raw as Record<string, unknown>), ...stripUndefined(overrides) };
  const result = validateYaml(siteConfigSchema, { value: merged, locate: parsed.yaml.locate }, (p, issue) =>
    describeConfigIssue(p, issue.message, merged),
  );
  if (!result.ok) {
    const first = result.problems[0]!;
    const rest = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
    throw new ConfigError('config', `${first.message}${rest}`, { file, ...first.position });
  }
  return result.value;
}

function validateConfigObject(value: Record<string, unknown>, file: string, text?: string): SiteConfig {
  const result = siteConfigSchema.safeParse(stripUndefined(value));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const keys = issue.message.startsWith('Unrecognized key')
    ? [...issue.path, ...((issue as { keys?: string[] }).keys ?? []).slice(0, 1)]
    : issue.path;
  const at = text === undefined ? undefined : locateSetting(text, keys);
  throw new ConfigError('config', describeConfigIssue(issue.path, issue.message, value), { file, ...at });
}

/**
 * Where a setting is written in a configuration module's text: each key of `keys` looked for as
 * `key:` after the previous one. A guess (the module is code, not data), good for the usual object literal.
 */
function locateSetting(text: string, keys: readonly PropertyKey[]): { line: number; column: number } | undefined {
  let from = 0;
  let at: number | undefined;
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(?<=^|[\\s{,])(["']?)${escaped}\\1\\s*:`, 'm').exec(text.slice(from));
    if (!match) break;
    at = from + match.index;
    from = at + match[0].length;
  }
  if (at === undefined) return undefined;
  const { line0, column } = positionOf(text, at);
  return { line: line0 + 1, column };
}

/** Settings only code can give: named in YAML, they get a pointer to the configuration module. */
const CODE_SETTINGS = ['"templates"', '"data"', '"hooks"', '"plugins"'];

function describeConfigIssue(p: readonly PropertyKey[], message: string, root: unknown): string {
  if (message.startsWith('Unrecognized key')) {
    const keys = message.replace(/^Unrecognized keys?: /, '');
    const unknown = `unknown setting${message.startsWith('Unrecognized keys') ? 's' : ''} ${keys}`;
    return CODE_SETTINGS.some((key) => keys.includes(key))
      ? `${unknown}: plugins, templates, data and hooks are code, given in inkstone.config.js or .ts (see "Extending inkstone" in the README)`
      : unknown;
  }
  if (p.length === 0) return message;
  const value = p.reduce<unknown>(
    (obj, key) => (obj && typeof obj === 'object' ? (obj as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );
  // zod says "expected string, received array"; we say what was received in the user's terms.
  const expected = message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  return `setting "${formatPath(p)}": ${expected}, got ${describeValue(value)}`;
}
