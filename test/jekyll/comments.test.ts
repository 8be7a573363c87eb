/**
 * al-folio's `giscus_comments: true` and `disqus_comments: true`: the embed at the end of the post when
 * the site configures the system, else nothing in the page and one warning per site.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const GISCUS_CONFIG = [
  'giscus:',
  '  repo: ada/blog',
  '  repo_id: R_kgDOAbc',
  '  category: Comments',
  '  category_id: DIC_kwDOAbc',
  '  mapping: title',
  '  strict: 1',
  '  reactions_enabled: 1',
  '  input_position: bottom',
  '  dark_theme: dark',
  '  light_theme: light',
  '  emit_metadata: 0',
  '  lang: en',
  'disqus_shortname: ada-blog',
].join('\n');

describe('comments', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite('comments', {
      '_config.yml': `title: J\nurl: https://blog.example\n${GISCUS_CONFIG}\n`,
      '_posts/2024-01-01-g.md': '---\ntitle: G\ngiscus_comments: true\n---\nText.\n',
      '_posts/2024-01-02-d.md': '---\ntitle: D\ndisqus_comments: true\n---\nText.\n',
      '_posts/2024-01-03-none.md': '---\ntitle: None\n---\nText.\n',
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it("write giscus's script tag at the end of the post", async () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    expect(result.config.comments.giscus?.repo).toBe('ada/blog');
    const page = await readOutput(path.join(site, '_site'), '2024/01/01/g.html');
    expect(page).toContain(
      '<section class="post-comments" aria-label="Comments">\n<script src="https://giscus.app/client.js" data-repo="ada/blog" data-repo-id="R_kgDOAbc" data-category="Comments" data-category-id="DIC_kwDOAbc" data-mapping="title" data-strict="1" data-reactions-enabled="1" data-emit-metadata="0" data-input-position="bottom" data-theme="preferred_color_scheme" data-lang="en" crossorigin="anonymous" async></script>\n</section>',
    );
    expect(page.indexOf('post-comments')).toBeGreaterThan(page.indexOf('</footer>'));
  });

  it("write Disqus's embed with the post's address", async () => {
    const page = await readOutput(path.join(site, '_site'), '2024/01/02/d.html');
    expect(page).toContain(
      'var disqus_config = function () { this.page.url = "https://blog.example/2024/01/02/d.html"; this.page.identifier = "/2024/01/02/d.html"; };',
    );
    expect(page).toContain("s.src = 'https://ada-blog.disqus.com/embed.js';");
    expect(page).toContain('<div id="disqus_thread"></div>');
  });

  it('leave posts that ask for none alone, and report the keys as converted', async () => {
    const page = await readOutput(path.join(site, '_site'), '2024/01/03/none.html');
    expect(page).not.toContain('post-comments');
    expect(result.compat.filter((e) => e.construct.endsWith('_comments'))).toEqual([
      {
        file: '_posts/2024-01-01-g.md',
        line: 3,
        construct: 'giscus_comments',
        status: 'converted',
        detail: "the comment system's embed is written at the end of the post",
      },
      {
        file: '_posts/2024-01-02-d.md',
        line: 3,
        construct: 'disqus_comments',
        status: 'converted',
        detail: "the comment system's embed is written at the end of the post",
      },
    ]);
  });

  it('warn once per site, naming the post and the setting, when the site configures none', async () => {
    const bare = await writeSite('comments-bare', {
      '_config.yml': 'title: J\ngiscus:\n  repo:\n  repo_id:\n',
      '_posts/2024-01-01-a.md': '---\ntitle: A\ngiscus_comments: true\n---\nText.\n',
      '_posts/2024-01-02-b.md': '---\ntitle: B\ndisqus_comments: true\n---\nText.\n',
    });
    const built = await build({ siteDir: bare });
    const page = await readOutput(path.join(bare, '_site'), '2024/01/01/a.html');
    await removeDir(bare);
    expect(built.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-a.md:3:1 warning[comments] giscus_comments: the site configures no giscus, so the post shows no comments: set comments.giscus in inkstone.yml or giscus: {repo, repo_id, category_id} in _config.yml (and 1 more post asking for comments)',
    ]);
    expect(page).not.toContain('post-comments');
    expect(page).not.toContain('giscus');
    expect(
      built.compat
        .filter((e) => e.construct.endsWith('_comments'))
        .map((e) => `${e.file}:${e.line} ${e.status} ${e.detail}`),
    ).toEqual([
      '_posts/2024-01-01-a.md:3 unsupported comments are not embedded: the site configures no giscus',
      '_posts/2024-01-02-b.md:3 unsupported comments are not embedded: the site configures no disqus_shortname',
    ]);
  });
});
