/**
 * Images: owns how Markdown images load and how they are captioned. Every image gets
 * `loading="lazy"` and `decoding="async"`; a local image (in the site's `static/`, at the site root as
 * Jekyll sites keep `assets/`, or next to the post) gets its `width` and `height`, so the page does not
 * jump as it loads. An image alone in its paragraph becomes a `<figure>` when it has a caption: its
 * title (`![alt](a.png "caption")`) or an italic line right under it (`*caption*`).
 * Depends on: inline parsing (runs after `inline`), and span attribute lists (`{: width="50%"}`),
 * which win over measured sizes; runs before the links plugin prefixes site paths with the base path.
 */
import { openSync, readSync, closeSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { imageSize } from 'image-size';
import { asEnv } from '../env.js';

/** Options of the images plugin. */
export interface ImagesOptions {
  /** The site's base path (`/blog/`): a site path that starts with it names a file without it. */
  basePath: string;
  /**
   * Turn a captioned image alone in its paragraph into a `<figure>` (default true). Off for the
   * kramdown profile: Jekyll showed such a caption as a paragraph, and authors styled it that way.
   */
  figures?: boolean;
}

/** Files larger than this are not read for their size (no image format hides its size that deep). */
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

/** The site directory of a post, from its absolute path and its path relative to the site. */
export function siteDirOf(absPath: string, relPath: string): string | undefined {
  if (!absPath || !relPath) return undefined;
  const depth = relPath.split('/').length;
  let dir = absPath;
  for (let i = 0; i < depth; i++) dir = path.dirname(dir);
  return dir;
}

/** Installs the image rule on `md`. */
export function imagesPlugin(md: MarkdownIt, options: ImagesOptions = { basePath: '/' }): void {
  md.core.ruler.after('inline', 'images', (state) => {
    const env = asEnv(state.env);
    const visit = (tokens: readonly Token[]): void => {
      for (const token of tokens) {
        if (token.type === 'image') describeImage(token, env.siteDir, env.file, options.basePath);
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
    if (options.figures !== false) makeFigures(state);
  });
}

function describeImage(token: Token, siteDir: string | undefined, file: string, basePath: string): void {
  token.attrSet('loading', 'lazy');
  token.attrSet('decoding', 'async');
  if (!siteDir || token.attrGet('width') !== null || token.attrGet('height') !== null) return;
  const size = localImageSize(token.attrGet('src') ?? '', siteDir, file, basePath);
  if (!size) return;
  token.attrSet('width', String(size.width));
  token.attrSet('height', String(size.height));
}

/** The displayed size of the local file `src` names, or undefined (remote, missing, unreadable, outside the site). */
export function localImageSize(
  src: string,
  siteDir: string,
  file: string,
  basePath: string,
): { width: number; height: number } | undefined {
  if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  let target: string;
  try {
    target = decodeURI(src.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const candidates: string[] = [];
  if (target.startsWith('/')) {
    const sitePath = basePath !== '/' && target.startsWith(basePath) ? target.slice(basePath.length - 1) : target;
    candidates.push(path.join(siteDir, 'static', sitePath), path.join(siteDir, sitePath));
  } else {
    candidates.push(path.join(siteDir, path.dirname(file), target));
  }
  for (const candidate of candidates) {
    const size = readImageSize(candidate, siteDir);
    if (size) return size;
  }
  return undefined;
}

function readImageSize(file: string, siteDir: string): { width: number; height: number } | undefined {
  let bytes: Buffer;
  try {
    // Links may point anywhere; only files that really sit inside the site are read.
    const real = realpathSync(file);
    const root = realpathSync(siteDir);
    if (path.relative(root, real).startsWith('..') || path.isAbsolute(path.relative(root, real))) return undefined;
    const length = statSync(real).size;
    if (length > MAX_IMAGE_BYTES) return undefined;
    bytes = Buffer.alloc(length);
    const fd = openSync(real, 'r');
    try {
      readSync(fd, bytes, 0, length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return undefined;
    // EXIF orientations 5 to 8 turn the picture a quarter: the browser shows it with sides swapped.
    const turned = (size.orientation ?? 1) >= 5;
    return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
  } catch {
    return undefined;
  }
}

/** Turns captioned images alone in a top-level paragraph into figures. */
function makeFigures(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = tokens.length - 3; i >= 0; i--) {
    const open = tokens[i]!;
    const inline = tokens[i + 1]!;
    if (
      open.type !== 'paragraph_open' ||
      open.hidden ||
      inline.type !== 'inline' ||
      tokens[i + 2]!.type !== 'paragraph_close'
    )
      continue;
    const caption = captionOf(inline.children ?? []);
    if (!caption) continue;
    const image = inline.children![0]!;
    const figureOpen = new state.Token('figure_open', 'figure', 1);
    figureOpen.attrs = open.attrs;
    figureOpen.block = true;
    figureOpen.map = open.map;
    figureOpen.level = open.level;
    const imageLine = new state.Token('inline', '', 0);
    imageLine.children = [image];
    imageLine.content = '';
    const captionOpen = new state.Token('figcaption_open', 'figcaption', 1);
    const captionLine = new state.Token('inline', '', 0);
    captionLine.children = caption;
    captionLine.content = '';
    const captionClose = new state.Token('figcaption_close', 'figcaption', -1);
    const figureClose = new state.Token('figure_close', 'figure', -1);
    for (const t of [captionOpen, captionClose, figureClose]) t.block = true;
    tokens.splice(i, 3, figureOpen, imageLine, captionOpen, captionLine, captionClose, figureClose);
  }
}

/** The caption's inline tokens, when `children` is one image with a title or an image, a line break and an italic line. */
function captionOf(children: Token[]): Token[] | undefined {
  const image = children[0];
  if (image?.type !== 'image') return undefined;
  if (children.length === 1) {
    const title = image.attrGet('title');
    if (!title) return undefined;
    // The caption says it: a tooltip repeating it would be noise.
    image.attrs = image.attrs?.filter(([name]) => name !== 'title') ?? null;
    const text = new (image.constructor as new (type: string, tag: string, nesting: number) => Token)('text', '', 0);
    text.content = title;
    return [text];
  }
  const last = children[children.length - 1]!;
  if (
    children.length < 5 ||
    children[1]!.type !== 'softbreak' ||
    children[2]!.type !== 'em_open' ||
    last.type !== 'em_close'
  )
    return undefined;
  // The italic must span the whole second line: `*a* and *b*` is not a caption.
  const inner = children.slice(3, -1);
  if (inner.some((t) => t.type === 'em_close' && t.level === children[2]!.level)) return undefined;
  return inner;
}
