/**
 * kramdown's `{:` lines and extensions: attribute list definitions (`{:name: …}`), block IALs, and
 * `{::nomarkdown}`, `{::comment}`, `{::options … /}` at block and span level.
 */
import { parseAttributeList } from './attributes.js';
import type { KramdownParser } from './parser.js';
import * as P from './patterns.js';
import { el, emptyIal } from './tree.js';

export function parseBlockExtensions(p: KramdownParser): boolean {
  if (p.src.scan(P.ALD_START)) {
    const name = p.src.groups[1]!;
    const ald = p.defs.alds.get(name) ?? emptyIal();
    p.defs.alds.set(name, ald);
    parseAttributeList(p.src.groups[2]!, ald);
    p.tree.children.push(p.newBlock('eob', '', {}, { eobKind: 'ald' }));
    return true;
  }
  if (p.src.matches(P.EXT_BLOCK_START)) return parseExtension(p, 'block');
  if (p.src.scan(P.IAL_BLOCK_START)) {
    const body = p.src.groups[1]!;
    const last = p.lastChild();
    const kind = last?.options.eobKind;
    if (
      last &&
      last.type !== 'blank' &&
      (last.type !== 'eob' || kind === 'link_def' || kind === 'abbrev_def' || kind === 'footnote_def')
    ) {
      last.options.ial ??= emptyIal();
      parseAttributeList(body, last.options.ial);
      if (!p.src.matches(P.IAL_BLOCK_START)) p.tree.children.push(p.newBlock('eob', '', {}, { eobKind: 'ial' }));
    } else {
      p.blockIal ??= emptyIal();
      parseAttributeList(body, p.blockIal);
    }
    return true;
  }
  return false;
}

/** `{::name attrs}body{:/name}` or `{::name attrs /}`, at block or span level. */
export function parseExtension(p: KramdownParser, type: 'block' | 'span', addTextTo?: (text: string) => void): boolean {
  const savedPos = p.src.pos;
  const line = p.src.line();
  const start = type === 'block' ? P.EXT_BLOCK_START : P.EXT_SPAN_START;
  p.src.check(start);
  const g = [...p.src.groups];
  const matched = p.src.matched;
  p.src.pos += matched.length;
  const fail = (message: string) => {
    p.warn(message, line);
    p.src.pos = savedPos;
    if (type === 'span') addTextTo?.(p.src.getch());
    return false;
  };
  if (g[4] !== undefined || matched.trim() === '{:/}')
    return fail(`${matched.trim()} closes no kramdown extension: it stays text`);
  const name = g[1]!;
  const opts = emptyIal();
  parseAttributeList(g[2] ?? '', opts);
  let body: string | undefined;
  if (!g[3]) {
    const stop = type === 'block' ? P.extBlockStop(name) : new RegExp(P.extStop(name));
    const passed = p.src.scanUntil(stop);
    if (passed === undefined)
      return fail(`{::${name}} has no closing {:/${name}}: it stays text, as kramdown leaves it`);
    body = passed.slice(0, passed.length - p.src.matched.length);
    if (type === 'block') body = body.replace(/\n$/, '');
  }
  const target = p.tree;
  switch (name) {
    case 'comment':
      if (body !== undefined) target.children.push(el('comment', body, {}, { line, category: type }));
      return true;
    case 'nomarkdown':
      if (body !== undefined)
        target.children.push(
          el(
            'raw',
            body,
            {},
            { line, category: type, rawType: (opts.attrs['type'] ?? '').split(/\s+/).filter(Boolean) },
          ),
        );
      return true;
    case 'options':
      for (const [key, value] of Object.entries(opts.attrs)) {
        const option = OPTION_NAMES[key];
        if (option === 'autoIdPrefix') p.options.autoIdPrefix = value;
        else if (option && option !== 'inlineMath' && /^(true|false)$/.test(value))
          p.options[option] = value === 'true';
        else
          p.warn(
            `{::options ${key}="${value}"} is not supported: inkstone applies auto_ids, auto_id_prefix, parse_block_html, parse_span_html and hard_wrap in a post, and renders the rest with Jekyll's options`,
            line,
          );
      }
      if (type === 'block') target.children.push(p.newBlock('eob', '', {}, { eobKind: 'extension' }));
      return true;
    default:
      return fail(
        `{::${name}} is not a kramdown extension (kramdown has nomarkdown, comment and options): it stays text`,
      );
  }
}

/** kramdown options a post may set with `{::options … /}` (the others would change what Jekyll configured). */
const OPTION_NAMES: Record<
  string,
  'autoIds' | 'autoIdPrefix' | 'parseBlockHtml' | 'parseSpanHtml' | 'hardWrap' | 'inlineMath'
> = {
  hard_wrap: 'hardWrap',
  auto_id_prefix: 'autoIdPrefix',
  auto_ids: 'autoIds',
  parse_block_html: 'parseBlockHtml',
  parse_span_html: 'parseSpanHtml',
};
