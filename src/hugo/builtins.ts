/**
 * Hugo's built-in shortcodes, each made into what Hugo's own template writes, at build time and
 * without scripts: `highlight` (a code fence, so Shiki highlights it; `linenos` and `hl_lines` kept),
 * `figure`, `ref`/`relref`, `param`, `details`, `gist` (a link: nothing is fetched), `youtube` and
 * `vimeo` (privacy-enhanced players), `x`/`tweet` (a quote that links to the post), and the math
 * shortcodes themes ship (`katex`, `math`). Text a shortcode gives (a URL, a parameter) goes into the
 * Markdown; HTML goes in as a snippet Markdown never reads.
 */
import { escapeHtml } from '../core/html.js';
import { tweetQuote } from '../core/tweet-quote.js';
import type { ShortcodeSegment } from './shortcode-parse.js';

/** What a built-in needs of the page and the site. */
export interface BuiltinContext {
  /** Registers `html` as a snippet and returns its placeholder. */
  snippet(html: string): string;
  /** The URL of the page `target` names (`posts/x.md`, `x`, …), relative (`relref`) or absolute (`ref`); undefined when there is none. */
  ref(target: string, absolute: boolean): string | undefined;
  /** A page parameter (front matter), else a site parameter, by dotted name; undefined when neither has it. */
  param(name: string): unknown;
  /** The inner content with nested shortcodes expanded (Markdown for `{{% %}}`, as written for `{{< >}}`). */
  inner(): string;
  /** The inner content exactly as written (escapes undone), for code. */
  innerRaw(): string;
  embeds: { twitter_script: boolean };
}

/** A built-in's result: the text to put in the body, or a problem (and the text to show instead). */
export type BuiltinResult =
  | { text: string; math?: boolean }
  | { text: string; problem: string; severity: 'error' | 'warning' };

type Builtin = (sc: ShortcodeSegment, context: BuiltinContext) => BuiltinResult;

/** A parameter by name, else by position. */
function get(sc: ShortcodeSegment, name: string, position?: number): string | undefined {
  const named = sc.params.named[name];
  if (named !== undefined) return named;
  return position === undefined ? undefined : sc.params.positional[position];
}

/** `{{< highlight go "linenos=table,hl_lines=8 15-17" >}}`: a fence with the same options. */
function highlight(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  // One word: a raw string's line break must not end the fence's info line.
  const language = /^\S*/.exec((get(sc, 'lang', 0) ?? '').trim())![0].replace(/`/g, '');
  const options = get(sc, 'options', 1) ?? '';
  const words: string[] = [];
  for (const option of options.split(',')) {
    const [written = '', value = ''] = option.split('=').map((s) => s.trim());
    const key = written.toLowerCase();
    // `linenos=false` is said, so that a site whose `lineNos` numbers every block leaves this one.
    if (key === 'linenos') words.push(value === 'false' ? 'linenos=false' : 'linenos');
    else if (key === 'hl_lines' && value) words.push(`{${value.split(/\s+/).join(',')}}`);
  }
  const code = context
    .innerRaw()
    .replace(/^[ \t]*\r?\n/, '')
    .replace(/\r?\n[ \t]*$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  return { text: `\n${fence}${language}${words.length ? ` ${words.join(' ')}` : ''}\n${code}\n${fence}\n` };
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** `{{< figure src=… alt=… caption=… title=… link=… attr=… attrlink=… class=… width=… height=… >}}`, as Hugo's template writes it. */
function figure(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const src = get(sc, 'src', 0);
  if (!src)
    return {
      text: escapeHtml(sc.raw),
      problem: 'the figure shortcode names no image: give it src="…"',
      severity: 'warning',
    };
  const attr = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeHtml(value)}"` : '');
  const alt = get(sc, 'alt') ?? get(sc, 'caption')?.replace(/<[^>]*>/g, '');
  let img = `<img src="${escapeHtml(src)}"${attr('alt', alt)}${attr('width', get(sc, 'width'))}${attr('height', get(sc, 'height'))} loading="${get(sc, 'loading') === 'eager' ? 'eager' : 'lazy'}">`;
  const link = get(sc, 'link');
  if (link)
    img = `<a href="${escapeHtml(link)}"${attr('target', get(sc, 'target'))}${attr('rel', get(sc, 'rel'))}>${img}</a>`;
  const title = get(sc, 'title');
  const caption = get(sc, 'caption');
  const credit = get(sc, 'attr');
  let figcaption = '';
  if (title || caption || credit) {
    const creditHtml = credit
      ? get(sc, 'attrlink')
        ? `<a href="${escapeHtml(get(sc, 'attrlink')!)}">${escapeHtml(credit)}</a>`
        : escapeHtml(credit)
      : '';
    // Hugo reads the caption as Markdown; inline HTML in it is kept as the author wrote it.
    const body = caption || credit ? `<p>${caption ? inlineText(caption) : ''}${creditHtml}</p>` : '';
    figcaption = `<figcaption>${title ? `<h4>${escapeHtml(title)}</h4>` : ''}${body}</figcaption>`;
  }
  return { text: context.snippet(`<figure${attr('class', get(sc, 'class'))}>${img}${figcaption}</figure>`) };
}

/**
 * A caption's text with `*em*`, `**strong**` and `` `code` `` made and everything else escaped: the
 * snippet is not seen by the raw-HTML policy, so no markup of the author's may ride in it.
 */
function inlineText(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

function ref(absolute: boolean): Builtin {
  return (sc, context) => {
    const target = get(sc, 'path', 0);
    const name = absolute ? 'ref' : 'relref';
    if (!target) return { text: '#', problem: `the ${name} shortcode names no page`, severity: 'error' };
    const url = context.ref(target, absolute);
    if (url === undefined)
      return {
        text: '#',
        problem: `${name} "${target}": no page of this site is at that path (write the path under the content folder, such as "posts/my-post.md")`,
        severity: 'error',
      };
    return { text: url };
  };
}

function param(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const name = get(sc, 'name', 0);
  const value = name === undefined ? undefined : context.param(name);
  if (value === undefined || value === null)
    return {
      text: '',
      problem: `param "${name ?? ''}": neither the page nor the site has this parameter`,
      severity: 'warning',
    };
  return { text: escapeHtml(Array.isArray(value) ? value.join(', ') : String(value)) };
}

function details(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const summary = get(sc, 'summary') ?? 'Details';
  const open = get(sc, 'open');
  const opening = `<details${open === 'true' ? ' open' : ''}${get(sc, 'class') ? ` class="${escapeHtml(get(sc, 'class')!)}"` : ''}><summary>${inlineText(summary)}</summary>`;
  return {
    text: `\n\n${context.snippet(opening)}\n\n${context.inner().trim()}\n\n${context.snippet('</details>')}\n\n`,
  };
}

function gist(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const user = get(sc, 'user', 0);
  const id = get(sc, 'id', 1);
  if (!user || !id)
    return { text: escapeHtml(sc.raw), problem: 'the gist shortcode needs a user and a gist id', severity: 'warning' };
  const file = get(sc, 'file', 2);
  const href = `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(id)}${file ? `#file-${encodeURIComponent(file.replace(/\./g, '-'))}` : ''}`;
  const label = file ? `${file} (a gist by ${user})` : `A gist by ${user}`;
  return {
    text: context.snippet(`<p class="gist"><a href="${escapeHtml(href)}">${escapeHtml(label)} on GitHub</a></p>`),
  };
}

function player(kind: 'youtube' | 'vimeo'): Builtin {
  return (sc, context) => {
    const id = get(sc, 'id', 0);
    if (!id || !/^[\w-]+$/.test(id))
      return { text: escapeHtml(sc.raw), problem: `the ${kind} shortcode needs a video id`, severity: 'warning' };
    const start = get(sc, 'start');
    const src =
      kind === 'youtube'
        ? `https://www.youtube-nocookie.com/embed/${id}${start && /^\d+$/.test(start) ? `?start=${start}` : ''}`
        : `https://player.vimeo.com/video/${id}?dnt=1`;
    const title = get(sc, 'title') ?? (kind === 'youtube' ? 'YouTube video' : 'Vimeo video');
    return {
      text: context.snippet(
        `<figure class="video"><iframe src="${src}" title="${escapeHtml(title)}" width="640" height="360" style="aspect-ratio:16/9;width:100%;height:auto" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy"></iframe></figure>`,
      ),
    };
  };
}

function tweet(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const user = get(sc, 'user', 0);
  const id = get(sc, 'id', 1) ?? (user && /^\d+$/.test(user) ? user : undefined);
  if (!id || !/^\d{1,20}$/.test(id))
    return {
      text: escapeHtml(sc.raw),
      problem: `the ${sc.name} shortcode needs a post id (and the user)`,
      severity: 'warning',
    };
  const handle = user && /^[A-Za-z0-9_]{1,15}$/.test(user) ? user : undefined;
  const href = handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/web/status/${id}`;
  return { text: context.snippet(tweetQuote({ kind: 'post', handle, href }, context.embeds.twitter_script)) };
}

/** `{{< katex >}}…{{< /katex >}}`, `{{< math >}}…{{< /math >}}`: TeX, display unless `inline` (a `display` word is accepted). */
function math(sc: ShortcodeSegment, context: BuiltinContext): BuiltinResult {
  const tex = context.innerRaw().trim();
  if (tex === '') return { text: '', math: true };
  // A body that brings its own delimiters is already math the profile reads.
  if (/^(\$|\\\(|\\\[|\\begin\{)/.test(tex)) return { text: tex, math: true };
  const inline = sc.params.positional.includes('inline') || get(sc, 'display') === 'false';
  return { text: inline ? `$${tex}$` : `\n\n$$\n${tex}\n$$\n\n`, math: true };
}

/** The built-ins by name. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  highlight,
  figure,
  ref: ref(true),
  relref: ref(false),
  param,
  details,
  gist,
  youtube: player('youtube'),
  vimeo: player('vimeo'),
  x: tweet,
  tweet,
  katex: math,
  math,
};
