/**
 * Jekyll's own Liquid tags, as liquidjs tags: `{% highlight %}` and `{% mermaid %}` become Markdown
 * fences (so code and diagrams go through the same renderers as every other fence, and the tag lines
 * stay fence lines), `{% post_url %}` and `{% link %}` resolve to site URLs (a missing target is an
 * error at its file:line), and `inkstone_unsupported` shows a construct that could not be evaluated.
 */
import {
  Tag,
  TypeGuards,
  type Context,
  type Emitter,
  type Liquid,
  type Parser,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';
import { siteUrl } from '../core/urls.js';
import { noteCompat, reportLiquid, tokenPosition, type LiquidRun, type LiquidSite } from './liquid-run.js';

/** A liquidjs tag class, as `registerTag` takes it. */
export type TagClass = Extract<Parameters<Liquid['registerTag']>[1], new (...args: never[]) => unknown>;

/** The tag the stage substitutes for a construct it could not parse; its argument indexes `run.unsupported`. */
export const UNSUPPORTED_TAG = 'inkstone_unsupported';

/** The tags of this file by name, bound to one post's run. */
export function jekyllTags(site: LiquidSite, run: LiquidRun): Record<string, TagClass> {
  return {
    highlight: fenceTag('highlight', run, site.lineNumbers),
    mermaid: fenceTag('mermaid', run),
    post_url: postUrlTag(site, run),
    link: linkTag(site, run),
    [UNSUPPORTED_TAG]: unsupportedTag(run),
  };
}

/**
 * Reads the templates of a block tag up to `end<name>`; an unclosed block is an error like liquidjs's own.
 * `onEnd` is given the closing tag.
 */
export function readBlock(
  name: string,
  token: TagToken,
  remain: TopLevelToken[],
  parser: Parser,
  onEnd?: (end: TagToken) => void,
): Template[] {
  const templates: Template[] = [];
  while (remain.length > 0) {
    const next = remain.shift()!;
    if (TypeGuards.isTagToken(next) && next.name === `end${name}`) {
      onEnd?.(next);
      return templates;
    }
    templates.push(parser.parseToken(next, remain));
  }
  throw new Error(`tag ${token.getText()} not closed`);
}

/**
 * `{% highlight %}` and `{% mermaid %}` as fences. `lineNumbers` is the site's default for blocks:
 * a highlight tag numbers its lines only when it says `linenos`, so without it the fence says
 * `linenos=false` on a site that numbers blocks.
 */
function fenceTag(name: 'highlight' | 'mermaid', run: LiquidRun, lineNumbers?: LiquidSite['lineNumbers']): TagClass {
  return class FenceTag extends Tag {
    private readonly templates: Template[];
    private readonly info: string;
    /** Text follows the closing tag on its line: the closing fence needs a line of its own. */
    private readonly textAfter: boolean;
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remain, liquid);
      let end: TagToken | undefined;
      this.templates = readBlock(name, token, remain, parser, (closing) => {
        end = closing;
      });
      this.textAfter = end !== undefined && textAfterTag(end);
      const args = [...token.args.trim().matchAll(/[\w-]+=(?:"[^"]*"|'[^']*'|\S+)|\S+/g)].map((m) => m[0]);
      const language = name === 'mermaid' ? 'mermaid' : (args.shift() ?? '').replace(/[^\w+#.-]/g, '');
      const options = name === 'mermaid' ? [] : args;
      // `lang?option?option`: kramdown's own form for options after a fence language, so that the
      // kramdown profile still sees a fence (it takes one word after the backticks); `mark_lines="1 2"`
      // becomes `mark_lines=1,2`.
      // Jekyll numbers the lines for `linenos` with any value (`linenos=false` too).
      const packed = options.map((o) =>
        o
          .replace(/^linenos=.*$/, 'linenos')
          .replace(/"([^"]*)"|'([^']*)'/g, (_m, a: string | undefined, b: string | undefined) =>
            (a ?? b ?? '').trim().replace(/\s+/g, ','),
          ),
      );
      // The tag numbers its lines only when it says `linenos`, whatever kramdown's options number.
      const unnumbered = name === 'highlight' && lineNumbers && !options.some((o) => /^linenos(?:=|$)/.test(o));
      this.info = [language, ...packed, ...(unnumbered ? ['linenos=false'] : [])].join('?');
      if (options.length > 0) {
        noteCompat(
          run,
          tokenPosition(run, token),
          `{% ${name} ${options.join(' ')} %}`,
          'converted',
          'highlighted at build time, with its line numbers and marked lines',
        );
      }
    }
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      // Jekyll drops the code's leading and trailing line breaks (so no empty numbered lines); the
      // stage's line map keeps later diagnostics on their file lines.
      let code = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx));
      if (name === 'highlight') code = `\n${code.replace(/^[\r\n]+|[\r\n]+$/g, '')}\n`;
      // Otherwise the tag lines become the fence lines, so the block keeps its line count.
      if (!code.startsWith('\n')) code = `\n${code}`;
      if (!code.endsWith('\n')) code = `${code}\n`;
      const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      // Jekyll writes the rest of the closing tag's line after the code, where kramdown makes it a
      // paragraph (with the lines that continue it); on the fence's line it would make the fence a code
      // span. The line this adds is mapped to the closing tag's line (see render-liquid.ts).
      emitter.write(`${fence}${this.info}${code}${fence}${this.textAfter ? '\n' : ''}`);
    }
  };
}

/** Whether anything but blanks follows tag `token` on its line (or, after `-%}`, before the next text). */
function textAfterTag(token: TagToken): boolean {
  let rest = token.input.slice(token.end);
  if (token.trimRight) rest = rest.replace(/^\s+/, '');
  return /^[^\S\r\n]*[^\s]/.test(rest);
}

/** Jekyll 4 adds the base path to `post_url` and `link`; a Jekyll 3 post writes `{{ site.baseurl }}` itself. */
function linkHref(site: LiquidSite, token: TagToken, url: string): string {
  const before = token.input.slice(Math.max(0, token.begin - 40), token.begin);
  return /\{\{-?\s*site\.baseurl\s*-?\}\}$/.test(before) ? url : siteUrl(site.base, url);
}

function postUrlTag(site: LiquidSite, run: LiquidRun): TagClass {
  return class PostUrlTag extends Tag {
    // A generator because liquidjs drives every tag's render that way, though this one never waits.
    // biome-ignore lint/correctness/useYield: liquidjs calls render() as a generator
    *render(): Generator<unknown, string, unknown> {
      const name = this.token.args.trim();
      const url = site.postUrls.get(name.replace(/^\/+/, ''));
      if (url === undefined) {
        reportLiquid(
          run,
          'error',
          'liquid-link',
          `{% post_url ${name} %}: no post named "${name}" in this build (expected a file _posts/${name}.md)`,
          tokenPosition(run, this.token),
        );
        return '#';
      }
      return linkHref(site, this.token, url);
    }
  };
}

function linkTag(site: LiquidSite, run: LiquidRun): TagClass {
  return class LinkTag extends Tag {
    *render(ctx: Context): Generator<unknown, string, unknown> {
      const args = this.token.args.trim();
      // `{% link {{ page.target }} %}` names its target with a variable.
      const target = args.includes('{{') ? String(yield this.liquid._parseAndRender(args, ctx, {})) : args;
      const url = site.linkTargets.get(target.trim().replace(/^\/+/, ''));
      if (url === undefined) {
        reportLiquid(
          run,
          'error',
          'liquid-link',
          `{% link ${args} %}: "${target.trim()}" is not a post or a copied file of this site`,
          tokenPosition(run, this.token),
        );
        return '#';
      }
      return linkHref(site, this.token, url);
    }
  };
}

function unsupportedTag(run: LiquidRun): TagClass {
  return class UnsupportedTag extends Tag {
    render(): string {
      const text = run.unsupported[Number(this.token.args.trim().split(/\s/)[0])] ?? '';
      // Inside code Markdown shows the text as written; elsewhere a code span keeps it from being read as Markdown.
      return run.code.has(tokenPosition(run, this.token).line0) ? text : codeSpan(text);
    }
  };
}

/** `text` as a Markdown code span, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
