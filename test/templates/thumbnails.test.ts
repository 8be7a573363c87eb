/**
 * al-folio's `thumbnail:` and `featured:` front matter: the thumbnail is the link preview image
 * (`og:image`, a large Twitter card) and the picture of the post's card on list pages; featured
 * posts are listed under "Featured" above the home page's first list. A thumbnail that is not a
 * site path or an http(s) URL is ignored with a warning at its line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { removeDir, writeSite } from '../helpers/site.js';

const post = (lines: string[], body = 'Body.') => ['---', ...lines, '---', body, ''].join('\n');

/** The "thumbnails" fixture: al-folio's relative path, a site path, a remote image, a hostile one, none; one post featured. */
const THUMBNAIL_POSTS: Record<string, string> = {
  'posts/2024-05-04-spectra.md': post([
    'title: Spectra',
    'description: Peaks.',
    'thumbnail: assets/img/spectrum.jpg',
    'featured: true',
  ]),
  'posts/2024-05-03-rooted.md': post(['title: Rooted', 'thumbnail: /assets/img/root.png']),
  'posts/2024-05-02-remote.md': post(['title: Remote', 'thumbnail: https://cdn.example.com/a.png?w=1&h=2']),
  'posts/2024-05-01-hostile.md': post(['title: Hostile', 'description: Nope.', 'thumbnail: "javascript:alert(1)"']),
  'posts/2024-04-30-plain.md': post(['title: Plain', 'description: No picture.']),
};

function fileText(result: BuildResult, outputPath: string): string {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`${outputPath} was not built`);
  return String(file.contents);
}

/** The `og:image` and `twitter:card` tags of a page's head, in order. */
function previewTags(result: BuildResult, outputPath: string): string[] {
  return fileText(result, outputPath).match(/<meta (?:property="og:image"|name="twitter:card")[^>]*>/g) ?? [];
}

/** The `<img>` tags of a page's list cards. */
function cardImages(result: BuildResult, outputPath: string): string[] {
  return fileText(result, outputPath).match(/<img class="post-item-thumbnail"[^>]*>/g) ?? [];
}

/** The "Featured" section of the home page, or undefined. */
function featuredSection(result: BuildResult): string | undefined {
  return /<section class="featured-posts"[\s\S]*?<\/section>/.exec(fileText(result, 'index.html'))?.[0];
}

describe('thumbnails of a site served at https://x.example/blog/', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    // Posts without a thumbnail would get a social card (test/cards/): this file is about thumbnails alone.
    site = await writeSite('thumbnails', {
      'inkstone.yml': 'title: Lab notes\nurl: https://x.example/blog/\nsocial_cards: false\n',
      ...THUMBNAIL_POSTS,
    });
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('warns at the line of a javascript: thumbnail and ignores it', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/2024-05-01-hostile.md:4:12 warning[front-matter] front matter field "thumbnail": "javascript:alert(1)" is neither a path of the site nor an http(s) URL; it is ignored (no image on list pages or in link previews)',
    ]);
    expect(previewTags(result, '2024/05/hostile/index.html')).toEqual(['<meta name="twitter:card" content="summary">']);
    expect(fileText(result, 'index.html')).not.toContain('javascript:');
  });

  it('gives a post with a thumbnail an absolute og:image and a large Twitter card', () => {
    expect(previewTags(result, '2024/05/spectra/index.html')).toEqual([
      '<meta property="og:image" content="https://x.example/blog/assets/img/spectrum.jpg">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
    expect(previewTags(result, '2024/05/rooted/index.html')).toEqual([
      '<meta property="og:image" content="https://x.example/blog/assets/img/root.png">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
    expect(previewTags(result, '2024/05/remote/index.html')).toEqual([
      '<meta property="og:image" content="https://cdn.example.com/a.png?w=1&amp;h=2">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
    expect(previewTags(result, '2024/04/plain/index.html')).toEqual(['<meta name="twitter:card" content="summary">']);
  });

  it('shows the thumbnail on list cards, under the base path, lazy and with an empty alt', () => {
    const images = [
      '<img class="post-item-thumbnail" src="/blog/assets/img/spectrum.jpg" alt="" loading="lazy" decoding="async">',
      '<img class="post-item-thumbnail" src="/blog/assets/img/root.png" alt="" loading="lazy" decoding="async">',
      '<img class="post-item-thumbnail" src="https://cdn.example.com/a.png?w=1&amp;h=2" alt="" loading="lazy" decoding="async">',
    ];
    // The featured post's card comes first, in the "Featured" section.
    expect(cardImages(result, 'index.html')).toEqual([images[0], ...images]);
    expect(cardImages(result, 'archive/index.html')).toEqual([]);
    const home = fileText(result, 'index.html');
    expect(home).toContain(
      `<li class="post-item has-thumbnail">\n    ${images[1]}\n    <h2 class="post-item-title"><a href="/blog/2024/05/rooted/">Rooted</a></h2>`,
    );
    expect(home).toContain(
      '<li class="post-item">\n    <h2 class="post-item-title"><a href="/blog/2024/04/plain/">Plain</a></h2>',
    );
  });

  it('lists featured posts under a "Featured" heading above the list, and keeps them in it', () => {
    const section = featuredSection(result)!;
    expect(section).toContain(
      '<section class="featured-posts" aria-labelledby="featured-heading">\n  <h2 id="featured-heading" class="featured-heading">Featured</h2>',
    );
    expect(section.match(/<h2 class="post-item-title">.*<\/h2>/g)).toEqual([
      '<h2 class="post-item-title"><a href="/blog/2024/05/spectra/">Spectra</a></h2>',
    ]);
    const home = fileText(result, 'index.html');
    const titles = home
      .match(/<h2 class="post-item-title"><a href="[^"]*">/g)!
      .map((t) => /href="([^"]*)"/.exec(t)![1]);
    expect(titles).toEqual([
      '/blog/2024/05/spectra/',
      '/blog/2024/05/spectra/',
      '/blog/2024/05/rooted/',
      '/blog/2024/05/remote/',
      '/blog/2024/05/hostile/',
      '/blog/2024/04/plain/',
    ]);
  });
});

describe('thumbnails of a site without a url', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('thumbnails-nourl', {
      'posts/2024-05-04-spectra.md': THUMBNAIL_POSTS['posts/2024-05-04-spectra.md']!,
      'posts/2024-05-02-remote.md': THUMBNAIL_POSTS['posts/2024-05-02-remote.md']!,
    });
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('gives no og:image for a site path (Open Graph needs an absolute URL) but keeps a remote one', () => {
    expect(previewTags(result, '2024/05/spectra/index.html')).toEqual(['<meta name="twitter:card" content="summary">']);
    expect(previewTags(result, '2024/05/remote/index.html')).toEqual([
      '<meta property="og:image" content="https://cdn.example.com/a.png?w=1&amp;h=2">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
    expect(cardImages(result, 'index.html')[1]).toBe(
      '<img class="post-item-thumbnail" src="/assets/img/spectrum.jpg" alt="" loading="lazy" decoding="async">',
    );
  });

  it('shows the "Featured" section only on the first page of the home page', async () => {
    const paged = await writeSite('thumbnails-paged', {
      'inkstone.yml': 'paginate: 1\n',
      'posts/2024-05-04-spectra.md': THUMBNAIL_POSTS['posts/2024-05-04-spectra.md']!,
      'posts/2024-05-05-newer.md': post(['title: Newer']),
    });
    try {
      const built = await build({ siteDir: paged, write: false });
      expect(built.diagnostics).toEqual([]);
      expect(featuredSection(built)).toContain('<a href="/2024/05/spectra/">Spectra</a>');
      expect(fileText(built, 'page/2/index.html')).not.toContain('featured-posts');
    } finally {
      await removeDir(paged);
    }
  });
});
