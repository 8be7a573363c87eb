/**
 * splitUserConfig and mergeExtensions: a configuration object's settings and code parted, the shapes
 * of plugins, filters, tags and hooks checked with exact messages, and the API's additions merged
 * with the module's (both hooks run, in order).
 */
import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../src/config/define.js';
import { mergeExtensions, splitUserConfig } from '../../src/config/extensions.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { writeSite } from '../helpers/site.js';

const plugin = (md: { options: object }) => void md;

function refusal(raw: Record<string, unknown>): string {
  try {
    splitUserConfig(raw, 'inkstone.config.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('accepted');
}

describe('splitUserConfig', () => {
  it('keeps settings for the schema and takes plugins out of markdown', () => {
    const { settings, extensions } = splitUserConfig(
      { title: 'T', markdown: { html: 'sanitize', plugins: [plugin, [plugin, 'x'], { plugin, before: 'math' }] } },
      'inkstone.config.ts',
    );
    expect(settings).toEqual({ title: 'T', markdown: { html: 'sanitize' } });
    expect(extensions.plugins.map((p) => [p.name, p.before, p.after, p.profiles])).toEqual([
      ['plugin', undefined, undefined, ['native', 'kramdown']],
      ['plugin', undefined, undefined, ['native', 'kramdown']],
      ['plugin', 'math', undefined, ['native', 'kramdown']],
    ]);
  });

  it('refuses shapes it cannot use, naming the setting', () => {
    expect(refusal({ markdown: { plugins: plugin } })).toBe(
      'setting "markdown.plugins": expected a list of markdown-it plugins, got a function',
    );
    expect(refusal({ markdown: { plugins: ['markdown-it-abbr'] } })).toBe(
      'setting "markdown.plugins[0]": expected a markdown-it plugin (a function), [plugin, ...params] or { plugin, options, before, after }, got the string "markdown-it-abbr"',
    );
    expect(refusal({ markdown: { plugins: [{ plugin, before: 'math', after: 'code' }] } })).toBe(
      'setting "markdown.plugins[0]": expected either "before" or "after", not both, got a map',
    );
    expect(refusal({ markdown: { plugins: [{ plugin, profiles: ['hugo'] }] } })).toBe(
      'setting "markdown.plugins[0].profiles": expected a list of "native" and "kramdown", got a list',
    );
    expect(refusal({ markdown: { plugins: [{ plugin, option: {} }] } })).toBe(
      'setting "markdown.plugins[0].option": expected one of plugin, options, before, after, profiles, got a map',
    );
    expect(refusal({ templates: { filter: {} } })).toBe(
      'unknown setting "templates.filter" (expected filters, globals or tags)',
    );
    expect(refusal({ templates: { filters: { shout: 'upper' } } })).toBe(
      'setting "templates.filters.shout": expected a function, got the string "upper"',
    );
    expect(refusal({ templates: { tags: { year: {} } } })).toBe(
      'setting "templates.tags.year": expected a Nunjucks extension ({ tags: [...], parse(parser, nodes, lexer) }), got a map',
    );
    expect(refusal({ hooks: { afterWrite() {} } })).toBe(
      'unknown hook "hooks.afterWrite" (expected beforeBuild, afterBuild, transformPage)',
    );
    expect(refusal({ data: [1, 2] })).toBe('setting "data": expected a map, got a list');
  });
});

describe('mergeExtensions', () => {
  it('runs both hooks of a kind, the first set first, and chains transformPage', async () => {
    const calls: string[] = [];
    const a = splitUserConfig(
      {
        hooks: {
          beforeBuild: () => void calls.push('a'),
          transformPage: (html: string) => `${html}+a`,
        },
        templates: { globals: { x: 1, y: 1 } },
      },
      'm',
    ).extensions;
    const b = splitUserConfig(
      {
        hooks: {
          beforeBuild: async () => void calls.push('b'),
          transformPage: (html: string) => `${html}+b`,
        },
        templates: { globals: { y: 2 } },
      },
      'm',
    ).extensions;
    const merged = mergeExtensions(a, b);
    const info = { siteDir: '/s', outDir: '/o', mode: 'build' as const, config: {} as never };
    await merged.hooks.beforeBuild?.(info);
    expect(calls).toEqual(['a', 'b']);
    const page: PageInfo = { url: '/', outputPath: 'index.html', kind: 'home' };
    expect(await merged.hooks.transformPage?.('<p>', page)).toBe('<p>+a+b');
    expect(merged.globals).toEqual({ x: 1, y: 2 });
  });
});

describe('the fingerprint of plugins given through the API', () => {
  it('differs when the plugin or its options differ, and is stable otherwise', async () => {
    const site = await writeSite('api-fingerprint', {});
    const print = async (plugins: unknown[]) =>
      (await loadConfig(site, { markdown: { plugins: plugins as never } })).extensions.fingerprint;
    const one = (md: { core: object }) => void md.core;
    const two = (md: { block: object }) => void md.block;
    expect(await print([one])).toBe(await print([one]));
    expect(await print([one])).not.toBe(await print([two]));
    expect(await print([[one, { a: 1 }]])).not.toBe(await print([[one, { a: 2 }]]));
    expect((await loadConfig(site)).extensions.fingerprint).toBe('');
  });
});
