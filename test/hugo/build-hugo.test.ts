/**
 * A Hugo blog of our own (test/fixtures/sites/hugo-blog) built by inkstone: every URL Hugo gives its
 * pages (front matter `url`, the section's `permalinks`, `slug`, a bundle, relative and absolute
 * `aliases`) exists, drafts and expired pages are left out, and each shortcode and the WordPress
 * caption are made as Hugo makes them, with exact warnings and the compatibility report.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { formatSummary } from '../../src/cli/terminal.js';
import { copyFixtureSite, listFiles, readOutput, removeDir } from '../helpers/site.js';

/**
 * The pages and files Hugo writes for the fixture's posts, from Hugo's documented rules: `url` as
 * written; `_posts` by its permalink `/:year/:month/:day/:slug/` (`:slug` is the urlized title when
 * there is no slug); a bundle at its section and urlized `slug`, its image beside it; an absolute alias
 * as written, a relative one under the page's parent folder.
 */
const HUGO_URLS = [
  '2013/04/10/computing-homology/index.html',
  '2013/04/10/homology-draft/index.html',
  'old/homology.html',
  'posts/tidy-bundle-post/index.html',
  'posts/tidy-bundle-post/ring.png',
  'posts/embeds-and-math/index.html',
  '2015/06/07/imported-from-wordpress/index.html',
  '?p=42/index.html',
  'about/index.html',
  'now/index.html',
  // List pages and their RSS feeds: home, sections, terms (at Hugo's paths), taxonomies.
  'index.html',
  'index.xml',
  'posts/index.html',
  'posts/index.xml',
  '_posts/index.html',
  '_posts/index.xml',
  'tags/index.html',
  'tags/c++/index.html',
  'tags/c++/index.xml',
  'tags/algebra/index.html',
  'categories/index.html',
  'categories/math/index.html',
  'categories/math/index.xml',
  'tags/index.xml',
  'categories/index.xml',
  // The site's own taxonomy, by Hugo's urlize of the term.
  'authors/index.html',
  'authors/index.xml',
  'authors/r.-quill/index.html',
  'authors/r.-quill/index.xml',
  'sitemap.xml',
];

describe('a Hugo site', () => {
  let site: string;
  let result: BuildResult;
  const out = () => path.join(site, '_site');
  const article = async (rel: string) => {
    const html = await readOutput(out(), rel);
    return html.slice(html.indexOf('<div class="post-content">'), html.indexOf('<footer class="post-footer">'));
  };

  beforeAll(async () => {
    site = await copyFixtureSite('hugo-blog');
    result = await build({ siteDir: site, now: new Date('2024-01-01T00:00:00Z') });
  });
  afterAll(() => removeDir(site));

  it('reads hugo.toml and builds the pages of its sections, and no others', async () => {
    expect(result.ok).toBe(true);
    expect(result.config.title).toBe('Field Notes');
    expect(result.config.url).toBe('https://notes.example.org/');
    expect(result.config.language).toBe('en-us');
    expect(result.config.paginate).toBe(5);
    expect(result.config.markdown.html).toBe('allow');
    expect(result.config.markdown.typographer).toBe(true);
    expect(result.stats.posts).toBe(4);
    const files = await listFiles(out());
    for (const url of HUGO_URLS) expect(files).toContain(url);
    // A draft and an expired page are not built, nor is a section's _index.md a page of its own.
    for (const gone of ['posts/unfinished/index.html', 'posts/old-offer/index.html', 'posts/_index/index.html'])
      expect(files).not.toContain(gone);
    // The page at the top of content/ is a page, not a post: built, and not listed.
    expect(files).toContain('about/index.html');
    expect(await readOutput(out(), 'index.html')).not.toContain('/about/');
    await expect(access(path.join(out(), 'img/graph.svg'))).resolves.toBeUndefined();
  });

  it('counts its pages at the top of content/ as standalone pages, not posts, in the summary', () => {
    expect(result.stats).toMatchObject({ posts: 4, standalone: 2 });
    expect(formatSummary(result, 1000, false).split('\n')[1]).toBe(
      '  23 pages: 4 posts, 2 standalone pages, 1 home page, 6 tag or category pages, 3 indexes, 1 archive, 1 not-found page, 3 redirects, 2 section pages; 21 feeds; 98 files in all.',
    );
  });

  it('warns at an unknown shortcode and at nothing else', () => {
    expect(
      result.diagnostics.map(
        (d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.severity}[${d.code}] ${d.message}`,
      ),
    ).toEqual([
      `content/_posts/2015-06-07-from-wordpress.md:23:1 warning[shortcode] unknown shortcode "mystery": it is not one of Hugo's built-in shortcodes nor in layouts/shortcodes/; it is shown as written`,
    ]);
  });

  it('makes highlight a highlighted fence, keeps math away from Markdown, and resolves ref and relref', async () => {
    const html = await article('2013/04/10/computing-homology/index.html');
    expect(html).toContain(
      '<div class="code-block" data-language="python"><pre class="shiki shiki-themes github-light-default github-dark-default line-numbers has-highlighted"',
    );
    expect(html).toContain(
      '<span class="line highlighted"><span style="color:#CF222E;--shiki-dark:#FF7B72">    return</span>',
    );
    // `*` inside math is not emphasis.
    expect(html).toContain('<annotation encoding="application/x-tex">a*b*c</annotation>');
    expect(html).not.toContain('<em>b</em>');
    expect(html).toContain('The <a href="/posts/tidy-bundle-post/">bundle post</a> shows a picture');
    expect(html).toContain(
      '<a href="https://notes.example.org/posts/tidy-bundle-post/">https://notes.example.org/posts/tidy-bundle-post/</a>',
    );
    expect(html).toContain(
      '<p>An escaped shortcode stays text: <code>{{&lt; figure src=&quot;x.png&quot; &gt;}}</code>.</p>',
    );
  });

  it('makes figure and param, and serves the bundle image beside its page', async () => {
    const html = await article('posts/tidy-bundle-post/index.html');
    expect(html).toMatch(
      /<figure><picture>.*<img src="ring.png" alt="The ring again" loading="lazy" width="120" height="80" decoding="async"><\/picture><figcaption><p>Drawn with <em>care<\/em><\/p><\/figcaption><\/figure>/,
    );
    expect(html).toContain('<p>Edited with vim.</p>');
    // A fence's own options in braces, as Hugo reads them: line numbers, and line 2 marked.
    expect(html).toContain(
      '<pre class="shiki shiki-themes github-light-default github-dark-default line-numbers has-highlighted"',
    );
    expect(html).toMatch(/<span class="line highlighted">.*return<\/span>/);
  });

  it('makes a WordPress caption a figure, and the embeds static', async () => {
    const html = await article('2015/06/07/imported-from-wordpress/index.html');
    expect(html).toContain(
      '<figure id="attachment_7" class="wp-caption alignright" style="max-width:240px"><a href="/img/graph.svg"><img src="/img/graph.svg" alt="A graph" width="240" height="120" loading="lazy" decoding="async"></a><figcaption>A graph from the old blog</figcaption></figure>',
    );
    expect(html).toContain(
      '<figure class="video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="A talk"',
    );
    expect(html).toContain(
      '<p class="gist"><a href="https://gist.github.com/quill/0123456789abcdef">A gist by quill on GitHub</a></p>',
    );
    expect(html).toContain('<blockquote class="tweet" cite="https://x.com/quill/status/1234567890">');
    expect(html).toContain(
      '<details><summary>The proof</summary>\n<p>It follows from <strong>induction</strong>.</p>\n</details>',
    );
    expect(html).toContain(
      '<aside class="compat-note">The shortcode <code>note</code> is a template of this site, which inkstone does not run; its content is shown as written.</aside>\n<p>A note written for the old theme.</p>',
    );
    expect(html).toContain('<code class="shortcode">{{&lt; mystery size=3 &gt;}}</code>');
    expect(html).not.toContain('<script');
  });

  it('makes vimeo, x, the math shortcodes and {{% details %}} (whose content is Markdown)', async () => {
    const html = await article('posts/embeds-and-math/index.html');
    expect(html).toContain('<iframe src="https://player.vimeo.com/video/146022717?dnt=1" title="Vimeo video"');
    expect(html).toContain('<blockquote class="tweet" cite="https://x.com/quill/status/998877">');
    expect(html).toMatch(
      /<div class="math-display"><span class="katex-display">.*<annotation encoding="application\/x-tex">\n\\sum_\{i=1\}\^\{n\} i = \\frac\{n\(n\+1\)\}\{2\}\n<\/annotation>/s,
    );
    expect(html).toContain('<annotation encoding="application/x-tex">x_1 * y_1</annotation>');
    expect(html).toContain('<details><summary>Why <em>this</em> works</summary>');
    expect(html).toContain('By <strong>pairing</strong> terms.</p>\n</details>');
  });

  it('lists each section on its own page, with its RSS feed', async () => {
    const html = await readOutput(out(), 'posts/index.html');
    expect(html).toContain(
      '<h1>Posts</h1>\n  <p class="list-count">3 posts · <a href="/posts/index.xml">RSS feed</a></p>',
    );
    expect(html.indexOf('A tidy bundle')).toBeLessThan(html.indexOf('Computing homology by hand'));
    expect(html).not.toContain('Imported from WordPress');
    const rss = await readOutput(out(), 'posts/index.xml');
    expect(rss).toContain('<title>Field Notes: Posts</title>');
    expect(rss.match(/<item>/g)).toHaveLength(3);
    expect(await readOutput(out(), 'tags/c++/index.xml')).toContain(
      '<link>https://notes.example.org/2013/04/10/computing-homology/</link>',
    );
  });

  it('sends each alias to its page', async () => {
    for (const alias of ['old/homology.html', '2013/04/10/homology-draft/index.html'])
      expect(await readOutput(out(), alias)).toContain(
        '<meta http-equiv="refresh" content="0; url=/2013/04/10/computing-homology/">',
      );
  });

  it('reports the settings and the site shortcode in the compatibility report', () => {
    const entries = result.compat.map((e) => `${e.file}:${e.line} ${e.construct} ${e.status}`);
    expect(entries).toEqual(
      expect.arrayContaining([
        'hugo.toml:2 baseURL converted',
        'hugo.toml:5 paginate converted',
        'content/_posts/2015-06-07-from-wordpress.md:7 [caption] (WordPress) converted',
        'hugo.toml:7 permalinks converted',
        'hugo.toml:11 taxonomies: tag = tags converted',
        'hugo.toml:13 taxonomies: author = authors converted',
        'hugo.toml:16 markup.goldmark.renderer.unsafe converted',
        'layouts/shortcodes/note.html:1 shortcode template note unsupported',
        'content/_posts/2015-06-07-from-wordpress.md:19 {{< note >}} (layouts/shortcodes/note.html) unsupported',
        'content/posts/computing-homology.md:13 {{< highlight >}} converted',
      ]),
    );
  });
});
