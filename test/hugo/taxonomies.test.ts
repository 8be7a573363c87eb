/**
 * Taxonomies besides tags and categories: a Hugo site's own (`[taxonomies] author = "authors"`) and a
 * native site's `taxonomies` setting, each with an index page, a page and feed per term, and the
 * post's terms under it; the RSS feed of each taxonomy's index (`/tags/index.xml`), an entry per
 * term, as Hugo writes it; and a string of terms kept whole in Hugo content, as Hugo keeps it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { listFiles, readOutput, removeDir, writeSite } from '../helpers/site.js';

const HUGO: Record<string, string> = {
  'hugo.toml': [
    'baseURL = "https://terms.example.org/"',
    'title = "Terms"',
    '[taxonomies]',
    '  tag = "tags"',
    '  category = "categories"',
    '  author = "Authors"',
    '  series = "series"',
    '',
  ].join('\n'),
  'content/posts/rings.md':
    '---\ntitle: Rings\ndate: 2021-05-01\nauthors: [Ann Lee, Bo Li]\ntags: [algebra]\n---\nRings.\n',
  'content/posts/fields.md':
    '+++\ntitle = "Fields"\ndate = 2022-07-01\nAuthors = "Bo Li"\ntags = "go lang"\n+++\nFields.\n',
  'content/posts/plain.md': '---\ntitle: Plain\ndate: 2023-01-01\n---\nNo terms.\n',
};

describe('the taxonomies of a Hugo site', () => {
  let site: string;
  let result: BuildResult;
  const out = () => path.join(site, '_site');

  beforeAll(async () => {
    site = await writeSite('hugo-terms', HUGO);
    result = await build({ siteDir: site, now: new Date('2024-01-01T00:00:00Z') });
  });
  afterAll(() => removeDir(site));

  it('builds an index, a page and feeds for each term of its own taxonomy', async () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.config.taxonomies).toEqual({ authors: 'author' });
    const files = await listFiles(out());
    for (const file of [
      'authors/index.html',
      'authors/index.xml',
      'authors/ann-lee/index.html',
      'authors/ann-lee/index.xml',
      'authors/ann-lee/feed.xml',
      'authors/bo-li/index.html',
      'tags/index.xml',
      'categories/index.xml',
    ])
      expect(files, file).toContain(file);
    const term = await readOutput(out(), 'authors/bo-li/index.html');
    expect(term).toContain('<title>Author: Bo Li · Terms</title>');
    expect(term).toContain('<meta name="description" content="Posts with author Bo Li">');
    expect(term).toContain('<p class="breadcrumb"><a href="/authors/">Authors</a></p>');
    expect([...term.matchAll(/<h2 class="post-item-title"><a href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      '/posts/fields/',
      '/posts/rings/',
    ]);
    const index = await readOutput(out(), 'authors/index.html');
    expect(index).toContain('<h1>Authors</h1>');
    expect(index).toContain(
      '<li><a href="/authors/ann-lee/">Ann Lee</a> <span class="term-count" aria-label="1 post">1</span></li>',
    );
    expect(index).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Terms (RSS, Authors)" href="https://terms.example.org/authors/index.xml">',
    );
  });

  it("lists a post's terms of its own taxonomies under it", async () => {
    expect(await readOutput(out(), 'posts/rings/index.html')).toContain(
      '<p class="post-terms"><span class="label">Authors:</span>\n<a class="term" href="/authors/ann-lee/">Ann Lee</a>, <a class="term" href="/authors/bo-li/">Bo Li</a>    </p>',
    );
    expect(await readOutput(out(), 'posts/plain/index.html')).not.toContain('Authors:');
  });

  it("writes a taxonomy's feed with an entry per term, the newest first", async () => {
    const rss = await readOutput(out(), 'authors/index.xml');
    expect(rss).toContain('<title>Authors on Terms</title>');
    const items = [
      ...rss.matchAll(
        /<item>\s*<title><!\[CDATA\[([^\]]*)\]\]><\/title>\s*<link>([^<]*)<\/link>[\s\S]*?<pubDate>([^<]*)<\/pubDate>/g,
      ),
    ];
    expect(items.map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      'Bo Li https://terms.example.org/authors/bo-li/ Fri, 01 Jul 2022 00:00:00 +0000',
      'Ann Lee https://terms.example.org/authors/ann-lee/ Sat, 01 May 2021 00:00:00 +0000',
    ]);
    // The site's own feeds do not count a taxonomy's feed as one of them.
    expect(await readOutput(out(), 'index.xml')).toContain('<title><![CDATA[Plain]]></title>');
    expect(await readOutput(out(), 'feed.xml')).not.toContain('/authors/index.xml');
  });

  it('keeps a string of terms whole, as Hugo does', async () => {
    const files = await listFiles(out());
    expect(files).toContain('tags/go-lang/index.html');
    expect(files).not.toContain('tags/go/index.html');
  });

  it('reports the taxonomy as converted', () => {
    expect(
      result.compat.filter((e) => e.construct.startsWith('taxonomies')).map((e) => `${e.construct} ${e.status}`),
    ).toEqual([
      'taxonomies: tag = tags converted',
      'taxonomies: category = categories converted',
      'taxonomies: author = Authors converted',
      'taxonomies: series = series approximated',
    ]);
  });
});

describe('the taxonomies setting of a native site', () => {
  it('gives pages to the terms of each front matter key it names', async () => {
    const site = await writeSite('native-terms', {
      'inkstone.yml': 'title: Native\nurl: https://native.example.org/\ntaxonomies:\n  authors: author\n',
      'posts/2024-02-03-notes.md': '---\ntitle: Notes\nauthors: Cy Park\ntags: a b\n---\nNotes.\n',
    });
    try {
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      const files = await listFiles(path.join(site, '_site'));
      // Jekyll's rule holds in native posts: a string of terms is split on spaces.
      for (const file of [
        'authors/index.html',
        'authors/cy/index.html',
        'authors/park/index.html',
        'tags/a/index.html',
      ])
        expect(files, file).toContain(file);
      // Only a Hugo site has the feeds of taxonomy indexes.
      expect(files).not.toContain('authors/index.xml');
    } finally {
      await removeDir(site);
    }
  });

  it('refuses a name of its own, at its line', async () => {
    const site = await writeSite('native-terms-bad', {
      'inkstone.yml': 'title: Native\ntaxonomies:\n  tags: tag\n',
      'posts/2024-02-03-notes.md': '---\ntitle: Notes\n---\nNotes.\n',
    });
    try {
      await expect(build({ siteDir: site, write: false })).rejects.toMatchObject({
        message:
          'setting "taxonomies.tags": the name "tags" is inkstone\'s own (tags, categories, category, series, archive, assets, pagefind, page are): expected another name for this taxonomy, got the string "tag"',
        location: { file: 'inkstone.yml', line: 3, column: 9 },
      });
    } finally {
      await removeDir(site);
    }
  });
});
