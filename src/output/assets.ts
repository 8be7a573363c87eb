/** Assets: theme files, the site's static files, and KaTeX / mermaid files only when a page needs them. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { escapesRoot } from '../core/containment.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { toPosix } from '../core/paths.js';
import type { OutputFile } from '../types.js';

/** Where shipped library assets go in the output. */
export const ASSET_PATHS = {
  katexCss: 'assets/katex/katex.min.css',
  mermaidJs: 'assets/mermaid/mermaid.min.js',
} as const;

/** What the built pages need. */
export interface AssetNeeds {
  math: boolean;
  mermaid: boolean;
}

/**
 * Every file of `dir` (recursively, no dot files) under `prefix` in the output. Links that resolve
 * outside `root` are skipped and reported to `bag`.
 */
export async function copyTree(
  dir: string,
  prefix: string,
  from: string,
  root: string,
  bag: DiagnosticBag,
): Promise<OutputFile[]> {
  const found = await glob('**/*', { cwd: dir, onlyFiles: true, followSymbolicLinks: false, dot: false });
  found.sort();
  const escaping = await Promise.all(found.map((rel) => escapesRoot(root, path.join(dir, rel))));
  const files = found.filter((rel, i) => {
    if (escaping[i])
      bag.add({
        severity: 'error',
        code: 'symlink',
        message: 'this file is a symbolic link to a file outside the site, so it is not copied',
        location: { file: toPosix(path.relative(root, path.join(dir, rel))) },
      });
    return !escaping[i];
  });
  return Promise.all(
    files.map(async (rel) => ({
      outputPath: path.posix.join(prefix, rel),
      contents: await readFile(path.join(dir, rel)),
      from: `${from}/${rel}`,
    })),
  );
}

/** KaTeX's stylesheet and its woff2 fonts (every browser that runs KaTeX's CSS reads woff2). */
export async function katexAssets(): Promise<OutputFile[]> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('katex/dist/katex.min.css'));
  const css = await readFile(path.join(dist, 'katex.min.css'), 'utf8');
  const fonts = await glob('fonts/*.woff2', { cwd: dist, onlyFiles: true });
  fonts.sort();
  const fontFiles = await Promise.all(
    fonts.map(async (rel) => ({
      outputPath: `assets/katex/${rel}`,
      contents: await readFile(path.join(dist, rel)),
      from: `katex/${rel}`,
    })),
  );
  return [{ outputPath: ASSET_PATHS.katexCss, contents: css, from: 'katex/katex.min.css' }, ...fontFiles];
}

/** The self-hosted mermaid bundle, for pages that render diagrams in the browser. */
export async function mermaidAssets(): Promise<OutputFile[]> {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
  return [{ outputPath: ASSET_PATHS.mermaidJs, contents: await readFile(file), from: 'mermaid/dist/mermaid.min.js' }];
}
