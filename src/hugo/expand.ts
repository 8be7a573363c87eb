/**
 * A Hugo page's body with its shortcodes and WordPress captions made: built-ins become Markdown or
 * snippets (builtins.ts); the site's own shortcodes (Go templates inkstone does not run) become a
 * visible note with their content; an unknown shortcode is a warning at its line and is shown as
 * written. Lines keep pointing at the file: the result carries a line map when lines moved.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { escapeHtml } from '../core/html.js';
import { countNewlines } from '../core/text-position.js';
import type { CompatEntry } from '../jekyll/compat.js';
import { snippetPlaceholder } from '../markdown/plugins/snippets.js';
import type { Post } from '../types.js';
import { BUILTINS, type BuiltinContext } from './builtins.js';
import { replaceCaptions } from './captions.js';
import { mayHaveShortcodes, parseShortcodes, type Segment, type ShortcodeSegment } from './shortcode-parse.js';

/** What expanding needs besides the page. */
export interface ExpandContext {
  /** Names of the site's own shortcodes (`layouts/shortcodes/*.html`), lower case. */
  siteShortcodes: ReadonlySet<string>;
  ref: BuiltinContext['ref'];
  param: BuiltinContext['param'];
  embeds: BuiltinContext['embeds'];
}

/** The page's body made ready for Markdown. */
export interface Expanded {
  body: string;
  lineMap: number[] | undefined;
  snippets: string[];
  /** A math shortcode was used: the page needs math. */
  math: boolean;
  diagnostics: Diagnostic[];
  compat: CompatEntry[];
}

/** One piece of the result: text, and the 0-based body line it comes from (each of its lines, for source text). */
interface Piece {
  text: string;
  line0: number;
  source: boolean;
}

/** Expands the shortcodes and captions of `post.body`. */
export function expandHugoBody(post: Post, context: ExpandContext): Expanded {
  const snippets: string[] = [];
  const snippet = (html: string) => {
    snippets.push(html);
    return snippetPlaceholder(snippets.length - 1);
  };
  const result: Expanded = { body: post.body, lineMap: undefined, snippets, math: false, diagnostics: [], compat: [] };
  const hasCaptions = post.body.includes('[caption');
  if (!mayHaveShortcodes(post.body) && !hasCaptions) return result;
  const file = post.source.relPath;
  const fileLine = (line1: number) => post.bodyLine + line1 - 1;
  const report = (severity: 'error' | 'warning', message: string, sc: ShortcodeSegment) =>
    result.diagnostics.push({
      severity,
      code: 'shortcode',
      message,
      location: { file, line: fileLine(sc.start.line), column: sc.start.column },
      sourceText: post.source.text,
    });
  const { segments, problems } = parseShortcodes(post.body);
  for (const problem of problems)
    result.diagnostics.push({
      severity: 'warning',
      code: 'shortcode',
      message: `${problem.message}; it is shown as written`,
      location: { file, line: fileLine(problem.at.line), column: problem.at.column },
      sourceText: post.source.text,
    });

  const expandAll = (list: readonly Segment[]): Piece[] => list.flatMap(expandOne);
  const textOf = (pieces: readonly Piece[]) => pieces.map((p) => p.text).join('');
  const rawText = (list: readonly Segment[]): string => list.map((s) => (s.kind === 'text' ? s.text : s.raw)).join('');
  const expandOne = (segment: Segment): Piece[] => {
    if (segment.kind === 'text') {
      const text = replaceCaptions(segment.text, (html, offset) => {
        result.compat.push({
          file,
          line: fileLine(segment.start.line + countNewlines(segment.text.slice(0, offset))),
          construct: '[caption] (WordPress)',
          status: 'converted',
          detail: 'a figure with its caption',
        });
        return snippet(html);
      });
      return [{ text, line0: segment.start.line - 1, source: true }];
    }
    const sc = segment;
    const line0 = sc.start.line - 1;
    const name = sc.name.toLowerCase();
    const innerSegments = sc.inner?.segments ?? [];
    const generated = (text: string): Piece[] => [{ text, line0, source: false }];
    const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (builtin && !context.siteShortcodes.has(name)) {
      const made = builtin(sc, {
        snippet,
        ref: context.ref,
        param: context.param,
        embeds: context.embeds,
        inner: () => textOf(expandAll(innerSegments)),
        innerRaw: () => rawText(innerSegments),
      });
      if ('problem' in made) report(made.severity, made.problem, sc);
      else if (made.math) result.math = true;
      result.compat.push({
        file,
        line: fileLine(sc.start.line),
        construct: `{{< ${name} >}}`,
        status: 'converted',
        detail: 'made at build time, as Hugo makes it',
      });
      return generated(made.text);
    }
    const opening = sc.inner ? sc.raw.slice(0, sc.inner.start.offset - sc.start.offset) : sc.raw;
    const closing = sc.inner ? sc.raw.slice(sc.inner.start.offset - sc.start.offset + sc.inner.raw.length) : '';
    const shown = (tag: string) => (tag ? snippet(`<code class="shortcode">${escapeHtml(tag)}</code>`) : '');
    if (context.siteShortcodes.has(name)) {
      result.compat.push({
        file,
        line: fileLine(sc.start.line),
        construct: `{{< ${name} >}} (layouts/shortcodes/${name}.html)`,
        status: 'unsupported',
        detail: "this site's shortcode is a Go template, which inkstone does not run; a note and its content are shown",
      });
      const note = snippet(
        `<aside class="compat-note">The shortcode <code>${escapeHtml(sc.name)}</code> is a template of this site, which inkstone does not run${sc.inner ? '; its content is shown as written' : ''}.</aside>`,
      );
      return [...generated(`\n\n${note}\n\n`), ...expandAll(innerSegments), ...generated('\n\n')];
    }
    report(
      'warning',
      `unknown shortcode "${sc.name}": it is not one of Hugo's built-in shortcodes nor in layouts/shortcodes/; it is shown as written`,
      sc,
    );
    return [...generated(shown(opening)), ...expandAll(innerSegments), ...generated(shown(closing))];
  };

  const pieces = expandAll(segments);
  result.body = textOf(pieces);
  result.lineMap = lineMapOf(pieces);
  return result;
}

/** The body line each line of the joined pieces comes from; undefined when every line is where it was. */
function lineMapOf(pieces: readonly Piece[]): number[] | undefined {
  const map: number[] = [];
  // Whether the output line being written already has its entry.
  let open = false;
  for (const piece of pieces) {
    if (piece.text === '') continue;
    piece.text.split('\n').forEach((_, k) => {
      if (k > 0 || !open) map.push(piece.source ? piece.line0 + k : piece.line0);
    });
    open = true;
  }
  return map.every((line, i) => line === i) ? undefined : map;
}
