/**
 * `inkstone check`: builds the site in memory, then verifies every internal link, image and
 * `#fragment`, duplicate ids, and the feeds and sitemap; optionally external links too. Problems in
 * posts are located at the line of the Markdown source that holds the link.
 */
import { build, type BuildOptions, type BuildResult } from '../build.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { contentsText } from '../output/contents.js';
import type { OutputFile } from '../types.js';
import { checkExternalLinks, defaultExternalOptions, type ExternalOptions } from './external.js';
import { checkFeeds } from './feeds.js';
import { scanPage, type PageScan } from './html-scan.js';
import { resolveLink } from './resolve.js';

/** Options of a check: those of a build, plus external link checking. */
export interface CheckOptions extends Omit<BuildOptions, 'write' | 'outDir'> {
  external?: boolean;
  externalOptions?: Partial<ExternalOptions>;
}

/** The build and what the check found on top of it. */
export interface CheckResult {
  build: BuildResult;
  /** Problems found by the check (the build's own diagnostics are in `build`). */
  diagnostics: Diagnostic[];
  pagesChecked: number;
  linksChecked: number;
}

/** Runs the check. */
export async function checkSite(options: CheckOptions): Promise<CheckResult> {
  // The pages are checked as built; the search index (seconds of Pagefind on a large site) is not needed.
  const result = await build({ ...options, write: false, searchIndex: false });
  const base = result.config.base;
  const paths = new Set(result.files.map((f) => f.outputPath));
  const pages = result.files.filter((f) => f.outputPath.endsWith('.html'));
  const scans = new Map<string, PageScan>(
    pages.map((page) => [page.outputPath, scanPage(contentsText(page.contents))]),
  );
  const written = writtenTargets(result.sources);
  const sourcesByPath = new Map(result.sources.map((source) => [source.relPath, source]));
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = `${d.location?.file}:${d.location?.line}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  };
  const external = new Map<string, Array<{ page: OutputFile; value: string }>>();
  let linksChecked = 0;

  for (const page of pages) {
    const scan = scans.get(page.outputPath)!;
    const where = (value?: string) => locate(page, value, result);
    const duplicates = [...new Set(scan.ids.filter((id, i) => scan.ids.indexOf(id) !== i))];
    for (const id of duplicates)
      add({
        severity: 'error',
        code: 'duplicate-id',
        message: `id "${id}" is used more than once on /${page.outputPath}`,
        ...where(),
      });
    const pageUrl = `/${page.outputPath.replace(/(^|\/)index\.html$/, '$1')}`;
    const isPost = sourcesByPath.has(page.from);
    for (const link of scan.links) {
      if (link.tag === 'link' && !/^\//.test(link.value) && !link.value.startsWith(base.origin || '\u0000')) continue;
      // A list page repeats the excerpts of posts: their links are reported once, at the post.
      if (!isPost && comesFromExcerpt(link.value, written, base.basePath)) continue;
      linksChecked++;
      const target = resolveLink(link.value, pageUrl, base, paths);
      if (target.kind === 'ignored') continue;
      if (target.kind === 'external') {
        if (link.tag === 'link') continue;
        const list = external.get(target.url) ?? [];
        list.push({ page, value: link.value });
        external.set(target.url, list);
        continue;
      }
      if (!paths.has(target.path)) {
        add({
          severity: 'error',
          code: 'link',
          message: `broken link to ${link.value}: nothing is built at that address (from /${page.outputPath})`,
          ...where(link.value),
        });
        continue;
      }
      if (target.fragment && target.path.endsWith('.html')) {
        const ids = scans.get(target.path)?.ids ?? [];
        if (!ids.includes(target.fragment)) {
          add({
            severity: 'error',
            code: 'anchor',
            message: `broken anchor ${link.value}: /${target.path} has no element with id "${target.fragment}" (from /${page.outputPath})`,
            ...where(link.value),
          });
        }
      }
    }
  }
  diagnostics.push(...checkFeeds(result.files, result.routes));

  if (options.external && external.size > 0) {
    const urls = [...external.keys()].sort();
    const outcomes = await checkExternalLinks(urls, { ...defaultExternalOptions, ...options.externalOptions });
    for (const outcome of outcomes) {
      if (outcome.ok) continue;
      for (const use of external.get(outcome.url)!) {
        add({
          severity: 'warning',
          code: 'external-link',
          message: `external link ${outcome.url} failed: ${outcome.reason} (from /${use.page.outputPath})`,
          ...locate(use.page, use.value, result),
        });
      }
    }
  }
  return { build: result, diagnostics, pagesChecked: pages.length, linksChecked };
}

/** For a post page, the line of its Markdown source that holds `value`; otherwise the page itself. */
function locate(
  page: OutputFile,
  value: string | undefined,
  result: BuildResult,
): Pick<Diagnostic, 'location' | 'sourceText'> {
  const source = result.sources.find((s) => s.relPath === page.from);
  if (!source) return { location: { file: page.outputPath } };
  if (value === undefined) return { location: { file: source.relPath }, sourceText: source.text };
  const basePath = result.config.base.basePath;
  const written = value.startsWith(basePath) && basePath !== '/' ? `/${value.slice(basePath.length)}` : value;
  const index = [written, value, decodeURIComponent(written)].map((v) => source.text.indexOf(v)).find((i) => i >= 0);
  if (index === undefined) return { location: { file: source.relPath }, sourceText: source.text };
  const before = source.text.slice(0, index);
  const line = before.split('\n').length;
  return {
    location: { file: source.relPath, line, column: index - before.lastIndexOf('\n') },
    sourceText: source.text,
  };
}

/** True when a link on a list page was written in some post (as is, or as `#fragment` of that post). */
function comesFromExcerpt(value: string, written: ReadonlySet<string>, basePath: string): boolean {
  const asWritten = value.startsWith(basePath) ? `/${value.slice(basePath.length)}` : value;
  const hash = value.indexOf('#');
  return written.has(asWritten) || (hash >= 0 && written.has(value.slice(hash)));
}

/**
 * Every link target written in the posts' Markdown or HTML (and the `#fragment` of each), collected
 * once: looking each list-page link up in every post's text made checking quadratic.
 */
function writtenTargets(sources: BuildResult['sources']): Set<string> {
  const targets = new Set<string>();
  for (const source of sources) {
    for (const match of source.text.matchAll(/\]\(\s*<?([^)\s>]+)|\s(?:href|src)=["']([^"']+)["']/g)) {
      const target = match[1] ?? match[2]!;
      targets.add(target);
      const hash = target.indexOf('#');
      if (hash >= 0) targets.add(target.slice(hash));
    }
  }
  return targets;
}
