/** Finds, parses and validates the site configuration file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { parseYaml, validateYaml, formatPath, describeValue } from '../core/yaml.js';
import type { ConfigAdapter } from './adapter.js';
import { CONFIG_FILE_NAMES, siteConfigSchema, type SiteConfig, type SiteConfigInput } from './schema.js';

/** The loaded configuration and where it came from. */
export interface LoadedConfig<Site = never> {
  config: SiteConfig;
  /** Site-relative path of the configuration file, or undefined when defaults were used. */
  file: string | undefined;
  /** Text of the configuration file, for code frames. */
  text: string | undefined;
  /** What the input adapter read of the site's other configuration (Jekyll's `_config.yml`), even when `inkstone.yml` wins. */
  adapted: Site | undefined;
}

/**
 * Loads `inkstone.yml` from `siteDir` (else the configuration `adapter` reads, such as Jekyll's
 * `_config.yml`, else defaults), then applies `overrides` (from the CLI or the API) on top. Throws
 * ConfigError with file:line:col on any problem.
 */
export async function loadConfig<Site = never>(
  siteDir: string,
  overrides: Partial<SiteConfigInput> = {},
  adapter?: ConfigAdapter<Site>,
): Promise<LoadedConfig<Site>> {
  const adapted = await adapter?.read(siteDir);
  for (const name of CONFIG_FILE_NAMES) {
    let text: string;
    try {
      text = await readFile(path.join(siteDir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ConfigError(
        'config',
        `cannot read ${name}: ${(error as Error).message}`,
        { file: name },
        { cause: error },
      );
    }
    return { config: parseConfigText(text, name, overrides), file: name, text, adapted: adapted?.site };
  }
  if (adapted)
    return { config: adapted.toSiteConfig(overrides), file: adapted.file, text: adapted.text, adapted: adapted.site };
  return {
    config: validateConfigObject({ ...overrides }, '(defaults)'),
    file: undefined,
    text: undefined,
    adapted: undefined,
  };
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

function validateConfigObject(value: Record<string, unknown>, file: string): SiteConfig {
  const result = siteConfigSchema.safeParse(stripUndefined(value));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError('config', describeConfigIssue(issue.path, issue.message, value), { file });
}

function describeConfigIssue(p: readonly PropertyKey[], message: string, root: unknown): string {
  if (message.startsWith('Unrecognized keys')) return `unknown settings ${message.replace(/^Unrecognized keys: /, '')}`;
  if (message.startsWith('Unrecognized key')) return `unknown setting ${message.replace(/^Unrecognized key: /, '')}`;
  if (p.length === 0) return message;
  const value = p.reduce<unknown>(
    (obj, key) => (obj && typeof obj === 'object' ? (obj as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );
  // zod says "expected string, received array"; we say what was received in the user's terms.
  const expected = message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  return `setting "${formatPath(p)}": ${expected}, got ${describeValue(value)}`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
