/** The scripts every page of the built-in layouts has, for tests that check a page adds no other. */

/**
 * The `src` of each script a page loads itself, in order (structured data aside): the line that applies
 * the reader's colour scheme (inline, so no `src`), the scroll-regions script, the colour scheme button's
 * and the search box's.
 */
export const OWN_SCRIPT_SOURCES: ReadonlyArray<string | null> = [
  null,
  '/assets/inkstone/scroll-regions.js',
  '/assets/inkstone/theme-toggle.js',
  '/assets/inkstone/search.js',
];

/** A script in a page's HTML other than those and the JSON-LD block. */
export const FOREIGN_SCRIPT =
  /<script(?! type="application\/ld\+json")(?! src="\/assets\/inkstone\/(?:scroll-regions|theme-toggle|search)\.js")(?!>try\{var t=localStorage)/;
