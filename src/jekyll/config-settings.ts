/**
 * What Jekyll's `_config.yml` settings mean, shared by the configuration adapter (config.ts) and
 * its compatibility report (config-compat.ts): permalink styles, kramdown options, plugins,
 * jekyll-scholar's bibliography, al-folio's name fields.
 */
import path from 'node:path';

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

/** A named style (`pretty`, `date`, ...) becomes its pattern; a pattern gets the leading slash Jekyll adds. */
export function permalinkPattern(value: string): string {
  const style = PERMALINK_STYLES[value];
  if (style !== undefined) return style;
  return value.startsWith('/') ? value : `/${value}`;
}

/** The `kramdown:` options of `_config.yml` that the kramdown profile applies. */
export const KRAMDOWN_OPTIONS = ['auto_ids', 'parse_block_html', 'parse_span_html', 'hard_wrap', 'auto_id_prefix'];

/**
 * Whether the `kramdown:` map numbers every code block (`syntax_highlighter_opts: {block: {line_numbers:
 * true}}`). Jekyll highlights every kramdown block (plain text when it names no language), so all are.
 */
export function kramdownNumbersBlocks(kramdown: unknown): boolean {
  return (
    (kramdown as { syntax_highlighter_opts?: { block?: { line_numbers?: unknown } } } | null)?.syntax_highlighter_opts
      ?.block?.line_numbers === true
  );
}

/** CSL styles that cite by author and year; jekyll-scholar's others (ieee, vancouver, nature, …) cite by number. */
const AUTHOR_YEAR_STYLES =
  /^(apa|harvard|chicago-author-date|mla|elsevier-harvard|american-psychological|modern-language)/;

/** jekyll-scholar's `source` (default `./_bibliography`) and `bibliography` (default `references`), and its `style`. */
export function scholarBibliography(scholar: Record<string, unknown>): {
  files: string[];
  style: 'author-year' | 'numeric';
} {
  const source = typeof scholar['source'] === 'string' ? scholar['source'] : './_bibliography';
  const name = typeof scholar['bibliography'] === 'string' ? scholar['bibliography'] : 'references';
  const file = path.posix.join(source.replace(/^\.?\/+/, ''), /\.\w+$/.test(name) ? name : `${name}.bib`);
  const style = typeof scholar['style'] === 'string' ? scholar['style'] : 'apa';
  return { files: [file], style: AUTHOR_YEAR_STYLES.test(style) ? 'author-year' : 'numeric' };
}

/** al-folio's name fields joined (`first_name middle_name last_name`), if it sets any. */
export function alFolioName(raw: Record<string, unknown>): string | undefined {
  const parts = ['first_name', 'middle_name', 'last_name']
    .map((k) => raw[k])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length > 0 ? parts.map((p) => p.trim()).join(' ') : undefined;
}

/**
 * al-folio's `icon:` as a `favicon` setting: fewer than three characters is an emoji drawn as the
 * icon (as al-folio's head does), anything else an image in `assets/img/`. Undefined when unset or
 * not usable as either.
 */
export function alFolioFavicon(icon: unknown): string | undefined {
  if (typeof icon !== 'string' || icon.trim() === '') return undefined;
  const value = icon.trim();
  if ([...value].length < 3) return /^[^\s/.:"<>]+$/u.test(value) ? value : undefined;
  return /^[^\s"<>?#]+$/.test(value) && !value.includes('..') ? `/assets/img/${value.replace(/^\/+/, '')}` : undefined;
}

/**
 * al-folio's `imagemagick:` block: when `enabled`, the widths it made WebP copies of images at (kept
 * when each is a whole number of pixels from 16 to 8192). Undefined when disabled, unset or unusable.
 */
export function alFolioImageWidths(imagemagick: unknown): number[] | undefined {
  if (!imagemagick || typeof imagemagick !== 'object' || Array.isArray(imagemagick)) return undefined;
  const { enabled, widths } = imagemagick as Record<string, unknown>;
  if (enabled !== true || !Array.isArray(widths) || widths.length === 0 || widths.length > 12) return undefined;
  const valid = widths.every((w) => Number.isInteger(w) && (w as number) >= 16 && (w as number) <= 8192);
  return valid ? (widths as number[]) : undefined;
}

/** The plugins `_config.yml` lists (`plugins:`, or `gems:` in Jekyll 2 sites). */
export function jekyllPlugins(raw: Record<string, unknown>): string[] {
  return [...asStrings(raw['plugins']), ...asStrings(raw['gems'])];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
