/**
 * Before slim-html.ts parses a post, the markup that inkstone's own renderers write in bulk, and
 * whose reduction is known without a parser, is reduced with string searches. A technical post's
 * HTML is mostly that: KaTeX's drawing of each formula (left out of the index whole), its MathML
 * (of which only the TeX annotation is kept), and Shiki's span per token (inline elements, whose
 * text is kept and tags dropped). SVG (diagrams) is left to the parser: what ends an SVG holding HTML
 * (mermaid's labels) is the parser's to say, and diagrams are a small part of the markup. Parsing all of it took most of the search stage's time in this
 * process (2.7 s of HTML parsing for the benchmark's 1,000 technical posts).
 *
 * Each cut gives the parser exactly what it would have made of the original (slim-html's tests
 * compare the two on whole sites). Whatever does not have the exact shape the renderers write, such
 * as raw HTML an author wrote that looks like it, is left as it is for the parser.
 */
import { SEARCH_SKIPPED_CLASSES } from './documents.js';

/** The opening tag KaTeX writes for its drawing of a formula (left out of the index). */
const KATEX_DRAWING = '<span class="katex-html" aria-hidden="true">';

/** Closing tags that may occur inside KaTeX's drawing: spans, and the SVG of stretchy symbols. */
const DRAWING_CLOSERS = /^<\/(?:span|svg|path|line|g|rect|defs|clipPath|use)>/;

/** Elements the reducer treats specially inside MathML (or leaves out): a formula holding one is left to the parser. */
const SPECIAL_IN_MATH = /<(?:br|svg|script|style|template|noscript|button|iframe|object|canvas|math)[\s/>]|\sclass=/;

/** A class attribute naming a class whose elements the index leaves out. */
const SKIPPED_CLASS = new RegExp(`class="[^"]*\\b(?:${SEARCH_SKIPPED_CLASSES.join('|')})\\b`);

/** A span as Shiki writes it: only `class` and `style`, with values free of tag characters. */
const SHIKI_SPAN = /<span(?: (?:class|style)="[^"<>]*")*>/g;

/** `html` with KaTeX's drawings, MathML other than annotations, and Shiki's spans reduced (see the file comment). */
export function trimKnownMarkup(html: string): string {
  return unwrapCodeSpans(reduceMathml(cutKatexDrawings(html)));
}

/** Cuts each of KaTeX's drawings, with everything in it, where its end is found by counting spans. */
function cutKatexDrawings(html: string): string {
  if (!html.includes(KATEX_DRAWING)) return html;
  const parts: string[] = [];
  let from = 0;
  for (let start = html.indexOf(KATEX_DRAWING); start >= 0; start = html.indexOf(KATEX_DRAWING, from)) {
    const end = drawingEnd(html, start + KATEX_DRAWING.length);
    if (end < 0) {
      // Not the shape KaTeX writes: left to the parser.
      parts.push(html.slice(from, start + KATEX_DRAWING.length));
      from = start + KATEX_DRAWING.length;
      continue;
    }
    parts.push(html.slice(from, start));
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/** Where the drawing opened before `from` ends (after its `</span>`), or -1 when it is not KaTeX's shape. */
function drawingEnd(html: string, from: number): number {
  let depth = 1;
  for (let at = html.indexOf('<', from); at >= 0; at = html.indexOf('<', at + 1)) {
    if (html.startsWith('<span', at)) {
      const next = html[at + 5] ?? '';
      if (next === '/') return -1;
      if (/[\s>]/.test(next)) depth++;
    } else if (html.startsWith('</span>', at)) {
      if (--depth === 0) return at + '</span>'.length;
    } else if (html[at + 1] === '/' && !DRAWING_CLOSERS.test(html.slice(at, at + 12))) return -1;
  }
  return -1;
}

/** Reduces each `<math>…</math>` to its annotations, which are all the reducer keeps of it. */
function reduceMathml(html: string): string {
  if (!html.includes('<math')) return html;
  const parts: string[] = [];
  let from = 0;
  for (let start = html.indexOf('<math', from); start >= 0; start = html.indexOf('<math', from)) {
    const close = html.indexOf('</math>', start);
    const opened = html.indexOf('>', start);
    if (close < 0 || opened < 0 || opened > close || !/[\s>]/.test(html[start + 5] ?? '')) break;
    const inner = html.slice(opened + 1, close);
    parts.push(html.slice(from, start));
    const annotations = [...inner.matchAll(/<annotation(?:\s[^<>]*)?>([^<]*)<\/annotation>/g)];
    // Left to the parser: a class on the element, special elements inside, an annotation holding markup.
    const plain =
      !/\sclass=/.test(html.slice(start, opened)) &&
      !SPECIAL_IN_MATH.test(inner) &&
      annotations.length === inner.split(/<annotation[\s>]/).length - 1;
    if (plain) parts.push('<math>', ...annotations.map((m) => `<annotation>${m[1]}</annotation>`));
    else parts.push(html.slice(start, close));
    from = close;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/** Drops the tags of Shiki's spans inside each `<pre class="shiki …">`, keeping their text. */
function unwrapCodeSpans(html: string): string {
  if (!html.includes('<pre class="shiki')) return html;
  const parts: string[] = [];
  let from = 0;
  for (
    let start = html.indexOf('<pre class="shiki', from);
    start >= 0;
    start = html.indexOf('<pre class="shiki', from)
  ) {
    const close = html.indexOf('</pre>', start);
    if (close < 0) break;
    const block = html.slice(start, close);
    parts.push(html.slice(from, start));
    const opens = block.split('<span').length - 1;
    const shikiOpens = block.match(SHIKI_SPAN)?.length ?? 0;
    // Only a block of Shiki's shape: spans and code in the pre, every span with a class and style
    // free of tag characters and of a class the index leaves out.
    const shiki =
      opens === shikiOpens && !/<(?!\/?(?:span|code)[\s>])/.test(block.slice(1)) && !SKIPPED_CLASS.test(block);
    parts.push(shiki ? block.replace(SHIKI_SPAN, '').replaceAll('</span>', '') : block);
    from = close;
  }
  parts.push(html.slice(from));
  return parts.join('');
}
