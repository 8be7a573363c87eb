/**
 * Formulas in post titles (`title: Bounds on $\boldsymbol{\Sigma}_\theta$`): readable text where HTML
 * is not allowed (`<title>`, feeds, JSON-LD, link text in lists), KaTeX where it is (the post's
 * heading). A title's math that KaTeX refuses shows as readable text there too.
 */
import { createRequire } from 'node:module';
import type katex from 'katex';
import { escapeHtml } from '../../core/html.js';
import { findDollarMath } from '../kramdown/dollar-math.js';
import { texToText } from './text.js';

interface Segment {
  text: string;
  tex?: string;
}

function segments(title: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (let i = 0; i < title.length; i++) {
    let end = -1;
    let open = 0;
    let close = 0;
    if (title.startsWith('$$', i)) {
      end = title.indexOf('$$', i + 2);
      open = close = 2;
      if (end !== -1) end += 2;
    } else if (title.startsWith('\\(', i)) {
      end = title.indexOf('\\)', i + 2);
      open = close = 2;
      if (end !== -1) end += 2;
    } else if (title[i] === '$') {
      end = findDollarMath(title, i);
      open = close = 1;
    }
    if (end === -1) continue;
    if (i > last) out.push({ text: title.slice(last, i) });
    out.push({ text: title.slice(i, end), tex: title.slice(i + open, end - close) });
    last = i = end;
    i -= 1;
  }
  if (last < title.length) out.push({ text: title.slice(last) });
  return out;
}

/** True when the title holds a formula (without rendering it). */
export function titleHasMath(title: string): boolean {
  return (title.includes('$') || title.includes('\\(')) && segments(title).some((s) => s.tex !== undefined);
}

/** The title as plain text, formulas as readable text. */
export function titleText(title: string): string {
  if (!title.includes('$') && !title.includes('\\(')) return title;
  return segments(title)
    .map((s) => (s.tex === undefined ? s.text : texToText(s.tex)))
    .join('');
}

/**
 * KaTeX, loaded by the first title with a formula: titles are rendered synchronously, in templates.
 * Required as the ES module `import('katex')` loads (Node >= 20.19 requires ES modules), so that
 * the markdown stage and titles share one KaTeX.
 */
function loadKatex(): typeof katex {
  return (createRequire(import.meta.url)('katex/dist/katex.mjs') as { default: typeof katex }).default;
}

/** The title as HTML with its formulas rendered; undefined when it has none. */
export function titleHtml(title: string, macros: Record<string, string>): string | undefined {
  if (!titleHasMath(title)) return undefined;
  const katex = loadKatex();
  const parts = segments(title);
  return parts
    .map((s) => {
      if (s.tex === undefined) return escapeHtml(s.text);
      try {
        return katex.renderToString(s.tex, {
          throwOnError: true,
          strict: 'ignore',
          trust: false,
          maxSize: 50,
          maxExpand: 1000,
          macros: { ...macros },
        });
      } catch {
        return escapeHtml(texToText(s.tex));
      }
    })
    .join('');
}
