/**
 * The markup of a prepared image: the author's `<img>` with its intrinsic size and lazy loading added
 * where the author gave none, wrapped in a `<picture>` with one `<source>` per format when there are
 * variants. The `<img>` keeps its `src`, so the original stays what a browser without the formats shows.
 */
import { escapeHtml } from '../core/html.js';
import type { ImgTag } from './img-tags.js';
import { withAttributes } from './img-tags.js';
import type { PreparedImage } from './prepare.js';
import { IMAGE_TYPES } from './settings.js';

/**
 * The markup that replaces `tag` (its text is `text`). `picture` is false where only the size may be
 * added (feeds, whose readers take the `<img>` alone); `sizes` is the configured `sizes`.
 */
export function imageMarkup(
  text: string,
  tag: ImgTag,
  prepared: PreparedImage,
  options: { picture: boolean; sizes: string; basePath: string },
): string {
  const { attributes } = tag;
  const extra: Array<[string, string]> = [];
  // A width or a height the author set (`{: width="50%"}`) wins; adding the other would distort it.
  if (prepared.facts && !attributes.has('width') && !attributes.has('height'))
    extra.push(['width', String(prepared.facts.width)], ['height', String(prepared.facts.height)]);
  if (!attributes.has('loading')) extra.push(['loading', 'lazy']);
  if (!attributes.has('decoding')) extra.push(['decoding', 'async']);
  const img = withAttributes(text, extra);
  // An author's own `srcset`, or a `<picture>` around the image, is left as the author made it.
  if (!options.picture || prepared.variants.length === 0 || tag.inPicture || attributes.has('srcset')) return img;
  const sizes = attributes.get('sizes') ?? options.sizes;
  const formats = [...new Set(prepared.variants.map((v) => v.format))];
  const sources = formats.map((format) => {
    const srcset = prepared.variants
      .filter((v) => v.format === format)
      .map((v) => `${escapeHtml(options.basePath + v.outputPath)} ${v.width}w`)
      .join(', ');
    return `<source type="${IMAGE_TYPES[format]}" srcset="${srcset}" sizes="${escapeHtml(sizes)}">`;
  });
  return `<picture>${sources.join('')}${img}</picture>`;
}
