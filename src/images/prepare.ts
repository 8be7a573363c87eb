/**
 * One local image, made ready for the page: its facts (from the store while the file keeps its size,
 * time and inode; else read, hashed and measured) and, for a still raster image, its variants (from the
 * store, else encoded and stored).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../core/hash.js';
import { fileNameSegment } from '../core/paths.js';
import { encodeVariant, type ImageEncoder, type ImageFacts, ImageReadError, readImageFacts } from './encode.js';
import type { ImageStore } from './image-cache.js';
import type { LocalImage } from './resolve.js';
import { IMAGE_EXTENSIONS, type ImageFormat, type ImageSettings, variantWidths } from './settings.js';

/** Where variants go in the output, below the base path. */
export const IMAGE_OUTPUT_DIR = 'assets/inkstone/img';

/** One file made of an image. */
export interface ImageVariant {
  format: ImageFormat;
  width: number;
  /** Path in the output (`assets/inkstone/img/photo-1a2b3c4d5e-960.avif`). */
  outputPath: string;
  /** Name in the store. */
  name: string;
  contents: Uint8Array;
}

/** An image as the page uses it: facts and variants, or the reason it is used as it is. */
export interface PreparedImage {
  image: LocalImage;
  facts?: ImageFacts;
  /** Variants, grouped by format in the order of the settings, narrowest first; empty when none are made. */
  variants: ImageVariant[];
  /** Why the image cannot be read or encoded (the original is used as it is). */
  problem?: string;
  /** Variants this build encoded (the others came from the store). */
  encoded: number;
}

/** What preparing needs: the settings (undefined: facts only), the store, sharp when first needed, and its key. */
export interface PrepareContext {
  settings: ImageSettings | undefined;
  store: ImageStore;
  encoder: () => Promise<ImageEncoder>;
  /** See encoderKey(). */
  encoderKey: string;
  /** Runs an encoding when a core is free (shared by every image of the stage). */
  limit: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Prepares `image`; a problem with the file is returned, not thrown. */
export async function prepareImage(image: LocalImage, context: PrepareContext): Promise<PreparedImage> {
  const { store } = context;
  let bytes: Uint8Array | undefined;
  const read = async () => (bytes ??= await readFile(image.real));
  try {
    const info = await stat(image.real);
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    let stored = store.facts(image.relPath);
    if (stored?.stamp !== stamp) {
      const data = await read();
      stored = { ...(await readImageFacts(data, context.encoder)), stamp, hash: sha256(data) };
    }
    store.remember(image.relPath, stored);
    const { stamp: _stamp, hash, ...facts } = stored;
    if (!context.settings || !facts.encodable) return { image, facts, variants: [], encoded: 0 };
    const id = sha256(JSON.stringify([hash, context.encoderKey])).slice(0, 16);
    const stem = fileStem(image.relPath);
    const widths = variantWidths(facts.width, context.settings.widths);
    let encoded = 0;
    // Each variant is a job of its own, so that one image's variants share the cores.
    const jobs = context.settings.formats.flatMap((format) =>
      widths.map(async (width): Promise<ImageVariant> => {
        const extension = IMAGE_EXTENSIONS[format];
        const name = `${id}-${width}.${extension}`;
        let contents = await store.readVariant(name);
        if (!contents) {
          const original = await read();
          contents = await context.limit(async () => encodeVariant(await context.encoder(), original, format, width));
          encoded++;
          await store.writeVariant(name, contents);
        }
        const outputPath = `${IMAGE_OUTPUT_DIR}/${stem}-${id.slice(0, 10)}-${width}.${extension}`;
        return { format, width, outputPath, name, contents };
      }),
    );
    const variants = await Promise.all(jobs);
    return { image, facts, variants, encoded };
  } catch (error) {
    if (!(error instanceof ImageReadError) && !isFileError(error)) throw error;
    return { image, variants: [], problem: error.message, encoded: 0 };
  }
}

/** The file's name without its extension, as a safe lower-case URL segment. */
function fileStem(relPath: string): string {
  return fileNameSegment(path.posix.basename(relPath).replace(/\.[^.]*$/, ''), 40, 'image');
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
