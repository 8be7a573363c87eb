/**
 * al-folio's notebook tags: `{% file_exists path %}` (its own plugin: `true` or `false`) and
 * `{% jupyter_notebook path %}` (jekyll-jupyter-notebook: the path is a Liquid value, usually a variable
 * holding a `relative_url`'d path, else the text as written). Jekyll embedded an nbconvert page in an
 * iframe; here the notebook is read at build time from inside the site and left in the body as a marker
 * (src/notebooks/marker.ts) that the markdown stage renders with the post's math and code highlighting,
 * even inside `{::nomarkdown}`. A missing or unreadable notebook is a warning at the tag and a note in
 * the page.
 */
import { Tag, type Context } from 'liquidjs';
import { loadNotebook, notebookReplacement } from '../notebooks/load.js';
import type { BaseUrl } from '../core/urls.js';
import { reportLiquid, tokenPosition, type LiquidRun, type LiquidSite } from './liquid-run.js';
import type { TagClass } from './tags.js';

/** The tags of this file by name, bound to one post's run. */
export function notebookTags(site: LiquidSite, run: LiquidRun): Record<string, TagClass> {
  return { file_exists: fileExistsTag(site, run), jupyter_notebook: jupyterNotebookTag(site, run) };
}

function fileExistsTag(site: LiquidSite, run: LiquidRun): TagClass {
  return class FileExistsTag extends Tag {
    *render(ctx: Context): Generator<unknown, string, unknown> {
      const args = this.token.args.trim();
      // As al-folio's plugin, the argument goes through Liquid first: `{% file_exists {{ page.nb }} %}`.
      const target = (args.includes('{{') ? String(yield this.liquid._parseAndRender(args, ctx, {})) : args).trim();
      const found = (yield site.siteFiles.exists(target)) as Awaited<ReturnType<LiquidSite['siteFiles']['exists']>>;
      if (found.ok) return String(found.exists);
      reportLiquid(
        run,
        'warning',
        'liquid-file',
        `{% file_exists ${args} %}: ${found.reason}; it gives false`,
        tokenPosition(run, this.token),
      );
      return 'false';
    }
  };
}

function jupyterNotebookTag(site: LiquidSite, run: LiquidRun): TagClass {
  return class JupyterNotebookTag extends Tag {
    *render(ctx: Context): Generator<unknown, string, unknown> {
      const args = this.token.args.trim();
      let value: unknown;
      try {
        value = args.includes('{{')
          ? yield this.liquid._parseAndRender(args, ctx, {})
          : yield this.liquid._evalValue(args, ctx);
      } catch {
        // A bare path (`assets/x.ipynb`) is no Liquid value: jekyll-jupyter-notebook takes it as written.
        value = undefined;
      }
      const target = typeof value === 'string' && value.trim() !== '' ? value.trim() : args;
      const loaded = (yield loadNotebook(site.siteFiles, sitePathOf(target, site.base))) as Awaited<
        ReturnType<typeof loadNotebook>
      >;
      if (!loaded.ok)
        reportLiquid(
          run,
          'warning',
          'notebook',
          `{% jupyter_notebook ${args} %}: ${loaded.reason}`,
          tokenPosition(run, this.token),
        );
      // On lines of their own: an HTML block in Markdown, and whole lines inside {::nomarkdown}.
      return `\n${notebookReplacement(loaded)}\n`;
    }
  };
}

/** The site path of a URL that `relative_url` or `absolute_url` made (base path and origin removed); a plain path as it is. */
export function sitePathOf(url: string, base: BaseUrl): string {
  let target = url;
  if (base.origin && target.startsWith(`${base.origin}/`)) target = target.slice(base.origin.length);
  if (base.basePath !== '/' && target.startsWith(base.basePath)) target = target.slice(base.basePath.length);
  return target;
}
