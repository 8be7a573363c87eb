/**
 * A post's rendered HTML reduced to what the search index reads: its text, the blocks that separate
 * it, and its headings with their ids (Pagefind's sections). Everything else is markup Pagefind would
 * parse and throw away, and a technical post is mostly that: Shiki's one span per token, KaTeX's
 * drawing of each formula, diagrams drawn twice as SVG (70 MB of HTML for the bench's 1,000
 * technical posts, against a few MB of text). So:
 * - a formula keeps only its TeX source (KaTeX's MathML annotation), so excerpts read "n = 2^k";
 * - what documents.ts lists as left out (SVG, scripts, KaTeX's drawing, footnote marks, heading links…) is;
 * - inline elements leave their text and no tag; any other element becomes a block (`<div>`),
 *   headings keep their level and id, `<pre>` keeps its line breaks.
 */
import { Parser } from 'htmlparser2';
import { escapeHtml, VOID_ELEMENTS } from '../core/html.js';
import { SEARCH_SKIPPED_CLASSES, SEARCH_SKIPPED_ELEMENTS } from './documents.js';
import { trimKnownMarkup } from './known-markup.js';

/** Elements whose text runs on with the text around them. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'label',
  'font',
]);

const SKIPPED = new Set(SEARCH_SKIPPED_ELEMENTS);

/** `html` reduced to text, blocks and headings (see the file comment). */
export function slimHtml(html: string): string {
  return reduceParsed(trimKnownMarkup(html));
}

/** `html` reduced by parsing it all (what slimHtml does after its string searches). */
export function reduceParsed(html: string): string {
  const out: string[] = [];
  // Open elements: whether each was left out, wrote a tag, or (MathML) keeps only its annotation.
  const stack: Array<'skip' | 'tag' | 'none' | 'math'> = [];
  let skipping = 0;
  let inMath = 0;
  let inAnnotation = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = attributes['class']?.split(/\s+/) ?? [];
        if (skipping > 0 || SKIPPED.has(name) || classes.some((c) => SEARCH_SKIPPED_CLASSES.includes(c))) {
          if (!VOID_ELEMENTS.has(name)) {
            skipping++;
            stack.push('skip');
          }
          return;
        }
        if (name === 'math') {
          inMath++;
          stack.push('math');
          return;
        }
        if (name === 'annotation' && inMath > 0) {
          inAnnotation++;
          out.push(' ');
          stack.push('none');
          return;
        }
        if (name === 'br') {
          out.push(' ');
          return;
        }
        if (VOID_ELEMENTS.has(name)) return;
        if (INLINE.has(name) || inMath > 0) {
          stack.push('none');
          return;
        }
        const heading = /^h[1-6]$/.test(name);
        const id = heading && attributes['id'] ? ` id="${escapeHtml(attributes['id'])}"` : '';
        const tag = heading || name === 'p' || name === 'pre' ? name : 'div';
        out.push(`<${tag}${id}>`);
        stack.push('tag');
      },
      ontext(text) {
        if (skipping > 0 || (inMath > 0 && inAnnotation === 0)) return;
        out.push(escapeHtml(text));
      },
      onclosetag(name) {
        // Void elements (told closed at once) were never put on the stack.
        if (VOID_ELEMENTS.has(name)) return;
        const kind = stack.pop();
        if (kind === 'skip') skipping--;
        else if (kind === 'math') inMath--;
        else if (kind === 'tag') {
          const heading = /^h[1-6]$/.test(name);
          out.push(`</${heading || name === 'p' || name === 'pre' ? name : 'div'}>`);
        } else if (name === 'annotation' && inAnnotation > 0) {
          inAnnotation--;
          out.push(' ');
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.join('');
}
