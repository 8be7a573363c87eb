/**
 * The files `inkstone init` writes: a configuration with every common setting explained, a first
 * post that shows what inkstone renders at build time (math, code, a diagram), a .gitignore, a
 * package.json that depends on this version of inkstone, and the GitHub Pages workflow of docs/ci.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { VERSION } from '../version.js';

/** What the starter blog is made for. */
export interface StarterOptions {
  title: string;
  /** The npm package name (the folder's name, made valid). */
  packageName: string;
  /** The first post's date, `YYYY-MM-DD`. */
  date: string;
}

/** The starter blog's files, by path relative to its folder. */
export async function starterFiles(options: StarterOptions): Promise<Record<string, string>> {
  const workflow = await readFile(path.join(packageRoot(), 'docs', 'ci', 'github-pages.yml'), 'utf8');
  return {
    'inkstone.yml': configText(options.title),
    [`posts/${options.date}-welcome.md`]: welcomePost(options.date),
    '.gitignore':
      '# What inkstone writes: the site, and caches that make the next build fast.\n_site/\n.inkstone-cache/\nnode_modules/\n',
    'package.json': `${JSON.stringify(
      {
        name: options.packageName,
        private: true,
        type: 'module',
        scripts: { dev: 'inkstone dev', build: 'inkstone build --strict', check: 'inkstone check' },
        devDependencies: { inkstone: `^${VERSION}` },
      },
      null,
      2,
    )}\n`,
    '.github/workflows/pages.yml': workflow,
  };
}

function configText(title: string): string {
  return `# inkstone's settings. Every key is optional; the README lists them all.
title: ${JSON.stringify(title)}
description: ""                # one sentence about the blog: the home page and link previews show it
author: ""                     # your name, shown on posts and in the feeds
# url: https://example.org/    # where the blog is published: feeds, the sitemap and link preview cards need it
timezone: UTC                  # the time zone of post dates, e.g. Europe/Paris
permalink: /:year/:month/:slug/
theme: default                 # default, or paper
paginate: 10                   # posts per page on the home, tag and category pages
math:
  macros: {}                   # KaTeX macros for every formula, e.g. "\\\\RR": "\\\\mathbb{R}"
`;
}

function welcomePost(date: string): string {
  return `---
title: Welcome to your new blog
date: ${date}
tags: [meta]
description: What inkstone renders at build time, and where to go from here.
---

This post is in \`posts/\`. Edit it while \`npx inkstone dev\` runs and the page reloads as you
save. \`npx inkstone new "My next post"\` starts another one.

## Math

Inline formulas go between dollar signs, like $e^{i\\pi} + 1 = 0$, and display formulas between
double ones:

$$
\\int_{-\\infty}^{\\infty} e^{-x^2} \\, dx = \\sqrt{\\pi}
$$

KaTeX draws them when the site is built: readers download no math script.

## Code

\`\`\`python title="fib.py" {3}
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
\`\`\`

Highlighting is done at build time too, in light and dark colours.

## Diagrams

\`\`\`mermaid
flowchart LR
  posts[posts/*.md] --> build[inkstone build] --> site[_site/]
  site --> pages[GitHub Pages]
\`\`\`

## Publishing

\`npx inkstone build\` writes the site into \`_site/\`. The workflow in \`.github/workflows/pages.yml\`
publishes it to GitHub Pages on every push to \`main\`: set \`url\` in \`inkstone.yml\` to the
address GitHub gives you, and turn on Pages with "GitHub Actions" as its source.
`;
}
