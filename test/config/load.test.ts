import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { noExtensions } from '../../src/config/extensions.js';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { siteConfigSchema, type SiteConfig } from '../../src/config/schema.js';
import { ConfigError } from '../../src/core/errors.js';

const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));

const DEFAULTS: SiteConfig = {
  title: 'My technical blog',
  description: '',
  author: '',
  url: '/',
  base: { origin: '', basePath: '/' },
  permalink: '/:year/:month/:slug/',
  theme: 'default',
  timezone: 'UTC',
  language: 'en',
  search: true,
  images: { formats: ['avif', 'webp'], widths: [480, 960, 1440] },
  social_cards: true,
  url_style: 'inkstone',
  taxonomies: {},
  date_format: 'LLLL d, yyyy',
  markdown: {
    profile: 'native',
    typographer: false,
    linkify: true,
    kramdown: { auto_ids: true, parse_block_html: false, parse_span_html: true, hard_wrap: false, auto_id_prefix: '' },
    html: 'allow',
    id_prefix: '',
    line_numbers: false,
  },
  paginate: 10,
  feeds: { limit: 20, content: 'full' },
  toc: { threshold: 4, depth: 3 },
  words_per_minute: 220,
  related_posts: 3,
  diagrams: { mode: 'svg' },
  widgets: { interactive: false },
  embeds: { twitter_script: false },
  emoji: false,
  comments: {},
  cache_dir: '.inkstone-cache',
  liquid: false,
  bibliography: { files: [], style: 'author-year' },
  math: { macros: {}, numbering: 'ams', inline: ['$', '\\('] },
};

const FULL_CONFIG = `# A complete configuration
title: Notes on Compilers
description: Parsing, types and code generation.
author: Ada Lovelace
url: https://example.org/blog/
permalink: /posts/:year/:slug/
theme: default
timezone: Europe/Paris
language: fr
search: false
images:
  formats: [webp, jpeg]
  widths: [640, 1280]
  sizes: 100vw
social_cards: false
date_format: d LLLL yyyy
markdown:
  typographer: true
  linkify: false
diagrams:
  mode: auto
  browser: /usr/bin/chromium
cache_dir: /var/cache/blog
math:
  macros:
    "\\\\RR": "\\\\mathbb{R}"
`;

const FULL_EXPECTED: SiteConfig = {
  title: 'Notes on Compilers',
  description: 'Parsing, types and code generation.',
  author: 'Ada Lovelace',
  url: 'https://example.org/blog/',
  base: { origin: 'https://example.org', basePath: '/blog/' },
  permalink: '/posts/:year/:slug/',
  theme: 'default',
  timezone: 'Europe/Paris',
  language: 'fr',
  search: false,
  images: { formats: ['webp', 'jpeg'], widths: [640, 1280], sizes: '100vw' },
  social_cards: false,
  url_style: 'inkstone',
  taxonomies: {},
  date_format: 'd LLLL yyyy',
  markdown: {
    profile: 'native',
    typographer: true,
    linkify: false,
    kramdown: { auto_ids: true, parse_block_html: false, parse_span_html: true, hard_wrap: false, auto_id_prefix: '' },
    html: 'allow',
    id_prefix: '',
    line_numbers: false,
  },
  paginate: 10,
  feeds: { limit: 20, content: 'full' },
  toc: { threshold: 4, depth: 3 },
  words_per_minute: 220,
  related_posts: 3,
  diagrams: { mode: 'auto', browser: '/usr/bin/chromium' },
  widgets: { interactive: false },
  embeds: { twitter_script: false },
  emoji: false,
  comments: {},
  cache_dir: '/var/cache/blog',
  liquid: false,
  bibliography: { files: [], style: 'author-year' },
  math: { macros: { '\\RR': '\\mathbb{R}' }, numbering: 'ams', inline: ['$', '\\('] },
};

/** What parseConfigText threw, as shown to users. */
function configError(text: string, overrides: Parameters<typeof parseConfigText>[2] = {}) {
  try {
    parseConfigText(text, 'inkstone.yml', overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    return { code: e.code, message: e.message, location: e.location };
  }
  throw new Error('expected parseConfigText to throw');
}

describe('parseConfigText', () => {
  it('gives the documented defaults for an empty file', () => {
    expect(parseConfigText('', 'inkstone.yml')).toEqual(DEFAULTS);
    expect(parseConfigText('# nothing set yet\n', 'inkstone.yml')).toEqual(DEFAULTS);
  });

  it('agrees with the schema defaults', () => {
    expect(siteConfigSchema.parse({})).toEqual(DEFAULTS);
  });

  it('reads a full valid configuration', () => {
    expect(parseConfigText(FULL_CONFIG, 'inkstone.yml')).toEqual(FULL_EXPECTED);
  });

  it('fills defaults inside partly given sections', () => {
    expect(parseConfigText('markdown:\n  typographer: true\n', 'inkstone.yml').markdown).toEqual({
      profile: 'native',
      typographer: true,
      linkify: true,
      kramdown: {
        auto_ids: true,
        parse_block_html: false,
        parse_span_html: true,
        hard_wrap: false,
        auto_id_prefix: '',
      },
      html: 'allow',
      id_prefix: '',
      line_numbers: false,
    });
  });

  it('reads `markdown: kramdown` as the kramdown profile, as Jekyll writes it', () => {
    expect(parseConfigText('markdown: kramdown\n', 'inkstone.yml').markdown).toEqual({
      profile: 'kramdown',
      typographer: false,
      linkify: true,
      kramdown: {
        auto_ids: true,
        parse_block_html: false,
        parse_span_html: true,
        hard_wrap: false,
        auto_id_prefix: '',
      },
      html: 'allow',
      id_prefix: '',
      line_numbers: false,
    });
    expect(configError('markdown: redcarpet\n')).toEqual({
      code: 'config',
      message:
        'setting "markdown": expected "native", "kramdown", or a map of markdown options (profile, typographer, linkify, html, id_prefix, line_numbers, kramdown), got the string "redcarpet"',
      location: { file: 'inkstone.yml', line: 1, column: 11 },
    });
  });

  it('reports an unknown key at the key', () => {
    expect(configError('title: Blog\ntitel: Typo\n')).toEqual({
      code: 'config',
      message: 'unknown setting "titel"',
      location: { file: 'inkstone.yml', line: 2, column: 1 },
    });
  });

  it('reports an unknown nested key at the key', () => {
    expect(configError('title: Blog\nmarkdown:\n  typografer: true\n')).toEqual({
      code: 'config',
      message: 'unknown setting "typografer"',
      location: { file: 'inkstone.yml', line: 3, column: 3 },
    });
  });

  it('reports title: [1] at the value', () => {
    expect(configError('title: [1]\n')).toEqual({
      code: 'config',
      message: 'setting "title": expected string, got a list',
      location: { file: 'inkstone.yml', line: 1, column: 8 },
    });
  });

  it('reports an unknown time zone at the value', () => {
    expect(configError('title: Blog\ntimezone: Mars/Base\n')).toEqual({
      code: 'config',
      message:
        'setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
      location: { file: 'inkstone.yml', line: 2, column: 11 },
    });
  });

  it('reports a url that is neither absolute nor a path at the value', () => {
    expect(configError('title: Blog\nurl: example.org\n')).toEqual({
      code: 'config',
      message:
        'setting "url": expected an absolute http(s) URL such as "https://example.org/blog/" or a path such as "/blog/", got the string "example.org"',
      location: { file: 'inkstone.yml', line: 2, column: 6 },
    });
  });

  it('reports the first of several problems and counts the others', () => {
    expect(configError('url: example.org\ntimezone: Mars/Base\n')).toEqual({
      code: 'config',
      message:
        'setting "url": expected an absolute http(s) URL such as "https://example.org/blog/" or a path such as "/blog/", got the string "example.org" (and 1 more)',
      location: { file: 'inkstone.yml', line: 1, column: 6 },
    });
  });

  it('reports a wrong nested value with its dotted path', () => {
    expect(configError('markdown:\n  linkify: "no"\n')).toEqual({
      code: 'config',
      message: 'setting "markdown.linkify": expected boolean, got the string "no"',
      location: { file: 'inkstone.yml', line: 2, column: 12 },
    });
  });

  it('refuses a theme name that is a path', () => {
    expect(configError('theme: ../evil\n')).toEqual({
      code: 'config',
      message: 'setting "theme": expected a theme folder name, got the string "../evil"',
      location: { file: 'inkstone.yml', line: 1, column: 8 },
    });
  });

  it('refuses a file that is not a map', () => {
    expect(configError('- title\n- url\n')).toEqual({
      code: 'config',
      message: 'expected a map of settings, got a list',
      location: { file: 'inkstone.yml', line: 1, column: 1 },
    });
  });

  it('reports invalid YAML at its line and column', () => {
    expect(configError('title: Blog\ntitle: Again\n')).toEqual({
      code: 'config',
      message: 'invalid YAML: Map keys must be unique',
      location: { file: 'inkstone.yml', line: 2, column: 1 },
    });
  });

  it('reports tab indentation at its line and column', () => {
    expect(configError('markdown:\n\tlinkify: false\n')).toEqual({
      code: 'config',
      message: 'invalid YAML: Tabs are not allowed as indentation',
      location: { file: 'inkstone.yml', line: 2, column: 1 },
    });
  });

  it('lets overrides win over file values', () => {
    const config = parseConfigText('title: From the file\nurl: /blog/\nauthor: Ada\n', 'inkstone.yml', {
      title: 'From the command line',
      url: 'https://example.org/',
    });
    expect([config.title, config.url, config.author]).toEqual(['From the command line', 'https://example.org/', 'Ada']);
  });

  it('ignores overrides that are undefined', () => {
    expect(parseConfigText('url: /blog/\n', 'inkstone.yml', { url: undefined }).url).toBe('/blog/');
  });

  it('validates overrides too', () => {
    expect(configError('title: Blog\n', { timezone: 'Mars/Base' }).message).toBe(
      'setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
    );
  });
});

describe('loadConfig', () => {
  const sites: string[] = [];
  async function site(files: Record<string, string>): Promise<string> {
    const dir = path.join(TMP_ROOT, `config-${randomUUID()}`);
    sites.push(dir);
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return dir;
  }
  afterEach(async () => {
    for (const dir of sites.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('uses the defaults when there is no configuration file', async () => {
    expect(await loadConfig(await site({}))).toEqual({
      config: DEFAULTS,
      file: undefined,
      text: undefined,
      adapted: undefined,
      extensions: noExtensions(),
    });
  });

  it('applies overrides to the defaults', async () => {
    const loaded = await loadConfig(await site({}), { title: 'Override', url: undefined });
    expect(loaded.config).toEqual({ ...DEFAULTS, title: 'Override' });
  });

  it('reports an invalid override when there is no file', async () => {
    const error = await loadConfig(await site({}), { timezone: 'Mars/Base' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect({
      code: (error as ConfigError).code,
      message: (error as ConfigError).message,
      location: (error as ConfigError).location,
    }).toEqual({
      code: 'config',
      message:
        'setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
      location: { file: '(defaults)' },
    });
  });

  it('reads inkstone.yml and returns its name and text', async () => {
    const dir = await site({ 'inkstone.yml': FULL_CONFIG });
    expect(await loadConfig(dir)).toEqual({
      config: FULL_EXPECTED,
      file: 'inkstone.yml',
      text: FULL_CONFIG,
      adapted: undefined,
      extensions: noExtensions(),
    });
  });

  it('reads inkstone.yaml', async () => {
    const dir = await site({ 'inkstone.yaml': 'title: Long extension\n' });
    const loaded = await loadConfig(dir);
    expect([loaded.file, loaded.config.title]).toEqual(['inkstone.yaml', 'Long extension']);
  });

  it('points settings that only code can give to the configuration module', async () => {
    const dir = await site({ 'inkstone.yml': 'title: Blog\nhooks:\n  afterBuild: ./deploy.sh\n' });
    const error = await loadConfig(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'unknown setting "hooks": plugins, templates, data and hooks are code, given in inkstone.config.js or .ts (see "Extending inkstone" in the README)',
    );
    expect((error as ConfigError).location).toMatchObject({ file: 'inkstone.yml', line: 2 });
  });

  it('prefers inkstone.yml over inkstone.yaml', async () => {
    const dir = await site({ 'inkstone.yml': 'title: Short\n', 'inkstone.yaml': 'title: Long\n' });
    const loaded = await loadConfig(dir);
    expect([loaded.file, loaded.config.title]).toEqual(['inkstone.yml', 'Short']);
  });

  it('lets overrides win over the file', async () => {
    const dir = await site({ 'inkstone.yml': 'title: File\ntimezone: Europe/Paris\n' });
    const loaded = await loadConfig(dir, { timezone: 'America/New_York' });
    expect([loaded.config.title, loaded.config.timezone]).toEqual(['File', 'America/New_York']);
  });

  it('throws a ConfigError located in the file', async () => {
    const dir = await site({ 'inkstone.yml': 'title: Blog\ntimezone: Mars/Base\n' });
    const error = await loadConfig(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect({ message: (error as ConfigError).message, location: (error as ConfigError).location }).toEqual({
      message:
        'setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
      location: { file: 'inkstone.yml', line: 2, column: 11 },
    });
  });
});
