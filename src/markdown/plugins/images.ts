/**
 * Images: owns how Markdown images load and how they are captioned. Every image gets
 * `loading="lazy"` and `decoding="async"`. An image alone in its paragraph becomes a `<figure>` when
 * it has a caption: its title (`![alt](a.png "caption")`) or an italic line right under it (`*caption*`).
 * The sizes and the responsive variants of local images are the images stage's (images/stage.ts), after
 * the render cache, so that a replaced image never keeps the sizes of the one before.
 * Depends on: inline parsing (runs after `inline`); runs before the links plugin prefixes site paths
 * with the base path.
 */
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';

/** Options of the images plugin. */
export interface ImagesOptions {
  /**
   * Turn a captioned image alone in its paragraph into a `<figure>` (default true). Off for the
   * kramdown profile: Jekyll showed such a caption as a paragraph, and authors styled it that way.
   */
  figures?: boolean;
}

/** Installs the image rule on `md`. */
export function imagesPlugin(md: MarkdownIt, options: ImagesOptions = {}): void {
  md.core.ruler.after('inline', 'images', (state) => {
    const visit = (tokens: readonly Token[]): void => {
      for (const token of tokens) {
        if (token.type === 'image') {
          token.attrSet('loading', 'lazy');
          token.attrSet('decoding', 'async');
        }
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
    if (options.figures !== false) makeFigures(state);
  });
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
