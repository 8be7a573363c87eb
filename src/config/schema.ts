/** The site configuration: every option, its type, its default and what it does. */
import { z } from 'zod';
import { DateTime } from 'luxon';
import { parseBaseUrl } from '../core/urls.js';
import { markdownOptionsSchema } from './markdown-schema.js';
import { taxonomiesSetting } from './taxonomies-setting.js';
import { DEFAULT_IMAGE_FORMATS, DEFAULT_IMAGE_WIDTHS, IMAGE_FORMATS } from '../images/settings.js';

/** File names tried, in order, in the site directory. */
export const CONFIG_FILE_NAMES = ['inkstone.yml', 'inkstone.yaml'] as const;

const timeZone = z.string().refine((zone) => DateTime.local().setZone(zone).isValid, {
  message: 'expected an IANA time zone such as "Europe/Paris" or "UTC"',
});

const baseUrl = z.string().refine((value) => value.startsWith('/') || /^https?:\/\/[^/]+/.test(value), {
  message: 'expected an absolute http(s) URL such as "https://example.org/blog/" or a path such as "/blog/"',
});

/** A yes/no setting that Jekyll sites also write as 1 or 0 (giscus's options). */
const flag = z.preprocess(
  (value) => (value === 1 || value === '1' ? true : value === 0 || value === '0' ? false : value),
  z.boolean(),
);

/** The schema of `inkstone.yml`. Unknown keys are errors, so typos do not pass silently. */
export const siteConfigSchema = z
  .object({
    /** Site title, shown in the header and the page titles. */
    title: z.string().default('My technical blog'),
    /** One-sentence description, used on the home page and in metadata. */
    description: z.string().default(''),
    /** Author name shown on posts. */
    author: z.string().default(''),
    /** Where the site is published: an absolute URL, or a path when the host is not known. */
    url: baseUrl.default('/'),
    /** Permalink pattern of posts: `:year`, `:month`, `:day`, `:slug`, `:title`, `:categories`. */
    permalink: z.string().default('/:year/:month/:slug/'),
    /** Theme name: a folder in the site's `themes/` or a built-in theme. */
    theme: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'expected a theme folder name')
      .default('default'),
    /** IANA time zone for dates without an offset and for displayed dates. */
    timezone: timeZone.default('UTC'),
    /** Language of the site, for `<html lang>`. */
    language: z.string().default('en'),
    /**
     * The site's icon: a path of the site (`/images/icon.png`) or an http(s) address of an image, an
     * emoji (`⚛️`, drawn as the icon), or `false` for none. Default: the site's own `static/favicon.ico`,
     * else the theme's icon.
     */
    favicon: z
      .union([
        z
          .string()
          .regex(
            /^(?:\/(?!\/)|https?:\/\/)[^\s"<>]*$|^[^\s/.:"<>]{1,16}$/u,
            'expected a path of the site starting with "/", an http(s) address, an emoji, or false',
          ),
        z.literal(false),
      ])
      .optional(),
    /**
     * Full-text search of the posts: a Pagefind index in `/pagefind/` and a search box on every page
     * (press `/`). `false` leaves both out.
     */
    search: z.boolean().default(true),
    /**
     * Responsive images: each local raster image of a post (PNG, JPEG, WebP, AVIF, TIFF) is also written
     * in `formats` at `widths` (never wider than the image), and the page offers them in a `<picture>`;
     * SVG and GIF are used as they are. `false` makes no variants (images still get their sizes and lazy
     * loading).
     */
    images: z
      .union([
        z.literal(false),
        z
          .object({
            /** Formats made of each image, best first; the original stays the fallback. */
            formats: z
              .array(z.enum(IMAGE_FORMATS))
              .min(1)
              .max(IMAGE_FORMATS.length)
              .refine((list) => new Set(list).size === list.length, 'a format is listed twice')
              .default([...DEFAULT_IMAGE_FORMATS]),
            /** Widths in pixels, each from 16 to 8192. */
            widths: z
              .array(z.number().int().min(16).max(8192))
              .min(1)
              .max(12)
              .default([...DEFAULT_IMAGE_WIDTHS]),
            /** The `sizes` of the `<source>` elements; default: the theme's (how wide it shows the post column). */
            sizes: z.string().min(1).max(500).optional(),
          })
          .strict(),
      ])
      .default({ formats: [...DEFAULT_IMAGE_FORMATS], widths: [...DEFAULT_IMAGE_WIDTHS] }),
    /**
     * Social cards: a 1200 × 630 picture for each post's link previews (`og:image`, `twitter:image`),
     * with its title, date, the site's name and its tags, drawn at build time. A post's own `thumbnail`
     * or `image` wins. Needs a `url` with a host (link previews need absolute URLs).
     */
    social_cards: z.boolean().default(true),
    /**
     * Where term pages and feeds go. `inkstone`: `/tags/<slug>/` with inkstone's slugs, and the feeds
     * at `/feed.xml`, `/rss.xml` and `/feed.json`. `hugo`, as a Hugo site had them: term pages at
     * Hugo's paths (`/tags/c++/`, `/tags/go-lang/`) and, besides inkstone's feeds, an RSS feed at
     * `index.xml` beside the home page and each term page. A Hugo site gets `hugo`.
     */
    url_style: z.enum(['inkstone', 'hugo']).default('inkstone'),
    /**
     * Taxonomies besides tags and categories: each front matter key (a plural such as `authors`,
     * which also names the folder of its pages: `/authors/`, `/authors/<term>/`) with the singular
     * that labels a term (`Author: Ann Lee`). A Hugo site gets those of its `taxonomies`.
     */
    taxonomies: taxonomiesSetting,
    /** Date format for displayed dates (Luxon tokens). */
    date_format: z.string().default('LLLL d, yyyy'),
    /** Posts per page on the home page and on tag and category pages. */
    paginate: z.number().int().min(1).max(1000).default(10),
    /** Feed options. */
    feeds: z
      .object({
        /** Newest posts in each feed (Atom, RSS, JSON Feed, and each term's Atom feed). */
        limit: z.number().int().min(1).max(10_000).default(20),
        /** What each entry carries: `full`, the whole post; `excerpt`, its excerpt and a link to read on. */
        content: z.enum(['full', 'excerpt']).default('full'),
      })
      .strict()
      .default({ limit: 20, content: 'full' }),
    /** The table of contents beside a post on wide screens. */
    toc: z
      .object({
        /**
         * A post with more than this many headings (up to `depth`) shows a table of contents without
         * `toc: true` in its front matter; `false` shows one only where a post asks for it.
         */
        threshold: z.union([z.number().int().min(0), z.literal(false)]).default(4),
        /** Deepest heading level listed: 2 lists `##` headings only, 3 adds `###`. */
        depth: z.number().int().min(1).max(6).default(3),
      })
      .strict()
      .default({ threshold: 4, depth: 3 }),
    /** Reading time is the word count divided by this, rounded up. */
    words_per_minute: z.number().int().min(1).max(10_000).default(220),
    /** Posts listed under "Related posts" (by shared tags) at the end of each post; 0 hides the list. */
    related_posts: z.number().int().min(0).max(50).default(3),
    /**
     * Markdown options. `markdown: kramdown` is short for `markdown: { profile: kramdown }`, as in Jekyll's `_config.yml`.
     */
    markdown: z
      .preprocess(
        (value) => (value === 'native' || value === 'kramdown' ? { profile: value } : value),
        markdownOptionsSchema,
      )
      .default({
        profile: 'native',
        typographer: false,
        linkify: true,
        kramdown: {
          auto_ids: true,
          parse_block_html: false,
          parse_span_html: true,
          hard_wrap: false,
          auto_id_prefix: '',
        },
        html: 'allow',
        id_prefix: '',
        line_numbers: false,
      }),
    /** Diagram options. */
    diagrams: z
      .object({
        /**
         * `svg`: render at build time in headless Chromium, falling back to the browser with a warning
         * when none is installed; `client`: always render in the reader's browser; `auto`: like `svg`,
         * falling back without a warning.
         */
        mode: z.enum(['svg', 'client', 'auto']).default('svg'),
        /** Chromium or Chrome executable; default: INKSTONE_BROWSER, then the system's, then Playwright's. */
        browser: z.string().optional(),
        /** Seconds one diagram may take to render at build time (default 10); a slower one is shown as source with a warning. */
        timeout: z.number().positive().max(3600).optional(),
      })
      .strict()
      .default({ mode: 'svg' }),
    /** Widgets drawn at build time (charts, maps, diffs, algorithms, TikZ). */
    widgets: z
      .object({
        /**
         * Charts readers can hover and zoom: `true` for every kind that can be (chartjs, echarts,
         * plotly, vega_lite), a list of kinds, or `false` (the default: static drawings only). A post's
         * front matter `interactive:` (the same values) wins. The library is served by the site itself.
         */
        interactive: z
          .union([z.boolean(), z.array(z.enum(['chartjs', 'echarts', 'plotly', 'vega_lite', 'geojson']))])
          .default(false),
        /**
         * The map tiles of interactive `geojson` maps (Leaflet): a URL template with `{z}`, `{x}` and
         * `{y}` (http(s), or a path of the site for tiles it serves itself), and the attribution the
         * tile server asks for. Without it, maps stay static.
         */
        map_tiles: z
          .object({
            url: z
              .string()
              .regex(/^(?:https?:\/\/|\/)[^\s"<>]*$/, 'a tile URL is http(s) or starts with /, with {z}, {x} and {y}')
              .refine(
                (url) => url.includes('{z}') && url.includes('{x}') && url.includes('{y}'),
                'a tile URL is http(s) or starts with /, with {z}, {x} and {y}',
              ),
            attribution: z.string().default(''),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ interactive: false }),
    /** Posts from other platforms embedded in Jekyll posts (`{% twitter %}`). */
    embeds: z
      .object({
        /**
         * `false` (the default): each `{% twitter %}` post is a quote that links to it, and pages load
         * nothing from X. `true`: pages with one also load X's `widgets.js`, which shows the post as X
         * does, and lets X see who reads the page.
         */
        twitter_script: z.boolean().default(false),
      })
      .strict()
      .default({ twitter_script: false }),
    /**
     * Emoji shortcodes: `:tada:` in a post's text becomes 🎉 (GitHub's names), never in code, math or
     * addresses; an unknown `:name:` stays as written. On for a Jekyll site whose `plugins:` list jemoji.
     */
    emoji: z.boolean().default(false),
    /**
     * Comments under posts whose front matter asks for them (al-folio's `giscus_comments: true`,
     * `disqus_comments: true`). Filled from `giscus:` and `disqus_shortname` in `_config.yml`.
     */
    comments: z
      .object({
        /** giscus (GitHub Discussions), with the values giscus.app gives for the repository. */
        giscus: z
          .object({
            /** `owner/name` of the repository whose Discussions hold the comments. */
            repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"'),
            repo_id: z.string(),
            category: z.string().optional(),
            category_id: z.string(),
            /** How a page finds its discussion: `pathname`, `url`, `title`, `og:title`, … */
            mapping: z.string().default('pathname'),
            strict: flag.default(false),
            reactions_enabled: flag.default(true),
            emit_metadata: flag.default(false),
            input_position: z.enum(['top', 'bottom']).default('bottom'),
            theme: z.string().default('preferred_color_scheme'),
            lang: z.string().default('en'),
          })
          .strict()
          .optional(),
        /** Disqus: the site's shortname (`disqus_shortname` in `_config.yml`). */
        disqus: z
          .object({ shortname: z.string().regex(/^[a-z0-9-]+$/i, 'letters, digits and "-" only') })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    /**
     * Evaluate Liquid (`{{ }}`, `{% %}`) in every post body, as Jekyll does. Always on for posts in `_posts/`
     * or `_drafts/` and for sites with a `_config.yml`; off by default for `posts/`, whose bodies are text.
     */
    liquid: z.boolean().default(false),
    /**
     * Citations (`{% cite key %}` in Liquid posts, `[@key]` in native ones): the BibTeX files they are looked up in, relative to
     * the site directory (a post may name its own with front matter `bibliography:`), and how they
     * read. A file name alone is short for `files: [name]`. Filled from `scholar:` in `_config.yml`.
     */
    bibliography: z
      .preprocess(
        (value) => (typeof value === 'string' ? { files: [value] } : Array.isArray(value) ? { files: value } : value),
        z
          .object({
            /** BibTeX files, relative to the site directory. */
            files: z.array(z.string()).default([]),
            /** `author-year`: `(Einstein, 1905)`, references in APA style, alphabetical; `numeric`: `[1]`, Vancouver style, in citation order. */
            style: z.enum(['author-year', 'numeric']).default('author-year'),
          })
          .strict(),
      )
      .default({ files: [], style: 'author-year' }),
    /** Folder for caches (rendered diagrams), relative to the site directory. Safe to keep between builds. */
    cache_dir: z.string().default('.inkstone-cache'),
    /** Math options. */
    math: z
      .object({
        /** KaTeX macros available in every formula, e.g. `"\\RR": "\\mathbb{R}"`. */
        macros: z.record(z.string(), z.string()).default({}),
        /**
         * Equation numbers: `ams` numbers the AMS environments (`equation`, `align`, …; not the starred
         * forms), as MathJax's `tags: "ams"` (al-folio's setting); `all` numbers every display formula;
         * `none` shows only explicit `\tag`s.
         */
        numbering: z.enum(['ams', 'all', 'none']).default('ams'),
        /**
         * Inline math delimiters: `$` for `$…$`, `\\(` for `\(…\)`. A site whose readers' MathJax only
         * knew `\(…\)` lists just that, so a `$` is always a dollar sign.
         */
        inline: z.array(z.enum(['$', '\\('])).default(['$', '\\(']),
      })
      .strict()
      .default({ macros: {}, numbering: 'ams', inline: ['$', '\\('] }),
  })
  .strict()
  // The base URL is split once, here; every later stage reads `config.base`.
  .transform((config) => ({ ...config, base: parseBaseUrl(config.url) }));

/** The validated configuration with defaults applied. */
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** Configuration as written in a file or passed to `build()`. */
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
