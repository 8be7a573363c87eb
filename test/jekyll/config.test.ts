import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { expandPermalink, routeFromUrlPath } from '../../src/content/permalink.js';
import { ConfigError } from '../../src/core/errors.js';
import { combineUrl, jekyllConfigAdapter, permalinkPattern, PERMALINK_STYLES } from '../../src/jekyll/config.js';
import { removeDir, writeSite } from '../helpers/site.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});
const site = async (files: Record<string, string>) => {
  const dir = await writeSite('jekyll-config', files);
  dirs.push(dir);
  return dir;
};

describe('permalink styles', () => {
  const date = DateTime.fromISO('2024-02-09T08:05:03', { zone: 'UTC' });
  const route = (pattern: string, categories: string[] = ['Data Science', 'notes']) =>
    routeFromUrlPath(expandPermalink(permalinkPattern(pattern), { date, slug: 'my-post', categories }));

  it("maps Jekyll's named styles onto patterns", () => {
    expect(PERMALINK_STYLES).toEqual({
      date: '/:categories/:year/:month/:day/:title:output_ext',
      pretty: '/:categories/:year/:month/:day/:title/',
      ordinal: '/:categories/:year/:y_day/:title:output_ext',
      weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
      none: '/:categories/:title:output_ext',
    });
  });

  it('gives the URLs Jekyll gives', () => {
    expect(route('date')).toEqual({
      ok: true,
      url: '/data-science/notes/2024/02/09/my-post.html',
      outputPath: 'data-science/notes/2024/02/09/my-post.html',
    });
    expect(route('pretty')).toEqual({
      ok: true,
      url: '/data-science/notes/2024/02/09/my-post/',
      outputPath: 'data-science/notes/2024/02/09/my-post/index.html',
    });
    expect(route('ordinal', [])).toEqual({
      ok: true,
      url: '/2024/040/my-post.html',
      outputPath: '2024/040/my-post.html',
    });
    expect(route('weekdate', [])).toEqual({
      ok: true,
      url: '/2024/W06/Fri/my-post.html',
      outputPath: '2024/W06/Fri/my-post.html',
    });
    expect(route('none', [])).toEqual({ ok: true, url: '/my-post.html', outputPath: 'my-post.html' });
    expect(route('blog/:year/:title/')).toEqual({
      ok: true,
      url: '/blog/2024/my-post/',
      outputPath: 'blog/2024/my-post/index.html',
    });
  });

  it('expands every date token', () => {
    const all =
      ':year :short_year :month :i_month :short_month :long_month :day :i_day :y_day :short_day :long_day :hour :minute :second :week :w_year';
    expect(expandPermalink(all, { date, slug: 's', categories: [] })).toBe(
      '2024 24 02 2 Feb February 09 9 040 Fri Friday 08 05 03 06 2024',
    );
  });

  it('still refuses a pattern that is an absolute URL', () => {
    expect(routeFromUrlPath(expandPermalink('//evil.example/:title', { date, slug: 's', categories: [] }))).toEqual({
      ok: false,
      reason: 'permalink "//evil.example/s" must be a path on this site, not an absolute URL',
    });
  });
});

describe('_config.yml', () => {
  it('combines url and baseurl', () => {
    expect(combineUrl('https://x.io/', '/blog/')).toBe('https://x.io/blog/');
    expect(combineUrl('https://x.io', '')).toBe('https://x.io/');
    expect(combineUrl(undefined, 'docs')).toBe('/docs/');
    expect(combineUrl('', undefined)).toBeUndefined();
  });

  it('maps onto the site configuration when there is no inkstone.yml', async () => {
    const dir = await site({
      '_config.yml':
        'title: Field Notes\ndescription: >\n  Two\n  lines.\nauthor:\n  name: Ann Writer\nurl: https://ann.example\nbaseurl: /notes\npermalink: pretty\ntimezone: Asia/Tokyo\nlang: ja\nmarkdown: kramdown\nexclude: [drafts-old, README.md]\n',
    });
    const loaded = await loadConfig(dir, {}, jekyllConfigAdapter);
    expect(loaded.file).toBe('_config.yml');
    expect(loaded.config).toMatchObject({
      title: 'Field Notes',
      description: 'Two lines.',
      author: 'Ann Writer',
      url: 'https://ann.example/notes/',
      permalink: '/:categories/:year/:month/:day/:title/',
      timezone: 'Asia/Tokyo',
      language: 'ja',
      liquid: false,
    });
    expect(loaded.adapted?.exclude).toEqual(['drafts-old', 'README.md']);
    expect(loaded.adapted?.raw['markdown']).toBe('kramdown');
  });

  it("uses Jekyll's date style when no permalink is given, and al-folio's name when the title is blank", async () => {
    const dir = await site({ '_config.yml': 'title: blank\nfirst_name: Ada\nlast_name: Example\n' });
    const { config } = await loadConfig(dir, {}, jekyllConfigAdapter);
    expect(config).toMatchObject({ title: 'Ada Example', author: 'Ada Example', permalink: PERMALINK_STYLES['date'] });
  });

  it("takes al-folio's icon as the site icon: an emoji drawn as one, else an image in assets/img/", async () => {
    const favicon = async (icon: string) =>
      (await loadConfig(await site({ '_config.yml': `title: T\nicon: ${icon}\n` }), {}, jekyllConfigAdapter)).config
        .favicon;
    expect(await favicon('"⚛️"')).toBe('⚛️');
    expect(await favicon('prof_pic.jpg')).toBe('/assets/img/prof_pic.jpg');
    // Neither (a space in a file name): the theme's icon, not a configuration error.
    expect(await favicon('my icon.png')).toBe(undefined);
    expect(await favicon('""')).toBe(undefined);
  });

  it("follows al-folio's search_enabled: false (search stays on otherwise)", async () => {
    const search = async (line: string) =>
      (await loadConfig(await site({ '_config.yml': `title: T\n${line}` }), {}, jekyllConfigAdapter)).config.search;
    expect(await search('search_enabled: false\n')).toBe(false);
    expect(await search('search_enabled: true\n')).toBe(true);
    expect(await search('')).toBe(true);
  });

  it("takes al-folio's imagemagick widths for the responsive images, and says so in the compat report", async () => {
    const load = async (block: string) =>
      loadConfig(await site({ '_config.yml': `title: T\n${block}` }), {}, jekyllConfigAdapter);
    const enabled = await load('imagemagick:\n  enabled: true\n  widths:\n    - 480\n    - 800\n    - 1400\n');
    expect(enabled.config.images).toEqual({ formats: ['avif', 'webp'], widths: [480, 800, 1400] });
    expect(enabled.adapted?.compat.filter((c) => c.construct === 'imagemagick')).toEqual([
      {
        file: '_config.yml',
        line: 2,
        construct: 'imagemagick',
        status: 'converted',
        detail:
          'responsive images: AVIF and WebP variants at 480, 800, 1400 pixels, made by inkstone (no ImageMagick needed)',
      },
    ]);
    // Disabled (or unusable widths): inkstone's own defaults, and the report says how to turn them off.
    const disabled = await load('imagemagick:\n  enabled: false\n  widths: [480]\n');
    expect(disabled.config.images).toEqual({ formats: ['avif', 'webp'], widths: [480, 960, 1440] });
    expect(disabled.adapted?.compat.find((c) => c.construct === 'imagemagick')?.detail).toBe(
      'inkstone makes its own responsive variants of local images (images: false in inkstone.yml turns them off)',
    );
    expect((await load('imagemagick:\n  enabled: true\n  widths: [480, "big"]\n')).config.images).toEqual({
      formats: ['avif', 'webp'],
      widths: [480, 960, 1440],
    });
  });

  it('leaves the settings to inkstone.yml when both exist, but still reads _config.yml for Liquid', async () => {
    const dir = await site({
      'inkstone.yml': 'title: From inkstone\nliquid: true\n',
      '_config.yml': 'title: From Jekyll\nlab: x\n',
    });
    const loaded = await loadConfig(dir, {}, jekyllConfigAdapter);
    expect(loaded.config.title).toBe('From inkstone');
    expect(loaded.config.liquid).toBe(true);
    expect(loaded.adapted?.raw).toEqual({ title: 'From Jekyll', lab: 'x' });
  });

  it('reports a bad value at its line and column in _config.yml', async () => {
    const dir = await site({ '_config.yml': 'title: ok\ntimezone: Mars/Olympus\n' });
    const error = await loadConfig(dir, {}, jekyllConfigAdapter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'setting "timezone" (from _config.yml): expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Olympus"',
    );
    expect((error as ConfigError).location).toEqual({ file: '_config.yml', line: 2, column: 11 });
  });

  it('numbers every block for block: line_numbers, and names the highlighter options it does not apply', async () => {
    const config = (opts: string) => `title: t\nkramdown:\n  syntax_highlighter_opts:\n${opts}`;
    const entry = async (opts: string) => {
      const loaded = await loadConfig(await site({ '_config.yml': config(opts) }), {}, jekyllConfigAdapter);
      expect(loaded.config.markdown.line_numbers).toBe('all');
      return loaded.adapted?.compat.find((c) => c.construct === 'kramdown: syntax_highlighter_opts');
    };
    expect(await entry('    block:\n      line_numbers: true\n')).toMatchObject({
      status: 'converted',
      detail:
        'code is highlighted by Shiki at build time; block: line_numbers numbers every code block (markdown.line_numbers: all)',
    });
    expect(await entry('    css_class: hl\n    block:\n      line_numbers: true\n      start_line: 5\n')).toMatchObject(
      {
        status: 'approximated',
        detail:
          'code is highlighted by Shiki at build time; block: line_numbers numbers every code block (markdown.line_numbers: all); not applied: css_class, block.start_line (numbers start at 1)',
      },
    );
  });

  it('applies the kramdown: options the kramdown profile knows, and reports the others', async () => {
    const dir = await site({
      '_config.yml':
        'title: t\nkramdown:\n  input: GFM\n  parse_block_html: true\n  hard_wrap: true\n  math_engine: mathjax\n  toc_levels: 2..3\n',
    });
    const loaded = await loadConfig(dir, {}, jekyllConfigAdapter);
    expect(loaded.config.markdown).toEqual({
      profile: 'kramdown',
      typographer: false,
      linkify: true,
      kramdown: { auto_ids: true, parse_block_html: true, parse_span_html: true, hard_wrap: true, auto_id_prefix: '' },
      html: 'allow',
      id_prefix: '',
      line_numbers: false,
    });
    expect(loaded.adapted?.compat.filter((c) => c.construct.startsWith('kramdown:'))).toEqual([
      {
        file: '_config.yml',
        line: 2,
        construct: 'kramdown: input',
        status: 'converted',
        detail: "kramdown's GFM parser, Jekyll's default",
      },
      {
        file: '_config.yml',
        line: 2,
        construct: 'kramdown: parse_block_html',
        status: 'converted',
        detail: 'applied to every post',
      },
      {
        file: '_config.yml',
        line: 2,
        construct: 'kramdown: hard_wrap',
        status: 'converted',
        detail: 'applied to every post',
      },
      {
        file: '_config.yml',
        line: 2,
        construct: 'kramdown: math_engine',
        status: 'approximated',
        detail: 'formulas are rendered by KaTeX at build time',
      },
      {
        file: '_config.yml',
        line: 2,
        construct: 'kramdown: toc_levels',
        status: 'unsupported',
        detail: "not applied: posts are rendered with Jekyll's default for it",
      },
    ]);
    const bad = await site({ '_config.yml': 'kramdown:\n  auto_ids: "no"\n' });
    await expect(loadConfig(bad, {}, jekyllConfigAdapter)).rejects.toMatchObject({
      message: 'setting "markdown.kramdown.auto_ids" (from _config.yml): expected boolean, got the string "no"',
      location: { file: '_config.yml', line: 2, column: 13 },
    });
  });

  it("takes math macros from the readers' MathJax or KaTeX settings in _config.yml", async () => {
    const dir = await site({
      '_config.yml':
        'mathjax:\n  macros:\n    RR: "\\\\mathbb{R}"\n    bold: ["{\\\\bf #1}", 1]\nkatex:\n  macros:\n    "\\\\E": "\\\\mathbb{E}"\n',
    });
    const { config } = await loadConfig(dir, {}, jekyllConfigAdapter);
    expect(config.math.macros).toEqual({ '\\RR': '\\mathbb{R}', '\\bold': '{\\bf #1}', '\\E': '\\mathbb{E}' });
  });

  it('reports invalid YAML and a wrong exclude with file:line:col', async () => {
    const bad = await site({ '_config.yml': 'title: [unclosed\n' });
    await expect(loadConfig(bad, {}, jekyllConfigAdapter)).rejects.toMatchObject({
      location: { file: '_config.yml', line: 2 },
    });
    const exclude = await site({ '_config.yml': 'exclude: README.md\n' });
    await expect(loadConfig(exclude, {}, jekyllConfigAdapter)).rejects.toMatchObject({
      message: 'setting "exclude": expected a list of paths, got the string "README.md"',
      location: { file: '_config.yml', line: 1, column: 10 },
    });
  });
});
