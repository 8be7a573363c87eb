/**
 * Distill's custom elements in the body of an al-folio `layout: distill` post, rewritten after Liquid and
 * before Markdown: `<d-cite key="a,b">` becomes the same citation as `{% cite a b %}`, `<d-footnote>` a
 * footnote (`[^distill-N]`, its definition appended at the end), `<d-code block language="x">` a fenced
 * code block (so Shiki highlights it; without `block`, inline code), and the wrappers (`<d-article>`,
 * `<d-byline>`, `<d-appendix>`, `<d-bibliography>`, ...) are dropped, their content kept. Lines stay put
 * where the rewrite allows; where it does not, the line map says where each line came from.
 */
import type { Bibliography } from '../citations/bibliography.js';
import { citeKnown } from '../citations/cite.js';
import { citationHtml, missingCitationHtml } from '../citations/html.js';
import { escapeHtml } from '../core/html.js';
import { countNewlines, positionOf } from '../core/text-position.js';
import { codeLines } from '../content/code-lines.js';
import { noteCompat, reportLiquid, type LiquidRun, type LiquidSite } from './liquid-run.js';

/** al-folio's front matter `layout:` for Distill posts (a built-in layout of that name renders them). */
export const DISTILL_LAYOUT = 'distill';

/** A body and, when lines moved, the source line (0-based, of the body as written) of each of its lines. */
export interface BodyWithLines {
  body: string;
  lineMap: number[] | undefined;
}

/** The elements rewritten; wrappers are the layout's business, so only their tags are removed. */
const ELEMENT =
  /<d-cite\b([^>]*?)\/?>(?:\s*<\/d-cite>)?|<d-footnote\b[^>]*>([\s\S]*?)<\/d-footnote>|<d-code\b([^>]*)>([\s\S]*?)<\/d-code>|<\/?d-(?:article|byline|appendix|bibliography|title|abstract|front-matter|contents|toc|hover-box|figure)\b[^>]*>/gi;

/** What the compatibility report says of each element. */
const DETAIL: Record<'d-cite' | 'd-footnote' | 'd-code', string> = {
  'd-cite': 'a citation linked to its entry in the reference list, as {% cite %} gives',
  'd-footnote': 'a footnote, listed at the end of the post',
  'd-code': 'a code block highlighted at build time (inline code without block)',
};

/** The footnote names this module writes (`fn:distill-1`). */
const FOOTNOTE_PREFIX = 'distill-';

/** Rewrites Distill's elements of `input` (the body after Liquid), citing into `run.citations`. */
export async function rewriteDistillElements(
  input: BodyWithLines,
  site: LiquidSite,
  run: LiquidRun,
): Promise<BodyWithLines> {
  const { body } = input;
  if (!/<\/?d-[a-z]/i.test(body)) return input;
  const code = codeLines(body);
  const bib = await site.bibliographies.forPost(run.citations.files);
  const notes: string[] = [];
  const edits: Array<{ begin: number; end: number; text: string }> = [];
  for (const match of body.matchAll(ELEMENT)) {
    const begin = match.index;
    const at = positionOf(body, begin);
    if (code.has(at.line0)) continue;
    const [whole, citeAttrs, note, codeAttrs, codeText] = match;
    const kind =
      citeAttrs !== undefined
        ? 'd-cite'
        : note !== undefined
          ? 'd-footnote'
          : codeAttrs !== undefined
            ? 'd-code'
            : undefined;
    if (kind) noteCompat(run, sourcePosition(input, at), `<${kind}>`, 'converted', DETAIL[kind]);
    let text: string;
    if (citeAttrs !== undefined) text = citation(attribute(citeAttrs, 'key'), bib, run, sourcePosition(input, at));
    else if (note !== undefined) text = `[^${FOOTNOTE_PREFIX}${notes.push(note.replace(/\s+/g, ' ').trim())}]`;
    else if (codeAttrs !== undefined) {
      const lineStart = begin - at.column + 1;
      const indent = body.slice(lineStart, begin);
      const block = attribute(codeAttrs, 'block') !== undefined && /^[ \t]*$/.test(indent);
      text = block ? fencedCode(codeAttrs, codeText ?? '') : inlineCode(codeAttrs, codeText ?? '');
      // A fence starts its line: the indentation before the element goes too.
      if (block) {
        edits.push({ begin: lineStart, end: begin + whole.length, text });
        continue;
      }
    } else text = '';
    edits.push({ begin, end: begin + whole.length, text });
  }
  const rewritten = applyEdits(input, edits);
  if (notes.length === 0) return rewritten;
  const definitions = notes.map((n, i) => `[^${FOOTNOTE_PREFIX}${i + 1}]: ${n}`).join('\n\n');
  return { body: `${rewritten.body.replace(/\n*$/, '')}\n\n${definitions}\n`, lineMap: rewritten.lineMap };
}

/** The value of attribute `name` in an attribute string (`key="a,b"`; `''` for `block`), or undefined. */
function attribute(attrs: string, name: string): string | undefined {
  const found = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|/|$)`, 'i').exec(
    attrs,
  );
  return found ? (found[1] ?? found[2] ?? found[3] ?? '') : undefined;
}

/** `<d-cite key="a,b">` as `{% cite a b %}` writes it; unknown keys are warned about at `at`. */
function citation(
  keyList: string | undefined,
  bib: Bibliography | undefined,
  run: LiquidRun,
  at: { line0: number; column: number },
): string {
  const keys = (keyList ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) {
    reportLiquid(run, 'warning', 'citation', '<d-cite>: no key (write <d-cite key="name"></d-cite>)', at);
    return '';
  }
  const state = run.citations;
  const known = citeKnown(
    bib,
    keys,
    state.cited,
    (key, why) => reportLiquid(run, 'warning', 'citation', `<d-cite>: the key "${key}" ${why}`, at),
    'the post has no bibliography (set bibliography: in its front matter)',
  );
  if (known.length > 0 && bib) return citationHtml(bib, known, (key) => state.cited.indexOf(key) + 1);
  return missingCitationHtml(keys);
}

/** `<d-code language="x">…</d-code>` without `block`: inline code (its content is HTML already). */
function inlineCode(attrs: string, text: string): string {
  const language = (attribute(attrs, 'language') ?? '').replace(/[^\w+#.-]/g, '');
  return `<code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${text}</code>`;
}

/**
 * `<d-code block language="x">…</d-code>` as a fenced block, with the text Distill shows: entities
 * decoded, the blank first and last lines (the line breaks after and before the tags) and the common
 * indentation removed.
 */
function fencedCode(attrs: string, text: string): string {
  const language = (attribute(attrs, 'language') ?? '').replace(/[^\w+#.-]/g, '');
  const lines = text.split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const margin = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
  const code = lines.map((l) => decodeEntities(l.slice(Number.isFinite(margin) ? margin : 0)));
  const longest = Math.max(2, ...code.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code.join('\n')}\n${fence}`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The position in the file's body of position `at` of the rewritten body (columns as written there). */
function sourcePosition(
  input: BodyWithLines,
  at: { line0: number; column: number },
): { line0: number; column: number } {
  return { line0: input.lineMap?.[at.line0] ?? at.line0, column: at.column };
}

/** `input.body` with `edits` (in order, not overlapping) applied, and the line map carried along. */
function applyEdits(
  input: BodyWithLines,
  edits: ReadonlyArray<{ begin: number; end: number; text: string }>,
): BodyWithLines {
  if (edits.length === 0) return input;
  const source = (line0: number) => input.lineMap?.[line0] ?? line0;
  const parts: string[] = [];
  const lineMap: number[] = [source(0)];
  let identity = input.lineMap === undefined;
  let from = 0;
  let line0 = 0;
  const keep = (text: string) => {
    for (let i = 0; i < countNewlines(text); i++) lineMap.push(source(++line0));
    parts.push(text);
  };
  for (const edit of edits) {
    keep(input.body.slice(from, edit.begin));
    const removed = countNewlines(input.body.slice(edit.begin, edit.end));
    const added = countNewlines(edit.text);
    if (removed !== added) identity = false;
    const start = line0;
    for (let j = 1; j <= added; j++) lineMap.push(source(start + Math.min(j, removed)));
    line0 = start + removed;
    parts.push(edit.text);
    from = edit.end;
  }
  keep(input.body.slice(from));
  return { body: parts.join(''), lineMap: identity ? undefined : lineMap };
}
