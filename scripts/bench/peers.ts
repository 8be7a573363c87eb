/**
 * The other generators `npm run bench` builds the same corpus with, when they are installed:
 * Hugo (the `hugo` on PATH) and Eleventy 3 (installed once with npm into a scratch folder outside the
 * repository, never into its package.json). Each gets the corpus's posts with the same front matter
 * and the least setup that renders every post through a layout.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Variant } from './corpus.js';

/** How to run one build of a peer, and what to delete before a cold one. */
export interface PeerBuild {
  command: string;
  args: string[];
  cwd: string;
  /** The output and caches: deleted before every (cold) build. */
  clean: string[];
  /** The output folder, where post pages are counted. */
  out: string;
}

/** A peer that can run, or why it cannot. */
export type Peer = { installed: true; version: string } | { installed: false; reason: string };

/** Every post page a peer writes carries this attribute, so pages can be counted. */
export const POST_MARKER = 'data-bench-post';

/** `hugo version`, or why Hugo cannot run. */
export function findHugo(): Peer {
  const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return { installed: false, reason: 'no hugo on PATH' };
  const version = /hugo (v[\w.+-]+)/.exec(result.stdout)?.[1] ?? result.stdout.trim();
  return { installed: true, version };
}

const HUGO_CONFIG = `baseURL = "https://bench.example/"
title = "Benchmark"
languageCode = "en"

[markup.goldmark.renderer]
unsafe = true

# Math on every page (themes' switch; Hugo itself ignores it): inkstone's Hugo adapter renders it.
[params]
math = true
`;

const HUGO_LAYOUTS: Record<string, string> = {
  'single.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article ${POST_MARKER}><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article></body></html>
`,
  'list.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
`,
  'index.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><ul>{{ range first 20 (where .Site.RegularPages "Section" "posts") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul></body></html>
`,
};

/** Writes the corpus in `postsDir` as a Hugo site in `dir`; returns how to build it. */
export async function writeHugoSite(postsDir: string, dir: string): Promise<PeerBuild> {
  await copyPosts(postsDir, path.join(dir, 'content', 'posts'));
  await writeFile(path.join(dir, 'hugo.toml'), HUGO_CONFIG);
  await mkdir(path.join(dir, 'layouts', '_default'), { recursive: true });
  for (const [name, text] of Object.entries(HUGO_LAYOUTS)) {
    await writeFile(path.join(dir, 'layouts', name === 'index.html' ? '' : '_default', name), text);
  }
  const cache = path.join(dir, '.hugo-cache');
  return {
    command: 'hugo',
    // Posts are dated up to years ahead: build them all, as every other tool here does.
    args: ['--quiet', '-d', 'out', '--buildFuture', '--cacheDir', cache],
    cwd: dir,
    clean: [path.join(dir, 'out'), path.join(dir, 'resources'), cache, path.join(dir, '.hugo_build.lock')],
    out: path.join(dir, 'out'),
  };
}

/** The packages installed into the scratch folder, with the major version of Eleventy. */
const ELEVENTY_PACKAGES = ['@11ty/eleventy@3', '@11ty/eleventy-plugin-syntaxhighlight', '@vscode/markdown-it-katex'];

/**
 * Eleventy 3 in `scratch` (a folder outside the repository), installed there with npm the first time
 * (`install`), or why it cannot run.
 */
export async function findEleventy(scratch: string, install: boolean): Promise<Peer> {
  const version = async () => {
    try {
      const read = async (name: string) =>
        JSON.parse(await readFile(path.join(scratch, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        };
      await read('@11ty/eleventy-plugin-syntaxhighlight');
      await read('@vscode/markdown-it-katex');
      const { version } = await read('@11ty/eleventy');
      return version.startsWith('3.') ? version : undefined;
    } catch {
      return undefined;
    }
  };
  let found = await version();
  if (!found && install) {
    process.stderr.write(`Installing Eleventy 3 and its plugins into ${scratch} (once; later runs reuse it)...\n`);
    try {
      await mkdir(scratch, { recursive: true });
      const manifest = path.join(scratch, 'package.json');
      await writeFile(manifest, '{ "name": "inkstone-bench-eleventy", "private": true }\n', { flag: 'wx' }).catch(
        () => undefined,
      );
    } catch (error) {
      return { installed: false, reason: `cannot create ${scratch}: ${(error as Error).message}` };
    }
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...ELEVENTY_PACKAGES], {
      cwd: scratch,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (npm.status !== 0) return { installed: false, reason: `npm install in ${scratch} failed` };
    found = await version();
  }
  if (!found) return { installed: false, reason: `no Eleventy 3 in ${scratch}` };
  return { installed: true, version: found };
}

/** The Eleventy configuration: markdown-it, plus KaTeX and Prism for the tech corpus. */
function eleventyConfig(variant: Variant): string {
  const tech = variant === 'tech';
  return `// Written by inkstone's scripts/bench/peers.ts for \`npm run bench\`.
${tech ? "import syntaxHighlight from '@11ty/eleventy-plugin-syntaxhighlight';\nimport katex from '@vscode/markdown-it-katex';\n" : ''}
export default function (eleventyConfig) {
  // Every template is a post (a directory data file is not read when the input is outside this folder).
  eleventyConfig.addGlobalData('layout', 'post.njk');
${tech ? "  eleventyConfig.addPlugin(syntaxHighlight);\n  eleventyConfig.amendLibrary('md', (md) => md.use(katex.default ?? katex));\n" : ''}  // Posts are Markdown only: no Liquid pass over their text first (code blocks hold braces).
  return { markdownTemplateEngine: false };
}
`;
}

const ELEVENTY_LAYOUT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><article ${POST_MARKER}><h1>{{ title }}</h1><time>{{ page.date.toISOString().slice(0, 10) }}</time>
{{ content | safe }}
<p>{% for tag in tags %}<a href="/tags/{{ tag | slugify }}/">{{ tag }}</a> {% endfor %}</p></article></body></html>
`;

/**
 * Writes the corpus in `postsDir` as an Eleventy input folder `dir` (posts/*.md with a Nunjucks
 * layout) and a configuration for it into `scratch`; returns how to build it into `out`. Eleventy runs
 * as `node node_modules/@11ty/eleventy/cmd.cjs` from `scratch`: what `npx @11ty/eleventy` runs there,
 * without npm's own start-up (seconds on a loaded machine) in the timing.
 */
export async function writeEleventySite(
  postsDir: string,
  dir: string,
  out: string,
  scratch: string,
  variant: Variant,
): Promise<PeerBuild> {
  await copyPosts(postsDir, path.join(dir, 'posts'));
  await mkdir(path.join(dir, '_includes'), { recursive: true });
  await writeFile(path.join(dir, '_includes', 'post.njk'), ELEVENTY_LAYOUT);
  const config = `inkstone-bench-${variant}.config.mjs`;
  await writeFile(path.join(scratch, config), eleventyConfig(variant));
  return {
    command: process.execPath,
    args: [
      path.join(scratch, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs'),
      '--quiet',
      `--config=${config}`,
      `--input=${dir}`,
      `--output=${out}`,
    ],
    cwd: scratch,
    clean: [out, path.join(scratch, '.cache')],
    out,
  };
}

/** Deletes a peer's output and caches. */
export async function cleanPeer(build: PeerBuild): Promise<void> {
  for (const target of build.clean) await rm(target, { recursive: true, force: true });
}

/** The number of HTML files under `dir` that are post pages (carry `POST_MARKER`). */
export async function countPostPages(dir: string): Promise<number> {
  let count = 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    if (text.includes(POST_MARKER)) count++;
  }
  return count;
}

async function copyPosts(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const names = (await readdir(from)).filter((name) => name.endsWith('.md'));
  for (let i = 0; i < names.length; i += 200) {
    await Promise.all(names.slice(i, i + 200).map((name) => copyFile(path.join(from, name), path.join(to, name))));
  }
}
