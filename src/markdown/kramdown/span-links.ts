/** kramdown's span parsers for addresses: `<…>` autolinks, footnote markers, and inline, reference and image links. */
import { normalizeLinkId } from './block-parsers.js';
import * as P from './patterns.js';
import type { SpanParser } from './span-parser.js';
import { applyIal, el, type Ial } from './tree.js';

export const AUTOLINK = /<((mailto|https?|ftps?):.+?|[\p{L}\p{N}\-_.]+?@[\p{L}\p{N}\-_.]+?)>/u;

export function parseAutolink(s: SpanParser): void {
  const line = s.src.line();
  s.src.scan(AUTOLINK);
  const target = s.src.groups[1]!;
  const href = s.src.groups[2] === undefined ? `mailto:${target}` : target;
  const link = el('a', '', { href }, { line });
  link.children.push(el('text', target.replace(/^mailto:/, ''), {}, { line }));
  s.tree.children.push(link);
}

export function parseFootnoteMarker(s: SpanParser): void {
  const line = s.src.line();
  s.src.scan(/\[\^(\w[\w-]*)\]/);
  const name = s.src.groups[1]!;
  const def = s.defs.footnotes.get(name);
  if (!def) {
    s.addText(s.src.matched);
    return;
  }
  if (def.eob) {
    if (def.eob.options.ial) applyIal(def.eob.attr, def.eob.options.ial, s.defs.alds);
    def.attr = def.eob.attr;
    def.eob = undefined;
  }
  def.references += 1;
  s.tree.children.push(el('footnote', '', { ...def.attr }, { line, name, footnote: def }));
}

export function parseLink(s: SpanParser): void {
  const line = s.src.line();
  const result = s.src.scan(/!?\[(?=[^^])/)!;
  const curPos = s.src.pos;
  const saved = s.src.pos;
  const kind = result.startsWith('!') ? 'img' : 'a';
  if (kind === 'a' && s.inside(['img', 'a'])) {
    s.addText(result);
    return;
  }
  const link = el(kind, '', {}, { line });
  let count = 1;
  const found = s.parseSpans(link, /(\])|!?\[/, undefined, s.textType, () => {
    s.src.check(/(\])|!?\[/);
    count += s.src.groups[1] ? -1 : 1;
    return count - link.children.filter((c) => c.type === 'img').length === 0;
  });
  if (!found) {
    s.src.pos = saved;
    s.addText(result);
    return;
  }
  const altText = s.src.text.slice(curPos, s.src.pos).replace(P.ESCAPED_CHARS_G, '$1');
  s.src.scan(/(\])|!?\[/);
  const add = (href: string, title: string | undefined, ial?: Ial) => {
    if (ial) {
      link.options.ial = ial;
      applyIal(link.attr, ial, s.defs.alds);
    }
    if (kind === 'a') link.attr['href'] = href;
    else {
      link.attr['src'] = href;
      link.attr['alt'] = altText;
      link.children = [];
    }
    if (title !== undefined) link.attr['title'] = title;
    s.tree.children.push(link);
  };
  if (s.src.scan(/\s*?\[([^\]]+)?\]/) !== undefined || !s.src.matches(/\(/)) {
    const id = normalizeLinkId(
      s.src.matched.startsWith('[') || /^\s*\[/.test(s.src.matched) ? (s.src.groups[1] ?? altText) : altText,
    );
    const def = s.defs.links.get(id);
    if (def) add(def.url, def.title, def.eob.options.ial);
    else {
      s.src.pos = saved;
      s.addText(result);
    }
    return;
  }
  let url: string;
  if (s.src.scan(/\(<(.*?)>/) !== undefined) {
    url = s.src.groups[1]!;
    if (s.src.scan(/\)/) !== undefined) {
      add(url, undefined);
      return;
    }
  } else {
    url = '';
    let brackets = 0;
    let passed: string | undefined;
    while ((passed = s.src.scanUntil(/(\()|(\))|\s(?=['"])/)) !== undefined) {
      url += passed;
      if (s.src.groups[2]) {
        brackets -= 1;
        if (brackets === 0) break;
      } else if (s.src.groups[1]) brackets += 1;
      else break;
    }
    url = url.slice(1, -1).trim();
    if (brackets === 0) {
      add(url, undefined);
      return;
    }
  }
  if (s.src.scan(/\s*?(["'])(.+?)\1\s*?\)/s) !== undefined) add(url, s.src.groups[2]);
  else {
    s.src.pos = saved;
    s.addText(result);
  }
}
