/**
 * The Hugo stage, between content and markdown, for a Hugo site's pages: each page gets the URL Hugo
 * gave it (routes.ts) and its aliases; pages not yet published (`publishDate`) or expired
 * (`expiryDate`) are left out; shortcodes and captions are made (expand.ts); and the profile is chosen
 * (math when the site or the page asks for it). A page bundle's other files are copied beside its page.
 */
import { isRecord, keyIgnoringCase } from '../core/objects.js';
import { readdir, readFile } from 'node:fs/promises';
import { readFrontMatter } from '../content/front-matter.js';
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import { parsePostDate } from '../content/dates.js';
import { routeFromUrlPath } from '../content/permalink.js';
import type { Diagnostic, DiagnosticBag } from '../core/diagnostics.js';
import type { CompatEntry } from '../jekyll/compat.js';
import type { SiteCopy } from '../output/site-copies.js';
import type { Post } from '../types.js';
import type { HugoSite } from './config.js';
import { hugoUrlize } from '../content/hugo-urlize.js';
import { expandHugoBody } from './expand.js';
import { contentPlace, hugoRoute, resolveAlias } from './routes.js';

/** What the stage needs besides the pages. */
export interface HugoStageOptions {
  siteDir: string;
  config: SiteConfig;
  hugo: HugoSite;
  /** Build pages whose `publishDate` is still to come (`--future`). */
  future: boolean;
  now: Date;
}

/** The pages ready for Markdown, the bundles' files, and the compatibility report. */
export interface HugoStageResult {
  posts: Post[];
  copies: SiteCopy[];
  compat: CompatEntry[];
}

/** Runs the stage; problems go to `bag`. */
export async function runHugoStage(
  posts: readonly Post[],
  options: HugoStageOptions,
  bag: DiagnosticBag,
): Promise<HugoStageResult> {
  const { hugo } = options;
  const compat: CompatEntry[] = [...hugo.compat];
  const siteShortcodes = await listSiteShortcodes(options.siteDir, compat);
  const routed: Post[] = [];
  const ownLayouts = await listOwnLayouts(options.siteDir);
  for (const post of posts) {
    const next = placePost(post, options, bag);
    if (next) routed.push(hugoLayout(next, ownLayouts, compat));
  }
  await addSectionTitles(routed, options.siteDir, hugo.contentDir);
  const refs = refTargets(routed, hugo.contentDir);
  const { base } = options.config;
  const out: Post[] = [];
  for (const post of routed) {
    const expanded = expandHugoBody(post, {
      siteShortcodes,
      embeds: options.config.embeds,
      ref: (target, absolute) => {
        const [file = '', anchor] = target.split('#');
        const url = file === '' ? post.url : refs.get(refKey(file));
        if (url === undefined) return undefined;
        const sitePath = `${base.basePath.replace(/\/$/, '')}${url}${anchor ? `#${anchor}` : ''}`;
        return absolute && base.origin ? `${base.origin}${sitePath}` : sitePath;
      },
      param: (name) => lookup(post.meta.data, name) ?? lookup(hugo.params, name),
    });
    bag.addAll(expanded.diagnostics);
    compat.push(...expanded.compat);
    const data = post.meta.data;
    const math = hugo.math || expanded.math || data['math'] === true || data['katex'] === true;
    out.push({
      ...post,
      body: expanded.body,
      ...(expanded.lineMap ? { lineMap: expanded.lineMap } : {}),
      ...(expanded.snippets.length > 0 ? { snippets: expanded.snippets } : {}),
      profile: math ? 'hugo' : 'hugo-plain',
    });
  }
  return { posts: out, copies: await bundleCopies(options.siteDir, out), compat };
}

/** `post` at the URL Hugo gives it, with its aliases; undefined when it is not published, or its URL is wrong (an error in `bag`). */
function placePost(post: Post, options: HugoStageOptions, bag: DiagnosticBag): Post | undefined {
  const data = post.meta.data;
  const fail = (message: string, key: string) => {
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'permalink',
      message,
      location: { file: post.source.relPath, line: keyLine(post, key), column: 1 },
      sourceText: post.source.text,
    };
    bag.add(diagnostic);
    return undefined;
  };
  for (const key of ['publishdate', 'expirydate'] as const) {
    const written = keyIgnoringCase(data, key);
    const value = written === undefined ? undefined : data[written];
    if (value === undefined || value === null || value === '') continue;
    const date = parsePostDate(String(value), options.config.timezone);
    if (!date.ok) return fail(`front matter field "${written}": ${date.reason}`, written!);
    const time = date.date.toMillis();
    if (key === 'publishdate' && !options.future && time > options.now.getTime()) return undefined;
    if (key === 'expirydate' && time <= options.now.getTime()) return undefined;
  }
  const route = hugoRoute(post, options.hugo);
  if (!route.ok) return fail(route.reason, route.key ?? 'url');
  const aliases = data['aliases'];
  const redirectFrom: string[] = [];
  for (const alias of typeof aliases === 'string' ? [aliases] : Array.isArray(aliases) ? aliases : []) {
    const from = routeFromUrlPath(resolveAlias(String(alias).trim(), route.url));
    if (!from.ok) return fail(`front matter field "aliases": ${from.reason.replace(/^permalink/, 'alias')}`, 'aliases');
    redirectFrom.push(from.url);
  }
  const slug = route.url
    .split('/')
    .filter(Boolean)
    .pop()!
    .replace(/\.html?$/, '');
  // Its section's list page (`/posts/`) lists it, as Hugo's does.
  const section = hugoUrlize(contentPlace(post.source.relPath, options.hugo.contentDir).section, 'path');
  // Hugo lists pages by `weight` first (0 is no weight).
  const weight = typeof data['weight'] === 'number' && Number.isFinite(data['weight']) ? data['weight'] : 0;
  // The front matter's `summary` is the page's summary on list pages, read as Markdown, as Hugo does.
  const summaryKey = keyIgnoringCase(data, 'summary');
  const summary = summaryKey === undefined ? undefined : data[summaryKey];
  return {
    ...post,
    ...(typeof summary === 'string' && summary.trim() !== ''
      ? { summary: { text: summary, line: keyLine(post, summaryKey!) } }
      : {}),
    url: route.url,
    outputPath: route.outputPath,
    slug,
    meta: {
      ...post.meta,
      redirectFrom,
      ...(section && !post.meta.standalone ? { section } : {}),
      ...(weight !== 0 ? { weight } : {}),
    },
  };
}

/**
 * A Hugo page's `layout` (and `type`) name Go templates, which inkstone does not run: the page keeps
 * inkstone's own layout (`post`, or `page` for a standalone page), and the report says so, unless
 * the site has an inkstone layout of that name (`layouts/<name>.njk`).
 */
function hugoLayout(post: Post, ownLayouts: ReadonlySet<string>, compat: CompatEntry[]): Post {
  const { layoutAt, ...meta } = post.meta;
  if (layoutAt === undefined || ownLayouts.has(post.meta.layout)) return post;
  const layout = post.meta.standalone ? 'page' : 'post';
  compat.push({
    file: post.source.relPath,
    line: layoutAt.line,
    construct: `layout: ${post.meta.layout}`,
    status: 'approximated',
    detail: `a Hugo template, which inkstone does not run: the page uses inkstone's ${layout} layout`,
  });
  return { ...post, meta: { ...meta, layout } };
}

/** The names of the site's own inkstone layouts (`layouts/*.njk`). */
async function listOwnLayouts(siteDir: string): Promise<Set<string>> {
  const entries = await readdir(path.join(siteDir, 'layouts'), { withFileTypes: true }).catch(() => []);
  return new Set(entries.filter((e) => e.isFile() && e.name.endsWith('.njk')).map((e) => e.name.slice(0, -4)));
}

/**
 * Gives each post of a section the title of the section's `_index.md` (its list page's heading, as in
 * Hugo), when it has one. An `_index.md` that cannot be read or parsed gives none: the name is used.
 */
async function addSectionTitles(posts: Post[], siteDir: string, contentDir: string): Promise<void> {
  const titles = new Map<string, Promise<string | undefined>>();
  const titleOf = (folder: string) => {
    let title = titles.get(folder);
    if (!title) {
      const file = path.join(siteDir, contentDir, folder, '_index.md');
      title = readFile(file, 'utf8').then(
        (text) => {
          try {
            const value = readFrontMatter(text, `${contentDir}/${folder}/_index.md`).yaml.value;
            const written = isRecord(value) ? keyIgnoringCase(value, 'title') : undefined;
            const found = written === undefined ? undefined : (value as Record<string, unknown>)[written];
            return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
          } catch {
            return undefined;
          }
        },
        () => undefined,
      );
      titles.set(folder, title);
    }
    return title;
  };
  await Promise.all(
    posts.map(async (post, i) => {
      if (post.meta.section === undefined) return;
      const folder = contentPlace(post.source.relPath, contentDir).folders[0];
      const sectionTitle = folder === undefined ? undefined : await titleOf(folder);
      if (sectionTitle !== undefined) posts[i] = { ...post, meta: { ...post.meta, sectionTitle } };
    }),
  );
}

/** The 1-based file line of front matter `key` (found by its text), else 1. */
function keyLine(post: Post, key: string): number {
  const lines = post.source.text.split('\n', post.bodyLine);
  const at = lines.findIndex((line) => new RegExp(`^\\s*"?${key}"?\\s*[:=]`, 'i').test(line));
  return at === -1 ? 1 : at + 1;
}

/** Every way a `ref` may name each page: its path under the content folder with and without extension, a bundle's folder, and its file name when that is unique. */
function refTargets(posts: readonly Post[], contentDir: string): Map<string, string> {
  const targets = new Map<string, string>();
  const names = new Map<string, string | null>();
  for (const post of posts) {
    const inner = post.source.relPath.slice(contentDir.length + 1);
    const withoutExt = inner.replace(/\.(md|markdown)$/i, '');
    targets.set(refKey(inner), post.url);
    targets.set(refKey(withoutExt), post.url);
    if (withoutExt.endsWith('/index')) targets.set(refKey(withoutExt.slice(0, -'/index'.length)), post.url);
    const name = refKey(contentPlace(post.source.relPath, contentDir).name);
    names.set(name, names.has(name) ? null : post.url);
  }
  for (const [name, url] of names) if (url !== null && !targets.has(name)) targets.set(name, url);
  for (const [name, url] of names) if (url !== null) targets.set(`${name}.md`, url);
  return targets;
}

function refKey(target: string): string {
  return target.trim().replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase();
}

/** A parameter by dotted name, keys compared without case (Hugo lower-cases them). */
function lookup(params: Record<string, unknown>, name: string): unknown {
  let value: unknown = params;
  for (const part of name.toLowerCase().split('.')) {
    if (!isRecord(value)) return undefined;
    const key = keyIgnoringCase(value, part);
    value = key === undefined ? undefined : value[key];
  }
  return value;
}

/** Names of the site's shortcodes (`layouts/shortcodes/`, and its Hugo themes'), each reported once. */
async function listSiteShortcodes(siteDir: string, compat: CompatEntry[]): Promise<Set<string>> {
  const names = new Set<string>();
  const folders = ['layouts/shortcodes'];
  const themes = await readdir(path.join(siteDir, 'themes'), { withFileTypes: true }).catch(() => []);
  for (const theme of themes) if (theme.isDirectory()) folders.push(`themes/${theme.name}/layouts/shortcodes`);
  for (const folder of folders) {
    const entries = await readdir(path.join(siteDir, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const match = /^(.+)\.(?:html|md)$/.exec(entry.name);
      if (!entry.isFile() || !match) continue;
      names.add(match[1]!.toLowerCase());
      compat.push({
        file: `${folder}/${entry.name}`,
        line: 1,
        construct: `shortcode template ${match[1]}`,
        status: 'unsupported',
        detail: 'a Go template, which inkstone does not run: where a post uses it, a note and its content are shown',
      });
    }
  }
  return names;
}

/** The other files of each page bundle (`posts/x/index.md` with `posts/x/photo.jpg`), copied beside the page. */
async function bundleCopies(siteDir: string, posts: readonly Post[]): Promise<Array<{ from: string; to: string }>> {
  const copies: Array<{ from: string; to: string }> = [];
  for (const post of posts) {
    if (!/\/index\.(md|markdown)$/i.test(post.source.relPath) || !post.outputPath.endsWith('/index.html')) continue;
    const folder = path.posix.dirname(post.source.relPath);
    const outFolder = path.posix.dirname(post.outputPath);
    const walk = async (rel: string): Promise<void> => {
      const entries = await readdir(path.join(siteDir, folder, rel), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(child);
        else if (entry.isFile() && !/\.(md|markdown)$/i.test(entry.name))
          copies.push({ from: `${folder}/${child}`, to: `${outFolder}/${child}` });
      }
    };
    await walk('');
  }
  return copies;
}
