/**
 * `site.github` (jekyll-github-metadata): keys resolved from `repository:`, the site URL and a `github:`
 * map, and one warning per site at the first use of a key that cannot be known.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { siteConfigSchema } from '../../src/config/schema.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { githubMetadata } from '../../src/jekyll/github-metadata.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

describe('githubMetadata', () => {
  it('resolves the repository keys, the URL, and lets a github: map override', () => {
    const config = siteConfigSchema.parse({ url: 'https://ada.github.io/blog/' });
    expect(githubMetadata(config, { repository: 'ada/blog', github: { repository_description: 'Notes' } })).toEqual({
      hostname: 'github.com',
      pages_hostname: 'github.io',
      api_url: 'https://api.github.com',
      help_url: 'https://help.github.com',
      environment: 'dotcom',
      pages_env: 'dotcom',
      repository_nwo: 'ada/blog',
      owner_name: 'ada',
      repository_name: 'blog',
      project_title: 'blog',
      owner_url: 'https://github.com/ada',
      repository_url: 'https://github.com/ada/blog',
      issues_url: 'https://github.com/ada/blog/issues',
      clone_url: 'https://github.com/ada/blog.git',
      is_user_page: false,
      is_project_page: true,
      url: 'https://ada.github.io/blog',
      html_url: 'https://ada.github.io/blog',
      baseurl: '/blog',
      repository_description: 'Notes',
    });
  });
});

describe('site.github in posts', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite('github-metadata', {
      '_config.yml': 'title: J\nurl: https://ada.github.io\nrepository: ada/ada.github.io\n',
      '_posts/2024-01-01-a.md':
        '---\ntitle: A\n---\n[Source]({{ site.github.repository_url }}) by {{ site.github.owner_name }} at {{ site.github.url }}.\n',
      '_posts/2024-01-02-b.md':
        '---\ntitle: B\n---\nLine one.\nReleased: {{ site.github.latest_release.tag_name }}{% raw %}{{ site.github.contributors }}{% endraw %}\n',
      '_posts/2024-01-03-c.md':
        '---\ntitle: C\n---\n{% for c in site.github.contributors %}{{ c.login }}{% endfor %}\n',
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('renders the keys that follow from _config.yml', async () => {
    const page = await readOutput(path.join(site, '_site'), '2024/01/01/a.html');
    expect(page).toContain(
      '<p><a href="https://github.com/ada/ada.github.io">Source</a> by ada at https://ada.github.io.</p>',
    );
  });

  it('warns once, at the first use of a key that cannot be known', () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-02-b.md:5:14 warning[github-metadata] site.github.latest_release is empty: jekyll-github-metadata asks the GitHub API for it, which inkstone does not call; set "github: {latest_release: …}" in _config.yml to give it (and 1 more use of unknown site.github keys)',
    ]);
  });

  it('names the missing setting when repository: is not set', async () => {
    const bare = await writeSite('github-metadata-bare', {
      '_config.yml': 'title: J\n',
      '_posts/2024-01-01-x.md': '---\ntitle: X\n---\n{{ site.github.repository_url }} {{ site.github.url }}\n',
    });
    const built = await build({ siteDir: bare, write: false });
    await removeDir(bare);
    expect(built.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-x.md:4:4 warning[github-metadata] site.github.repository_url is empty: set "repository: owner/name" in _config.yml (and 1 more use of unknown site.github keys)',
    ]);
  });
});
