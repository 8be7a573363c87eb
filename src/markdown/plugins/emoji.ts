/**
 * Emoji shortcodes (Jekyll's jemoji, `emoji: true`): `:tada:` in text becomes 🎉, by GitHub's own
 * names (the gemoji table). Only `text` tokens change, so code spans, code blocks, math, raw HTML and
 * link addresses never do; a bare URL in the text (and a linkified one) is left alone, and an unknown
 * `:name:` stays as written. jemoji writes an `<img class="emoji">` from GitHub's CDN; this writes the
 * Unicode character, which needs no request.
 * Depends on: anchors (a core rule right after it): heading ids come from the `:name:` text, as
 * Jekyll's did (jemoji ran after kramdown), so turning emoji on moves no anchor; the table of contents
 * entries are then re-read from the changed headings, and the heading links read the emoji.
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';
import type { LazyLibrary } from '../libraries.js';
import { readableText } from './anchors.js';

/** GitHub's emoji names (`tada`, `+1`, `framed_picture`) and their characters, from gemoji (imported now). */
export async function loadEmojiNames(): Promise<ReadonlyMap<string, string>> {
  const { gemoji } = await import('gemoji');
  return new Map(gemoji.flatMap((g) => g.names.map((name) => [name, g.emoji] as const)));
}

/** `:name:` not glued to a word before it (`a:b:c`, `10:30:00` stay text). */
const SHORTCODE = /(?<![\p{L}\p{N}_]):([a-z0-9_+-]+):/giu;

/** A shortcode anywhere, glued or not: what SHORTCODE can find in a text token (see mayHaveShortcode). */
const ANY_SHORTCODE = /:[a-z0-9_+-]+:/iu;

/**
 * False only when no text token of a post with this body can hold a shortcode, so the names need not
 * be loaded: text is the body's, less backslash escapes, with entities (`&#58;`) decoded.
 */
export function mayHaveShortcode(body: string): boolean {
  return body.includes('&') || ANY_SHORTCODE.test(body.replaceAll('\\', ''));
}

/** Bare addresses in text: shortcodes inside them are part of the address. */
const BARE_URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S+/gi;

/** `text` with every known shortcode replaced, except inside bare URLs. */
export function replaceShortcodes(text: string, names: () => ReadonlyMap<string, string>): string {
  if (!ANY_SHORTCODE.test(text)) return text;
  const emojiByName = names();
  const urls = [...text.matchAll(BARE_URL)].map((m) => [m.index, m.index + m[0].length] as const);
  return text.replace(SHORTCODE, (whole, name: string, at: number) => {
    if (urls.some(([from, to]) => at >= from && at < to)) return whole;
    return emojiByName.get(name) ?? whole;
  });
}

/** Installs the shortcode rule on `md`. */
export function emojiPlugin(md: MarkdownIt, names: LazyLibrary<ReadonlyMap<string, string>>): void {
  md.core.ruler.after('anchors', 'emoji', (state) => {
    for (const token of state.tokens)
      if (token.type === 'inline' && token.children) replaceInChildren(token.children, names);
    const env = asEnv(state.env);
    env.toc.forEach((entry, i) => {
      const heading = env.tocHeadings[i];
      if (heading) entry.text = readableText(heading);
    });
  });
}

function replaceInChildren(children: Token[], names: LazyLibrary<ReadonlyMap<string, string>>): void {
  // Text inside an autolink or a linkified URL is the address itself.
  let inAddressLink = 0;
  for (const child of children) {
    if (child.type === 'link_open' && (child.markup === 'linkify' || child.markup === 'autolink')) inAddressLink++;
    else if (
      child.type === 'link_close' &&
      inAddressLink > 0 &&
      (child.markup === 'linkify' || child.markup === 'autolink')
    )
      inAddressLink--;
    else if (child.type === 'text' && inAddressLink === 0)
      child.content = replaceShortcodes(child.content, () => names.get());
  }
}
