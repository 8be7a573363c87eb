/**
 * al-folio's media includes, built in: `figure.liquid`, `video.liquid`, `audio.liquid` and the older
 * `figure.html`, `video.html`, `audio.html`, for sites that do not have them in `_includes/` (the site's
 * own file wins; include-tag.ts asks here only when there is none). Each becomes ONE line of HTML, a
 * `<figure>` with the image, video or audio and its caption, so the post keeps its line numbers and
 * kramdown reads it as one HTML block. The parameters are al-folio's; every attribute is escaped; a
 * site path gets the base path, as al-folio's `include.path | relative_url` does; the caption is the
 * author's HTML, as in al-folio, on one line. A YouTube or Vimeo address plays in a lazy `<iframe>`.
 */
import { escapeHtml } from '../core/html.js';
import { isScriptUrl } from '../markdown/attribute-policy.js';
import type { BaseUrl } from '../core/urls.js';
import { relativeUrl } from './filters.js';

/** What a built-in include wrote, and the problems to report at the include (the HTML is empty then). */
export interface BuiltinIncludeOutput {
  html: string;
  problems: string[];
}

/** A built-in include: what the compatibility report says about it, and how it renders `include.*`. */
export interface BuiltinInclude {
  detail: string;
  render(params: Readonly<Record<string, unknown>>, base: BaseUrl): BuiltinIncludeOutput;
}

type Media = 'figure' | 'video' | 'audio';

const DETAILS: Record<Media, string> = {
  figure: 'a <figure> with the image and its caption',
  video: 'a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption',
  audio: 'a <figure> with the audio player and its caption',
};

/** Files a `<video>` plays; any other address with a scheme is a player page, shown in an `<iframe>`. */
const VIDEO_FILE = /\.(?:mp4|webm|ogg|ogv|mov|m4v)$/i;

const IFRAME_ALLOW = 'autoplay; encrypted-media; picture-in-picture; fullscreen';

/** al-folio's include called `name`, when inkstone has it built in. */
export function alFolioInclude(name: string): BuiltinInclude | undefined {
  const match = /^(figure|video|audio)\.(?:liquid|html)$/.exec(name);
  if (!match) return undefined;
  const media = match[1] as Media;
  return {
    detail: `al-folio's ${name}, built in: ${DETAILS[media]}`,
    render: (params, base) => renderMedia(media, params, base),
  };
}

function renderMedia(media: Media, params: Readonly<Record<string, unknown>>, base: BaseUrl): BuiltinIncludeOutput {
  const path = text(params['path']);
  if (path === undefined) return { html: '', problems: ['no path="…" given; nothing is shown'] };
  if (isScriptUrl(path)) return { html: '', problems: [`path "${path}" is a script address; nothing is shown`] };
  const problems: string[] = [];
  let element: string;
  if (media === 'figure') element = image(relativeUrl(base, path), params);
  else if (media === 'audio') element = audio(relativeUrl(base, path), params);
  else if (isAddress(path) && !VIDEO_FILE.test(path.replace(/[?#].*$/, ''))) element = player(embedUrl(path), params);
  else {
    let poster = text(params['poster']);
    if (poster !== undefined && isScriptUrl(poster)) {
      problems.push(`poster "${poster}" is a script address; the video is shown without it`);
      poster = undefined;
    }
    element = video(relativeUrl(base, path), poster === undefined ? undefined : relativeUrl(base, poster), params);
  }
  const caption = text(params['caption']);
  return {
    html: `<figure>${element}${caption === undefined ? '' : `<figcaption class="caption">${caption}</figcaption>`}</figure>`,
    problems,
  };
}

function image(src: string, params: Readonly<Record<string, unknown>>): string {
  // figure.html's `style`, then figure.liquid's size limits, which it writes as a style.
  const limits = ['min-width', 'min-height', 'max-width', 'max-height'].flatMap((key) => {
    const value = text(params[key]);
    return value === undefined ? [] : [`${key}: ${value};`];
  });
  const style = [text(params['style']), ...limits].filter((part) => part !== undefined).join(' ');
  return `<img${attributes([
    ['src', src],
    ['class', text(params['class'])],
    ['width', text(params['width'])],
    ['height', text(params['height'])],
    ['style', style || undefined],
    ['alt', text(params['alt'])],
    ['title', text(params['title'])],
    ['data-zoomable', flag(params['zoomable'])],
    ['loading', text(params['loading']) ?? 'lazy'],
    ['decoding', 'async'],
  ])}>`;
}

function video(src: string, poster: string | undefined, params: Readonly<Record<string, unknown>>): string {
  return `<video${attributes([
    ['src', src],
    ['class', text(params['class'])],
    ['width', text(params['width'])],
    ['height', text(params['height'])],
    ['title', text(params['title'])],
    ['poster', poster],
    ['controls', flag(params['controls'])],
    ['autoplay', flag(params['autoplay'])],
    ['loop', flag(params['loop'])],
    ['muted', flag(params['muted'])],
    // Phones play an autoplaying video full screen without it.
    ['playsinline', flag(params['autoplay'])],
  ])}></video>`;
}

function player(src: string, params: Readonly<Record<string, unknown>>): string {
  return `<iframe${attributes([
    ['src', src],
    ['class', text(params['class'])],
    ['width', text(params['width'])],
    ['height', text(params['height'])],
    ['title', text(params['title']) ?? playerName(src)],
    ['loading', 'lazy'],
    ['allow', IFRAME_ALLOW],
    ['allowfullscreen', true],
    // YouTube refuses to play in a frame that sends no referrer.
    ['referrerpolicy', 'strict-origin-when-cross-origin'],
  ])}></iframe>`;
}

function audio(src: string, params: Readonly<Record<string, unknown>>): string {
  return `<audio${attributes([
    ['src', src],
    ['class', text(params['class'])],
    ['title', text(params['title'])],
    ['controls', flag(params['controls'])],
    ['autoplay', flag(params['autoplay'])],
    ['loop', flag(params['loop'])],
    ['muted', flag(params['muted'])],
  ])}></audio>`;
}

/** A YouTube or Vimeo page address as the address of its player; other addresses as they are. */
export function embedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const host = parsed.hostname.toLowerCase().replace(/^(?:www|m)\./, '');
  const id =
    host === 'youtu.be'
      ? parsed.pathname.slice(1)
      : host === 'youtube.com' && parsed.pathname === '/watch'
        ? parsed.searchParams.get('v')
        : null;
  if (id && /^[\w-]+$/.test(id)) {
    const start = /^(\d+)s?$/.exec(parsed.searchParams.get('t') ?? '');
    return `https://www.youtube.com/embed/${id}${start ? `?start=${start[1]}` : ''}`;
  }
  if (host === 'vimeo.com' && /^\/\d+$/.test(parsed.pathname))
    return `https://player.vimeo.com/video${parsed.pathname}${parsed.search}`;
  return url;
}

/** An iframe's accessible name when the post gives no `title`. */
function playerName(src: string): string {
  if (/^https?:\/\/(?:[\w-]+\.)*(?:youtube\.com|youtube-nocookie\.com|youtu\.be)\//i.test(src)) return 'YouTube video';
  if (/^https?:\/\/(?:[\w-]+\.)*vimeo\.com\//i.test(src)) return 'Vimeo video';
  return 'Embedded video';
}

/** ` name="value"` for each given attribute (escaped), ` name` for each boolean one that is set. */
function attributes(list: ReadonlyArray<readonly [string, string | true | undefined]>): string {
  return list
    .map(([name, value]) =>
      value === undefined ? '' : value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`,
    )
    .join('');
}

/** Liquid's truth, which al-folio's `{% if include.x %}` tests: everything but false and nil. */
function flag(value: unknown): true | undefined {
  return value === undefined || value === null || value === false ? undefined : true;
}

/** A parameter as text on one line; undefined when it is not given or empty. */
function text(value: unknown): string | undefined {
  if (flag(value) === undefined) return undefined;
  const out = (Array.isArray(value) ? value.join(' ') : String(value)).replace(/\s+/g, ' ').trim();
  return out === '' ? undefined : out;
}

/** True for an address with a scheme or a host (`https://…`, `//host/…`), which the base path does not prefix. */
function isAddress(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//');
}
