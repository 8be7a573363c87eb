/**
 * `site.github` (jekyll-github-metadata, which al-folio's templates and posts read): the keys that follow
 * from the site's own settings (`repository: owner/name`, the site URL, a `github:` map in `_config.yml`),
 * without calling the GitHub API. A post that uses a key that cannot be known gets one warning per site.
 */
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Post } from '../types.js';
import { positionOf } from '../core/text-position.js';

/** Keys that are the same for every site on github.com. */
const GITHUB_DOTCOM: Readonly<Record<string, string>> = {
  hostname: 'github.com',
  pages_hostname: 'github.io',
  api_url: 'https://api.github.com',
  help_url: 'https://help.github.com',
  environment: 'dotcom',
  pages_env: 'dotcom',
};

/**
 * `site.github` for a site with `_config.yml` keys `raw` and configuration `config`: the github.com
 * constants, what `repository: owner/name` gives, `url` and `baseurl` from the site URL (when it has a
 * host), and last any `github:` map the site writes itself, as jekyll-github-metadata lets it override.
 */
export function githubMetadata(config: SiteConfig, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...GITHUB_DOTCOM };
  const own =
    raw['github'] && typeof raw['github'] === 'object' && !Array.isArray(raw['github'])
      ? (raw['github'] as Record<string, unknown>)
      : {};
  const nwo =
    typeof raw['repository'] === 'string'
      ? raw['repository'].trim()
      : typeof own['repository_nwo'] === 'string'
        ? own['repository_nwo']
        : '';
  const repo = /^([\w.-]+)\/([\w.-]+)$/.exec(nwo);
  if (repo) {
    const [, owner, name] = repo as unknown as [string, string, string];
    const repositoryUrl = `https://github.com/${owner}/${name}`;
    Object.assign(out, {
      repository_nwo: `${owner}/${name}`,
      owner_name: owner,
      repository_name: name,
      project_title: name,
      owner_url: `https://github.com/${owner}`,
      repository_url: repositoryUrl,
      issues_url: `${repositoryUrl}/issues`,
      clone_url: `${repositoryUrl}.git`,
      is_user_page: name.toLowerCase() === `${owner.toLowerCase()}.github.io`,
      is_project_page: name.toLowerCase() !== `${owner.toLowerCase()}.github.io`,
    });
  }
  const base = config.base;
  if (base.origin) {
    const url = `${base.origin}${base.basePath}`.replace(/\/$/, '');
    Object.assign(out, { url, html_url: url, baseurl: base.basePath.replace(/\/$/, '') });
  }
  return { ...out, ...own };
}

/** Why a `site.github` key is empty: what the site could set, or that only the API knows it. */
function missingReason(key: string): string {
  if (
    [
      'repository_nwo',
      'owner_name',
      'repository_name',
      'project_title',
      'owner_url',
      'repository_url',
      'issues_url',
      'clone_url',
      'is_user_page',
      'is_project_page',
    ].includes(key)
  ) {
    return 'set "repository: owner/name" in _config.yml';
  }
  if (['url', 'html_url', 'baseurl'].includes(key)) return 'set "url" to the address the site is published at';
  return `jekyll-github-metadata asks the GitHub API for it, which inkstone does not call; set "github: {${key}: …}" in _config.yml to give it`;
}

/**
 * One warning for the whole site when Liquid in `posts` reads a `site.github.<key>` that `github` (the
 * resolved `site.github`) lacks: at the first such use, with the number of others. `{% raw %}` is skipped.
 */
export function githubMetadataWarning(posts: readonly Post[], github: Record<string, unknown>): Diagnostic | undefined {
  let first: { post: Post; line: number; column: number; key: string } | undefined;
  let count = 0;
  for (const post of [...posts].sort((a, b) =>
    a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0,
  )) {
    const body = post.body.replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, (m) =>
      m.replace(/[^\n]/g, ' '),
    );
    for (const match of body.matchAll(/\bsite\.github\.(\w+)/g)) {
      const key = match[1]!;
      if (Object.hasOwn(github, key)) continue;
      count++;
      if (first) continue;
      const { line0, column } = positionOf(body, match.index);
      first = { post, line: post.bodyLine + line0, column, key };
    }
  }
  if (!first) return undefined;
  const others = count > 1 ? ` (and ${count - 1} more use${count > 2 ? 's' : ''} of unknown site.github keys)` : '';
  return {
    severity: 'warning',
    code: 'github-metadata',
    message: `site.github.${first.key} is empty: ${missingReason(first.key)}${others}`,
    location: { file: first.post.source.relPath, line: first.line, column: first.column },
    sourceText: first.post.source.text,
  };
}
