/**
 * Tab groups (`{% tabs %}` in Jekyll posts, written as `<div class="tabs">` by the Liquid stage): a page
 * with one loads `client/tabs.js`, which turns each group's stacked panels into a tab list.
 */
import type Token from 'markdown-it/lib/token.mjs';

const TABS_OPEN = /^<div class="tabs"[\s>]/;

/** True when the parsed post has a tab group. */
export function hasTabs(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.type === 'html_block' && TABS_OPEN.test(t.content));
}
