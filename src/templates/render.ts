/** renderPages: every page of the site graph through its Nunjucks layout → output files. */
import type nunjucks from 'nunjucks';
import type { Diagnostic } from '../core/diagnostics.js';
import { displayPath } from '../core/paths.js';
import type { OutputFile, Page, SiteGraph } from '../types.js';
import { pageContext, type ContextViews } from './context.js';
import { hasLayout } from './environment.js';

/** The layout each kind of page uses, unless a post names its own. */
export const DEFAULT_LAYOUTS: Record<Page['kind'], string> = {
  post: 'post',
  home: 'home',
  term: 'term',
  taxonomy: 'taxonomy',
  archive: 'archive',
  'not-found': '404',
  redirect: 'redirect',
  series: 'series',
};

/** Renders every page; a failing page becomes an error diagnostic and the others still render. */
export function renderPages(
  graph: SiteGraph,
  env: nunjucks.Environment,
  views: ContextViews,
  siteDir: string,
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
      diagnostics.push(templateDiagnostic(error as Error, layout, page, source?.relPath, siteDir));
    }
  }
  return { files, diagnostics };
}

/** Turns a Nunjucks error into a diagnostic naming the layout (with its line) and the page. */
export function templateDiagnostic(error: Error, layout: string, page: Page, postFile: string | undefined, siteDir: string): Diagnostic {
  const parsed = parseNunjucksError(error.message);
  const file = parsed.file ?? `${layout}.njk`;
  const rendering = postFile ? `${page.url} (from ${postFile})` : page.url;
  return {
    severity: 'error',
    code: 'template',
    message: `${parsed.message} (while rendering ${rendering} with layout "${layout}")`,
    location: { file: displayPath(siteDir, file), line: parsed.line, column: parsed.column },
  };
}

/**
 * Nunjucks nests errors from inherited layouts as "(a.njk)\n  Template render error: (b.njk) [Line 3, Column 7]\n
 *   Error: message". The innermost part names the failing file. Runtime errors ("Error: ...") count
 * lines and columns from 0, parse errors from 1.
 */
export function parseNunjucksError(message: string): { file: string | undefined; line: number | undefined; column: number | undefined; message: string } {
  const parts = message.split(/\n\s*Template render error: /);
  const innermost = parts[parts.length - 1]!;
  const match = /^\(([^)]*)\)(?: \[Line (\d+), Column (\d+)\])?\s*\n?\s*([\s\S]*)$/.exec(innermost);
  if (!match) return { file: undefined, line: undefined, column: undefined, message: firstLine(message) };
  const runtime = match[4]!.startsWith('Error: ');
  const shift = runtime ? 1 : 0;
  return {
    file: match[1] && match[1] !== 'unknown path' ? match[1] : undefined,
    line: match[2] ? Number(match[2]) + shift : undefined,
    column: match[3] ? Number(match[3]) + shift : undefined,
    message: firstLine(match[4]!.replace(/^Error: /, '')),
  };
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? text).trim();
}

/** Position of the `layout:` value within the front matter of `text`. */
function layoutLine(text: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  if (!/^---/.test(lines[0] ?? '')) return undefined;
  for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]!); i++) {
    const match = /^layout\s*:\s*/.exec(lines[i]!);
    if (match) return { line: i + 1, column: match[0].length + 1 };
  }
  return undefined;
}
