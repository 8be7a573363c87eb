/**
 * Reading and encoding raster images with sharp (libvips), loaded only by a build that has a local
 * raster image to make variants of. Failures throw {@link ImageReadError} with libvips' reason.
 */
import { imageSize } from 'image-size';
import { packageVersion } from '../core/packages.js';
import type { ImageFormat } from './settings.js';

type Sharp = typeof import('sharp')['default'];

/** The encoder of a stage: sharp, loaded once, when an image is first read or encoded. */
export interface ImageEncoder {
  sharp: Sharp;
}

/** Raster formats variants are made of; anything else (SVG, GIF, ICO, BMP) is used as it is. */
const ENCODABLE = new Set(['jpeg', 'jpg', 'png', 'webp', 'avif', 'heif', 'tiff', 'tif']);

/** Encoder options, fixed so that the same image gives the same bytes across sharp's defaults. */
const ENCODER_OPTIONS = {
  avif: { quality: 50, effort: 4 },
  webp: { quality: 80, effort: 4 },
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9, adaptiveFiltering: true },
} as const;

/** Decoding limit: no image a blog shows has more pixels (libvips refuses larger ones before decoding). */
const MAX_INPUT_PIXELS = 100_000_000;

/** An image file that cannot be read or encoded. */
export class ImageReadError extends Error {}

/** What the page needs of an image: its displayed size, its type, and whether variants can be made of it. */
export interface ImageFacts {
  width: number;
  height: number;
  /** Type as detected from the bytes (`png`, `jpg`, `svg`, `gif`, …), never from the file name. */
  type: string;
  /** A still raster image (not animated, not vector): variants can be made of it. */
  encodable: boolean;
}

/** Loads sharp. */
export async function loadImageEncoder(): Promise<ImageEncoder> {
  return { sharp: (await import('sharp')).default };
}

/**
 * What decides a variant's bytes besides the image: sharp's version (which pins libvips') and the
 * options above. Read without loading sharp, so a build whose variants are all cached never loads it.
 */
export function encoderKey(): string {
  return JSON.stringify([packageVersion('sharp'), ENCODER_OPTIONS, MAX_INPUT_PIXELS]);
}

/** The facts of image `bytes`; throws ImageReadError when they are not an image. */
export async function readImageFacts(bytes: Uint8Array, load: () => Promise<ImageEncoder>): Promise<ImageFacts> {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    throw new ImageReadError(
      'it is not an image file inkstone knows (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG, BMP, ICO)',
    );
  }
  const type = size.type ?? 'unknown';
  if (!ENCODABLE.has(type)) {
    if (!size.width || !size.height) throw new ImageReadError(`its ${type.toUpperCase()} header gives no size`);
    // EXIF orientations 5 to 8 turn the picture a quarter: the browser shows it with sides swapped.
    const turned = (size.orientation ?? 1) >= 5;
    return {
      width: turned ? size.height : size.width,
      height: turned ? size.width : size.height,
      type,
      encodable: false,
    };
  }
  const { sharp } = await load();
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    const animated = (meta.pages ?? 1) > 1 && meta.format !== 'tiff';
    // Decoded once, alone, so that a damaged file is found here with libvips' own reason, before its
    // variants are encoded side by side (which may each report it differently).
    if (!animated) await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).stats();
    return { width: meta.autoOrient.width, height: meta.autoOrient.height, type, encodable: !animated };
  } catch (error) {
    throw new ImageReadError(reason(error));
  }
}

/** `bytes` turned upright, scaled to `width` pixels and encoded as `format`. */
export async function encodeVariant(
  encoder: ImageEncoder,
  bytes: Uint8Array,
  format: ImageFormat,
  width: number,
): Promise<Uint8Array> {
  try {
    const image = encoder
      .sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
      .autoOrient()
      .resize({ width, withoutEnlargement: true });
    const encoded = await image.toFormat(format, ENCODER_OPTIONS[format]).toBuffer();
    return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  } catch (error) {
    throw new ImageReadError(reason(error));
  }
}

/** libvips' message, first line, without its trailing punctuation. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')[0]!
      .trim()
      .replace(/[.:]+$/, '') || 'unknown error'
  );
}
