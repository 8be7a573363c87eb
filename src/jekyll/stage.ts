/**
 * The Jekyll stage, between content and markdown: evaluates Liquid in Jekyll posts (it needs every post's
 * URL for `{% post_url %}`) and Distill's elements, lists the site's static files, and
 * gathers the compatibility report. Plain data in, plain data out: each Post comes back with its body
 * replaced (and a line map when lines moved).
 */
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { SiteConfig } from '../config/schema.js';
import { isJekyllSource } from '../content/discover.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { isInside, toPosix } from '../core/paths.js';
import { createSiteReader, type SiteReader } from '../core/site-reader.js';
import { expandNotebookFences } from '../notebooks/fences.js';
import type { MarkdownProfile, Post } from '../types.js';
import type { CompatEntry } from './compat.js';
import { scanPostCompat } from './compat-scan.js';
import type { JekyllSite } from './config.js';
import { expandCitations } from '../citations/native.js';
import { createBibliographyStore, type BibliographyStore } from '../citations/store.js';
import { missingCommentsWarning } from './comments-warning.js';
import { folderReader } from './folder-reader.js';
import { githubMetadataWarning } from './github-metadata.js';
import { readDataFiles, pageVariables, siteVariables } from './liquid-data.js';
import type { LiquidSite } from './liquid-run.js';
import type { renderPostLiquid } from './render-liquid.js';
import { listJekyllFiles } from './site-files.js';

/** What the stage needs besides the posts. */
export interface JekyllStageOptions {
  siteDir: string;
  outDir: string;
  config: SiteConfig;
  /** The site's `_config.yml`, when it has one. */
  jekyll: JekyllSite | undefined;
  /** The build's clock, for `site.time`. */
  now: Date;
}

/** The posts ready for Markdown, the static files to copy, and the compatibility report. */
export interface JekyllStageResult {
  posts: Post[];
  /** Site-relative files that Jekyll would copy as they are. */
  staticFiles: string[];
  compat: CompatEntry[];
}

/** Shown after the body of a post whose front matter asks for al-folio's image viewers. */
const IMAGES_NOTE =
  '<aside class="compat-note">This post was written for script-driven image viewers (comparison sliders, galleries, lightboxes); its images are shown here as plain images.</aside>';

/** True when the bodies of `post` are Liquid templates in this build (see the README). */
export function usesLiquid(post: Post, options: Pick<JekyllStageOptions, 'config' | 'jekyll'>): boolean {
  return isJekyllSource(post.source.relPath) || options.jekyll !== undefined || options.config.liquid;
}

/** The Markdown dialect of `post`: kramdown for Jekyll content (see the README), else the configured one. */
export function markdownProfile(post: Post, options: Pick<JekyllStageOptions, 'config' | 'jekyll'>): MarkdownProfile {
  return isJekyllSource(post.source.relPath) || options.jekyll !== undefined
    ? 'kramdown'
    : options.config.markdown.profile;
}

/** Runs the stage; problems go to `bag`. */
export async function runJekyllStage(
  posts: readonly Post[],
  options: JekyllStageOptions,
  bag: DiagnosticBag,
): Promise<JekyllStageResult> {
  const compat: CompatEntry[] = [...(options.jekyll?.compat ?? [])];
  let staticFiles: string[] = [];
  if (options.jekyll) {
    const skip = [options.outDir, path.resolve(options.siteDir, options.config.cache_dir)]
      .filter((dir) => isInside(options.siteDir, dir))
      .map((dir) => toPosix(path.relative(options.siteDir, dir)));
    const files = await listJekyllFiles(options.siteDir, options.jekyll, skip);
    staticFiles = files.staticFiles;
    for (const page of files.pages) {
      compat.push({
        file: page,
        line: 1,
        construct: 'page with front matter',
        status: 'unsupported',
        detail: 'inkstone builds posts; this file is neither built nor copied',
      });
    }
  }
  // One reader and one bibliography store per build, shared by Liquid posts and native ones.
  const siteFiles = createSiteReader(options.siteDir);
  const bibliographies = createBibliographyStore(
    siteFiles,
    options.config.bibliography.files,
    options.config.bibliography.style,
    (problem) =>
      bag.add({
        severity: 'warning',
        code: 'citation',
        message: problem.message,
        location: { file: problem.file, line: problem.line, column: problem.column },
      }),
  );
  const liquidSite = posts.some((p) => usesLiquid(p, options))
    ? await createLiquidSite(posts, staticFiles, options, { siteFiles, bibliographies }, bag)
    : undefined;
  const siteWarnings = [
    liquidSite &&
      githubMetadataWarning(
        posts.filter((p) => usesLiquid(p, options)),
        liquidSite.variables['github'] as Record<string, unknown>,
      ),
    missingCommentsWarning(posts, options.config.comments),
  ];
  for (const warning of siteWarnings) if (warning) bag.add(warning);
  const out: Post[] = [];
  for (const post of posts) {
    compat.push(...scanPostCompat(post, options.config.comments));
    let next: Post = { ...post, profile: markdownProfile(post, options) };
    if (liquidSite && usesLiquid(post, options)) {
      const result = await liquidSite.render(next, liquidSite.site, {
        site: liquidSite.variables,
        page: pageVariables(next),
      });
      bag.addAll(result.diagnostics);
      compat.push(...result.compat);
      next = { ...next, body: result.body, ...(result.lineMap ? { lineMap: result.lineMap } : {}) };
    } else {
      // Native posts cite Pandoc's way, [@key]; Liquid posts have jekyll-scholar's tags instead.
      const citations = await expandCitations(next, bibliographies, options.config.bibliography.files.length > 0);
      bag.addAll(citations.diagnostics);
      next = { ...next, body: citations.body };
    }
    // Native posts show a notebook with a ```notebook fence: read here, like {% jupyter_notebook %}, before Markdown.
    const notebooks = await expandNotebookFences(next, siteFiles);
    bag.addAll(notebooks.diagnostics);
    next = { ...next, body: notebooks.body };
    if (wantsImageViewer(next)) next = { ...next, body: `${next.body.replace(/\n*$/, '')}\n\n${IMAGES_NOTE}\n` };
    out.push(next);
  }
  return { posts: out, staticFiles, compat };
}

function wantsImageViewer(post: Post): boolean {
  const images = post.meta.data['images'];
  return typeof images === 'object' && images !== null && Object.values(images).some(Boolean);
}

async function createLiquidSite(
  posts: readonly Post[],
  staticFiles: readonly string[],
  options: JekyllStageOptions,
  shared: { siteFiles: SiteReader; bibliographies: BibliographyStore },
  bag: DiagnosticBag,
): Promise<{ site: LiquidSite; variables: Record<string, unknown>; render: typeof renderPostLiquid }> {
  // The Liquid engine (liquidjs and the Jekyll tags) is imported only by a build with Liquid posts.
  const { renderPostLiquid } = await import('./render-liquid.js');
  const { data, diagnostics } = options.jekyll ? await readDataFiles(options.siteDir) : { data: {}, diagnostics: [] };
  bag.addAll(diagnostics);
  const postUrls = new Map<string, string>();
  const linkTargets = new Map<string, string>();
  for (const post of posts) {
    const withinFolder = post.source.relPath.replace(/^[^/]+\//, '').replace(/\.(md|markdown)$/, '');
    const base = withinFolder.split('/').pop()!;
    postUrls.set(withinFolder, post.url);
    if (!postUrls.has(base)) postUrls.set(base, post.url);
    linkTargets.set(post.source.relPath, post.url);
  }
  for (const file of staticFiles) linkTargets.set(file, `/${file}`);
  const markdown = new MarkdownIt({ html: true, linkify: options.config.markdown.linkify });
  const site: LiquidSite = {
    readInclude: folderReader(path.join(options.siteDir, '_includes'), '_includes'),
    postUrls,
    linkTargets,
    base: options.config.base,
    timezone: options.config.timezone,
    markdownify: (text) => markdown.render(text),
    siteFiles: shared.siteFiles,
    embeds: options.config.embeds,
    bibliographies: shared.bibliographies,
    lineNumbers: options.config.markdown.line_numbers,
  };
  return {
    site,
    variables: siteVariables(options.config, options.jekyll, posts, options.now, data),
    render: renderPostLiquid,
  };
}
