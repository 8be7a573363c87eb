/** Finds, parses and validates the site configuration file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { jekyllSiteConfig, readJekyllConfig, JEKYLL_CONFIG_FILE, type JekyllSite } from '../jekyll/config.js';
import { parseYaml, validateYaml, formatPath, describeValue } from '../core/yaml.js';
import { CONFIG_FILE_NAMES, siteConfigSchema, type SiteConfig, type SiteConfigInput } from './schema.js';

/** The loaded configuration and where it came from. */
export interface LoadedConfig {
  config: SiteConfig;
  /** Site-relative path of the configuration file, or undefined when defaults were used. */
  file: string | undefined;
  /** Text of the configuration file, for code frames. */
  text: string | undefined;
  /** The site's Jekyll `_config.yml`, when it has one (read even when `inkstone.yml` wins). */
  jekyll: JekyllSite | undefined;
}

/**
 * Loads `inkstone.yml` from `siteDir` (else Jekyll's `_config.yml`, else defaults), then applies `overrides`
 * (from the CLI or the API) on top. Throws ConfigError with file:line:col on any problem.
 */
export async function loadConfig(siteDir: string, overrides: Partial<SiteConfigInput> = {}): Promise<LoadedConfig> {
  const jekyll = await readJekyllConfig(siteDir);
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
    return { config: parseConfigText(text, name, overrides), file: name, text, jekyll: jekyll?.site };
  }
  if (jekyll)
    return {
      config: jekyllSiteConfig(jekyll, overrides),
      file: JEKYLL_CONFIG_FILE,
      text: jekyll.text,
      jekyll: jekyll.site,
    };
  return {
    config: validateConfigObject({ ...overrides }, '(defaults)'),
    file: undefined,
    text: undefined,
    jekyll: undefined,
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
