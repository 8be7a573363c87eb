/**
 * Running the site's own code at its fixed points: the hooks (`beforeBuild`, `afterBuild`,
 * `transformPage`), the data functions and the template filters. Whatever it throws becomes an error
 * diagnostic at the line of the site's code that threw (from the stack), so `build` exits 1 and the
 * dev server shows it in its overlay; inkstone's own state is never left half-changed.
 */
import type { AfterBuildInfo, BuildInfo, PageInfo } from '../config/define.js';
import type { SiteExtensions } from '../config/extensions.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { displayPath } from '../core/paths.js';
import { errorSummary, siteCodeLocation } from '../core/stack-location.js';
import { isLayoutPage, type OutputFile, type Page, type SiteGraph } from '../types.js';

/** The site's code and where it lives. */
export interface SiteHooks {
  siteDir: string;
  extensions: SiteExtensions;
}

/** An error thrown by the site's code as a diagnostic at its line (else at the configuration module). */
export function siteCodeDiagnostic(site: SiteHooks, what: string, error: unknown): Diagnostic {
  const { extensions, siteDir } = site;
  const at = siteCodeLocation(error, extensions.modules, siteDir);
  const module = extensions.modules[0];
  const file = module ? displayPath(siteDir, module) : '(build options)';
  return {
    severity: 'error',
    code: 'hook',
    message: `${what} threw: ${errorSummary(error)}`,
    location: at ?? { file },
  };
}

/** Runs `beforeBuild`; its error, if it threw. */
export function runBeforeBuild(site: SiteHooks, info: BuildInfo): Promise<Diagnostic[]> {
  const hook = site.extensions.hooks.beforeBuild;
  return runHook(site, 'the beforeBuild hook', hook && (() => hook(info)));
}

/** Runs `afterBuild` with the site's files; its error, if it threw. */
export function runAfterBuild(site: SiteHooks, info: BuildInfo, files: readonly OutputFile[]): Promise<Diagnostic[]> {
  const hook = site.extensions.hooks.afterBuild;
  const after: AfterBuildInfo = { ...info, files: files.map((f) => f.outputPath).sort() };
  return runHook(site, 'the afterBuild hook', hook && (() => hook(after)));
}

/** Runs `call` (when there is one); what it throws, as a diagnostic. */
async function runHook(site: SiteHooks, what: string, call: (() => unknown) | undefined): Promise<Diagnostic[]> {
  if (!call) return [];
  try {
    await call();
    return [];
  } catch (error) {
    return [siteCodeDiagnostic(site, what, error)];
  }
}

/**
 * The values of `data` (a function's value is awaited), for `site.data`. A function that throws is
 * an error diagnostic, and its name is left out of `site.data`.
 */
export async function resolveSiteData(
  site: SiteHooks,
  info: BuildInfo,
): Promise<{ data: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const data: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [name, value] of Object.entries(site.extensions.data)) {
    try {
      data[name] = typeof value === 'function' ? await (value as (info: BuildInfo) => unknown)(info) : value;
    } catch (error) {
      diagnostics.push(siteCodeDiagnostic(site, `the data function "${name}"`, error));
    }
  }
  return { data, diagnostics };
}

/** The page as `transformPage` is told of it. */
export function pageInfo(graph: SiteGraph, page: Page): PageInfo {
  const post = page.kind === 'post' ? graph.posts[page.postIndex]!.post : undefined;
  return {
    url: page.url,
    outputPath: page.outputPath,
    kind: page.kind,
    ...(post ? { source: post.source.relPath, title: post.meta.title } : {}),
  };
}

/**
 * The page's file after `transformPage` (HTML pages only; feeds, the sitemap and robots.txt are not
 * pages). A hook that throws keeps the file as it was and adds its error.
 */
export async function transformPageFile(
  site: SiteHooks,
  graph: SiteGraph,
  page: Page,
  file: OutputFile,
): Promise<{ file: OutputFile; diagnostics: Diagnostic[] }> {
  const hook = site.extensions.hooks.transformPage;
  if (!hook || !isLayoutPage(page) || typeof file.contents !== 'string') return { file, diagnostics: [] };
  try {
    const html = await hook(file.contents, pageInfo(graph, page));
    if (html === undefined) return { file, diagnostics: [] };
    if (typeof html !== 'string') throw new TypeError(`it returned ${typeof html}, not a string of HTML`);
    return { file: { ...file, contents: html }, diagnostics: [] };
  } catch (error) {
    return { file, diagnostics: [siteCodeDiagnostic(site, `the transformPage hook on ${page.url}`, error)] };
  }
}
