/**
 * The reading features in a built site: series pages and navigation, related posts, reading time,
 * tables of contents, measured images, the copy-button script only where code is, and excerpt feeds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { drawnImage } from '../helpers/images.js';
import { removeDir, writeSite } from '../helpers/site.js';

const SITE = {
  'inkstone.yml': 'title: Reading\nurl: https://example.org/\nrelated_posts: 2\ntoc:\n  threshold: 2\n',
  'posts/diagram.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"></svg>',
  'posts/2024-01-01-first-part.md':
    '---\ntitle: First part\nseries: Tiny series\ntags: [rust, perf]\n---\n' +
    'Opening words of the first part.\n\n![Wide](/img/wide.png "A wide picture")\n\n![Next to the post](diagram.svg)\n\n![Outside](../../../../etc/hostname)\n',
  'posts/2024-02-01-second-part.md':
    '---\ntitle: Second part\nseries: Tiny series\ntags: [rust]\n---\nThe middle.\n\n```rust\nfn main() {}\n```\n',
  'posts/2024-03-01-third-part.md':
    '---\ntitle: Third part\nseries: tiny series\ntags: [perf]\nrelated_posts: false\ntoc:\n  sidebar: left\n---\n## One\n\n## Two\n\n### Two and a half\n',
  'posts/2024-04-01-elsewhere.md': `---\ntitle: Elsewhere\ntags: [rust, perf]\n---\n## A\n\n## B\n\n## C\n\n${'word '.repeat(500)}\n`,
};

describe('a built site with series, related posts and reading aids', () => {
  let site: string;
  let result: BuildResult;
  const file = (rel: string) => {
    const found = result.files.find((f) => f.outputPath === rel);
    if (!found) throw new Error(`no ${rel} in the build`);
    return String(found.contents);
  };
  beforeAll(async () => {
    site = await writeSite('reading-site', SITE);
    await mkdir(path.join(site, 'static', 'img'), { recursive: true });
    await writeFile(path.join(site, 'static', 'img', 'wide.png'), await drawnImage(640, 480));
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('builds without problems and counts the series page', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.stats.pagesByKind.series).toBe(1);
  });

  it('numbers each part and links its neighbours in the series', () => {
    const second = file('2024/02/second-part/index.html');
    expect(second).toContain(
      '<p class="series-label">Part 2 of 3 in the series <a href="/series/tiny-series/">Tiny series</a></p>',
    );
    expect(second).toContain('<li><a href="/2024/01/first-part/">First part</a></li>');
    expect(second).toContain('<li><span aria-current="page">Second part</span></li>');
    expect(second).toContain(
      '<a class="series-nav-previous" href="/2024/01/first-part/"><span>Part 1</span>First part</a>',
    );
    expect(second).toContain(
      '<a class="series-nav-next" href="/2024/03/third-part/"><span>Part 3</span>Third part</a>',
    );
    // The chronological neighbours are the same posts: they are linked once, by the series.
    expect(second).not.toContain('class="post-nav"');
    expect(file('2024/01/first-part/index.html')).not.toContain('series-nav-previous');
  });

  it('writes the series index page with the parts in order', () => {
    const page = file('series/tiny-series/index.html');
    expect(page).toContain('<title>Series: Tiny series · Reading</title>');
    expect(page).toContain('<h1>Tiny series</h1>');
    const titles = [...page.matchAll(/<h2 class="post-item-title"><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(titles).toEqual(['/2024/01/first-part/', '/2024/02/second-part/', '/2024/03/third-part/']);
  });

  it('lists related posts by shared tags, leaving out the same series', () => {
    const first = file('2024/01/first-part/index.html');
    expect(first).toContain('<h2 id="related-posts-title">Related posts</h2>');
    expect([...first.matchAll(/<li><a href="([^"]+)">[^<]+<\/a> <time/g)].map((m) => m[1])).toEqual([
      '/2024/04/elsewhere/',
    ]);
    const elsewhere = file('2024/04/elsewhere/index.html');
    expect([...elsewhere.matchAll(/<li><a href="([^"]+)">[^<]+<\/a> <time/g)].map((m) => m[1])).toEqual([
      '/2024/01/first-part/',
      '/2024/03/third-part/',
    ]);
    // al-folio's `related_posts: false` hides the list of one post.
    expect(file('2024/03/third-part/index.html')).not.toContain('related-posts');
  });

  it('shows the reading time and word count in the post meta', () => {
    const elsewhere = file('2024/04/elsewhere/index.html');
    expect(elsewhere).toContain(
      '· <span class="reading-time">3 min read</span>\n  <span class="word-count">(503 words)</span>',
    );
  });

  it('shows a table of contents when asked (on the side asked) or past the threshold', () => {
    const third = file('2024/03/third-part/index.html');
    expect(third).toContain('<div class="post-layout has-toc toc-left">');
    expect(third).toContain(
      '<li><a href="#two">Two</a><ol>\n  <li><a href="#two-and-a-half">Two and a half</a></li>\n</ol>\n</li>',
    );
    expect(file('2024/04/elsewhere/index.html')).toContain('<div class="post-layout has-toc toc-right">');
    expect(file('2024/02/second-part/index.html')).toContain('<div class="post-layout">');
  });

  it('measures local images in static/ and next to the post, and nothing outside the site', () => {
    const first = file('2024/01/first-part/index.html');
    const sources = ['avif', 'webp'].map((ext) => {
      const [w480, w640] = [480, 640].map(
        (w) => result.files.find((f) => f.outputPath.endsWith(`-${w}.${ext}`))!.outputPath,
      );
      return `<source type="image/${ext}" srcset="/${w480} 480w, /${w640} 640w" sizes="(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem">`;
    });
    expect(first).toContain(
      `<figure><picture>${sources.join('')}<img src="/img/wide.png" alt="Wide" loading="lazy" decoding="async" width="640" height="480"></picture><figcaption>A wide picture</figcaption>\n</figure>`,
    );
    expect(first).toContain(
      '<img src="diagram.svg" alt="Next to the post" loading="lazy" decoding="async" width="120" height="80">',
    );
    expect(first).toContain('<img src="../../../../etc/hostname" alt="Outside" loading="lazy" decoding="async">');
  });

  it('ships the copy-button script and links it only from pages with code', () => {
    expect(file('assets/inkstone/copy-code.js')).toContain("button.className = 'copy-code';");
    const script = '<script src="/assets/inkstone/copy-code.js" defer></script>';
    expect(file('2024/02/second-part/index.html')).toContain(script);
    expect(file('2024/01/first-part/index.html')).not.toContain(script);
  });

  it('puts whole posts in feeds by default', () => {
    expect(file('feed.xml')).toContain('word word');
    expect(file('feed.xml')).not.toContain('Read the whole post');
  });
});

describe('feeds configured to carry excerpts', () => {
  it('puts the excerpt and a link to the post in each entry', async () => {
    const site = await writeSite('reading-feed', {
      'inkstone.yml': 'url: https://example.org/blog/\nfeeds:\n  content: excerpt\n',
      'posts/2024-01-01-a.md': '---\ntitle: A\n---\nThe *excerpt*.\n\nThe rest, which feeds leave out.\n',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      const feed = String(result.files.find((f) => f.outputPath === 'feed.json')!.contents);
      const item = (JSON.parse(feed) as { items: Array<{ content_html: string }> }).items[0]!;
      expect(item.content_html).toBe(
        '<p>The <em>excerpt</em>.</p>\n<p><a href="https://example.org/blog/2024/01/a/">Read the whole post</a></p>\n',
      );
    } finally {
      await removeDir(site);
    }
  });
});
