/**
 * A Hugo site's configuration mapped onto inkstone's: `title`, `baseURL`, `languageCode`, `timeZone`,
 * `params` (description, author, math), `paginate`/`pagination.pagerSize`, `permalinks`,
 * `taxonomies`, and the goldmark options that change a page (raw HTML, typographer, linkify,
 * passthrough math). Every other setting that changes what a page shows is listed in the
 * compatibility report, with what became of it.
 */
import { isRecord, stripUndefined } from '../core/objects.js';
import type { ConfigAdapter } from '../config/adapter.js';
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';
import { describeValue, formatPath, validateYaml } from '../core/yaml.js';
import type { CompatEntry } from '../jekyll/compat.js';
import { type HugoConfigFiles, readHugoConfigFiles } from './config-files.js';
import { hugoSettingsCompat } from './config-compat.js';

/** Math delimiters as goldmark's passthrough extension lists them: pairs of opening and closing. */
export type DelimiterPairs = ReadonlyArray<readonly [string, string]>;

/** What the Hugo stage needs of the site's configuration. */
export interface HugoSite {
  /** The merged settings, keys lower-cased. */
  settings: Record<string, unknown>;
  /** `params`, keys lower-cased, for `{{< param >}}`. */
  params: Record<string, unknown>;
  /** The content folder, site-relative (`contentDir`, default `content`). */
  contentDir: string;
  /** Permalink patterns by section (lower case). */
  permalinks: Record<string, string>;
  /** Math on for every page: goldmark passthrough configured, or `params.math`/`params.katex`. */
  math: boolean;
  /** Whether passthrough is configured (Markdown never touches what its delimiters hold). */
  passthrough: { inline: DelimiterPairs; block: DelimiterPairs } | undefined;
  /** The configuration's entries of the compatibility report. */
  compat: CompatEntry[];
}

/** The config stage's view of a Hugo site. */
export const hugoConfigAdapter: ConfigAdapter<HugoSite> = {
  async read(siteDir) {
    const files = await readHugoConfigFiles(siteDir);
    if (!files) return undefined;
    const site = hugoSite(files);
    return {
      file: files.main.file,
      text: files.main.text,
      site,
      toSiteConfig: (overrides) => hugoSiteConfig(files, overrides),
    };
  },
};

/** The site's settings as the Hugo stage reads them. */
export function hugoSite(files: HugoConfigFiles): HugoSite {
  const { settings } = files;
  const params = isRecord(settings['params']) ? settings['params'] : {};
  const permalinks: Record<string, string> = {};
  const configured = settings['permalinks'];
  if (isRecord(configured)) {
    // Hugo 0.120 nests them by kind (`[permalinks.page]`); before, sections sit at the top.
    const pages = isRecord(configured['page']) ? configured['page'] : configured;
    for (const [section, pattern] of Object.entries(pages))
      if (typeof pattern === 'string') permalinks[section.toLowerCase()] = pattern;
  }
  const passthrough = passthroughDelimiters(settings);
  return {
    settings,
    params,
    contentDir: contentDir(files),
    permalinks,
    math: passthrough !== undefined || params['math'] === true || params['katex'] === true,
    passthrough,
    compat: hugoSettingsCompat(files),
  };
}

/** `contentDir`, a folder inside the site (default `content`). Throws ConfigError at the setting when it is not. */
function contentDir(files: HugoConfigFiles): string {
  const value = files.settings['contentdir'];
  if (value === undefined) return 'content';
  const dir = typeof value === 'string' ? value.trim().replace(/^(?:\.\/)+|\/+$/g, '') : '';
  const outside =
    dir.startsWith('/') || /^[a-z]:/i.test(dir) || dir.split(/[/\\]/).some((s) => s === '..' || s === '.' || s === '');
  if (outside)
    throw new ConfigError(
      'config',
      `contentDir must be a folder inside the site, such as "content", got ${describeValue(value)}`,
      files.locate(['contentdir']),
    );
  return dir;
}

/** goldmark's passthrough delimiters, when the extension is enabled. */
function passthroughDelimiters(settings: Record<string, unknown>): HugoSite['passthrough'] {
  const passthrough = pick(settings, ['markup', 'goldmark', 'extensions', 'passthrough']);
  if (!isRecord(passthrough) || passthrough['enable'] !== true) return undefined;
  const delimiters = isRecord(passthrough['delimiters']) ? passthrough['delimiters'] : {};
  const pairs = (value: unknown): DelimiterPairs =>
    Array.isArray(value)
      ? value.flatMap((pair) =>
          Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string'
            ? [[pair[0], pair[1]] as const]
            : [],
        )
      : [];
  return { inline: pairs(delimiters['inline']), block: pairs(delimiters['block']) };
}

/** The value at `keys` (lower case) of the settings. */
export function pick(settings: Record<string, unknown>, keys: readonly string[]): unknown {
  let value: unknown = settings;
  for (const key of keys) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** Where each inkstone setting comes from in Hugo's, for messages. */
const SOURCE: Record<string, readonly string[]> = {
  title: ['title'],
  url: ['baseurl'],
  language: ['languagecode'],
  timezone: ['timezone'],
  paginate: ['paginate'],
  description: ['params', 'description'],
  author: ['params', 'author'],
};

/** Maps the settings onto the site configuration, applies `overrides`, and validates the result. */
export function hugoSiteConfig(files: HugoConfigFiles, overrides: Partial<SiteConfigInput>): SiteConfig {
  const mapped = { ...mapHugoSettings(files.settings), ...stripUndefined(overrides) };
  const source = (p: readonly PropertyKey[]) => SOURCE[String(p[0])] ?? [String(p[0]).toLowerCase()];
  // Each problem is located once, in order: the first one located is the one reported.
  const located: Array<{ file: string; line: number; column: number }> = [];
  const result = validateYaml(
    siteConfigSchema,
    {
      value: mapped,
      locate: (p) => {
        const at = files.locate(source(p));
        located.push(at);
        return { line: at.line, column: at.column };
      },
    },
    (p, issue) => {
      const value = p.reduce<unknown>((o, k) => (isRecord(o) ? o[String(k)] : undefined), mapped);
      const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
      return `setting "${formatPath(p)}" (from ${files.main.file}): ${expected}, got ${describeValue(value)}`;
    },
  );
  if (!result.ok) throw new ConfigError('config', result.problems[0]!.message, located[0] ?? { file: files.main.file });
  return result.value;
}

/** The inkstone settings Hugo's give; settings inkstone has no use for are left out (and reported). */
export function mapHugoSettings(settings: Record<string, unknown>): Partial<SiteConfigInput> {
  // Anything but text goes on as written, for validation to name it.
  const text = (value: unknown): string | undefined =>
    (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : value) as
      | string
      | undefined;
  const params = isRecord(settings['params']) ? settings['params'] : {};
  const author = isRecord(params['author']) ? params['author']['name'] : (params['author'] ?? settings['author']);
  const goldmark = (keys: string[]) => pick(settings, ['markup', 'goldmark', ...keys]);
  const pager = pick(settings, ['pagination', 'pagersize']) ?? settings['paginate'];
  const typographer = goldmark(['extensions', 'typographer']);
  const linkify = goldmark(['extensions', 'linkify']);
  const lineNumbers = pick(settings, ['markup', 'highlight', 'linenos']);
  const out: Partial<SiteConfigInput> = {
    title: text(settings['title']),
    url: text(settings['baseurl']),
    language: text(settings['languagecode'])?.toLowerCase(),
    timezone: text(settings['timezone']),
    description: text(params['description'] ?? settings['description']),
    author: text(isRecord(author) ? undefined : author),
    paginate: typeof pager === 'number' ? pager : undefined,
    url_style: 'hugo',
    taxonomies: otherTaxonomies(settings['taxonomies']),
    math: inlineMath(settings),
    emoji: settings['enableemoji'] === true ? true : undefined,
    markdown: {
      // goldmark's defaults: raw HTML left out, typographer and linkify on.
      html: goldmark(['renderer', 'unsafe']) === true ? 'allow' : 'omit',
      typographer: typographer === undefined ? true : typographer === true,
      linkify: linkify === undefined ? true : linkify === true,
      // Hugo numbers every highlighted block (one that names a language) when `lineNos` is on.
      ...(lineNumbers === true ? { line_numbers: true } : {}),
    },
  };
  return stripUndefined(out as Record<string, unknown>) as Partial<SiteConfigInput>;
}

/**
 * Hugo's taxonomies other than tags, categories and series (which inkstone has of its own), as the
 * `taxonomies` setting wants them: each plural (the front matter key and folder) with its singular.
 */
function otherTaxonomies(taxonomies: unknown): Record<string, string> | undefined {
  if (!isRecord(taxonomies)) return undefined;
  const out: Record<string, string> = {};
  for (const [singular, plural] of Object.entries(taxonomies)) {
    const name = String(plural).toLowerCase();
    if (!['tags', 'categories', 'series'].includes(name)) out[name] = singular;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The inline delimiters goldmark's passthrough leaves to math (`$…$`, `\(…\)`); both when it is not configured. */
function inlineMath(settings: Record<string, unknown>): SiteConfigInput['math'] {
  const passthrough = passthroughDelimiters(settings);
  if (!passthrough) return undefined;
  const inline = passthrough.inline.flatMap(([open]) =>
    open === '$' ? ['$' as const] : open === '\\(' ? ['\\(' as const] : [],
  );
  return { inline };
}
