/**
 * Normalised HTML trees for the differential test against kramdown: two pages are "equal" when
 * these strings are. What is normalised, and why:
 * - white space: runs folded to one space, dropped between blocks and at the edges of blocks
 *   (kramdown indents its output; browsers ignore both);
 * - attributes: sorted, classes as a sorted set (order carries no meaning);
 * - math: kramdown leaves TeX for the reader's MathJax (`\(…\)`, `\[…\]`, and `$…$` found in text,
 *   as al-folio's MathJax configuration does); inkstone renders KaTeX. Both become `<math inline|display>TeX`;
 * - code blocks: by language and text (kramdown's highlighter is off in the oracle; inkstone uses Shiki);
 * - inkstone's page additions that kramdown has no notion of: the heading self-link and its wrapper,
 *   the code-block wrapper, `loading`/`decoding` on images.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const BLOCKS = new Set(
  'html body div p ul ol li dl dt dd table thead tbody tfoot tr td th blockquote pre h1 h2 h3 h4 h5 h6 hr figure figcaption section details summary nav aside header footer article main form fieldset center video iframe math-block'.split(
    ' ',
  ),
);

/** A canonical, indented text form of `html`'s tree. */
export function normaliseHtml(html: string, origin: 'kramdown' | 'inkstone'): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  const lines: string[] = [];
  writeChildren(doc.children, origin, 0, lines, true, false);
  return lines.join('\n');
}

function writeChildren(
  nodes: ChildNode[],
  origin: string,
  depth: number,
  out: string[],
  blockParent: boolean,
  inCode: boolean,
): void {
  const items = flatten(nodes, origin, inCode);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (typeof item === 'string') {
      let text = item.replace(/\s+/g, ' ');
      const prev = items[i - 1];
      const next = items[i + 1];
      if (blockParent && (prev === undefined || isBlock(prev))) text = text.trimStart();
      if (blockParent && (next === undefined || isBlock(next))) text = text.trimEnd();
      if (text === '') continue;
      out.push(`${'  '.repeat(depth)}"${text}"`);
    } else if ('math' in item) {
      out.push(`${'  '.repeat(depth)}<math ${item.math}>${canonicalTex(item.tex).replace(/\s+/g, ' ').trim()}`);
    } else if ('code' in item) {
      out.push(`${'  '.repeat(depth)}<code-block ${item.lang}>${JSON.stringify(item.code.replace(/\n+$/, ''))}`);
    } else {
      out.push(`${'  '.repeat(depth)}<${item.name}${attributes(item)}>`);
      writeChildren(item.children, origin, depth + 1, out, BLOCKS.has(item.name), inCode || NO_MATH.has(item.name));
    }
  }
}

/** Elements whose text MathJax never searches for formulas. */
const NO_MATH = new Set(['code', 'pre', 'script', 'style', 'textarea', 'kbd', 'samp', 'var']);

type Item = string | Element | { math: 'inline' | 'display'; tex: string } | { code: string; lang: string };

function isBlock(item: Item): boolean {
  if (typeof item === 'string') return false;
  if ('math' in item) return item.math === 'display';
  if ('code' in item) return true;
  return BLOCKS.has(item.name);
}

/** Children as text runs, elements and recognised math/code, with inkstone's additions unwrapped. */
function flatten(nodes: ChildNode[], origin: string, inCode: boolean): Item[] {
  const out: Item[] = [];
  const pushText = (text: string) => {
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += text;
    else out.push(text);
  };
  for (const node of nodes) {
    if (node.type === 'text') pushText(node.data);
    else if (node.type === 'comment') out.push(...[]);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const cls = (el.attribs['class'] ?? '').split(/\s+/);
      if (el.name === 'span' && cls.includes('math-fallback'))
        out.push({
          math: cls.includes('math-fallback-display') ? 'display' : 'inline',
          tex: canonicalTex(annotation(el)),
        });
      else if (el.name === 'span' && cls.includes('katex-display'))
        out.push({ math: 'display', tex: canonicalTex(annotation(el)) });
      else if (el.name === 'span' && cls.includes('katex'))
        out.push({ math: 'inline', tex: canonicalTex(annotation(el)) });
      // A formula KaTeX refuses is shown as its source; MathJax shows its own error for the same TeX.
      else if ((el.name === 'pre' || el.name === 'code') && cls.includes('math-error'))
        out.push(mathErrorSource(textContent(el), el.name === 'pre'));
      else if (el.name === 'pre') out.push({ code: textContent(el), lang: codeLanguage(el) });
      else if (origin === 'inkstone' && el.name === 'a' && cls.includes('heading-link')) continue;
      else if (origin === 'inkstone' && el.name === 'nav' && cls.includes('toc')) {
        for (const item of flatten(el.children, origin, inCode))
          typeof item === 'string' ? pushText(item) : out.push(item);
      } else if (
        origin === 'inkstone' &&
        el.name === 'div' &&
        (cls.includes('section-heading') || cls.includes('math-display') || cls.includes('code-block'))
      ) {
        for (const item of flatten(el.children, origin, inCode))
          typeof item === 'string' ? pushText(item) : out.push(item);
      } else {
        if (origin === 'inkstone' && el.name === 'img') {
          delete el.attribs['loading'];
          delete el.attribs['decoding'];
        }
        out.push(el);
      }
    }
  }
  // Text runs hold TeX for the reader's MathJax (kramdown's output, and any `$…$` left as text).
  return inCode ? out : out.flatMap((item) => (typeof item === 'string' ? splitMath(item) : [item]));
}

const MATH_IN_TEXT =
  /\\\[([\s\S]*?)\\\]|\\\(([\s\S]*?)\\\)|\$\$([\s\S]+?)\$\$|(?<![\\$])\$(?![\s$])((?:[^$\\]|\\[\s\S])+?)(?<!\s)\$(?!\d)/g;

/** Splits a text run at the formulas MathJax would find in it. */
function splitMath(text: string): Item[] {
  const out: Item[] = [];
  let last = 0;
  for (const m of text.matchAll(MATH_IN_TEXT)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined || m[3] !== undefined) out.push({ math: 'display', tex: (m[1] ?? m[3])! });
    else out.push({ math: 'inline', tex: (m[2] ?? m[4])! });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function mathErrorSource(source: string, display: boolean): Item {
  return {
    math: display ? 'display' : 'inline',
    tex: canonicalTex(source).replace(/^(\$\$|\\\[|\\\(|\$)|(\$\$|\\\]|\\\)|\$)$/g, ''),
  };
}

/**
 * TeX as the author wrote it: inkstone's numbering rewrites a numbered environment to its starred form
 * with explicit `\tag`s and `\htmlId`/`\cssId` anchors, and drops `\label`, `\notag`, `\nonumber`.
 * Equation numbers themselves are checked by the math tests.
 */
function canonicalTex(tex: string): string {
  return tex
    .replace(/\\(?:htmlId|cssId)\{mjx-eqn:[^}]*\}\{\}/g, '')
    .replace(/\\(?:tag\*?|label)\{[^}]*\}|\\(?:notag|nonumber)(?![A-Za-z])/g, '')
    .replace(/\\(begin|end)\{([A-Za-z]+)\*\}/g, (m, which: string, name: string) =>
      NUMBERED.has(name) ? `\\${which}{${name}}` : m,
    );
}

/** Environments the numbering may have starred (the source may have had either form). */
const NUMBERED = new Set(['equation', 'align', 'gather', 'multline', 'eqnarray', 'alignat', 'flalign']);

function annotation(el: Element): string {
  let found = '';
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (found) return;
      if (n.type === 'tag' && (n as Element).name === 'annotation') found = textContent(n as Element);
      else if ('children' in n) visit((n as Element).children);
    }
  };
  visit(el.children);
  return found;
}

function textContent(el: Element): string {
  return el.children
    .map((n) => (n.type === 'text' ? n.data : 'children' in n ? textContent(n as Element) : ''))
    .join('');
}

function codeLanguage(pre: Element): string {
  const code = pre.children.find((n): n is Element => n.type === 'tag' && (n as Element).name === 'code');
  const fromClass = /(?:^|\s)language-(\S+)/.exec(code?.attribs['class'] ?? '')?.[1];
  const parent = pre.parent as Element | null;
  return fromClass ?? parent?.attribs?.['data-language'] ?? '';
}

function attributes(el: Element): string {
  const entries = Object.entries(el.attribs).map(
    ([k, v]) => [k, k === 'class' ? v.split(/\s+/).filter(Boolean).sort().join(' ') : v] as const,
  );
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => ` ${k}="${v}"`).join('');
}
