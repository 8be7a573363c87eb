/** renderPages: every page of the site graph through its Nunjucks layout → output files. */
import type nunjucks from 'nunjucks';
import type { Diagnostic } from '../core/diagnostics.js';
import { displayPath } from '../core/paths.js';
import { isLayoutPage, type LayoutPage, type OutputFile, type SiteGraph } from '../types.js';
import type { ContextViews } from './context.js';
import { pageContext } from './page-context.js';
import { hasLayout } from './environment.js';
import { newFrame, type NunjucksTemplate } from './nunjucks-internals.js';
import { findLocatedError, plainMessage } from './template-error.js';

/** The layout each kind of page uses, unless a post names its own. */
export const DEFAULT_LAYOUTS: Record<LayoutPage['kind'], string> = {
  post: 'post',
  home: 'home',
  term: 'term',
  taxonomy: 'taxonomy',
  archive: 'archive',
  'not-found': '404',
  redirect: 'redirect',
  series: 'series',
  section: 'section',
};

/** Renders `pages` (default: every layout page of the graph); a failing page becomes an error diagnostic and the others still render. */
export function renderPages(
  graph: SiteGraph,
  env: nunjucks.Environment,
  views: ContextViews,
  siteDir: string,
  pages: readonly LayoutPage[] = graph.pages.filter(isLayoutPage),
): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    const post = page.kind === 'post' ? graph.posts[page.postIndex]!.post : undefined;
    const source = post?.source;
    const layout = post ? post.meta.layout : DEFAULT_LAYOUTS[page.kind];
    if (!hasLayout(env, layout)) {
      const where = post?.meta.layoutAt;
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
      const html = renderLayout(env, layout, pageContext(graph, views, page));
      files.push({
        outputPath: page.outputPath,
        contents: html,
        from: source?.relPath ?? `${page.kind} page ${page.url}`,
      });
    } catch (error) {
      diagnostics.push(templateDiagnostic(error, layout, page, source?.relPath, siteDir));
    }
  }
  return { files, diagnostics };
}

/**
 * Renders `layout` synchronously. Given a parent frame, Nunjucks calls back at once (without one it
 * defers the callback); the first error then arrives here, instead of being thrown back up through the
 * catch of every template on the way.
 */
function renderLayout(env: nunjucks.Environment, layout: string, context: object): string {
  const template = env.getTemplate(`${layout}.njk`) as unknown as NunjucksTemplate;
  let outcome: { error: unknown } | { html: string } | undefined;
  template.render(context, newFrame(), (error, html) => {
    outcome ??= error ? { error } : { html: html ?? '' };
  });
  if (!outcome) throw new Error(`layout "${layout}" did not finish rendering`);
  if ('error' in outcome) throw outcome.error;
  return outcome.html;
}

/** Turns a template error into a diagnostic at the template, line and column where it happened, naming the page. */
export function templateDiagnostic(
  error: unknown,
  layout: string,
  page: LayoutPage,
  postFile: string | undefined,
  siteDir: string,
): Diagnostic {
  const located = findLocatedError(error);
  const rendering = postFile ? `${page.url} (from ${postFile})` : page.url;
  const message = `${located?.message ?? plainMessage(error)} (while rendering ${rendering} with layout "${layout}")`;
  if (!located) return { severity: 'error', code: 'template', message, location: { file: `${layout}.njk` } };
  const { file, line, column } = located.location!;
  return {
    severity: 'error',
    code: 'template',
    message,
    location: { file: displayPath(siteDir, file), line, column },
    sourceText: located.source,
  };
}
