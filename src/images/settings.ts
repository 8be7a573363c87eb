/** What the images stage makes of a local raster image: formats, widths, and the `sizes` of the page. */

/** Formats the stage writes. */
export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg', 'png'] as const;

/** A format the stage writes. */
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The media type of each format, for `<source type>`. */
export const IMAGE_TYPES: Readonly<Record<ImageFormat, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The file extension of each format. */
export const IMAGE_EXTENSIONS: Readonly<Record<ImageFormat, string>> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
  png: 'png',
};

/** Options of the responsive images. */
export interface ImageSettings {
  /** Formats made of each image, best first (each becomes a `<source>`); the original stays the `<img>`. */
  formats: readonly ImageFormat[];
  /** Widths in pixels; an image is never made wider than it is. */
  widths: readonly number[];
  /** The `sizes` of every `<source>`: how wide the theme shows an image of the post column. */
  sizes: string;
}

/** Defaults: two modern formats, widths for a phone, a laptop column and its double density. */
export const DEFAULT_IMAGE_FORMATS: readonly ImageFormat[] = ['avif', 'webp'];
export const DEFAULT_IMAGE_WIDTHS: readonly number[] = [480, 960, 1440];
/** The `sizes` of a theme that does not say how wide its column is. */
export const DEFAULT_IMAGE_SIZES = '100vw';

/**
 * The widths made of an image `width` pixels wide: each configured width below it, and the largest
 * configured width capped at the image's own (so the widest variant keeps every pixel there is).
 */
export function variantWidths(width: number, widths: readonly number[]): number[] {
  if (widths.length === 0 || width < 1) return [];
  const largest = Math.min(width, Math.max(...widths));
  const below = widths.filter((w) => w < largest);
  return [...new Set([...below, largest])].sort((a, b) => a - b);
}
