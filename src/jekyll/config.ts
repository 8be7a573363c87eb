/**
 * Jekyll's `_config.yml`: read it, and map the keys inkstone understands onto the site configuration
 * (`title`, `description`, `author`, `url` + `baseurl`, `permalink` with Jekyll's named styles,
 * `timezone`, `lang`). Every key stays available to Liquid as `site.<key>`; `exclude` and `include`
 * decide which other files are copied.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigAdapter } from '../config/adapter.js';
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';
import { describeValue, formatPath, parseYaml, validateYaml, type ParsedYaml } from '../core/yaml.js';
import type { CompatEntry } from './compat.js';

/** The name of Jekyll's configuration file in the site directory. */
export const JEKYLL_CONFIG_FILE = '_config.yml';

/** Jekyll's named permalink styles and the patterns they stand for. */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** Jekyll's default permalink style, used when `_config.yml` names none. */
export const DEFAULT_PERMALINK_STYLE = 'date';

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
    out.markdown = { profile: 'kramdown', kramdown: options as never };
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

/** CSL styles that cite by author and year; jekyll-scholar's others (ieee, vancouver, nature, …) cite by number. */
const AUTHOR_YEAR_STYLES =
  /^(apa|harvard|chicago-author-date|mla|elsevier-harvard|american-psychological|modern-language)/;

/** jekyll-scholar's `source` (default `./_bibliography`) and `bibliography` (default `references`), and its `style`. */
function scholarBibliography(scholar: Record<string, unknown>): { files: string[]; style: 'author-year' | 'numeric' } {
  const source = typeof scholar['source'] === 'string' ? scholar['source'] : './_bibliography';
  const name = typeof scholar['bibliography'] === 'string' ? scholar['bibliography'] : 'references';
  const file = path.posix.join(source.replace(/^\.?\/+/, ''), /\.\w+$/.test(name) ? name : `${name}.bib`);
  const style = typeof scholar['style'] === 'string' ? scholar['style'] : 'apa';
  return { files: [file], style: AUTHOR_YEAR_STYLES.test(style) ? 'author-year' : 'numeric' };
}

/** A named style (`pretty`, `date`, ...) becomes its pattern; a pattern gets the leading slash Jekyll adds. */
export function permalinkPattern(value: string): string {
  const style = PERMALINK_STYLES[value];
  if (style !== undefined) return style;
  return value.startsWith('/') ? value : `/${value}`;
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

function alFolioName(raw: Record<string, unknown>): string | undefined {
  const parts = ['first_name', 'middle_name', 'last_name']
    .map((k) => raw[k])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length > 0 ? parts.map((p) => p.trim()).join(' ') : undefined;
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

/** The `kramdown:` options of `_config.yml` that the kramdown profile applies. */
const KRAMDOWN_OPTIONS = ['auto_ids', 'parse_block_html', 'parse_span_html', 'hard_wrap', 'auto_id_prefix'];

/** What becomes of the other `kramdown:` options. */
const KRAMDOWN_OTHERS: Record<string, { status: CompatEntry['status']; detail: string }> = {
  input: { status: 'converted', detail: "kramdown's GFM parser, Jekyll's default" },
  syntax_highlighter: { status: 'approximated', detail: 'code is highlighted by Shiki at build time' },
  syntax_highlighter_opts: {
    status: 'approximated',
    detail: 'code is highlighted by Shiki at build time; line numbers come from linenos',
  },
  math_engine: { status: 'approximated', detail: 'formulas are rendered by KaTeX at build time' },
};

function kramdownCompat(
  options: Record<string, unknown>,
  add: (key: string, construct: string, status: CompatEntry['status'], detail: string) => void,
): void {
  for (const [key, value] of Object.entries(options)) {
    const construct = `kramdown: ${key}`;
    if (KRAMDOWN_OPTIONS.includes(key)) add('kramdown', construct, 'converted', 'applied to every post');
    else if (key === 'input' && String(value).toLowerCase() !== 'gfm')
      add('kramdown', construct, 'approximated', `posts are read with kramdown's GFM parser, not "${String(value)}"`);
    else if (KRAMDOWN_OTHERS[key]) add('kramdown', construct, KRAMDOWN_OTHERS[key].status, KRAMDOWN_OTHERS[key].detail);
    else add('kramdown', construct, 'unsupported', "not applied: posts are rendered with Jekyll's default for it");
  }
}

/** Jekyll plugins inkstone covers itself, and how. */
const PLUGINS: Record<string, { status: CompatEntry['status']; detail: string }> = {
  'jekyll-feed': { status: 'converted', detail: 'inkstone writes the feeds itself' },
  'jekyll-sitemap': { status: 'converted', detail: 'inkstone writes the sitemap itself' },
  'jekyll-paginate': { status: 'converted', detail: 'inkstone paginates the home and term pages itself' },
  'jekyll-paginate-v2': {
    status: 'approximated',
    detail: 'inkstone paginates the home and term pages itself; per-page pagination settings are ignored',
  },
  'jekyll-redirect-from': { status: 'converted', detail: 'redirect_from is read by inkstone' },
  'jekyll-jupyter-notebook': {
    status: 'converted',
    detail:
      '{% jupyter_notebook %} is built in: the notebook is rendered at build time, without nbconvert or an iframe',
  },
  'jekyll-twitter-plugin': {
    status: 'converted',
    detail:
      '{% twitter %} is built in: a quote that links to the post on X, with no script unless embeds.twitter_script is on',
  },
  'jekyll-seo-tag': {
    status: 'approximated',
    detail: 'the built-in layouts write title, description and canonical metadata',
  },
  'jekyll-archives': {
    status: 'approximated',
    detail: 'inkstone writes tag, category and archive pages with its own URLs',
  },
  'jekyll-scholar': {
    status: 'converted',
    detail: '{% cite %}, {% reference %}, {% quote %} and {% bibliography %} are built in (APA or Vancouver style)',
  },
  'jekyll-tabs': { status: 'converted', detail: '{% tabs %} and {% tab %} are built in' },
  jemoji: {
    status: 'converted',
    detail: ":name: shortcodes become emoji characters (emoji: true), not GitHub's emoji images",
  },
  'jekyll-github-metadata': {
    status: 'approximated',
    detail:
      'site.github is filled from repository: and url without calling the GitHub API; other keys are empty, with a warning',
  },
};

function settingsCompat(raw: Record<string, unknown>, where: (key: string) => number): CompatEntry[] {
  const entries: CompatEntry[] = [];
  const add = (key: string, construct: string, status: CompatEntry['status'], detail: string) =>
    entries.push({ file: JEKYLL_CONFIG_FILE, line: where(key), construct, status, detail });
  const permalink = typeof raw['permalink'] === 'string' ? raw['permalink'] : undefined;
  if (permalink === undefined)
    add(
      'permalink',
      'permalink (default)',
      'converted',
      `Jekyll's default style "date": ${PERMALINK_STYLES[DEFAULT_PERMALINK_STYLE]}`,
    );
  else if (PERMALINK_STYLES[permalink])
    add('permalink', `permalink: ${permalink}`, 'converted', PERMALINK_STYLES[permalink]!);
  else add('permalink', `permalink: ${permalink}`, 'converted', 'the same pattern');
  if (raw['baseurl']) add('baseurl', 'baseurl', 'converted', 'combined with url into the site URL');
  if (raw['title'] === 'blank' && alFolioName(raw))
    add('title', 'title: blank', 'converted', "al-folio's convention: the full name is the title");
  const scholar = raw['scholar'];
  if (scholar && typeof scholar === 'object' && !Array.isArray(scholar)) {
    const { files, style } = scholarBibliography(scholar as Record<string, unknown>);
    add(
      'scholar',
      'scholar',
      'converted',
      `citations are looked up in ${files.join(', ')}, written ${style === 'numeric' ? 'as numbers with Vancouver-style references' : 'as author and year with APA-style references'}`,
    );
  }
  const kramdown = raw['kramdown'];
  if (kramdown && typeof kramdown === 'object' && !Array.isArray(kramdown))
    kramdownCompat(kramdown as Record<string, unknown>, add);
  for (const plugin of jekyllPlugins(raw)) {
    const known = PLUGINS[plugin];
    const key = raw['plugins'] !== undefined ? 'plugins' : 'gems';
    add(
      key,
      `plugin ${plugin}`,
      known?.status ?? 'unsupported',
      known?.detail ?? 'Jekyll plugins do not run; what it adds to pages is missing',
    );
  }
  if (typeof raw['theme'] === 'string' || typeof raw['remote_theme'] === 'string') {
    const key = typeof raw['theme'] === 'string' ? 'theme' : 'remote_theme';
    add(
      key,
      `${key}: ${String(raw[key])}`,
      'approximated',
      "Jekyll themes and _layouts/ are not used: pages use inkstone's theme",
    );
  }
  return entries;
}

/** The plugins `_config.yml` lists (`plugins:`, or `gems:` in Jekyll 2 sites). */
function jekyllPlugins(raw: Record<string, unknown>): string[] {
  return [...asStrings(raw['plugins']), ...asStrings(raw['gems'])];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
