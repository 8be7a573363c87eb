/**
 * Anchors: owns heading ids. Every heading gets a stable id from its text (GitHub's algorithm,
 * de-duplicated within the post and against the ids the author gave) unless it already has one, and
 * is added to the table of contents. Text with nothing to slug (`!!!`, an emoji) gives `section`, as
 * an empty heading does (kramdown's own fallback).
 * With `markdown.id_prefix`, every heading id starts with the prefix (the links plugin follows).
 * Depends on: inline parsing (runs after `inline`), so ids come from the heading's final text.
 */
import { slug } from 'github-slugger';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';
import { texToText } from '../math/text.js';

/** Options of the anchors plugin. */
export interface AnchorsOptions {
  /** Put before every heading id (`markdown.id_prefix`), so no heading takes an id the layout uses. */
  idPrefix?: string;
}

/** Installs the heading-id rule on `md`. */
export function anchorsPlugin(md: MarkdownIt, options: AnchorsOptions = {}): void {
  const idPrefix = options.idPrefix ?? '';
  md.core.ruler.after('inline', 'anchors', (state) => {
    const env = asEnv(state.env);
    const tokens = state.tokens;
    // Ids already given ({#id}, or kramdown's own) are taken first, so no heading is given one later
    // (the kramdown profile gives every header its id itself, duplicates included, as kramdown does).
    reserveGivenIds(env.slugger.occurrences, tokens);
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      // The kramdown profile marks headers kramdown gives no id (`{::options auto_ids="false" /}`).
      if (open.type !== 'heading_open' || (open.meta as { noAutoId?: boolean } | null)?.noAutoId) continue;
      const text = plainText(tokens[i + 1]);
      const id = idPrefix + (open.attrGet('id') ?? env.slugger.slug(slug(text) === '' ? 'section' : text));
      open.attrSet('id', id);
      // The table of contents shows formulas as readable text, never as TeX (see renderPost for its HTML).
      env.toc.push({ level: Number(open.tag.slice(1)), id, text: readableText(tokens[i + 1]) });
      env.tocHeadings.push(tokens[i + 1]!);
    }
  });
}

/** Marks every id in `tokens` (their inline children included) as taken in a slugger's `occurrences`. */
function reserveGivenIds(occurrences: Record<string, number>, tokens: readonly Token[]): void {
  for (const token of tokens) {
    const id = token.attrGet('id');
    if (id !== null && !Object.hasOwn(occurrences, id)) occurrences[id] = 0;
    if (token.children) reserveGivenIds(occurrences, token.children);
  }
}

/** The text of an inline token with formulas as readable text (`Σθ`, not `\\boldsymbol{\\Sigma}_\\theta`). */
export function readableText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  return inline.children
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline'
        ? child.content
        : child.type === 'math_inline'
          ? texToText(child.content)
          : '',
    )
    .join('')
    .trim();
}

/** The visible text of an inline token: text, code spans and formula sources. */
export function plainText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  return inline.children
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline' || child.type === 'math_inline' ? child.content : '',
    )
    .join('')
    .trim();
}
