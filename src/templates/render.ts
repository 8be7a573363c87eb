/** renderPages: every page of the site graph through its Nunjucks layout → output files. */
import path from 'node:path';
import type nunjucks from 'nunjucks';
import type { Diagnostic } from '../core/diagnostics.js';
import type { OutputFile, Page, SiteGraph } from '../types.js';
import { pageContext, type ContextViews } from './context.js';
import { hasLayout } from './environment.js';

/** The layout each kind of page uses, unless a post names its own. */
export const DEFAULT_LAYOUTS: Record<Page['kind'], string> = {
  post: 'post',
  home: 'home',
  term: 'term',
  taxonomy: 'taxonomy',
};

/** Renders every page; a failing page becomes an error diagnostic and the others still render. */
export function renderPages(
  graph: SiteGraph,
  env: nunjucks.Environment,
  views: ContextViews,
): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const page of graph.pages) {
    const source = page.kind === 'post' ? graph.posts[page.postIndex]!.post.source : undefined;
    const layout = page.kind === 'post' ? graph.posts[page.postIndex]!.post.meta.layout : DEFAULT_LAYOUTS[page.kind];
    if (!hasLayout(env, layout)) {
      const where = source ? layoutLine(source.text) : undefined;
      diagnostics.push({
        severity: 'error',
        code: 'layout',
        message: `layout "${layout}" not found (looked for ${layout}.njk in the site's layouts/, the theme and the built-in layouts)`,
        location: { file: source?.relPath ?? `layouts/${layout}.njk`, line: where?.line, column: where?.column },
        sourceText: source?.text,
      });
      continue;
    }
    try {
      const html = env.render(`${layout}.njk`, pageContext(graph, views, page));
      files.push({ outputPath: page.outputPath, contents: html, from: source?.relPath ?? `${page.kind} page ${page.url}` });
    } catch (error) {
      diagnostics.push(templateDiagnostic(error as Error, layout, page, source?.relPath));
    }
  }
  return { files, diagnostics };
}

/** Turns a Nunjucks error into a diagnostic naming the layout (with its line) and the page. */
export function templateDiagnostic(error: Error, layout: string, page: Page, postFile: string | undefined): Diagnostic {
  // Nunjucks formats: "(/abs/path/post.njk) [Line 3, Column 7]\n  Error: message"
  const match = /^\(([^)]*)\)(?: \[Line (\d+), Column (\d+)\])?\s*\n?\s*(?:Error: )?([\s\S]*)$/.exec(error.message);
  const file = match?.[1] && match[1] !== 'unknown path' ? match[1] : `${layout}.njk`;
  const message = (match?.[4] ?? error.message).trim().split('\n')[0] ?? error.message;
  const rendering = postFile ? `${page.url} (from ${postFile})` : page.url;
  return {
    severity: 'error',
    code: 'template',
    message: `${message} (while rendering ${rendering} with layout "${layout}")`,
    location: {
      file: path.isAbsolute(file) ? displayPath(file) : file,
      line: match?.[2] ? Number(match[2]) : undefined,
      column: match?.[3] ? Number(match[3]) : undefined,
    },
  };
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

function layoutLine(text: string): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => /^layout\s*:/.test(l));
  return index === -1 ? undefined : { line: index + 1, column: (lines[index]!.indexOf(':') + 2) };
}
