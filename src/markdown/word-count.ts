/** countWords: the words of prose in a parsed post, for word counts and reading times. */
import type Token from 'markdown-it/lib/token.mjs';

// Han, Hiragana and Katakana are written without spaces: each character counts as a word.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Words in `text`. */
export function countTextWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * Words a reader reads in `tokens`: text and code spans of paragraphs, headings, lists, tables and
 * quotes. Code blocks, formulas, raw HTML and image descriptions are skimmed, not read, so they do not count.
 */
export function countWords(tokens: readonly Token[]): number {
  let words = 0;
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    // An image's description sits in its own children, so it is not met here.
    for (const child of token.children) {
      if (child.type === 'text' || child.type === 'code_inline') words += countTextWords(child.content);
    }
  }
  return words;
}
