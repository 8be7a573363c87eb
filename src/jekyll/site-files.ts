/**
 * The other files of a Jekyll site, sorted as Jekyll sorts them: static files (copied as they are, at
 * the same path) and pages (files with front matter, which Jekyll renders and inkstone does not build).
 * Left out like Jekyll does: names starting with `_`, `.`, `#` or ending in `~` (unless in `include`),
 * `exclude`d paths, Jekyll's default excludes, and inkstone's own folders and output.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { JekyllSite } from './config.js';

/** Jekyll 4's default `exclude`, plus the folders inkstone reads itself. */
const ALWAYS_EXCLUDED = [
  'Gemfile',
  'Gemfile.lock',
  'gemfiles',
  'node_modules',
  'vendor',
  'inkstone.yml',
  'inkstone.yaml',
  'posts',
  'static',
  'layouts',
  'themes',
];

/** Extensions of files that may start with front matter; other files are never pages. */
const TEXT_FILE = /\.(md|markdown|mkd|html?|xml|txt|json|css|scss|sass|js|liquid|ya?ml|csv|svg|rss|atom|webmanifest)$/i;

/** Static files and pages of the site, as site-relative paths. */
export interface JekyllFiles {
  staticFiles: string[];
  pages: string[];
}

/** Lists the files of `siteDir` that Jekyll would copy or render; `skip` holds site-relative folders to leave out (the output). */
export async function listJekyllFiles(
  siteDir: string,
  site: JekyllSite,
  skip: readonly string[],
): Promise<JekyllFiles> {
  const all = await glob('**/*', { cwd: siteDir, onlyFiles: true, followSymbolicLinks: false, dot: true });
  all.sort();
  const excluded = [...ALWAYS_EXCLUDED, ...site.exclude, ...skip];
  const staticFiles: string[] = [];
  const pages: string[] = [];
  for (const rel of all) {
    if (excluded.some((e) => rel === e || rel.startsWith(`${e}/`))) continue;
    const hidden = rel.split('/').some((segment) => /^[_.#]/.test(segment) || segment.endsWith('~'));
    if (hidden && !site.include.some((i) => rel === i || rel.startsWith(`${i}/`))) continue;
    if (TEXT_FILE.test(rel) && (await startsWithFrontMatter(path.join(siteDir, rel)))) pages.push(rel);
    else staticFiles.push(rel);
  }
  return { staticFiles, pages };
}

async function startsWithFrontMatter(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return /^\uFEFF?---\r?\n/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
