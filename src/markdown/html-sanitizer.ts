/**
 * The allow-list behind `markdown.html: sanitize`, and the sanitizing of a rendered page whose raw-HTML
 * pieces are marked. The author's raw HTML is cleaned in its context (a `<div>` opened in one block and
 * closed in another stays one element), while what inkstone rendered (formulas, code, diagrams) is held
 * out of the sanitizer and put back as it was: it is ours, and the sanitizer would take its styles and
 * MathML apart.
 */
import type sanitizeHtml from 'sanitize-html';

/** A CSS value with no function but colour functions: no `url(…)`, no `expression(…)`, no `var(…)`. */
const COLOUR = /^(?:#[0-9a-f]{3,8}|[a-z]+|(?:rgb|rgba|hsl|hsla)\([\d\s.,%/]+\))$/i;
const LENGTH = /^-?\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|ch|ex|pt)?$/;
const LENGTHS =
  /^(?:-?\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|ch|ex|pt)?|auto)(?:\s+(?:-?\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|ch|ex|pt)?|auto)){0,3}$/;
const KEYWORD = /^[a-z-]+$/i;

/**
 * What raw HTML may keep. Text-level and block elements a post uses, images, media and tables; no
 * script, style sheets, forms, frames, SVG or MathML written by hand. Addresses must be http(s),
 * mailto, tel or relative (images may also be `data:` images). Styles: colours, sizes, alignment and
 * spacing only, never a `url()` or positioning (an overlay over the page).
 */
const SANITIZE_OPTIONS = {
  // Besides sanitize-html's defaults less `style`, added by loadSanitizer.
  allowedTags: [
    'img',
    'picture',
    'source',
    'video',
    'audio',
    'track',
    'figure',
    'figcaption',
    'details',
    'summary',
    'del',
    'ins',
    'kbd',
    'samp',
    'var',
    'mark',
    'small',
    'sub',
    'sup',
    'u',
    's',
    'center',
    'font',
  ],
  allowedAttributes: {
    '*': ['id', 'class', 'title', 'lang', 'dir', 'role', 'style', 'align', 'aria-*', 'data-*'],
    a: ['href', 'name', 'target', 'rel', 'hreflang'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    source: ['src', 'srcset', 'sizes', 'type', 'media'],
    video: ['src', 'poster', 'width', 'height', 'controls', 'loop', 'muted', 'playsinline', 'preload'],
    audio: ['src', 'controls', 'loop', 'muted', 'preload'],
    track: ['src', 'kind', 'srclang', 'label', 'default'],
    td: ['colspan', 'rowspan', 'headers'],
    th: ['colspan', 'rowspan', 'headers', 'scope'],
    ol: ['start', 'type', 'reversed'],
    li: ['value'],
    details: ['open'],
    time: ['datetime'],
    font: ['color', 'size'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'srcset', 'poster', 'cite'],
  allowProtocolRelative: true,
  allowedStyles: {
    '*': {
      color: [COLOUR],
      'background-color': [COLOUR],
      'text-align': [/^(?:left|right|center|justify|start|end)$/],
      'vertical-align': [KEYWORD, LENGTH],
      'font-weight': [/^(?:normal|bold|bolder|lighter|\d{3})$/],
      'font-style': [/^(?:normal|italic|oblique)$/],
      'font-size': [LENGTH, KEYWORD],
      'font-family': [/^[\w\s,'"-]+$/],
      'text-decoration': [/^[a-z\s-]+$/i],
      'white-space': [KEYWORD],
      width: [LENGTH],
      height: [LENGTH],
      'max-width': [LENGTH],
      'max-height': [LENGTH],
      'min-width': [LENGTH],
      margin: [LENGTHS],
      'margin-left': [LENGTH],
      'margin-right': [LENGTH],
      'margin-top': [LENGTH],
      'margin-bottom': [LENGTH],
      padding: [LENGTHS],
      'padding-left': [LENGTH],
      'padding-right': [LENGTH],
      'padding-top': [LENGTH],
      'padding-bottom': [LENGTH],
      border: [/^[\w\s.#%-]+$/],
      'border-radius': [LENGTHS],
      float: [/^(?:left|right|none)$/],
      clear: [/^(?:left|right|both|none)$/],
      display: [/^(?:inline|block|inline-block|none|flex|grid|table|table-cell)$/],
    },
  },
  // Elements whose content is not text: dropped with what they hold.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'template',
    'iframe',
    'object',
    'embed',
    'noembed',
    'noframes',
    'xmp',
    'title',
  ],
} satisfies sanitizeHtml.IOptions;

/** sanitize-html and the allow-list, for the plugins that clean HTML while rendering (see libraries.ts). */
export interface Sanitizer {
  sanitizeHtml: typeof sanitizeHtml;
  options: sanitizeHtml.IOptions;
}

/** Imports sanitize-html (only builds that sanitize pay for it) and completes the allow-list with its default tags. */
export async function loadSanitizer(): Promise<Sanitizer> {
  const { default: sanitizeHtml } = await import('sanitize-html');
  const defaultTags = sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style');
  return {
    sanitizeHtml,
    options: { ...SANITIZE_OPTIONS, allowedTags: [...defaultTags, ...SANITIZE_OPTIONS.allowedTags] },
  };
}

/** The declarations of a `style` attribute that the allow-list keeps ('' when none). */
export function allowedStyle(style: string, { sanitizeHtml }: Sanitizer): string {
  const span = sanitizeHtml(`<span style="${style.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></span>`, {
    allowedTags: ['span'],
    allowedAttributes: { span: ['style'] },
    allowedStyles: SANITIZE_OPTIONS.allowedStyles,
  });
  const kept = /^<span style="([^"]*)">/.exec(span)?.[1] ?? '';
  return kept.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The marks a render puts around each raw-HTML piece; made fresh per render so content cannot forge them. */
export interface RawHtmlMarks {
  open: string;
  close: string;
}

/** Fresh marks: private-use characters around a random token. */
export function newMarks(nonce: string): RawHtmlMarks {
  return { open: `\uE000${nonce}\uE001`, close: `\uE000${nonce}\uE002` };
}

/**
 * Sanitizes the raw-HTML pieces of `html` (each between `marks.open` and `marks.close`) together, as
 * one document in which everything else stands in as a placeholder. A placeholder the sanitizer keeps
 * as text gets its rendered piece back; one it dropped (inside `<script>`) or moved into an attribute
 * is dropped, so nothing rendered can land inside a tag the author wrote.
 */
export function sanitizeMarked(html: string, marks: RawHtmlMarks, nonce: string, sanitizer: () => Sanitizer): string {
  if (!html.includes(marks.open)) return html;
  const rendered: string[] = [];
  const hold = (piece: string): string => {
    rendered.push(piece);
    return `\uE003${nonce}:${rendered.length - 1}\uE004`;
  };
  let input = '';
  let at = 0;
  for (;;) {
    const start = html.indexOf(marks.open, at);
    if (start < 0) break;
    const end = html.indexOf(marks.close, start);
    input += hold(html.slice(at, start)) + html.slice(start + marks.open.length, end);
    at = end + marks.close.length;
  }
  input += hold(html.slice(at));
  const held = new RegExp(`\uE003${nonce}:(\\d+)\uE004`, 'g');
  const inText = new RegExp(`\uE005${nonce}:(\\d+)\uE006`, 'g');
  const { sanitizeHtml, options } = sanitizer();
  const clean = sanitizeHtml(input, {
    ...options,
    textFilter: (text) => text.replace(held, (_m, i: string) => `\uE005${nonce}:${i}\uE006`),
  });
  return clean.replace(held, '').replace(inText, (_m, i: string) => rendered[Number(i)] ?? '');
}
