/**
 * Finds and reads a Hugo site's configuration, as Hugo looks for it: `hugo.toml|yaml|yml|json`, else
 * `config.toml|yaml|yml|json` at the site root, and `config/_default/`, whose `hugo.*`/`config.*` hold
 * the root settings and every other file (`params.toml`, `markup.yaml`, …) the settings of its name.
 * Keys are lower-cased, as Hugo reads them (`baseURL` and `baseurl` are one setting).
 */
import { isRecord, keyIgnoringCase } from '../core/objects.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { parseJsonData } from '../core/json-data.js';
import { parseToml } from '../core/toml.js';
import { parseYaml, type ParsedYaml, type TextPosition } from '../core/yaml.js';

/** The formats of Hugo's configuration files, by extension. */
const FORMATS = ['toml', 'yaml', 'yml', 'json'] as const;

/** One file read: its site-relative path, text, what it holds, and under which key it was merged. */
export interface HugoConfigFile {
  file: string;
  text: string;
  parsed: ParsedYaml;
  /** The settings key the file's content sits under (`params` for `params.toml`); empty for the root file. */
  key: string;
}

/** A Hugo site's configuration: every file read, and their settings merged. */
export interface HugoConfigFiles {
  /** The root settings file (the first file read), for messages. */
  main: HugoConfigFile;
  files: HugoConfigFile[];
  /** The merged settings, every map key lower-cased. */
  settings: Record<string, unknown>;
  /** Where the setting at `keys` (lower case) is written; the main file's first line when unknown. */
  locate(keys: readonly string[]): { file: string; line: number; column: number };
  /** The setting at `keys` (lower case) as a file writes its name (`baseURL`), dotted. */
  written(keys: readonly string[]): string;
}

/** Reads a Hugo site's configuration; undefined when `siteDir` is not a Hugo site. Throws ConfigError located in the file. */
export async function readHugoConfigFiles(siteDir: string): Promise<HugoConfigFiles | undefined> {
  const rootName = await firstExisting(siteDir, ['hugo', 'config']);
  const defaults = path.join(siteDir, 'config', '_default');
  const defaultNames = (await isDirectory(defaults)) ? await configNames(defaults) : [];
  if (!rootName && defaultNames.length === 0) return undefined;
  // `config.yaml` or `config.json` alone is too common a name to mean Hugo: a content/ folder must say so.
  if (
    rootName?.startsWith('config.') &&
    !rootName.endsWith('.toml') &&
    defaultNames.length === 0 &&
    !(await isDirectory(path.join(siteDir, 'content')))
  )
    return undefined;
  const files: HugoConfigFile[] = [];
  if (rootName) files.push(await readConfigFile(siteDir, rootName, ''));
  for (const name of defaultNames) {
    const stem = name.replace(/\.[^.]+$/, '').toLowerCase();
    const key = stem === 'hugo' || stem === 'config' ? '' : stem;
    files.push(await readConfigFile(siteDir, `config/_default/${name}`, key));
  }
  const settings: Record<string, unknown> = {};
  for (const file of files) {
    const value = lowerKeys(file.parsed.value ?? {});
    if (!isRecord(value)) {
      throw new ConfigError('config', 'expected a map of settings', { file: file.file, line: 1, column: 1 });
    }
    if (file.key === '') mergeInto(settings, value);
    else mergeInto(settings, { [file.key]: value });
  }
  const main = files[0]!;
  return {
    main,
    files,
    settings,
    locate(keys) {
      for (const file of [...files].reverse()) {
        if (file.key !== '' && keys[0] !== file.key) continue;
        const inner = file.key === '' ? keys : keys.slice(1);
        const at = inner.length === 0 ? { line: 1, column: 1 } : locateLower(file.parsed, inner);
        if (at) return { file: file.file, ...at };
      }
      return { file: main.file, line: 1, column: 1 };
    },
    written(keys) {
      for (const file of [...files].reverse()) {
        if (file.key !== '' && keys[0] !== file.key) continue;
        const inner = file.key === '' ? keys : keys.slice(1);
        const names = writtenNames(file.parsed.value, inner);
        if (names) return [...(file.key === '' ? [] : [file.key]), ...names].join('.');
      }
      return keys.join('.');
    },
  };
}

/** The first of `stems` with a configuration file at the site root (`hugo.toml` before `config.toml`). */
async function firstExisting(siteDir: string, stems: readonly string[]): Promise<string | undefined> {
  for (const stem of stems)
    for (const ext of FORMATS) {
      const name = `${stem}.${ext}`;
      if (await isFile(path.join(siteDir, name))) return name;
    }
  return undefined;
}

/** The configuration files of `config/_default/`, the root settings first, then by name. */
async function configNames(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && FORMATS.some((ext) => e.name.toLowerCase().endsWith(`.${ext}`)))
    .map((e) => e.name)
    .sort();
  const root = (n: string) => /^(hugo|config)\./i.test(n);
  return [...names.filter(root), ...names.filter((n) => !root(n))];
}

async function readConfigFile(siteDir: string, file: string, key: string): Promise<HugoConfigFile> {
  let text: string;
  try {
    text = await readFile(path.join(siteDir, file), 'utf8');
  } catch (error) {
    throw new ConfigError('config', `cannot read ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const result = ext === 'toml' ? parseToml(text) : ext === 'json' ? parseJsonData(text) : parseYaml(text);
  if (!result.ok) {
    const kind = ext === 'toml' ? 'TOML' : ext === 'json' ? 'JSON' : 'YAML';
    throw new ConfigError('config', `invalid ${kind}: ${result.problem.message.replace(/^invalid JSON: /, '')}`, {
      file,
      line: result.problem.position?.line ?? 1,
      column: result.problem.position?.column ?? 1,
    });
  }
  return { file, text, parsed: result.yaml, key };
}

/** Locates lower-cased `keys` in a file whose keys may be written in any case. */
function locateLower(parsed: ParsedYaml, keys: readonly string[]): TextPosition | undefined {
  const written = writtenNames(parsed.value, keys);
  return written && parsed.locate(written, 'key');
}

/** Lower-cased `keys` as `value` writes them; undefined when one is missing. */
function writtenNames(value: unknown, keys: readonly string[]): string[] | undefined {
  const written: string[] = [];
  for (const key of keys) {
    if (!isRecord(value)) return undefined;
    const found = keyIgnoringCase(value, key);
    if (found === undefined) return undefined;
    written.push(found);
    value = value[found];
  }
  return written;
}

/** `value` with every map key lower-cased (Hugo's settings are case-insensitive). */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // A key that would set the prototype is not a setting of any Hugo site.
    if (key !== '__proto__') out[key.toLowerCase()] = lowerKeys(inner);
  }
  return out;
}

/** Merges `from` into `into`, maps key by key, later files winning. */
function mergeInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key];
    if (isRecord(current) && isRecord(value)) mergeInto(current, value);
    else into[key] = value;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}
