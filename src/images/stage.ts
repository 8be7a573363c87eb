/**
 * The images stage, after the diagrams: every `<img>` of a post (Markdown images, raw HTML, Jekyll
 * includes) whose `src` names a local file gets the file's intrinsic `width` and `height` and lazy
 * loading; a still raster image also gets a `<picture>` of smaller, modern variants (see prepare.ts).
 * The sizes are measured here, after the render cache, so a replaced image never keeps the sizes of
 * the one before. A file that cannot be read is a warning at the post's line that names it, and the
 * page keeps the original as it is.
 */
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { eachLimited, limiter } from '../core/concurrency.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { noProgress, type ProgressReport } from '../core/progress.js';
import { sha256 } from '../core/hash.js';
import { positionOf } from '../core/text-position.js';
import type { OutputFile, RenderedPost } from '../types.js';
import { encoderKey, type ImageEncoder, loadImageEncoder } from './encode.js';
import { type ImageStore, noImageStore } from './image-cache.js';
import { findImgTags, type ImgTag } from './img-tags.js';
import { imageMarkup } from './markup.js';
import { type PreparedImage, prepareImage } from './prepare.js';
import { type LocalImage, resolveLocalImage } from './resolve.js';
import type { ImageSettings } from './settings.js';

/** What the stage needs to know of the site. */
export interface ImagesStageOptions {
  siteDir: string;
  basePath: string;
  /** Formats, widths and sizes of the variants; undefined makes none (sizes and lazy loading only). */
  settings?: ImageSettings;
  /** Told how many of the site's local images are ready (the encoding of a new image's variants takes seconds). */
  progress?: ProgressReport;
  /** Opens what the last build learnt and made (called only when a post has a local image); default: nothing kept. */
  store?: () => Promise<ImageStore>;
}

/** What the stage did. */
export interface ImagesResult {
  posts: RenderedPost[];
  /** The variants, for the output. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Local images met, variants in the output, and how many of those this build encoded. */
  stats: { images: number; variants: number; encoded: number };
  /** Keeps what the stage learnt in the store: called once the site is written. */
  keep(): Promise<void>;
}

/** The HTML fields of a rendered post, and whether each may hold a `<picture>` (feed readers take the `<img>`). */
const FIELDS = [
  ['html', true],
  ['excerptHtml', true],
  ['feedHtml', false],
  ['feedExcerptHtml', false],
] as const;

/** Runs the stage on `posts`. */
export async function runImagesStage(
  posts: readonly RenderedPost[],
  options: ImagesStageOptions,
): Promise<ImagesResult> {
  if (!posts.some((rendered) => rendered.features.images))
    return {
      posts: [...posts],
      files: [],
      diagnostics: [],
      stats: { images: 0, variants: 0, encoded: 0 },
      keep: async () => undefined,
    };
  const root = realpathSync(options.siteDir);
  // Each post's image elements, with the file each names.
  const found = posts.map((rendered) => {
    if (!rendered.features.images) return FIELDS.map(() => []);
    const context = { siteDir: options.siteDir, file: rendered.post.source.relPath, basePath: options.basePath };
    const bySrc = new Map<string, LocalImage | undefined>();
    return FIELDS.map(([field]) =>
      findImgTags(rendered[field]).map((tag) => {
        const src = tag.attributes.get('src') ?? '';
        if (!bySrc.has(src)) bySrc.set(src, resolveLocalImage(src, context, root));
        return { tag, src, image: bySrc.get(src) };
      }),
    );
  });
  const images = new Map<string, LocalImage>();
  for (const fields of found)
    for (const refs of fields) for (const r of refs) if (r.image) images.set(r.image.real, r.image);
  const store = images.size > 0 && options.store ? await options.store() : noImageStore();
  let encoder: Promise<ImageEncoder> | undefined;
  const context = {
    settings: options.settings,
    store,
    encoder: () => (encoder ??= loadImageEncoder()),
    encoderKey: options.settings ? encoderKey() : '',
    limit: limiter(availableParallelism()),
  };
  const prepared = new Map<string, PreparedImage>();
  // Images are read a few at a time (each is held in memory until its variants are made).
  const report = options.progress ?? noProgress;
  report('images', 0, images.size);
  await eachLimited([...images.values()], 2 * availableParallelism(), async (image) => {
    prepared.set(image.real, await prepareImage(image, context));
    report('images', prepared.size, images.size);
  });
  const diagnostics: Diagnostic[] = [];
  const out = posts.map((rendered, i) => {
    const fields = found[i]!;
    if (fields.every((refs) => refs.every((r) => !r.image))) return rendered;
    const next: RenderedPost = { ...rendered };
    const replaced: string[] = [];
    FIELDS.forEach(([field, picture], f) => {
      next[field] = rewrite(rendered[field], fields[f]!, (tag, text, image) => {
        const markup = imageMarkup(text, tag, prepared.get(image.real)!, {
          picture,
          sizes: options.settings?.sizes ?? '',
          basePath: options.basePath,
        });
        replaced.push(markup);
        return markup;
      });
    });
    next.imagesDigest = sha256(JSON.stringify(replaced));
    const problems = new Map<string, { src: string; prepared: PreparedImage }>();
    for (const refs of fields)
      for (const r of refs) {
        const p = r.image && prepared.get(r.image.real);
        if (p?.problem && !problems.has(p.image.relPath)) problems.set(p.image.relPath, { src: r.src, prepared: p });
      }
    for (const { src, prepared: p } of problems.values()) diagnostics.push(imageWarning(rendered, src, p, options));
    return next;
  });
  const files = new Map<string, OutputFile>();
  const used = new Set<string>();
  for (const p of [...prepared.values()].sort((a, b) => (a.image.relPath < b.image.relPath ? -1 : 1)))
    for (const v of p.variants) {
      used.add(v.name);
      if (!files.has(v.outputPath))
        files.set(v.outputPath, { outputPath: v.outputPath, contents: v.contents, from: p.image.relPath });
    }
  const all = [...prepared.values()];
  return {
    posts: out,
    files: [...files.values()],
    diagnostics,
    stats: {
      images: all.length,
      variants: files.size,
      encoded: all.reduce((sum, p) => sum + p.encoded, 0),
    },
    keep: () => store.keep(used),
  };
}

/** `html` with each element of `refs` that names a local image replaced by `replace`'s markup. */
function rewrite(
  html: string,
  refs: ReadonlyArray<{ tag: ImgTag; image: LocalImage | undefined }>,
  replace: (tag: ImgTag, text: string, image: LocalImage) => string,
): string {
  let out = '';
  let at = 0;
  for (const { tag, image } of refs) {
    if (!image) continue;
    out += html.slice(at, tag.start) + replace(tag, html.slice(tag.start, tag.end), image);
    at = tag.end;
  }
  return at === 0 ? html : out + html.slice(at);
}

/** The warning for an image that cannot be used, at the first line of the post that names it. */
function imageWarning(
  rendered: RenderedPost,
  src: string,
  prepared: PreparedImage,
  options: ImagesStageOptions,
): Diagnostic {
  const { text, relPath } = rendered.post.source;
  const base = options.basePath;
  const candidates = [
    src,
    base !== '/' && src.startsWith(base) ? src.slice(base.length - 1) : '',
    prepared.image.relPath,
  ];
  const offset = candidates
    .filter(Boolean)
    .map((c) => text.indexOf(c))
    .find((o) => o >= 0);
  const position = offset === undefined ? undefined : positionOf(text, offset);
  return {
    severity: 'warning',
    code: 'image',
    message: `image ${prepared.image.relPath} cannot be read: ${prepared.problem}; the page shows the file as it is`,
    location: { file: relPath, line: position ? position.line0 + 1 : undefined, column: position?.column },
  };
}
