import { describe, expect, it } from 'vitest';
import { siteConfigSchema, type SiteConfig } from '../../src/config/schema.js';
import { createPost } from '../../src/content/post.js';
import { termList } from '../../src/content/terms.js';
import type { Post, SourceFile } from '../../src/types.js';

const CONFIG: SiteConfig = siteConfigSchema.parse({});

function source(relPath: string, text: string): SourceFile {
  return { relPath, absPath: '', text, hash: '' };
}

/** The post of a file that must be valid; fails with its diagnostics otherwise. */
function post(relPath: string, text: string, config: SiteConfig = CONFIG): Post {
  const result = createPost(source(relPath, text), config);
  if (!result.ok) throw new Error(`expected a post, got ${JSON.stringify(result.diagnostics.map((d) => d.message))}`);
  return result.post;
}

/** The diagnostics of a file that must be refused, without the source text. */
function problems(relPath: string, text: string, config: SiteConfig = CONFIG) {
  const result = createPost(source(relPath, text), config);
  if (result.ok) throw new Error(`expected diagnostics, got the post ${result.post.url}`);
  for (const d of result.diagnostics) expect(d.sourceText).toBe(text);
  return result.diagnostics.map(({ sourceText: _sourceText, ...rest }) => rest);
}

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\nBody text.\n`;
const FILE = 'posts/2024-01-02-hello-world.md';

describe('createPost: a complete post', () => {
  it('normalises every field', () => {
    const text = fm('title: Hello', 'description: A first post', 'tags: [a, b]', 'categories: notes');
    const p = post(FILE, text);
    expect(p).toEqual({
      source: { relPath: FILE, absPath: '', text, hash: '' },
      meta: {
        title: 'Hello',
        date: '2024-01-02T00:00:00.000Z',
        updated: undefined,
        description: 'A first post',
        tags: ['a', 'b'],
        categories: ['notes'],
        layout: 'post',
        draft: false,
        permalink: undefined,
        redirectFrom: [],
        data: { title: 'Hello', description: 'A first post', tags: ['a', 'b'], categories: 'notes' },
      },
      body: 'Body text.\n',
      bodyLine: 7,
      slug: 'hello-world',
      url: '/2024/01/hello-world/',
      outputPath: '2024/01/hello-world/index.html',
    });
  });

  it('accepts a file without front matter when the name carries the date', () => {
    const p = post('posts/2024-01-02-no-front-matter.md', 'Just text.\n');
    expect(p.meta.title).toBe('No Front Matter');
    expect(p.body).toBe('Just text.\n');
    expect(p.bodyLine).toBe(1);
    expect(p.url).toBe('/2024/01/no-front-matter/');
  });
});

describe('createPost: tags and categories', () => {
  it('keeps a list of tags', () => {
    expect(post(FILE, fm('tags: [formatting, math]')).meta.tags).toEqual(['formatting', 'math']);
  });

  it('splits a string of tags on whitespace, as Jekyll does', () => {
    expect(post(FILE, fm('tags: formatting math')).meta.tags).toEqual(['formatting', 'math']);
    expect(post(FILE, fm('tags: "  formatting \t math  "')).meta.tags).toEqual(['formatting', 'math']);
  });

  it('turns numbers into names, in lists and alone', () => {
    expect(post(FILE, fm('tags: [python, 3, 2.5]')).meta.tags).toEqual(['python', '3', '2.5']);
    expect(post(FILE, fm('tags: 42')).meta.tags).toEqual(['42']);
  });

  it('removes duplicates, keeping the first occurrence', () => {
    expect(post(FILE, fm('tags: [b, a, b, a]')).meta.tags).toEqual(['b', 'a']);
    expect(post(FILE, fm('tags: math formatting math')).meta.tags).toEqual(['math', 'formatting']);
  });

  it('keeps spellings that differ in case (the taxonomy merges them)', () => {
    expect(post(FILE, fm('tags: [Python, python]')).meta.tags).toEqual(['Python', 'python']);
  });

  it('treats an empty tags key as no tags', () => {
    expect(post(FILE, fm('tags:')).meta.tags).toEqual([]);
    expect(post(FILE, fm('tags: []')).meta.tags).toEqual([]);
  });

  it('reads categories as a list or a string', () => {
    expect(post(FILE, fm('categories: [Web Dev, notes]')).meta.categories).toEqual(['Web Dev', 'notes']);
    expect(post(FILE, fm('categories: web notes')).meta.categories).toEqual(['web', 'notes']);
  });

  it('reads the singular category', () => {
    expect(post(FILE, fm('category: notes')).meta.categories).toEqual(['notes']);
    expect(post(FILE, fm('category: [notes, 1]')).meta.categories).toEqual(['notes', '1']);
  });

  it('prefers categories over category when both are given', () => {
    expect(post(FILE, fm('categories: [a]', 'category: b')).meta.categories).toEqual(['a']);
  });

  it('has no tags or categories when none are given', () => {
    const p = post(FILE, fm('title: Plain'));
    expect(p.meta.tags).toEqual([]);
    expect(p.meta.categories).toEqual([]);
  });

  it('termList drops blanks', () => {
    expect(termList(['a', ' ', '', ' b '])).toEqual(['a', 'b']);
    expect(termList(null)).toEqual([]);
    expect(termList(undefined)).toEqual([]);
  });
});

describe('createPost: dates', () => {
  it('takes the date from the front matter over the file name prefix', () => {
    const p = post('posts/2024-01-02-hello.md', fm('date: 2023-05-06 10:30:00'));
    expect(p.meta.date).toBe('2023-05-06T10:30:00.000Z');
    expect(p.url).toBe('/2023/05/hello/');
  });

  it('takes the date from the YYYY-MM-DD- prefix and drops the prefix from the slug', () => {
    const p = post('posts/2022-10-23-attention-scores.md', 'Body\n');
    expect(p.meta.date).toBe('2022-10-23T00:00:00.000Z');
    expect(p.slug).toBe('attention-scores');
    expect(p.url).toBe('/2022/10/attention-scores/');
  });

  it('reads a file without prefix when the front matter has a date', () => {
    const p = post('posts/hello.md', fm('date: 2023-05-06'));
    expect(p.slug).toBe('hello');
    expect(p.meta.date).toBe('2023-05-06T00:00:00.000Z');
  });

  it('reads dates without offset in the configured time zone', () => {
    const ny = siteConfigSchema.parse({ timezone: 'America/New_York' });
    expect(post(FILE, 'Body\n', ny).meta.date).toBe('2024-01-02T00:00:00.000-05:00');
    expect(post(FILE, fm('date: 2024-07-01 09:00:00 +0200'), ny).meta.date).toBe('2024-07-01T03:00:00.000-04:00');
  });

  it('refuses a post with no date at all', () => {
    expect(problems('posts/hello.md', fm('title: Hello'))).toEqual([
      {
        severity: 'error',
        code: 'date',
        message:
          'post has no date: add "date: YYYY-MM-DD" to the front matter or a YYYY-MM-DD- prefix to the file name',
        location: { file: 'posts/hello.md', line: 1, column: 1 },
      },
    ]);
  });

  it('refuses an impossible date in the file name and says that it comes from the name', () => {
    expect(problems('posts/2023-02-29-leap.md', fm('title: Leap'))).toEqual([
      {
        severity: 'error',
        code: 'date',
        message: 'the date in the file name: "2023-02-29" is not a valid date: February 2023 has 28 days',
        location: { file: 'posts/2023-02-29-leap.md', line: 1, column: 1 },
      },
    ]);
  });

  it('refuses an impossible front matter date at the position of its value', () => {
    expect(problems('posts/hello.md', fm('title: Hello', 'date:   2024-02-30'))).toEqual([
      {
        severity: 'error',
        code: 'date',
        message: 'front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days',
        location: { file: 'posts/hello.md', line: 3, column: 9 },
      },
    ]);
  });

  it('refuses a quoted impossible date the same way', () => {
    expect(problems('posts/hello.md', fm('date: "2023-02-29"'))).toEqual([
      {
        severity: 'error',
        code: 'date',
        message: 'front matter field "date": "2023-02-29" is not a valid date: February 2023 has 28 days',
        location: { file: 'posts/hello.md', line: 2, column: 7 },
      },
    ]);
  });

  it('refuses a date that is not a string', () => {
    expect(problems(FILE, fm('date: 20240102'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message:
          'front matter field "date": expected a date such as 2024-05-01 or "2024-05-01 14:30:00 +0200", got number 20240102',
        location: { file: FILE, line: 2, column: 7 },
      },
    ]);
  });

  it('reads updated', () => {
    expect(post(FILE, fm('updated: 2024-03-01 10:00')).meta.updated).toBe('2024-03-01T10:00:00.000Z');
  });

  it("reads Jekyll's last_modified_at", () => {
    expect(post(FILE, fm('last_modified_at: 2024-03-01')).meta.updated).toBe('2024-03-01T00:00:00.000Z');
  });

  it('refuses an impossible last_modified_at at its value', () => {
    expect(problems(FILE, fm('title: x', 'last_modified_at: 2024-03-32'))).toEqual([
      {
        severity: 'error',
        code: 'date',
        message: 'front matter field "last_modified_at": "2024-03-32" is not a valid date: March 2024 has 31 days',
        location: { file: FILE, line: 3, column: 19 },
      },
    ]);
  });
});

describe('createPost: wrong types are reported with file, field, expectation and position', () => {
  it('title: [a]', () => {
    expect(problems(FILE, fm('title: [a]'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'front matter field "title": expected a string, got a list',
        location: { file: FILE, line: 2, column: 8 },
      },
    ]);
  });

  it('tags: {a: 1}', () => {
    expect(problems(FILE, fm('title: ok', 'tags: {a: 1}'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message:
          'front matter field "tags": expected a string of space-separated names or a list of strings, got a map',
        location: { file: FILE, line: 3, column: 7 },
      },
    ]);
  });

  it('draft: "yes"', () => {
    expect(problems(FILE, fm('draft: "yes"'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'front matter field "draft": expected true or false, got the string "yes"',
        location: { file: FILE, line: 2, column: 8 },
      },
    ]);
  });

  it('draft: yes (a string in YAML 1.2)', () => {
    expect(problems(FILE, fm('draft: yes'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'front matter field "draft": expected true or false, got the string "yes"',
        location: { file: FILE, line: 2, column: 8 },
      },
    ]);
  });

  it('layout: 3', () => {
    expect(problems(FILE, fm('layout: 3'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'front matter field "layout": expected a layout name, got number 3',
        location: { file: FILE, line: 2, column: 9 },
      },
    ]);
  });

  it('layout: ../x', () => {
    expect(problems(FILE, fm('layout: ../x'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message:
          'front matter field "layout": expected a layout name made of letters, digits, "-" and "_", got the string "../x"',
        location: { file: FILE, line: 2, column: 9 },
      },
    ]);
  });

  it('an item of a tag list that is a map', () => {
    expect(problems(FILE, fm('tags:', '  - ok', '  - {a: 1}'))).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message:
          'front matter field "tags": expected a string of space-separated names or a list of strings, got a list',
        location: { file: FILE, line: 3, column: 3 },
      },
    ]);
  });

  it('reports every wrong field of one file', () => {
    expect(
      problems(FILE, fm('title: [a]', 'draft: 1')).map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`),
    ).toEqual([
      '2:8 front matter field "title": expected a string, got a list',
      '3:8 front matter field "draft": expected true or false, got number 1',
    ]);
  });

  it('front matter that is a list, not a map', () => {
    expect(problems(FILE, '---\n- a\n- b\n---\nBody\n')).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'front matter must be a map of keys to values, got a list',
        location: { file: FILE, line: 2, column: 1 },
      },
    ]);
  });

  it('passes front matter errors through with their position', () => {
    expect(problems(FILE, '---js\n{ title: "x" }\n---\nBody\n')).toEqual([
      {
        severity: 'error',
        code: 'front-matter',
        message:
          'front matter language "js" is not supported: only YAML front matter is read (inkstone never executes front matter)',
        location: { file: FILE, line: 1, column: 4 },
      },
    ]);
  });

  it('accepts numbers as title and description', () => {
    const p = post(FILE, fm('title: 1984', 'description: 42'));
    expect(p.meta.title).toBe('1984');
    expect(p.meta.description).toBe('42');
  });
});

describe('createPost: drafts', () => {
  it('published: false is a draft', () => {
    expect(post(FILE, fm('published: false')).meta.draft).toBe(true);
  });

  it('draft: true is a draft', () => {
    expect(post(FILE, fm('draft: true')).meta.draft).toBe(true);
  });

  it('draft: false and published: true are not drafts', () => {
    expect(post(FILE, fm('draft: false', 'published: true')).meta.draft).toBe(false);
    expect(post(FILE, fm('title: x')).meta.draft).toBe(false);
  });

  it('published: false wins over draft: false', () => {
    expect(post(FILE, fm('draft: false', 'published: false')).meta.draft).toBe(true);
  });
});

describe('createPost: passthrough, title and layout', () => {
  it('keeps unknown keys in meta.data, as written', () => {
    const p = post(FILE, fm('math: true', 'author: Ada', 'series: {name: Basics, part: 2}', 'tags: a b'));
    expect(p.meta.data).toEqual({ math: true, author: 'Ada', series: { name: 'Basics', part: 2 }, tags: 'a b' });
  });

  it('derives the title from the file name when absent', () => {
    expect(post('posts/2024-01-02-my_great-post.md', 'Body').meta.title).toBe('My Great Post');
    expect(post('posts/2024-01-02-hello-world.md', fm('tags: a')).meta.title).toBe('Hello World');
  });

  it('uses the layout named in the front matter, post by default', () => {
    expect(post(FILE, fm('layout: wide_post-2')).meta.layout).toBe('wide_post-2');
    expect(post(FILE, fm('title: x')).meta.layout).toBe('post');
  });

  it('slugifies a slug given in the front matter', () => {
    const p = post(FILE, fm('slug: Custom Slug!'));
    expect(p.slug).toBe('custom-slug');
    expect(p.url).toBe('/2024/01/custom-slug/');
  });
});

describe('createPost: permalinks', () => {
  it('uses /:year/:month/:slug/ by default', () => {
    const p = post('posts/2024-11-05-routes.md', 'Body');
    expect([p.url, p.outputPath]).toEqual(['/2024/11/routes/', '2024/11/routes/index.html']);
  });

  it('uses the configured pattern with :day, :categories and :title', () => {
    const config = siteConfigSchema.parse({ permalink: '/blog/:categories/:year/:month/:day/:title.html' });
    const p = post('posts/2024-11-05-routes.md', fm('categories: [Web Dev, C++]'), config);
    expect([p.url, p.outputPath]).toEqual([
      '/blog/web-dev/c-pp/2024/11/05/routes.html',
      'blog/web-dev/c-pp/2024/11/05/routes.html',
    ]);
  });

  it("keeps the file name's case in :title, as Jekyll does, and lower-cases :slug", () => {
    const config = siteConfigSchema.parse({ permalink: '/:year/:title/' });
    expect(post('_posts/2017-08-20-from-GAN-to-WGAN.md', 'Body', config).url).toBe('/2017/from-GAN-to-WGAN/');
    expect(post('_posts/2017-08-20-from-GAN-to-WGAN.md', fm('slug: Wasserstein GAN, Explained'), config).url).toBe(
      '/2017/Wasserstein-GAN,-Explained/',
    );
    const bySlug = siteConfigSchema.parse({ permalink: '/:year/:slug/' });
    expect(post('_posts/2017-08-20-from-GAN-to-WGAN.md', 'Body', bySlug).url).toBe('/2017/from-gan-to-wgan/');
  });

  it('expands the configured pattern in the site time zone', () => {
    const config = siteConfigSchema.parse({ timezone: 'America/New_York' });
    // 02:00 UTC on the 1st of March is still February in New York.
    const p = post('posts/late.md', fm('date: 2024-03-01T02:00:00Z'), config);
    expect(p.url).toBe('/2024/02/late/');
  });

  it('uses a per-post permalink', () => {
    const p = post(FILE, fm('permalink: /notes/hello/'));
    expect([p.url, p.outputPath, p.meta.permalink]).toEqual([
      '/notes/hello/',
      'notes/hello/index.html',
      '/notes/hello/',
    ]);
  });

  it('a per-post permalink ending in .html is a file', () => {
    const p = post(FILE, fm('permalink: /notes/hello.html'));
    expect([p.url, p.outputPath]).toEqual(['/notes/hello.html', 'notes/hello.html']);
  });

  it('a per-post permalink may use placeholders and omit the trailing slash', () => {
    const p = post(FILE, fm('permalink: /notes/:year/:slug'));
    expect([p.url, p.outputPath]).toEqual(['/notes/2024/hello-world/', 'notes/2024/hello-world/index.html']);
  });

  const refused = (reason: string) => [
    { severity: 'error', code: 'permalink', message: reason, location: { file: FILE, line: 3, column: 12 } },
  ];

  it('refuses ../x', () => {
    expect(problems(FILE, fm('title: x', 'permalink: ../x'))).toEqual(
      refused('permalink "../x" contains "." or ".." segments and would leave the output directory'),
    );
  });

  it('refuses an encoded /a/%2e%2e/b', () => {
    expect(problems(FILE, fm('title: x', 'permalink: /a/%2e%2e/b'))).toEqual(
      refused('permalink "/a/%2e%2e/b" contains "." or ".." segments and would leave the output directory'),
    );
  });

  it('refuses a protocol-relative //evil.com/x', () => {
    expect(problems(FILE, fm('title: x', 'permalink: //evil.com/x'))).toEqual(
      refused('permalink "//evil.com/x" must be a path on this site, not an absolute URL'),
    );
  });

  it('refuses an absolute https://x.org/', () => {
    expect(problems(FILE, fm('title: x', 'permalink: https://x.org/'))).toEqual(
      refused('permalink "https://x.org/" must be a path on this site, not an absolute URL'),
    );
  });

  it('refuses an encoded separator and a backslash', () => {
    expect(problems(FILE, fm('title: x', 'permalink: /a/%2F/b'))).toEqual(
      refused('permalink "/a/%2F/b" contains a backslash, a NUL byte or an encoded separator'),
    );
    expect(problems(FILE, fm('title: x', 'permalink: /a\\b/'))).toEqual(
      refused('permalink "/a\\b/" contains a backslash, a NUL byte or an encoded separator'),
    );
  });

  it('refuses a permalink that would replace the home page', () => {
    expect(problems(FILE, fm('title: x', 'permalink: /'))).toEqual(
      refused('permalink "/" would replace the home page'),
    );
  });

  it('refuses an escaping configured pattern, located at the start of the file', () => {
    const config = siteConfigSchema.parse({ permalink: '/../:slug/' });
    expect(problems(FILE, fm('title: x'), config)).toEqual([
      {
        severity: 'error',
        code: 'permalink',
        message: 'permalink "/../hello-world/" contains "." or ".." segments and would leave the output directory',
        location: { file: FILE, line: 1, column: 1 },
      },
    ]);
  });
});

describe('createPost: CRLF files', () => {
  it('reads a file saved with Windows line endings like its LF twin', () => {
    const text = '---\r\ntitle: Windows\r\ntags: a b\r\ndraft: true\r\n---\r\nBody\r\n';
    const p = post('posts/2024-01-02-crlf.md', text);
    expect([p.meta.title, p.meta.tags, p.meta.draft, p.body, p.bodyLine]).toEqual([
      'Windows',
      ['a', 'b'],
      true,
      'Body\r\n',
      6,
    ]);
  });
});

describe('createPost: page bundles and _posts', () => {
  it('names a page bundle posts/my-post/index.md after its folder', () => {
    const p = post('posts/my-post/index.md', fm('date: 2024-03-04'));
    expect([p.slug, p.meta.title, p.url, p.outputPath]).toEqual([
      'my-post',
      'My Post',
      '/2024/03/my-post/',
      '2024/03/my-post/index.html',
    ]);
  });

  it('takes the date from a dated page bundle folder', () => {
    const p = post('posts/2024-03-04-my-post/index.md', 'Body');
    expect([p.slug, p.meta.date, p.url]).toEqual(['my-post', '2024-03-04T00:00:00.000Z', '/2024/03/my-post/']);
  });

  it('reads Jekyll _posts the same way', () => {
    const p = post('_posts/2015-10-20-jekyll.md', fm('title: From Jekyll', 'date: 2015-10-20 11:12:00 -0400'));
    expect([p.slug, p.meta.date, p.url]).toEqual(['jekyll', '2015-10-20T15:12:00.000Z', '/2015/10/jekyll/']);
  });
});
