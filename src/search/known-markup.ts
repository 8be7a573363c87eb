/**
 * Before slim-html.ts parses a post, the markup that inkstone's own renderers write in bulk, and
 * whose reduction is known without a parser, is reduced with string operations. A technical post's
 * HTML is mostly that: KaTeX's drawing of each formula (left out of the index whole), its MathML
 * (of which only the TeX annotation is kept), and Shiki's span per token (inline elements, whose
 * text is kept and tags dropped). Parsing all of it took most of the search stage's time in this
 * process (2.7 s of HTML parsing for the benchmark's 1,000 technical posts).
 *
 * The cuts must give the parser exactly what it would have made of the original (slim-html's tests
 * compare the two). So they are made only in a post whose HTML is a plain tree, checked in one scan:
 * every `<` opens or closes a tag of a strict shape (quoted attribute values free of `<` and `>`,
 * closing tags as `</name>`), every close matches the element open, a self-closing tag of a non-void
 * element only in SVG or MathML, raw-text elements (styles, scripts…) with no `<` inside, every `&`
 * a whole entity, and the names the cuts look for in lower case. That is what markdown-it, KaTeX,
 * Shiki and mermaid write. Anything else (comments, unclosed elements in an author's raw HTML) is
 * left whole to the parser.
 */
import { VOID_ELEMENTS } from '../core/html.js';
import { SEARCH_SKIPPED_CLASSES, SEARCH_SKIPPED_ELEMENTS } from './documents.js';

/** The opening tag KaTeX writes for its drawing of a formula (left out of the index). */
const KATEX_DRAWING = '<span class="katex-html" aria-hidden="true">';

/** The start of the opening tag of a Shiki code block. */
const SHIKI_BLOCK = '<pre class="shiki';

/** Opening and closing tags of the strict shape (sticky: matched at a `<`). */
const OPEN = /<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'<>/=]+(?:="[^"<>]*"|='[^'<>]*')?)*)\s*(\/?)>/y;
const CLOSE = /<\/([A-Za-z][A-Za-z0-9-]*)>/y;

/** An `&` that does not start a whole entity (`&name;`, `&#10;`, `&#xA;`). */
const BROKEN_ENTITY = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)/;

/** A `class` attribute not written in lower case. */
const ODD_CLASS = /\s(?!class=)[Cc][Ll][Aa][Ss][Ss]=/;

/** Elements whose content the tokenizer reads as text up to their closing tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** Elements that start foreign content (where `<x/>` closes itself), and those that end it inside. */
const FOREIGN = new Set(['svg', 'math']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/**
 * Names the cuts look for as written (the scan itself compares names in lower case): in another
 * case, the post is left to the parser.
 */
const SENSITIVE = new Set(['span', 'math', 'annotation', 'pre', 'code', 'br', ...SEARCH_SKIPPED_ELEMENTS]);

/** Elements inside MathML that the reducer treats specially: a formula holding one is left to the parser. */
const SPECIAL_IN_MATH = /<(?:br|svg|script|style|template|noscript|button|iframe|object|canvas|math)[\s/>]|\sclass=/;

/** A class attribute naming a class whose elements the index leaves out. */
const SKIPPED_CLASS = new RegExp(`class="[^"]*\\b(?:${SEARCH_SKIPPED_CLASSES.join('|')})\\b`);

/** A span as Shiki writes it: only `class` and `style`, with values free of tag characters. */
const SHIKI_SPAN = /<span(?: (?:class|style)="[^"<>]*")*>/g;

/** The tags a Shiki block may hold: its spans, and its code element. */
const SHIKI_TAG = /<(?:span(?: (?:class|style)="[^"<>]*")*|\/span|code(?: class="[^"<>]*")?|\/code)>/g;

/** An element the cuts reduce: where it starts, where its opening tag ends, and where it ends. */
interface Region {
  kind: 'drawing' | 'math' | 'code';
  start: number;
  inner: number;
  end: number;
}

/** `html` with KaTeX's drawings, MathML other than annotations, and Shiki's spans reduced (see the file comment). */
export function trimKnownMarkup(html: string): string {
  if (!html.includes(KATEX_DRAWING) && !html.includes('<math') && !html.includes(SHIKI_BLOCK)) return html;
  const regions = plainTreeRegions(html);
  if (!regions) return html;
  const parts: string[] = [];
  let from = 0;
  for (const region of regions) {
    // Inside one already reduced (or kept whole).
    if (region.start < from) continue;
    parts.push(html.slice(from, region.start));
    if (region.kind === 'math') parts.push(reducedMath(html, region));
    else if (region.kind === 'code') parts.push(unwrappedCode(html.slice(region.start, region.end)));
    from = region.end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/**
 * The regions to reduce, in document order, when `html` is a plain tree (see the file comment);
 * undefined when it is not.
 */
function plainTreeRegions(html: string): Region[] | undefined {
  if (BROKEN_ENTITY.test(html)) return undefined;
  const regions: Region[] = [];
  const stack: Array<{ name: string; region: Region | undefined }> = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at)) {
    if (html[at + 1] === '/') {
      CLOSE.lastIndex = at;
      const close = CLOSE.exec(html);
      if (!close) return undefined;
      const name = close[1]!.toLowerCase();
      const open = stack.pop();
      if (!open || open.name !== name || (close[1] !== name && SENSITIVE.has(name))) return undefined;
      at = CLOSE.lastIndex;
      if (open.region) {
        open.region.end = at;
        regions.push(open.region);
      }
      continue;
    }
    OPEN.lastIndex = at;
    const tag = OPEN.exec(html);
    if (!tag) return undefined;
    const name = tag[1]!.toLowerCase();
    if ((tag[1] !== name && SENSITIVE.has(name)) || name === 'plaintext' || ODD_CLASS.test(tag[2]!)) return undefined;
    const start = at;
    at = OPEN.lastIndex;
    if (VOID_ELEMENTS.has(name)) continue;
    if (tag[3] === '/') {
      if (!inForeignContent(stack)) return undefined;
      continue;
    }
    if (RAW_TEXT.has(name)) {
      // Its text up to its closing tag, with no `<` in it.
      const next = html.indexOf('<', at);
      if (next < 0 || !html.startsWith(`</${name}>`, next)) return undefined;
      at = next + name.length + 3;
      continue;
    }
    const kind =
      name === 'math'
        ? 'math'
        : name === 'span' && html.startsWith(KATEX_DRAWING, start)
          ? 'drawing'
          : name === 'pre' && html.startsWith(SHIKI_BLOCK, start)
            ? 'code'
            : undefined;
    stack.push({ name, region: kind && { kind, start, inner: at, end: -1 } });
  }
  if (stack.length > 0) return undefined;
  return regions.sort((a, b) => a.start - b.start);
}

/** Whether the innermost of SVG, MathML and their HTML islands open on `stack` is SVG or MathML. */
function inForeignContent(stack: ReadonlyArray<{ name: string }>): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const { name } = stack[i]!;
    if (INTEGRATION.has(name)) return false;
    if (FOREIGN.has(name)) return true;
  }
  return false;
}

/** A `<math>` element reduced to its annotations, which are all the reducer keeps of it; or kept whole. */
function reducedMath(html: string, region: Region): string {
  const whole = html.slice(region.start, region.end);
  const inner = html.slice(region.inner, region.end - '</math>'.length);
  const annotations = [...inner.matchAll(/<annotation(?:\s[^<>]*)?>([^<]*)<\/annotation>/g)];
  const plain =
    !/\sclass=/.test(html.slice(region.start, region.inner)) &&
    !SPECIAL_IN_MATH.test(inner) &&
    annotations.length === inner.split(/<annotation[\s>]/).length - 1;
  return plain ? `<math>${annotations.map((m) => `<annotation>${m[1]}</annotation>`).join('')}</math>` : whole;
}

/** A Shiki block with its spans' tags dropped, when it holds nothing but them and its code element. */
function unwrappedCode(block: string): string {
  const body = block.slice(block.indexOf('>') + 1, block.length - '</pre>'.length);
  const tags = body.match(/<[^>]*>/g) ?? [];
  const shiki = tags.length === (body.match(SHIKI_TAG)?.length ?? 0) && !SKIPPED_CLASS.test(block);
  return shiki ? block.replace(SHIKI_SPAN, '').replaceAll('</span>', '') : block;
}
