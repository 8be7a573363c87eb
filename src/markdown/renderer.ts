/** createMarkdown: the one ordered table of markdown-it plugins, with the reason for each position. */
import MarkdownIt from 'markdown-it';
import type { SiteConfig } from '../config/schema.js';
import type { MarkdownProfile } from '../types.js';
import type { CodeHighlighter } from './highlighter.js';
import { createMarkdownLibraries, type MarkdownLibraries } from './libraries.js';
import { createMathFallbackLoader, type MathFallbackLoader } from './math/fallback.js';
import { alertsPlugin } from './plugins/alerts.js';
import { anchorsPlugin } from './plugins/anchors.js';
import { calloutsPlugin } from './plugins/callouts.js';
import { codePlugin } from './plugins/code.js';
import { diagramsPlugin } from './plugins/diagrams.js';
import { emojiPlugin } from './plugins/emoji.js';
import { excerptPlugin } from './plugins/excerpt.js';
import { footnotesPlugin } from './plugins/footnotes.js';
import { headingLinksPlugin } from './plugins/heading-links.js';
import { imagesPlugin } from './plugins/images.js';
import { kramdownIalPlugin } from './plugins/kramdown-ial.js';
import { kramdownTocPlugin, kramdownTocRenderer } from './plugins/kramdown-toc.js';
import { kramdownPlugin } from './kramdown/index.js';
import { linksPlugin } from './plugins/links.js';
import { rawHtmlPlugin } from './plugins/raw-html.js';
import { liquidCompatPlugin } from './plugins/liquid-compat.js';
import { mathPlugin, mathRenderPlugin } from './plugins/math.js';
import { notebooksPlugin } from './plugins/notebooks.js';
import { snippetsPlugin } from './plugins/snippets.js';
import { widgetFencesPlugin } from './plugins/widget-fences.js';
import type { BuiltInPluginName } from './plugin-names.js';
import { installPlugins, type PluginEntry, type SiteCode } from './plugin-table.js';
import type { SitePlugin } from '../config/extensions.js';

export type { MarkdownProfile };

/** One markdown-it per profile, each made the first time a post of that profile is rendered. */
export interface MarkdownSet {
  forProfile(profile: MarkdownProfile | undefined): MarkdownIt;
  /** MathJax, for formulas KaTeX refuses: imported on first use, shared by both profiles. */
  mathFallback: MathFallbackLoader;
  /** Libraries plugins use while rendering, imported before the first post that needs them (see libraries.ts). */
  libraries: MarkdownLibraries;
}

/** A MarkdownSet for `config`; profiles no post uses cost nothing. */
export function createMarkdownSet(config: SiteConfig, deps: MarkdownDeps): MarkdownSet {
  const made = new Map<MarkdownProfile, MarkdownIt>();
  const libraries = deps.libraries ?? createMarkdownLibraries(config);
  return {
    mathFallback: createMathFallbackLoader(),
    libraries,
    forProfile(profile = 'native') {
      let md = made.get(profile);
      if (!md) made.set(profile, (md = createMarkdown(config, { ...deps, libraries }, profile)));
      return md;
    },
  };
}

/** What the markdown stage needs besides the configuration. */
export interface MarkdownDeps {
  highlighter: CodeHighlighter;
  /** The set's libraries; a markdown-it made on its own gets its own (which nothing prepares). */
  libraries?: MarkdownLibraries;
  /** The site's own markdown-it plugins (from its configuration module), placed in the table. */
  plugins?: readonly SitePlugin[];
  /** Where the site's code lives, for the location of a plugin that fails to install. */
  siteCode?: SiteCode;
}

/**
 * A configured markdown-it. `html: true` because posts belong to their author and real posts carry
 * raw HTML; posts are never evaluated as templates.
 */
export function createMarkdown(
  config: SiteConfig,
  deps: MarkdownDeps,
  profile: MarkdownProfile = 'native',
): MarkdownIt {
  const libraries = deps.libraries ?? createMarkdownLibraries(config);
  if (profile === 'kramdown') return createKramdownMarkdown(config, { ...deps, libraries });
  const md = new MarkdownIt({
    html: true,
    linkify: config.markdown.linkify,
    typographer: config.markdown.typographer,
  });
  const hugo = profile === 'hugo' || profile === 'hugo-plain';
  const shared = sharedEntries(config, { ...deps, libraries }, hugo);
  // Order matters; each line says why its plugin sits where it does.
  const table: PluginEntry[] = [
    // Block rule before `fence`/`paragraph`: `{% highlight %}` and `{% mermaid %}` must become fences first.
    ...(hugo ? [] : [['liquid', (m: MarkdownIt) => liquidCompatPlugin(m)] as const]),
    // Block rule before `fence`, inline rule before `escape` and `emphasis`: `$(*,H_{out})$` survives.
    // (A Hugo page without math has no delimiters; its math_render rule, which others are placed by, finds nothing.)
    profile === 'hugo-plain'
      ? ['math', (m: MarkdownIt) => mathRenderPlugin(m, mathOptions(config), libraries.katex)]
      : ['math', (m: MarkdownIt) => mathPlugin(m, mathOptions(config), libraries.katex)],
    // Core rule after `block`: claims mermaid fences (also those from liquid-compat) before code renders.
    shared.diagrams,
    ...(hugo
      ? [
          // Core rule right after `inline` (so before the rules that read text): the shortcodes' HTML in place.
          ['snippets', (m: MarkdownIt) => snippetsPlugin(m)] as const,
        ]
      : [
          // Core rule before `inline`: claims `* TOC` + `{:toc}` lists before the IAL plugin reads `{:...}` lines.
          ['kramdown-toc', (m: MarkdownIt) => kramdownTocPlugin(m)] as const,
          // Core rule before `inline` (block IALs, heading `{#id}`), inline rule before `emphasis` (span IALs); before anchors so `{#id}` wins.
          ['kramdown-ial', (m: MarkdownIt) => kramdownIalPlugin(m)] as const,
        ]),
    // Core rule before `inline`: claims chart and widget fences so the code plugin never sees them.
    shared.widgets,
    // Renderer for the fences left over.
    shared.code,
    // Core rule after `math_render`: notebook markers in HTML become notebooks (cells parsed by their own markdown-it).
    shared.notebooks,
    // Block rule before `fence`, after liquid-compat and math so `:::` never claims their blocks.
    ['callouts', (m) => calloutsPlugin(m)],
    // Core rule after `inline`: a quote starting `[!NOTE]` becomes a callout.
    shared.alerts,
    // Block rule before `reference` (definitions), inline rule after `link` (references), core rule after `inline` (the list).
    ['footnotes', (m) => footnotesPlugin(m)],
    // Core rule after `inline`; before links prefixes the base path.
    ['images', (m) => imagesPlugin(m)],
    // Core rule after `inline`: heading ids from final heading text.
    shared.anchors,
    // Core rule after `anchors`: a self-link beside each heading, from its id.
    shared['heading-links'],
    // Core rule right after `anchors` (ids from the `:name:` text, as Jekyll's), so before heading links (installed earlier).
    shared.emoji,
    // Core rules at the end: they only read the finished token stream.
    ['links', (m) => linksPlugin(m, { basePath: config.base.basePath, idPrefix: config.markdown.id_prefix })],
    shared.excerpt,
    // Wraps the renderer: the author's raw HTML as `markdown.html` says (allow, sanitize or escape).
    shared['raw-html'],
  ];
  // A site's own plugins for native posts serve Hugo's too: both are CommonMark.
  installPlugins(md, table, deps.plugins ?? [], 'native', deps.siteCode);
  return md;
}

/**
 * The kramdown profile: kramdown's own block and inline parsing (a `zero` markdown-it whose rules are
 * replaced), then the same rendering plugins as native posts. No linkify and no typographer: kramdown's
 * span parser does typography itself, and never links bare URLs.
 */
function createKramdownMarkdown(config: SiteConfig, deps: MarkdownDeps & { libraries: MarkdownLibraries }): MarkdownIt {
  const md = new MarkdownIt('zero', { html: true, linkify: false, typographer: false });
  const libraries = deps.libraries;
  const shared = sharedEntries(config, deps);
  const table: PluginEntry[] = [
    // Replaces block and inline parsing; its core rule (footnotes, header ids, abbreviations) runs right after `inline`.
    [
      'kramdown',
      (m) =>
        kramdownPlugin(m, {
          autoIds: config.markdown.kramdown.auto_ids,
          parseBlockHtml: config.markdown.kramdown.parse_block_html,
          parseSpanHtml: config.markdown.kramdown.parse_span_html,
          hardWrap: config.markdown.kramdown.hard_wrap,
          autoIdPrefix: config.markdown.kramdown.auto_id_prefix,
          inlineMath: config.math.inline,
        }),
    ],
    // Core rule after `inline` (so after kramdown_finish's footnotes): renders the math tokens kramdown made.
    ['math', (m) => mathRenderPlugin(m, mathOptions(config), libraries.katex)],
    // Core rule after `block`: claims mermaid fences before code renders.
    shared.diagrams,
    // Renders the `{:toc}` lists kramdown made.
    ['kramdown-toc', (m) => kramdownTocRenderer(m)],
    // Core rule after `inline`: GitHub's alerts (`> [!NOTE]`), as in native posts.
    shared.alerts,
    // Core rule before `inline`: claims chart and widget fences. The rest as for native posts (see createMarkdown).
    shared.widgets,
    shared.code,
    // Notebooks, also inside {::nomarkdown}.
    shared.notebooks,
    ['images', (m) => imagesPlugin(m, { figures: false })],
    shared.anchors,
    shared['heading-links'],
    shared.emoji,
    // Links are recorded but left as written: Jekyll posts add the base path themselves
    // (`{{ site.baseurl }}`, `relative_url`), and Jekyll never rewrites a Markdown link.
    ['links', (m) => linksPlugin(m, { basePath: '/', idPrefix: config.markdown.id_prefix })],
    shared.excerpt,
    shared['raw-html'],
  ];
  installPlugins(md, table, deps.plugins ?? [], 'kramdown', deps.siteCode);
  return md;
}

/** The math options both profiles render with. */
function mathOptions(config: SiteConfig) {
  return { macros: config.math.macros, numbering: config.math.numbering, inline: config.math.inline };
}

/** The entries both profiles install alike (where each goes is said in each profile's table); `hugo`: for a Hugo page. */
function sharedEntries(config: SiteConfig, deps: MarkdownDeps & { libraries: MarkdownLibraries }, hugo = false) {
  const { libraries, highlighter } = deps;
  const entry = (name: BuiltInPluginName, install: (md: MarkdownIt) => void): PluginEntry => [name, install];
  return {
    diagrams: entry('diagrams', (m) => diagramsPlugin(m)),
    alerts: entry('alerts', (m) => alertsPlugin(m)),
    widgets: entry('widgets', (m) => widgetFencesPlugin(m)),
    code: entry('code', (m) =>
      codePlugin(m, { highlighter, lineNumbers: config.markdown.line_numbers, dropTrailingBlankLines: hugo }),
    ),
    notebooks: entry('notebooks', (m) =>
      notebooksPlugin(m, { highlighter, cellMarkdown: notebookCells(config, deps), sanitizer: libraries.sanitizer }),
    ),
    anchors: entry('anchors', (m) => anchorsPlugin(m, { idPrefix: config.markdown.id_prefix })),
    'heading-links': entry('heading-links', (m) => headingLinksPlugin(m)),
    emoji: entry('emoji', (m) => {
      if (config.emoji) emojiPlugin(m, libraries.emojiNames);
    }),
    excerpt: entry('excerpt', (m) => excerptPlugin(m)),
    'raw-html': entry('raw-html', (m) => rawHtmlPlugin(m, config.markdown.html, libraries.sanitizer)),
  };
}

/**
 * The markdown-it for notebook cells, made on first use: the native profile, since Jupyter's Markdown is
 * CommonMark, with raw HTML sanitized whatever `markdown.html` says, since a notebook's HTML is not
 * written for the page (nbconvert's output, pasted widgets).
 */
function notebookCells(config: SiteConfig, deps: MarkdownDeps): () => MarkdownIt {
  let cells: MarkdownIt | undefined;
  return () =>
    (cells ??= createMarkdown(
      // Nor are its code blocks numbered by the site's default: Jekyll's notebook plugin numbers none.
      { ...config, markdown: { ...config.markdown, html: 'sanitize', line_numbers: false } },
      // A notebook's Markdown is Jupyter's, not the site's: the site's plugins are for its posts.
      { ...deps, plugins: [] },
      'native',
    ));
}
