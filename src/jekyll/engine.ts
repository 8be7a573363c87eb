/**
 * The Liquid engine for one post: liquidjs with Jekyll's tags and filters, no file access except through
 * `{% include %}` (which reads `_includes/` only), and limits so that a hostile post cannot hang or
 * exhaust the build. Templates never run JavaScript: liquidjs only evaluates Liquid expressions.
 */
import { Liquid, type FS } from 'liquidjs';
import { blockTags } from './block-tags.js';
import { jekyllFilters } from './filters.js';
import { scholarTags } from './scholar-tags.js';
import { includeTag } from './include-tag.js';
import type { LiquidRun, LiquidSite } from './liquid-run.js';
import { notebookTags } from './notebook-tags.js';
import { jekyllTags } from './tags.js';
import { tweetTag } from './tweet-tag.js';

/** Limits of one post's Liquid: characters parsed, milliseconds of rendering, characters allocated. */
export const LIQUID_LIMITS = { parseLimit: 10_000_000, renderLimit: 10_000, memoryLimit: 100_000_000 } as const;

/** liquidjs tags that read files or need layouts; Jekyll posts do not have them, so they are unknown tags. */
const REMOVED_TAGS = ['render', 'layout', 'block'] as const;

// Every file lookup fails: the only reader of files is our include tag, through LiquidSite.readInclude.
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`reading ${file} is not allowed`);
  },
  readFileSync: (file) => {
    throw new Error(`reading ${file} is not allowed`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

/** A configured engine whose tags report into `run`. A new one per post: liquidjs's parse limit adds up per engine. */
export function createLiquidEngine(site: LiquidSite, run: LiquidRun): Liquid {
  const engine = new Liquid({
    fs: NO_FILES,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    cache: false,
    // An unknown filter is reported, not silently skipped.
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    jekyllWhere: true,
    timezoneOffset: site.timezone,
    locale: 'en',
    ...LIQUID_LIMITS,
  });
  for (const name of REMOVED_TAGS) delete engine.tags[name];
  for (const [name, tag] of Object.entries({ ...jekyllTags(site, run), ...blockTags(run), ...scholarTags(site, run) }))
    engine.registerTag(name, tag);
  // jekyll-include-cache's `include_cached` renders the same as `include` (caching is an optimisation).
  for (const name of ['include', 'include_cached']) engine.registerTag(name, includeTag(site, run));
  engine.registerTag('twitter', tweetTag(site, run));
  for (const [name, tag] of Object.entries(notebookTags(site, run))) engine.registerTag(name, tag);
  for (const [name, filter] of Object.entries(jekyllFilters(site))) engine.registerFilter(name, filter);
  return engine;
}
