/**
 * al-folio's block tags, written as HTML whose content stays Markdown: jekyll-tabs' `{% tabs group %}`,
 * `{% tab group name %}…{% endtab %}`, `{% endtabs %}`, and `{% details summary %}…{% enddetails %}`.
 *
 * Each tag becomes one line of HTML in place of its own line, so the body keeps its line numbers; the
 * elements carry `markdown="1"`, so kramdown (every Jekyll post) parses what they hold as Markdown, code
 * fences included. A native post needs a blank line between HTML and Markdown: there the tags add one.
 *
 * Tabs are a stacked list of panels, each with its name as a heading, until `client/tabs.js` (shipped
 * with pages that have tabs) turns each group into a tab list with buttons, arrow keys and panels.
 */
import {
  Tag,
  type Context,
  type Emitter,
  type Liquid,
  type Parser,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';
import { escapeHtml } from '../core/html.js';
import { reportLiquid, tokenPosition, type LiquidRun } from './liquid-run.js';
import { readBlock, type TagClass } from './tags.js';

/** The tags of this file by name, bound to one post's run. */
export function blockTags(run: LiquidRun): Record<string, TagClass> {
  return {
    tabs: wrapperTag(
      run,
      'tabs',
      (args) => `<div class="tabs" data-tabs="${escapeHtml(args[0] ?? '')}" markdown="1">`,
      '</div>',
    ),
    tab: wrapperTag(
      run,
      'tab',
      (args) => {
        const name = args.slice(1).join(' ');
        return `<section class="tab-panel" data-tab="${escapeHtml(name)}" markdown="1"><p class="tab-title" role="heading" aria-level="3">${escapeHtml(name)}</p>`;
      },
      '</section>',
    ),
    details: wrapperTag(
      run,
      'details',
      (args) => `<details markdown="1"><summary>${escapeHtml(args.join(' ') || 'Details')}</summary>`,
      '</details>',
    ),
  };
}

/** Liquid arguments: words, or quoted strings without their quotes. */
function splitArgs(text: string): string[] {
  return [...text.trim().matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function wrapperTag(run: LiquidRun, name: string, open: (args: string[]) => string, close: string): TagClass {
  return class WrapperTag extends Tag {
    private readonly templates: Template[];
    private readonly args: string[];
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remain, liquid);
      this.templates = readBlock(name, token, remain, parser);
      this.args = splitArgs(token.args);
      if (name === 'tab' && this.args.length < 2) {
        reportLiquid(
          run,
          'warning',
          'liquid',
          `{% tab ${token.args.trim()} %} names no tab: write {% tab group name %}`,
          tokenPosition(run, token),
        );
      }
    }
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const inner = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx));
      const blank = run.profile === 'kramdown' ? '' : '\n';
      emitter.write(`${open(this.args)}${blank}${inner}${blank}${close}`);
    }
  };
}
