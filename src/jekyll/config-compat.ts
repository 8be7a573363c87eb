/** The compatibility report's entries for `_config.yml`: what becomes of each setting Jekyll reads. */
import { isRecord } from '../core/objects.js';
import type { CompatEntry } from './compat.js';
import {
  alFolioFavicon,
  alFolioImageWidths,
  alFolioName,
  DEFAULT_PERMALINK_STYLE,
  JEKYLL_CONFIG_FILE,
  jekyllPlugins,
  KRAMDOWN_OPTIONS,
  kramdownNumbersBlocks,
  PERMALINK_STYLES,
  scholarBibliography,
} from './config-settings.js';

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
    else if (key === 'syntax_highlighter_opts' && kramdownNumbersBlocks(options)) {
      // Only `block: line_numbers` is applied: the others (start_line, css_class, …) are said by name.
      const others = highlighterOptionNames(value).filter((name) => name !== 'block.line_numbers');
      add(
        'kramdown',
        construct,
        others.length === 0 ? 'converted' : 'approximated',
        `code is highlighted by Shiki at build time; block: line_numbers numbers every code block (markdown.line_numbers: all)${
          others.length === 0 ? '' : `; not applied: ${others.join(', ')} (numbers start at 1)`
        }`,
      );
    } else if (KRAMDOWN_OTHERS[key])
      add('kramdown', construct, KRAMDOWN_OTHERS[key].status, KRAMDOWN_OTHERS[key].detail);
    else add('kramdown', construct, 'unsupported', "not applied: posts are rendered with Jekyll's default for it");
  }
}

/** The options set in `syntax_highlighter_opts`, as dotted paths (`block.start_line`). */
function highlighterOptionNames(value: unknown, prefix = ''): string[] {
  if (!isRecord(value)) return prefix ? [prefix.slice(0, -1)] : [];
  return Object.entries(value).flatMap(([key, inner]) =>
    isRecord(inner) ? highlighterOptionNames(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
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

export function settingsCompat(raw: Record<string, unknown>, where: (key: string) => number): CompatEntry[] {
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
  if (raw['icon'] !== undefined && raw['icon'] !== '') {
    const favicon = alFolioFavicon(raw['icon']);
    add(
      'icon',
      'icon',
      favicon ? 'converted' : 'unsupported',
      favicon
        ? favicon.startsWith('/')
          ? `the site's icon is ${favicon}`
          : "the emoji is drawn as the site's icon, as al-folio does"
        : "not an emoji or an image file name: the theme's icon is used",
    );
  }
  if (typeof raw['search_enabled'] === 'boolean')
    add(
      'search_enabled',
      `search_enabled: ${raw['search_enabled']}`,
      'converted',
      raw['search_enabled']
        ? "the site's posts are searched with inkstone's search box (press /), from a Pagefind index"
        : 'no search index and no search box',
    );
  const imagemagick = raw['imagemagick'];
  if (imagemagick && typeof imagemagick === 'object') {
    const widths = alFolioImageWidths(imagemagick);
    add(
      'imagemagick',
      'imagemagick',
      'converted',
      widths
        ? `responsive images: AVIF and WebP variants at ${widths.join(', ')} pixels, made by inkstone (no ImageMagick needed)`
        : 'inkstone makes its own responsive variants of local images (images: false in inkstone.yml turns them off)',
    );
  }
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
