/**
 * Jekyll's `_config.yml`: read it, and map the keys inkstone understands onto the site configuration
 * (`title`, `description`, `author`, `url` + `baseurl`, `permalink` with Jekyll's named styles,
 * `timezone`, `lang`). Every key stays available to Liquid as `site.<key>`; `exclude` and `include`
 * decide which other files are copied.
 */
import { stripUndefined } from '../core/objects.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigAdapter } from '../config/adapter.js';
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';
import { describeValue, formatPath, parseYaml, validateYaml, type ParsedYaml } from '../core/yaml.js';
import type { CompatEntry } from './compat.js';
import { settingsCompat } from './config-compat.js';
import {
  alFolioFavicon,
  alFolioName,
  alFolioImageWidths,
  DEFAULT_PERMALINK_STYLE,
  JEKYLL_CONFIG_FILE,
  jekyllPlugins,
  KRAMDOWN_OPTIONS,
  kramdownNumbersBlocks,
  permalinkPattern,
  scholarBibliography,
} from './config-settings.js';

export {
  DEFAULT_PERMALINK_STYLE,
  JEKYLL_CONFIG_FILE,
  PERMALINK_STYLES,
  permalinkPattern,
} from './config-settings.js';

/** A Jekyll site's configuration as plain data. */
export interface JekyllSite {
  /** Every key of `_config.yml` as written, for `site.*` in Liquid. */
  raw: Record<string, unknown>;
  /** `exclude`: paths (and glob-free prefixes) that are neither posts nor copied. */
  exclude: string[];
  /** `include`: dot or underscore files that are copied nevertheless. */
  include: string[];
  /** The settings mapping, for the compatibility report. */
  compat: CompatEntry[];
}

/** `_config.yml` read and parsed, with positions for error messages. */
export interface JekyllConfigFile {
  site: JekyllSite;
  text: string;
  yaml: ParsedYaml;
}

/** The config stage's view of a Jekyll site: `_config.yml` read, and mapped to inkstone's settings. */
export const jekyllConfigAdapter: ConfigAdapter<JekyllSite> = {
  async read(siteDir) {
    const file = await readJekyllConfig(siteDir);
    return (
      file && {
        file: JEKYLL_CONFIG_FILE,
        text: file.text,
        site: file.site,
        toSiteConfig: (overrides) => jekyllSiteConfig(file, overrides),
      }
    );
  },
};

/** Reads `_config.yml`; undefined when the site has none. Throws ConfigError on invalid YAML. */
export async function readJekyllConfig(siteDir: string): Promise<JekyllConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(siteDir, JEKYLL_CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(
      'config',
      `cannot read ${JEKYLL_CONFIG_FILE}: ${(error as Error).message}`,
      { file: JEKYLL_CONFIG_FILE },
      { cause: error },
    );
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    throw new ConfigError('config', `invalid YAML: ${parsed.problem.message}`, {
      file: JEKYLL_CONFIG_FILE,
      ...parsed.problem.position,
    });
  }
  const value = parsed.yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('config', `expected a map of settings, got ${describeValue(value)}`, {
      file: JEKYLL_CONFIG_FILE,
      line: 1,
      column: 1,
    });
  }
  const raw = value as Record<string, unknown>;
  const where = (key: string) => parsed.yaml.locate([key], 'key')?.line ?? 1;
  return {
    site: {
      raw,
      exclude: pathList(raw, 'exclude', parsed.yaml),
      include: pathList(raw, 'include', parsed.yaml),
      compat: settingsCompat(raw, where),
    },
    text,
    yaml: parsed.yaml,
  };
}

/** The inkstone setting each mapped Jekyll key feeds, for locating errors. */
const SOURCE_KEY: Record<string, string> = { language: 'lang', url: 'url', emoji: 'plugins' };

/** Maps `_config.yml` onto the site configuration, applies `overrides`, and validates the result. */
export function jekyllSiteConfig(file: JekyllConfigFile, overrides: Partial<SiteConfigInput>): SiteConfig {
  const mapped = { ...mapJekyllSettings(file.site.raw, file.yaml), ...stripUndefined(overrides) };
  const sourcePath = (p: readonly PropertyKey[]) =>
    p[0] === 'markdown' && p[1] === 'kramdown'
      ? ['kramdown', ...p.slice(2).map(String)]
      : p[0] === 'comments'
        ? p[1] === 'giscus'
          ? ['giscus', ...p.slice(2).map(String)]
          : ['disqus_shortname']
        : [SOURCE_KEY[String(p[0])] ?? String(p[0]), ...p.slice(1).map(String)];
  const result = validateYaml(
    siteConfigSchema,
    { value: mapped, locate: (p, t) => file.yaml.locate(sourcePath(p), t) },
    (p, issue) => {
      const value = p.reduce<unknown>(
        (o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined),
        mapped,
      );
      const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
      return `setting "${formatPath(p)}" (from ${JEKYLL_CONFIG_FILE}): ${expected}, got ${describeValue(value)}`;
    },
  );
  if (!result.ok) {
    const first = result.problems[0]!;
    throw new ConfigError('config', first.message, { file: JEKYLL_CONFIG_FILE, ...first.position });
  }
  return result.value;
}

/** The inkstone settings that `_config.yml` gives; keys Jekyll has and inkstone does not are left out. */
export function mapJekyllSettings(raw: Record<string, unknown>, yaml: ParsedYaml): Partial<SiteConfigInput> {
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const at = yaml.locate([key]);
    throw new ConfigError('config', `setting "${key}": expected a string, got ${describeValue(value)}`, {
      file: JEKYLL_CONFIG_FILE,
      ...at,
    });
  };
  const out: Partial<SiteConfigInput> = {};
  const title = text('title');
  const fullName = alFolioName(raw);
  // al-folio writes `title: blank` to mean "use my name as the title".
  if (title !== undefined && title !== '' && !(title === 'blank' && fullName)) out.title = title;
  else if (fullName) out.title = fullName;
  const description = text('description');
  if (description !== undefined) out.description = description.replace(/\s+/g, ' ');
  const author = authorName(raw['author']) ?? fullName;
  if (author) out.author = author;
  const url = combineUrl(text('url'), text('baseurl'));
  if (url !== undefined) out.url = url;
  out.permalink = permalinkPattern(text('permalink') ?? DEFAULT_PERMALINK_STYLE);
  const timezone = text('timezone');
  if (timezone) out.timezone = timezone;
  const lang = text('lang');
  if (lang) out.language = lang;
  const favicon = alFolioFavicon(raw['icon']);
  if (favicon) out.favicon = favicon;
  // al-folio's `search_enabled: false` turns its search off; inkstone's search box follows it.
  if (raw['search_enabled'] === false) out.search = false;
  // al-folio's `imagemagick` made WebP copies of images at its widths: inkstone's variants take them.
  const widths = alFolioImageWidths(raw['imagemagick']);
  if (widths) out.images = { widths };
  const macros = jekyllMathMacros(raw);
  if (macros) out.math = { macros };
  const scholar = raw['scholar'];
  if (scholar && typeof scholar === 'object' && !Array.isArray(scholar))
    out.bibliography = scholarBibliography(scholar as Record<string, unknown>);
  if (jekyllPlugins(raw).includes('jemoji')) out.emoji = true;
  const comments = jekyllComments(raw);
  if (comments) out.comments = comments;
  const kramdown = raw['kramdown'];
  if (kramdown && typeof kramdown === 'object' && !Array.isArray(kramdown)) {
    const options = Object.fromEntries(
      KRAMDOWN_OPTIONS.filter((k) => Object.hasOwn(kramdown, k)).map((k) => [
        k,
        (kramdown as Record<string, unknown>)[k],
      ]),
    );
    out.markdown = {
      profile: 'kramdown',
      kramdown: options as never,
      ...(kramdownNumbersBlocks(kramdown) ? { line_numbers: 'all' as const } : {}),
    };
  }
  return out;
}

/** giscus's settings in al-folio's `giscus:` map; its `dark_theme`/`light_theme` pair is left to giscus's `preferred_color_scheme`. */
const GISCUS_KEYS = [
  'repo',
  'repo_id',
  'category',
  'category_id',
  'mapping',
  'strict',
  'reactions_enabled',
  'input_position',
  'theme',
  'emit_metadata',
  'lang',
];

/**
 * `giscus:` and `disqus_shortname`. al-folio ships `giscus:` with an empty `repo_id` to mean "no giscus",
 * so giscus counts only with `repo`, `repo_id` and `category_id` all set; empty values are left out.
 */
function jekyllComments(raw: Record<string, unknown>): NonNullable<SiteConfigInput['comments']> | undefined {
  const out: NonNullable<SiteConfigInput['comments']> = {};
  const giscus = raw['giscus'];
  if (giscus && typeof giscus === 'object' && !Array.isArray(giscus)) {
    const given = giscus as Record<string, unknown>;
    const options = Object.fromEntries(
      GISCUS_KEYS.filter((k) => given[k] !== undefined && given[k] !== null && given[k] !== '').map((k) => [
        k,
        given[k],
      ]),
    );
    if (options['repo'] && options['repo_id'] && options['category_id']) out.giscus = options as never;
  }
  const shortname = raw['disqus_shortname'];
  if (typeof shortname === 'string' && shortname.trim()) out.disqus = { shortname: shortname.trim() };
  return out.giscus || out.disqus ? out : undefined;
}

/** `url: https://x.io` and `baseurl: /blog` → `https://x.io/blog/`; either may be missing or empty. */
export function combineUrl(url: string | undefined, baseurl: string | undefined): string | undefined {
  const origin = (url ?? '').replace(/\/+$/, '');
  const base = (baseurl ?? '').replace(/^\/+|\/+$/g, '');
  if (!origin && !base) return undefined;
  return `${origin}/${base ? `${base}/` : ''}`;
}

function authorName(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const name = (value as Record<string, unknown>)['name'];
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return undefined;
}

function pathList(raw: Record<string, unknown>, key: string, yaml: ParsedYaml): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ConfigError('config', `setting "${key}": expected a list of paths, got ${describeValue(value)}`, {
      file: JEKYLL_CONFIG_FILE,
      ...yaml.locate([key]),
    });
  }
  return (value as string[]).map((v) => v.replace(/^\.?\/+/, '').replace(/\/+$/, '')).filter(Boolean);
}

/**
 * Macros a Jekyll site configures for its readers' math engine: `mathjax: {macros}` (MathJax's form:
 * `RR: "\\mathbb{R}"`, or `bold: ["{\\bf #1}", 1]` with an argument count) or `katex: {macros}`
 * (KaTeX's form, `"\\RR": "\\mathbb{R}"`). They become `math.macros`.
 */
function jekyllMathMacros(raw: Record<string, unknown>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of ['mathjax', 'katex']) {
    const section = raw[key];
    const macros = section && typeof section === 'object' ? (section as Record<string, unknown>)['macros'] : undefined;
    if (!macros || typeof macros !== 'object' || Array.isArray(macros)) continue;
    for (const [name, body] of Object.entries(macros as Record<string, unknown>)) {
      const definition = Array.isArray(body) ? body[0] : body;
      if (typeof definition === 'string') out[name.startsWith('\\') ? name : `\\${name}`] = definition;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
