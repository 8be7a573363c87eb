/** The map form of the site's `markdown` setting: the dialect, kramdown's options, raw HTML, ids and line numbers. */
import { z } from 'zod';

/** The map form of the `markdown` setting (the string form is short for `{ profile }`). */
export const markdownOptionsSchema = z
  .object(
    {
      /**
       * The dialect of every post: `kramdown` reads all posts as Jekyll's kramdown does; `native`
       * (CommonMark with inkstone's extensions) is the default for `posts/`, while posts in `_posts/`
       * or `_drafts/`, and every post of a site with a `_config.yml`, are always read as kramdown.
       */
      profile: z.enum(['native', 'kramdown']).default('native'),
      /** Smart quotes and dashes (native posts; kramdown posts always have kramdown's). */
      typographer: z.boolean().default(false),
      /** Turn bare URLs into links (native posts; kramdown never does). */
      linkify: z.boolean().default(true),
      /**
       * kramdown options for kramdown posts, as in the `kramdown:` map of Jekyll's `_config.yml`
       * (which fills them): the defaults are Jekyll's.
       */
      kramdown: z
        .object({
          /** Give headers ids from their text. */
          auto_ids: z.boolean().default(true),
          /** Parse Markdown inside block HTML elements (`markdown="1"` on every one). */
          parse_block_html: z.boolean().default(false),
          /** Parse Markdown inside span HTML elements. */
          parse_span_html: z.boolean().default(true),
          /** Every line break in a paragraph is a `<br>` (kramdown-parser-gfm's hard_wrap). */
          hard_wrap: z.boolean().default(false),
          /** Put before every id kramdown makes for a header (not before `{#id}` ids), as kramdown's option of that name. */
          auto_id_prefix: z
            .string()
            .regex(/^[A-Za-z0-9_:.-]*$/, 'letters, digits, "_", ":", "." and "-" only')
            .default(''),
        })
        .strict()
        .default({
          auto_ids: true,
          parse_block_html: false,
          parse_span_html: true,
          hard_wrap: false,
          auto_id_prefix: '',
        }),
      /**
       * Raw HTML in posts: `allow` writes it as written (Jekyll's and Hugo's `unsafe: true`);
       * `sanitize` keeps safe markup and removes scripts, event handlers, frames, forms, script and
       * `data:` addresses and style-based tricks; `escape` shows it as text; `omit` leaves it out, as
       * Hugo does without `unsafe` (a Hugo site gets it then). `true` is `allow`, `false` is `escape`.
       */
      html: z
        .preprocess(
          (value) => (value === true ? 'allow' : value === false ? 'escape' : value),
          z.enum(['allow', 'sanitize', 'escape', 'omit']),
        )
        .default('allow'),
      /**
       * Put before every heading id in posts (automatic and `{#id}` alike), and in the post's own
       * `#id` links, so that no heading can take an id the page's layout or scripts use (DOM clobbering).
       */
      id_prefix: z
        .string()
        .regex(/^(?:[A-Za-z][A-Za-z0-9_:.-]*)?$/, 'a letter, then letters, digits, "_", ":", "." and "-"')
        .default(''),
      /**
       * Line numbers for code blocks that do not ask for them or against them themselves (`linenos`,
       * `linenos=false`): `true` numbers every block that names a language, as Hugo's
       * `markup.highlight.lineNos` (which a Hugo site gets); `all` numbers every code block, indented
       * ones included, as Jekyll's `kramdown.syntax_highlighter_opts.block.line_numbers` (which a Jekyll
       * site gets: its `{% highlight %}` tags are numbered only by their own `linenos`).
       */
      line_numbers: z.union([z.boolean(), z.literal('all')]).default(false),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'expected "native", "kramdown", or a map of markdown options (profile, typographer, linkify, html, id_prefix, line_numbers, kramdown)'
          : undefined,
    },
  )
  .strict();
