/**
 * The kramdown profile: markdown-it with its block and inline rules replaced by kramdown 2.4's
 * parsers as Jekyll runs them (GFM parser, `hard_wrap: false`, `auto_ids: true`, typographic
 * quotes and symbols, no bare-URL links). One block rule parses the body into kramdown's element
 * tree (parser.ts) and writes block tokens; one inline rule parses each inline token's spans; a core
 * rule replacing `inline` parses them, numbers footnotes and writes them, gives headers kramdown's GFM ids and marks
 * abbreviations. Everything after that is the same plugin table as native posts.
 * Depends on: a markdown-it made with the `zero` preset (so no other block or inline rule runs).
 */
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv, reportAt, type MarkdownEnv } from '../env.js';
import { markGenerated } from '../generated-html.js';
import { emitBlocks, type KramdownInlineMeta } from './block-tokens.js';
import { escapeAttribute, escapeText } from './html.js';
import { KramdownParser, type KramdownOptions } from './parser.js';
import { PatternCache } from './scanner.js';
import { mathFromText } from './text-math.js';
import { SpanParser } from './span-parser.js';
import { emitSpans, pushTaskBox, type FootnoteRefMeta } from './span-tokens.js';
import type { FootnoteDef } from './tree.js';
import { el } from './tree.js';

/** Per-post parser state, kept in the markdown-it env between the block, inline and core rules. */
interface KramdownState {
  parser: KramdownParser;
  /** The inline token whose text the inline rule is parsing (markdown-it hands the rule only the text). */
  current: Token | undefined;
}

function stateOf(env: MarkdownEnv): KramdownState {
  const found = (env as MarkdownEnv & { kramdown?: KramdownState }).kramdown;
  if (!found) throw new Error('kramdown inline rule ran before the kramdown block rule');
  return found;
}

/** Installs the kramdown rules on a `zero`-preset markdown-it. */
export function kramdownPlugin(md: MarkdownIt, options: Partial<KramdownOptions> = {}): void {
  const patterns = new PatternCache();
  md.block.ruler.before('paragraph', 'kramdown', (state, startLine, endLine, silent) =>
    kramdownBlocks(state, startLine, endLine, silent, options, patterns),
  );
  md.inline.ruler.before('text', 'kramdown', kramdownSpans);
  md.disable(['paragraph', 'text'], true);
  // The `inline` core rule itself is replaced, so that footnotes, ids and abbreviations are done
  // before any rule other plugins put after `inline` (math rendering reads footnote formulas too).
  md.core.ruler.at('inline', (state) => {
    for (const token of state.tokens) if (token.type === 'inline') parseInline(state, token);
    finish(state);
  });
  md.renderer.rules['kramdown_footnote_ref'] = (tokens, idx, _options, env) => {
    const meta = tokens[idx]!.meta as FootnoteRefMeta;
    const name = escapeAttribute(meta.name);
    const repeat = meta.repeat ? `:${meta.repeat}` : '';
    const id = asEnv(env).output === 'page' ? ` id="fnref:${name}${repeat}"` : '';
    return `<sup${id} role="doc-noteref"><a href="#fn:${name}" class="footnote" rel="footnote">${meta.number ?? '?'}</a></sup>`;
  };
}

function kramdownBlocks(
  state: StateBlock,
  _startLine: number,
  endLine: number,
  silent: boolean,
  options: Partial<KramdownOptions>,
  patterns: PatternCache,
): boolean {
  if (silent) return false;
  const env = asEnv(state.env) as MarkdownEnv & { kramdown?: KramdownState };
  const parser = new KramdownParser(options, patterns);
  env.kramdown = { parser, current: undefined };
  // From the first line, not `startLine`: leading blank lines matter to kramdown (an IAL after one waits for the next block).
  const root = parser.parse(state.src.slice(state.bMarks[0]!, state.eMarks[endLine - 1]!));
  emitBlocks(state, root.children, parser);
  for (const note of parser.notes) reportAt(env, 'warning', 'kramdown', note.message, note.line);
  state.line = endLine;
  return true;
}

function kramdownSpans(state: StateInline, silent: boolean): boolean {
  if (silent || state.pos !== 0) return false;
  const env = asEnv(state.env);
  const { parser, current: parent } = stateOf(env);
  const meta = parent?.meta as KramdownInlineMeta | undefined;
  if (meta?.taskBox) pushTaskBox(state, meta.taskBox);
  const spans = new SpanParser(
    parser,
    parser.defs,
    state.src,
    parent?.map?.[0] ?? 0,
    parser.options.inlineMath.includes('$'),
  );
  const root = spans.parseAll(el('root'));
  emitSpans(state, root.children, {
    defs: parser.defs,
    insideHtml: meta?.insideHtml === true,
    hardWrap: parser.options.hardWrap,
  });
  mathFromText(state, parser.options.inlineMath.includes('\\('));
  // kramdown-parser-gfm writes no `<br>` for a backslash that ends the block's text.
  while (state.tokens.length > 0 && state.tokens[state.tokens.length - 1]!.type === 'hardbreak') state.tokens.pop();
  state.pos = state.posMax;
  return true;
}

/** Parses the spans of one inline token (the core `inline` rule, and footnotes written after it). */
function parseInline(state: StateCore, token: Token): void {
  const kramdown = stateOf(asEnv(state.env));
  kramdown.current = token;
  token.children ??= [];
  state.md.inline.parse(token.content, state.md, state.env, token.children);
  kramdown.current = undefined;
}

/** Runs after `inline`: footnotes, header ids, abbreviations. */
function finish(state: StateCore): void {
  const env = asEnv(state.env);
  const found = (env as MarkdownEnv & { kramdown?: KramdownState }).kramdown;
  if (!found) return;
  const { parser } = found;
  refuseScriptLinks(state);
  numberAndWriteFootnotes(state, parser);
  giveHeaderIds(state.tokens, parser);
  markAbbreviations(state.tokens, parser);
}

/**
 * Like native posts (markdown-it's `validateLink`), a Markdown link or image to `javascript:`,
 * `vbscript:`, `file:` or a non-image `data:` address keeps its text but loses the address. kramdown
 * would write it; this is one of the documented exceptions.
 */
function refuseScriptLinks(state: StateCore): void {
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      const attribute = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
      const target = attribute ? token.attrGet(attribute) : null;
      if (attribute && target !== null && !state.md.validateLink(target.trim())) token.attrSet(attribute, '');
      if (token.children) visit(token.children);
    }
  };
  visit(state.tokens);
}

function numberAndWriteFootnotes(state: StateCore, parser: KramdownParser): void {
  const order: FootnoteDef[] = [];
  const seen = new Map<string, { def: FootnoteDef; number: number; repeats: number }>();
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.children) visit(token.children);
      if (token.type !== 'kramdown_footnote_ref') continue;
      const meta = token.meta as FootnoteRefMeta;
      const known = seen.get(meta.name);
      if (known) {
        known.repeats += 1;
        meta.number = known.number;
        meta.repeat = known.repeats;
      } else {
        const def = parser.defs.footnotes.get(meta.name)!;
        const entry = { def, number: order.length + 1, repeats: 0 };
        seen.set(meta.name, entry);
        order.push(def);
        meta.number = entry.number;
        meta.repeat = 0;
      }
    }
  };
  visit(state.tokens);
  if (order.length === 0) return;
  const blockState = new state.md.block.State('', state.md, state.env, state.tokens);
  const html = (content: string) => {
    markGenerated(blockState.push('html_block', '', 0)).content = content;
  };
  html('<div class="footnotes" role="doc-endnotes">\n<ol>\n');
  for (let i = 0; i < order.length; i++) {
    const def = order[i]!;
    const name = escapeAttribute(def.name);
    html(`<li id="fn:${name}" role="doc-endnote">\n`);
    const from = state.tokens.length;
    const content = def.content.children.filter((c) => c.type !== 'blank');
    const endsWithParagraph = content[content.length - 1]?.type === 'p';
    emitBlocks(blockState, content, parser);
    const added = state.tokens.slice(from);
    for (const token of added) {
      if (token.type === 'inline') parseInline(state, token);
    }
    visit(added);
    const repeats = seen.get(def.name)!.repeats;
    let backlinks = `<a href="#fnref:${name}" class="reversefootnote" role="doc-backlink">\u21a9</a>`;
    for (let r = 1; r <= repeats; r++)
      backlinks += `\u00a0<a href="#fnref:${name}:${r}" class="reversefootnote" role="doc-backlink">\u21a9<sup>${r + 1}</sup></a>`;
    const lastInline = endsWithParagraph ? added.findLast((t) => t.type === 'inline') : undefined;
    if (lastInline?.children) {
      const link = markGenerated(new state.Token('html_inline', '', 0));
      link.content = `\u00a0${backlinks}`;
      lastInline.children.push(link);
    } else html(`<p>${backlinks}</p>\n`);
    html('</li>\n');
  }
  html('</ol>\n</div>\n');
}

const NON_WORD = /[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu;

/**
 * Header ids as Jekyll's kramdown gives them: kramdown-parser-gfm's (lower case, non-word characters
 * dropped, spaces to hyphens, `-1`, `-2` for repeats); inside HTML elements, which that parser skips,
 * kramdown's basic ones (leading non-letters dropped, ASCII letters, digits, spaces and hyphens kept).
 * None with `{::options auto_ids="false" /}`, read after spans as kramdown does.
 */
function giveHeaderIds(tokens: Token[], parser: KramdownParser): void {
  const gfmCounter = new Map<string, number>();
  const basicUsed = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'heading_open' || open.attrGet('id') !== null) continue;
    if (!parser.options.autoIds) {
      // kramdown gives such headers no id, so inkstone adds no anchor either.
      open.meta = { ...(open.meta as object | null), noAutoId: true };
      continue;
    }
    const inline = tokens[i + 1];
    const raw = (inline?.children ?? [])
      .map((t) =>
        t.type === 'text' || t.type === 'code_inline' || t.type === 'math_inline'
          ? t.content
          : t.type === 'softbreak'
            ? '\n'
            : '',
      )
      .join('');
    if ((inline?.meta as KramdownInlineMeta | null)?.insideHtml) {
      let id =
        raw
          .replace(/^[^a-zA-Z]+/, '')
          .replace(/[^a-zA-Z0-9 -]/g, '')
          .replace(/ /g, '-')
          .toLowerCase() || 'section';
      const used = basicUsed.get(id);
      basicUsed.set(id, used === undefined ? 0 : used + 1);
      if (used !== undefined) id += `-${used + 1}`;
      open.attrSet('id', parser.options.autoIdPrefix + id);
      continue;
    }
    const base = raw.toLowerCase().replace(NON_WORD, '').replace(/[ \t]/g, '-');
    const count = (gfmCounter.get(base) ?? -1) + 1;
    gfmCounter.set(base, count);
    const id = parser.options.autoIdPrefix + (count > 0 ? `${base}-${count}` : base);
    // kramdown writes no empty id (a second empty one is "-1").
    if (id === '') open.meta = { ...(open.meta as object | null), noAutoId: true };
    else open.attrSet('id', id);
  }
}

function markAbbreviations(tokens: Token[], parser: KramdownParser): void {
  const defs = parser.defs.abbreviations;
  if (defs.size === 0) return;
  const names = [...defs.keys()].sort((a, b) => b.length - a.length);
  const union = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const find = new RegExp(`(^|\\W)(${union})(?!\\w)`, 'g');
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    const out: Token[] = [];
    for (const child of token.children) {
      if (child.type !== 'text') {
        out.push(child);
        continue;
      }
      let last = 0;
      for (const m of child.content.matchAll(find)) {
        const start = m.index! + m[1]!.length;
        if (start > last) out.push(textToken(child, child.content.slice(last, start)));
        const def = defs.get(m[2]!)!;
        const attrs: Record<string, string> = {};
        if (def.eob.options.ial) for (const [k, v] of Object.entries(def.eob.options.ial.attrs)) attrs[k] = v;
        if (def.title !== '') attrs['title'] = def.title;
        const abbr = Object.assign(Object.create(Object.getPrototypeOf(child) as object) as Token, child, {
          type: 'html_inline',
          meta: { generated: true },
          content: `<abbr${Object.entries(attrs)
            .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
            .join('')}>${escapeText(m[2]!)}</abbr>`,
        });
        out.push(abbr);
        last = start + m[2]!.length;
      }
      if (last === 0) out.push(child);
      else if (last < child.content.length) out.push(textToken(child, child.content.slice(last)));
    }
    token.children = out;
  }
}

function textToken(like: Token, content: string): Token {
  return Object.assign(Object.create(Object.getPrototypeOf(like) as object) as Token, like, { content });
}
