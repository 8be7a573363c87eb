/**
 * The social cards stage: a card (draw.ts) for each post that has no picture of its own (`thumbnail`
 * or `image` in its front matter) and is not a redirect, written to `assets/inkstone/cards/` and named
 * on the post as `card`, which the page's `og:image` and `twitter:image` then point to. Each card is
 * kept in `cache_dir/cards/` by a hash of everything drawn on it, so it is drawn once.
 */
import { availableParallelism } from 'node:os';
import { eachLimited } from '../core/concurrency.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { noProgress, type ProgressReport } from '../core/progress.js';
import { sha256 } from '../core/hash.js';
import { fileNameSegment } from '../core/paths.js';
import { packageVersion } from '../core/packages.js';
import type { ImageStore } from '../images/image-cache.js';
import { noImageStore } from '../images/image-cache.js';
import type { OutputFile, RenderedPost } from '../types.js';
import { type CardStyle, type CardText, drawCard } from './draw.js';

/** Where the cards go in the output. */
export const CARD_OUTPUT_DIR = 'assets/inkstone/cards';

/** What the stage needs to know of the site. */
export interface CardsOptions {
  siteTitle: string;
  style: CardStyle;
  /** The date as the site shows it (the `date` filter's format, time zone and language). */
  formatDate: (iso: string) => string;
  /** Told how many cards are ready. */
  progress?: ProgressReport;
  /** Opens the cards drawn before; default: nothing kept. */
  store?: () => Promise<ImageStore>;
}

/** What the stage did. */
export interface CardsResult {
  posts: RenderedPost[];
  files: OutputFile[];
  /** A card that could not be drawn (the post then has no link preview image). */
  diagnostics: Diagnostic[];
  /** Cards in the output, and how many this build drew (the others came from the cache). */
  stats: { cards: number; drawn: number };
  /** Keeps this build's cards in the store and drops the others: called once the site is written. */
  keep(): Promise<void>;
}

/** Bumped when the drawing changes, so that cached cards are drawn again. */
const CARD_DESIGN = 1;

/** Whether a post gets a card: it has no picture of its own and a page of its own. */
export function wantsCard(rendered: RenderedPost): boolean {
  const { meta } = rendered.post;
  return meta.thumbnail === undefined && meta.redirectTo === undefined;
}

/** Runs the stage on `posts`. */
export async function runCardsStage(posts: readonly RenderedPost[], options: CardsOptions): Promise<CardsResult> {
  const wanted = posts.filter(wantsCard);
  if (wanted.length === 0)
    return { posts: [...posts], files: [], diagnostics: [], stats: { cards: 0, drawn: 0 }, keep: async () => {} };
  const store = options.store ? await options.store() : noImageStore();
  const version = packageVersion('sharp');
  let sharp: Promise<typeof import('sharp')['default']> | undefined;
  const files = new Map<RenderedPost, OutputFile>();
  const used = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const report = options.progress ?? noProgress;
  let drawn = 0;
  let ready = 0;
  report('cards', 0, wanted.length);
  await eachLimited(wanted, availableParallelism(), async (rendered) => {
    const text = cardText(rendered, options);
    const key = sha256(JSON.stringify([CARD_DESIGN, version, text, options.style])).slice(0, 20);
    const name = `${key}.png`;
    let contents = await store.readVariant(name);
    if (!contents) {
      try {
        contents = await drawCard(await (sharp ??= import('sharp').then((m) => m.default)), text, options.style);
        drawn++;
        await store.writeVariant(name, contents);
      } catch (error) {
        diagnostics.push(cardWarning(rendered, error));
      }
    }
    report('cards', ++ready, wanted.length);
    if (!contents) return;
    used.add(name);
    const outputPath = `${CARD_OUTPUT_DIR}/${fileNameSegment(rendered.post.slug, 60, 'post')}-${key.slice(0, 10)}.png`;
    files.set(rendered, { outputPath, contents, from: rendered.post.source.relPath });
  });
  return {
    posts: posts.map((rendered) => {
      const file = files.get(rendered);
      return file ? { ...rendered, card: file.outputPath } : rendered;
    }),
    files: wanted.flatMap((rendered) => files.get(rendered) ?? []),
    diagnostics,
    stats: { cards: files.size, drawn },
    keep: () => store.keep(used),
  };
}

function cardWarning(rendered: RenderedPost, error: unknown): Diagnostic {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    severity: 'warning',
    code: 'image',
    message: `the social card of this post cannot be drawn (${reason}): its pages have no link preview image`,
    location: { file: rendered.post.source.relPath },
  };
}

function cardText(rendered: RenderedPost, options: CardsOptions): CardText {
  const { meta } = rendered.post;
  // A page that gives no date shows none on its card either.
  const date = meta.undated ? '' : options.formatDate(meta.date);
  return { title: meta.title, date, site: options.siteTitle, tags: meta.tags };
}
