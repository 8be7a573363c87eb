/** The compatibility report's entries for a Hugo site's configuration: what becomes of each setting that changes a page. */
import { isRecord } from '../core/objects.js';
import type { CompatEntry } from '../jekyll/compat.js';
import type { HugoConfigFiles } from './config-files.js';

type Status = CompatEntry['status'];

/** Settings inkstone reads as Hugo does. */
const CONVERTED: Record<string, string> = {
  title: 'the site title',
  baseurl: 'the site URL; pages keep their paths under it',
  languagecode: "the pages' language",
  timezone: 'dates without an offset are read in this zone',
  paginate: 'posts per list page',
  pagination: 'posts per list page (pagerSize)',
  permalinks: "each section's URLs, with Hugo's placeholders",
  enableemoji: 'emoji shortcodes such as :tada:',
  contentdir: 'posts are read from this folder',
};

const MENUS = {
  status: 'unsupported',
  detail: "the site's menus are not shown: the theme's header links the home, archive and tags",
} as const;

/** Settings that change pages and that inkstone does differently, or not at all. */
const OTHERS: Record<string, { status: Status; detail: string }> = {
  theme: { status: 'approximated', detail: "pages use inkstone's theme; the Hugo theme's templates are not run" },
  // Hugo reads both spellings.
  menu: MENUS,
  menus: MENUS,
  languages: { status: 'unsupported', detail: 'one language is built: the default one' },
  outputs: { status: 'approximated', detail: 'inkstone writes HTML pages, Atom, RSS and JSON feeds and a sitemap' },
  outputformats: { status: 'unsupported', detail: 'custom output formats are not written' },
  uglyurls: {
    status: 'unsupported',
    detail: 'pages are written as folder/index.html; set "url" in front matter to keep a .html address',
  },
  disablepathtolower: { status: 'unsupported', detail: 'URL paths are lower case, as by default in Hugo' },
  canonifyurls: { status: 'approximated', detail: "links keep the site's base path; they are not made absolute" },
  relativeurls: { status: 'approximated', detail: "links keep the site's base path; they are not made relative" },
  summarylength: {
    status: 'approximated',
    detail: "a post's summary is its first paragraphs, or the part before <!--more-->",
  },
  disqusshortname: { status: 'unsupported', detail: 'Disqus comments are not shown' },
  services: { status: 'unsupported', detail: 'third-party services (Disqus, analytics) are not included' },
  googleanalytics: { status: 'unsupported', detail: 'analytics scripts are not included' },
};

/** Every setting of the files that changes a page, with what became of it (the line where it is written). */
export function hugoSettingsCompat(files: HugoConfigFiles): CompatEntry[] {
  const entries: CompatEntry[] = [];
  const add = (keys: string[], construct: string, status: Status, detail: string) => {
    const at = files.locate(keys);
    entries.push({ file: at.file, line: at.line, construct, status, detail });
  };
  const { settings } = files;
  for (const key of Object.keys(settings)) {
    if (CONVERTED[key]) add([key], files.written([key]), 'converted', CONVERTED[key]);
    else if (OTHERS[key]) add([key], files.written([key]), OTHERS[key].status, OTHERS[key].detail);
  }
  taxonomiesCompat(settings['taxonomies'], add);
  markupCompat(settings['markup'], add);
  return entries;
}

type Add = (keys: string[], construct: string, status: Status, detail: string) => void;

function taxonomiesCompat(taxonomies: unknown, add: Add): void {
  if (!isRecord(taxonomies)) return;
  for (const [singular, plural] of Object.entries(taxonomies)) {
    const name = String(plural).toLowerCase();
    const construct = `taxonomies: ${singular} = ${String(plural)}`;
    if (name === 'tags' || name === 'categories')
      add(['taxonomies', singular], construct, 'converted', `a page per term at /${name}/<term>/`);
    else if (name === 'series')
      add(
        ['taxonomies', singular],
        construct,
        'approximated',
        "a post's series is shown as a series box linking its parts",
      );
    else add(['taxonomies', singular], construct, 'converted', `a page per term at /${name}/<term>/, and its RSS feed`);
  }
}

function markupCompat(markup: unknown, add: Add): void {
  if (!isRecord(markup)) return;
  const goldmark = isRecord(markup['goldmark']) ? markup['goldmark'] : {};
  const renderer = isRecord(goldmark['renderer']) ? goldmark['renderer'] : {};
  if (renderer['unsafe'] === true)
    add(
      ['markup', 'goldmark', 'renderer', 'unsafe'],
      'markup.goldmark.renderer.unsafe',
      'converted',
      'raw HTML is written as it is',
    );
  const extensions = isRecord(goldmark['extensions']) ? goldmark['extensions'] : {};
  const passthrough = extensions['passthrough'];
  if (isRecord(passthrough) && passthrough['enable'] === true)
    add(
      ['markup', 'goldmark', 'extensions', 'passthrough'],
      'markup.goldmark.extensions.passthrough',
      'converted',
      'formulas between its delimiters are rendered by KaTeX at build time; Markdown does not touch them',
    );
  for (const key of ['typographer', 'linkify'])
    if (extensions[key] !== undefined)
      add(
        ['markup', 'goldmark', 'extensions', key],
        `markup.goldmark.extensions.${key}`,
        'converted',
        'applied to every post',
      );
  const highlight = isRecord(markup['highlight']) ? markup['highlight'] : {};
  if (highlight['linenos'] !== undefined)
    add(
      ['markup', 'highlight', 'linenos'],
      'markup.highlight.lineNos',
      'converted',
      highlight['linenos'] === true
        ? 'every code block in a language Shiki knows is numbered, unless its own options say linenos=false (markdown.line_numbers)'
        : 'code blocks are numbered only where their own options say linenos',
    );
  // The other options of Chroma (style, lineNoStart, guessSyntax, …) are named: none is applied.
  const others = Object.keys(highlight).filter((key) => key !== 'linenos');
  if (others.length > 0 || (markup['highlight'] !== undefined && !isRecord(markup['highlight'])))
    add(
      ['markup', 'highlight'],
      'markup.highlight',
      'approximated',
      `code is highlighted by Shiki at build time in the theme's colours; marked lines come from each block's options${
        others.length > 0 ? `; not applied: ${others.join(', ')}` : ''
      }`,
    );
  if (markup['tableofcontents'] !== undefined)
    add(
      ['markup', 'tableofcontents'],
      'markup.tableOfContents',
      'approximated',
      "the table of contents follows inkstone's toc settings",
    );
}
