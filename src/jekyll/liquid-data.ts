/** The Liquid variables of Jekyll posts: `site.*` (configuration, posts, tags, `_data/`) and `page.*`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseYaml } from '../core/yaml.js';
import type { Post } from '../types.js';
import type { JekyllSite } from './config.js';
import { githubMetadata } from './github-metadata.js';

/** `page` of a post: its front matter, then what Jekyll computes (title, date, url, id, slug, terms, path). */
export function pageVariables(post: Post): Record<string, unknown> {
  return {
    ...post.meta.data,
    title: post.meta.title,
    date: new Date(post.meta.date),
    url: post.url,
    id: post.url.replace(/\.html$/, '').replace(/\/$/, ''),
    slug: post.slug,
    categories: post.meta.categories,
    tags: post.meta.tags,
    path: post.source.relPath,
    layout: post.meta.layout,
    description: post.meta.description,
  };
}

/** `site`: every `_config.yml` key, the resolved settings, and the posts of this build newest first. */
export function siteVariables(
  config: SiteConfig,
  jekyll: JekyllSite | undefined,
  posts: readonly Post[],
  now: Date,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const base = config.base;
  const pages = [...posts].sort(newestFirst).map(pageVariables);
  const byTerm = (key: 'tags' | 'categories') => {
    const terms: Record<string, unknown[]> = {};
    for (const page of pages) for (const term of page[key] as string[]) (terms[term] ??= []).push(page);
    return terms;
  };
  return {
    ...(jekyll?.raw ?? {}),
    title: config.title,
    description: config.description,
    author: jekyll?.raw['author'] ?? config.author,
    url: base.origin,
    baseurl: base.basePath.replace(/\/$/, ''),
    lang: config.language,
    timezone: config.timezone,
    time: now,
    posts: pages,
    tags: byTerm('tags'),
    categories: byTerm('categories'),
    data,
    github: githubMetadata(config, jekyll?.raw ?? {}),
  };
}

function newestFirst(a: Post, b: Post): number {
  return Date.parse(b.meta.date) - Date.parse(a.meta.date) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Reads `_data/**\/*.{yml,yaml,json}` into nested maps (`_data/a/b.yml` is `site.data.a.b`); bad files are warnings. */
export async function readDataFiles(
  siteDir: string,
): Promise<{ data: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const dir = path.join(siteDir, '_data');
  const files = (await glob('**/*.{yml,yaml,json}', { cwd: dir, onlyFiles: true, followSymbolicLinks: false })).sort();
  const data: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  for (const rel of files) {
    const text = await readFile(path.join(dir, rel), 'utf8');
    const file = `_data/${rel}`;
    let value: unknown;
    if (rel.endsWith('.json')) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        diagnostics.push({
          severity: 'warning',
          code: 'data',
          message: `invalid JSON: ${(error as Error).message}; site.data leaves it out`,
          location: { file },
        });
        continue;
      }
    } else {
      const parsed = parseYaml(text);
      if (!parsed.ok) {
        diagnostics.push({
          severity: 'warning',
          code: 'data',
          message: `invalid YAML: ${parsed.problem.message}; site.data leaves it out`,
          location: { file, ...parsed.problem.position },
          sourceText: text,
        });
        continue;
      }
      value = parsed.yaml.value;
    }
    const keys = rel.replace(/\.(ya?ml|json)$/, '').split('/');
    let node = data;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return { data, diagnostics };
}
