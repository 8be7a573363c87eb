/**
 * The plugin table: each profile installs its built-in entries in the order plugin-names.ts gives
 * (the names a site's plugins are placed by), and a site's plugin goes right before or after the
 * entry it names, or after the table.
 */
import { describe, expect, it } from 'vitest';
import type MarkdownIt from 'markdown-it';
import { splitUserConfig } from '../../src/config/extensions.js';
import { siteConfigSchema } from '../../src/config/schema.js';
import type { CodeHighlighter } from '../../src/markdown/highlighter.js';
import { KRAMDOWN_PLUGIN_NAMES, NATIVE_PLUGIN_NAMES } from '../../src/markdown/plugin-names.js';
import { createMarkdown } from '../../src/markdown/renderer.js';

// Installing the table needs a highlighter object, not a working one: nothing is rendered here.
const highlighter = {} as CodeHighlighter;

/** The order in which probes placed after every entry (and one with no place) were installed. */
function probeOrder(profile: 'native' | 'kramdown', place: 'before' | 'after'): string[] {
  const seen: string[] = [];
  const names = [...new Set([...NATIVE_PLUGIN_NAMES, ...KRAMDOWN_PLUGIN_NAMES])];
  const plugins = [
    { plugin: () => void seen.push('(last)') },
    ...names.map((name) => ({ plugin: (_md: MarkdownIt) => void seen.push(name), [place]: name })),
  ];
  const { extensions } = splitUserConfig({ markdown: { plugins } }, 'test');
  createMarkdown(siteConfigSchema.parse({}), { highlighter, plugins: extensions.plugins }, profile);
  return seen;
}

describe('the plugin table', () => {
  it('installs the native entries in the documented order, with probes next to each', () => {
    // A name only the other profile has goes after the table, in the order the site listed it.
    expect(probeOrder('native', 'after')).toEqual([...NATIVE_PLUGIN_NAMES, '(last)', 'kramdown']);
    expect(probeOrder('native', 'before')).toEqual([...NATIVE_PLUGIN_NAMES, '(last)', 'kramdown']);
  });

  it('installs the kramdown entries in the documented order', () => {
    const onlyNative = NATIVE_PLUGIN_NAMES.filter((n) => !(KRAMDOWN_PLUGIN_NAMES as readonly string[]).includes(n));
    expect(probeOrder('kramdown', 'after')).toEqual([...KRAMDOWN_PLUGIN_NAMES, '(last)', ...onlyNative]);
  });

  it('keeps a plugin limited to one profile away from the other', () => {
    const seen: string[] = [];
    const { extensions } = splitUserConfig(
      { markdown: { plugins: [{ plugin: () => void seen.push('native only'), profiles: ['native'] }] } },
      'test',
    );
    createMarkdown(siteConfigSchema.parse({}), { highlighter, plugins: extensions.plugins }, 'kramdown');
    expect(seen).toEqual([]);
    createMarkdown(siteConfigSchema.parse({}), { highlighter, plugins: extensions.plugins }, 'native');
    expect(seen).toEqual(['native only']);
  });
});
