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
import { gemoji } from 'gemoji';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';
import { readableText } from './anchors.js';

/** GitHub's emoji names (`tada`, `+1`, `framed_picture`) and their characters. */
const EMOJI_BY_NAME: ReadonlyMap<string, string> = new Map(
  gemoji.flatMap((g) => g.names.map((name) => [name, g.emoji] as const)),
);

/** `:name:` not glued to a word before it (`a:b:c`, `10:30:00` stay text). */
const SHORTCODE = /(?<![\p{L}\p{N}_]):([a-z0-9_+-]+):/giu;

/** Bare addresses in text: shortcodes inside them are part of the address. */
const BARE_URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S+/gi;

/** `text` with every known shortcode replaced, except inside bare URLs. */
export function replaceShortcodes(text: string): string {
  if (!text.includes(':')) return text;
  const urls = [...text.matchAll(BARE_URL)].map((m) => [m.index, m.index + m[0].length] as const);
  return text.replace(SHORTCODE, (whole, name: string, at: number) => {
    if (urls.some(([from, to]) => at >= from && at < to)) return whole;
    return EMOJI_BY_NAME.get(name) ?? whole;
  });
}

/** Installs the shortcode rule on `md`. */
export function emojiPlugin(md: MarkdownIt): void {
  md.core.ruler.after('anchors', 'emoji', (state) => {
    for (const token of state.tokens) if (token.type === 'inline' && token.children) replaceInChildren(token.children);
    const env = asEnv(state.env);
    env.toc.forEach((entry, i) => {
      const heading = env.tocHeadings[i];
      if (heading) entry.text = readableText(heading);
    });
  });
}

function replaceInChildren(children: Token[]): void {
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
    else if (child.type === 'text' && inAddressLink === 0) child.content = replaceShortcodes(child.content);
  }
}
