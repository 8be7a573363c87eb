/**
 * The names of the built-in entries of the markdown-it plugin tables (see renderer.ts), which a site's
 * own plugins can be placed before or after. Kept apart from the tables so that the configuration can
 * check a name without loading the plugins.
 */

/** The native profile's table, in order. */
export const NATIVE_PLUGIN_NAMES = [
  'liquid',
  'math',
  'diagrams',
  'kramdown-toc',
  'kramdown-ial',
  'widgets',
  'code',
  'notebooks',
  'callouts',
  'alerts',
  'footnotes',
  'images',
  'anchors',
  'heading-links',
  'emoji',
  'links',
  'excerpt',
  'raw-html',
] as const;

/** The kramdown profile's table, in order. */
export const KRAMDOWN_PLUGIN_NAMES = [
  'kramdown',
  'math',
  'diagrams',
  'kramdown-toc',
  'alerts',
  'widgets',
  'code',
  'notebooks',
  'images',
  'anchors',
  'heading-links',
  'emoji',
  'links',
  'excerpt',
  'raw-html',
] as const;

/**
 * The entry only the Hugo profiles' table has: their table is the native one without `liquid`,
 * `kramdown-toc` and `kramdown-ial`, with `snippets` after `diagrams` (see renderer.ts).
 */
export const HUGO_PLUGIN_NAMES = ['snippets'] as const;

/** The name of a built-in entry of any table. */
export type BuiltInPluginName =
  | (typeof NATIVE_PLUGIN_NAMES)[number]
  | (typeof KRAMDOWN_PLUGIN_NAMES)[number]
  | (typeof HUGO_PLUGIN_NAMES)[number];

/** Every built-in name, each once, native order first. */
export const BUILT_IN_PLUGIN_NAMES: readonly BuiltInPluginName[] = [
  ...new Set<BuiltInPluginName>([...NATIVE_PLUGIN_NAMES, ...KRAMDOWN_PLUGIN_NAMES, ...HUGO_PLUGIN_NAMES]),
];
