/**
 * Jekyll's `{% include file.html key=value key2="text" %}`: renders `_includes/<file>` with the post's
 * variables plus `include.<key>`. Only files inside `_includes/` are read (see LiquidSite.readInclude),
 * nesting is bounded, and HTML output is flattened (no blank lines, no indentation) so that Markdown keeps
 * it one HTML block, as kramdown does, instead of turning indented lines into code.
 */
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import { alFolioInclude } from './al-folio-includes.js';
import { noteCompat, reportLiquid, tokenPosition, type LiquidRun, type LiquidSite } from './liquid-run.js';
import { codeSpan, type TagClass } from './tags.js';

/** Deepest chain of includes including includes. */
export const MAX_INCLUDE_DEPTH = 10;

// Jekyll's parameter syntax: key="double" | key='single' | key=variable.
const PARAM = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.\-[\]"']+))/.source;

/** The `include` tag bound to one post's run. */
export function includeTag(site: LiquidSite, run: LiquidRun): TagClass {
  return class IncludeTag extends Tag {
    private readonly file: string;
    private readonly params: string;
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
      super(token, remain, liquid);
      const args = token.args.trim();
      const nameMatch = /^(\{\{.*?\}\}\S*|\S+)\s*/.exec(args);
      this.file = nameMatch?.[1] ?? '';
      this.params = args.slice(nameMatch?.[0].length ?? 0);
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      const at = tokenPosition(run, this.token);
      const name = (
        this.file.includes('{{') ? String(yield this.liquid._parseAndRender(this.file, ctx, {})) : this.file
      ).trim();
      if (run.includeDepth >= MAX_INCLUDE_DEPTH) {
        reportLiquid(
          run,
          'error',
          'liquid-include',
          `{% include ${name} %}: includes nested more than ${MAX_INCLUDE_DEPTH} deep (does an include include itself?)`,
          at,
        );
        return '';
      }
      const params: Record<string, unknown> = {};
      const param = new RegExp(PARAM, 'y');
      let pos = 0;
      for (let match = param.exec(this.params); match; param.lastIndex = pos, match = param.exec(this.params)) {
        const [, key, double, single, variable] = match;
        params[key!] =
          double !== undefined
            ? double.replace(/\\"/g, '"')
            : single !== undefined
              ? single.replace(/\\'/g, "'")
              : yield this.liquid._evalValue(variable!, ctx);
        pos = param.lastIndex;
        while (/\s/.test(this.params[pos] ?? '')) pos++;
      }
      const rest = this.params.slice(pos);
      if (rest.trim() !== '') {
        reportLiquid(
          run,
          'warning',
          'liquid-include',
          `{% include ${name} %}: cannot read the parameters "${rest.trim()}" (expected key="value" or key=variable)`,
          at,
        );
      }
      const read = (yield site.readInclude(name)) as Awaited<ReturnType<LiquidSite['readInclude']>>;
      // al-folio's media includes are built in, for sites that do not have them: the site's own file wins.
      const builtin = !read.ok && read.missing ? alFolioInclude(name) : undefined;
      if (builtin) {
        const out = builtin.render(params, site.base);
        for (const problem of out.problems)
          reportLiquid(run, 'warning', 'liquid-include', `{% include ${name} %}: ${problem}`, at);
        if (run.includeCall === undefined) noteCompat(run, at, '{% include %}', 'converted', builtin.detail);
        return out.html;
      }
      if (!read.ok) {
        reportLiquid(run, 'error', 'liquid-include', `{% include ${name} %}: ${read.reason}`, at);
        return '';
      }
      let templates: ReturnType<typeof this.liquid.parse>;
      try {
        templates = this.liquid.parse(read.text, `_includes/${name}`);
      } catch (error) {
        // Like an unknown tag in a post: a warning, and the include shown as written.
        const problem = (error as Error).message.split('\n')[0]!.replace(/, (file|line):.*$/, '');
        reportLiquid(
          run,
          'warning',
          'liquid-include',
          `{% include ${name} %}: _includes/${name}: ${problem}; the include is shown as written`,
          at,
        );
        const text = this.token.getText();
        return run.code.has(at.line0) ? text : codeSpan(text);
      }
      const outer = run.includeCall;
      run.includeCall ??= at;
      run.includeDepth++;
      ctx.push({ include: params });
      try {
        const html = String(yield this.liquid.renderer.renderTemplates(templates, ctx));
        if (outer === undefined)
          noteCompat(run, at, '{% include %}', 'converted', `_includes/${name} rendered into the post`);
        return /\.(html?|liquid)$/i.test(name) ? flattenHtml(html) : html;
      } finally {
        ctx.pop();
        run.includeDepth--;
        run.includeCall = outer;
      }
    }
  };
}

/**
 * Removes blank lines and indentation from included HTML, unless it holds preformatted text. A blank
 * line would end Markdown's HTML block and an indented line after it would become a code block.
 */
export function flattenHtml(html: string): string {
  if (/<(pre|textarea)\b/i.test(html)) return html;
  return html
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
