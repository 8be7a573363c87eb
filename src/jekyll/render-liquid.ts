/**
 * Renders one post body as a Liquid template, as Jekyll does before Markdown: everywhere, code fences
 * included, except inside `{% raw %}`. A construct that cannot be evaluated (an unknown tag or filter,
 * a syntax error) is a diagnostic at its file:line and is shown as written. Top-level nodes are rendered
 * one by one so that a line map can say where every output line came from.
 */
import { Context, Tokenizer, TypeGuards, toPromise, type Liquid, type Template, type TopLevelToken } from 'liquidjs';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Post } from '../types.js';
import type { CompatEntry } from './compat.js';
import { DISTILL_LAYOUT, rewriteDistillElements, type BodyWithLines } from './distill.js';
import { createLiquidEngine } from './engine.js';
import { countNewlines, positionOf } from '../core/text-position.js';
import { codeLines } from '../content/code-lines.js';
import { bodyPosition, noteCompat, reportLiquid, type LiquidRun, type LiquidSite } from './liquid-run.js';
import { appendReferences } from './scholar-tags.js';
import { postBibliographyFiles } from '../citations/store.js';
import { UNSUPPORTED_TAG, codeSpan } from './tags.js';

/** Constructs of one post that may be set aside before the post is given up on as a whole. */
export const MAX_UNSUPPORTED_PER_POST = 200;

/** The rendered body, where its lines came from, and what was found on the way. */
export interface LiquidResult {
  body: string;
  /** Absent when every output line is the source line of the same number. */
  lineMap: number[] | undefined;
  diagnostics: Diagnostic[];
  compat: CompatEntry[];
}

/** Renders `post.body` with `scope` (`site`, `page`) as its variables. */
export async function renderPostLiquid(
  post: Post,
  site: LiquidSite,
  scope: Record<string, unknown>,
): Promise<LiquidResult> {
  const run: LiquidRun = {
    file: post.source.relPath,
    profile: post.profile === 'kramdown' ? 'kramdown' : 'native',
    bodyLine: post.bodyLine,
    sourceText: post.source.text,
    body: post.body,
    original: post.body,
    shifts: [],
    code: codeLines(post.body),
    unsupported: [],
    diagnostics: [],
    compat: [],
    includeCall: undefined,
    includeDepth: 0,
    citations: { cited: [], listed: false, files: postBibliographyFiles(post.meta.data['bibliography']) },
  };
  /** Distill's elements and the references come after Liquid, from the body Liquid gave. */
  const finish = async (rendered: BodyWithLines): Promise<LiquidResult> => {
    const { body, lineMap } =
      post.meta.layout === DISTILL_LAYOUT ? await rewriteDistillElements(rendered, site, run) : rendered;
    return {
      body: await appendReferences(body, site, run.citations),
      lineMap,
      diagnostics: run.diagnostics,
      compat: run.compat,
    };
  };
  const unchanged = () => finish({ body: post.body, lineMap: undefined });
  if (!post.body.includes('{{') && !post.body.includes('{%')) return unchanged();
  const engine = createLiquidEngine(site, run);
  noteConstructs(run, engine);
  const templates = parseWithRecovery(engine, run);
  if (!templates) return unchanged();
  const ctx = new Context(scope, engine.options, {}, { liquid: engine });
  const out: string[] = [];
  const lineMap: number[] = [0];
  let identity = true;
  for (const [index, template] of templates.entries()) {
    // A block tag's token is its opening tag only: the node runs up to where the next one starts.
    const begin = template.token.begin;
    const source = run.body.slice(begin, templates[index + 1]?.token.begin ?? run.body.length);
    const startLine = positionOf(run.body, begin).line0;
    let rendered: string;
    try {
      rendered = String(await toPromise(engine.renderer.renderTemplates([template], ctx)));
    } catch (error) {
      reportLiquid(run, 'error', 'liquid', `Liquid error: ${firstLine(error)}`, bodyPosition(run, begin));
      rendered = run.code.has(startLine) ? source : codeSpan(source);
    }
    const sourceLines = countNewlines(source);
    const outputLines = countNewlines(rendered);
    if (outputLines !== sourceLines) identity = false;
    for (let j = 1; j <= outputLines; j++)
      lineMap.push(startLine + (outputLines === sourceLines ? j : Math.min(j, sourceLines)));
    out.push(rendered);
  }
  return finish({ body: out.join(''), lineMap: identity ? undefined : lineMap });
}

/**
 * Parses `run.body`; each construct liquidjs refuses is replaced by a placeholder tag that shows it as
 * written (keeping its line breaks, so lines stay put), and parsing starts again.
 */
function parseWithRecovery(engine: Liquid, run: LiquidRun): Template[] | undefined {
  for (;;) {
    try {
      return engine.parse(run.body, run.file);
    } catch (error) {
      const span = errorSpan(error, run.body);
      const at = bodyPosition(run, span?.begin ?? 0);
      if (!span || run.unsupported.length >= MAX_UNSUPPORTED_PER_POST) {
        const why = span
          ? `more than ${MAX_UNSUPPORTED_PER_POST} Liquid constructs could not be evaluated`
          : firstLine(error);
        reportLiquid(run, 'error', 'liquid', `Liquid: ${why}; the post is shown without evaluating Liquid`, at);
        return undefined;
      }
      const text = run.body.slice(span.begin, span.end);
      const problem = describeProblem(error, text);
      reportLiquid(run, problem.severity, 'liquid', problem.message, at);
      noteCompat(run, at, problem.construct, 'unsupported', 'shown as written');
      const index = run.unsupported.push(text) - 1;
      const placeholder = `{%${UNSUPPORTED_TAG} ${index}${'\n'.repeat(countNewlines(text))} %}`;
      run.body = run.body.slice(0, span.begin) + placeholder + run.body.slice(span.end);
      const delta = placeholder.length - text.length;
      for (const shift of run.shifts) if (shift.at > span.begin) shift.at += delta;
      run.shifts.push({ at: span.begin + placeholder.length, delta });
    }
  }
}

/** The whole `{{ … }}` or `{% … %}` that a liquidjs error points into, when it is in the body. */
function errorSpan(error: unknown, text: string): { begin: number; end: number } | undefined {
  const token = (error as { token?: { input?: string; begin?: number; end?: number } }).token;
  if (!token || token.input !== text || token.begin === undefined || token.end === undefined) return undefined;
  if (text.startsWith('{{', token.begin) || text.startsWith('{%', token.begin))
    return { begin: token.begin, end: token.end };
  const begin = Math.max(text.lastIndexOf('{{', token.begin), text.lastIndexOf('{%', token.begin));
  if (begin === -1) return undefined;
  const closer = text.startsWith('{{', begin) ? '}}' : '%}';
  const close = text.indexOf(closer, Math.max(begin + 2, token.end - 1));
  return { begin, end: close === -1 ? text.length : close + 2 };
}

function describeProblem(
  error: unknown,
  text: string,
): { severity: 'error' | 'warning'; message: string; construct: string } {
  const message = firstLine(error).replace(/, (file|line):.*$/, '');
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const unknownTag = /^tag "([^"]+)" not found/.exec(message);
  if (unknownTag)
    return {
      severity: 'warning',
      message: `unknown Liquid tag "${unknownTag[1]}": ${shown} is shown as written`,
      construct: `{% ${unknownTag[1]} %}`,
    };
  const unknownFilter = /^undefined filter: (\S+)/.exec(message);
  if (unknownFilter)
    return {
      severity: 'warning',
      message: `unknown Liquid filter "${unknownFilter[1]}": ${shown} is shown as written`,
      construct: `filter ${unknownFilter[1]}`,
    };
  // An unclosed block fails a Jekyll build too.
  if (/not closed$/.test(message))
    return { severity: 'error', message: `Liquid: ${shown} is not closed`, construct: shown };
  return {
    severity: 'warning',
    message: `Liquid syntax error (${message}): ${shown} is shown as written`,
    construct: shown,
  };
}

const DETAIL: Record<string, string> = {
  highlight: 'code block highlighted at build time',
  mermaid: 'diagram rendered at build time',
  include: 'rendered from _includes/',
  post_url: "replaced by the post's URL",
  link: "replaced by the target's URL",
  twitter: 'a quote that links to the post on X, with no script unless embeds.twitter_script is on',
  raw: 'kept as written',
  tabs: 'tabs (jekyll-tabs): panels with a tab list, stacked with headings without JavaScript',
  tab: 'a tab panel; its content is Markdown',
  details: 'a <details> block whose content is Markdown',
  file_exists: 'true or false for a file inside the site',
  jupyter_notebook:
    'the notebook rendered at build time: Markdown cells with math, code highlighted, outputs without scripts',
  cite: 'a citation linked to its entry in the reference list (jekyll-scholar)',
  reference: 'the formatted reference (jekyll-scholar)',
  quote: 'a block quote with its citation (jekyll-scholar)',
  bibliography: 'the reference list (jekyll-scholar)',
};

/** Adds every known tag and every `{{ }}` of the body to the report (unknown ones are added by the recovery). */
function noteConstructs(run: LiquidRun, engine: Liquid): void {
  let tokens: TopLevelToken[];
  try {
    tokens = new Tokenizer(run.body, engine.options.operators).readTopLevelTokens(engine.options);
  } catch {
    return;
  }
  let inComment = false;
  for (const token of tokens) {
    if (TypeGuards.isTagToken(token)) {
      if (inComment) {
        inComment = token.name !== 'endcomment';
        continue;
      }
      if (token.name === 'comment') inComment = true;
      // `include` notes itself with the file it read, and closing tags are part of their opening tag.
      if (!engine.tags[token.name] || token.name.startsWith('end') || token.name.startsWith('include')) continue;
      noteCompat(
        run,
        bodyPosition(run, token.begin),
        `{% ${token.name} %}`,
        'converted',
        DETAIL[token.name] ?? 'evaluated as Jekyll does',
      );
    } else if (TypeGuards.isOutputToken(token) && !inComment) {
      noteCompat(
        run,
        bodyPosition(run, token.begin),
        '{{ }}',
        'converted',
        `${token.getText()} evaluated as Jekyll does`,
      );
    }
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
