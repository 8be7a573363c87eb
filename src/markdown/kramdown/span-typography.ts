/** kramdown's typography: smart quotes (its rule table), entities, and `--`, `---`, `...`, `<<`, `>>`. */
import { entityChar } from './entities.js';
import * as P from './patterns.js';
import type { SpanParser } from './span-parser.js';
import { el } from './tree.js';

const SQ_PUNCT = String.raw`[!"#$%'()*+,\-.\/:;<=>?@\[\\\]^_\x60{|}~]`;

const SQ_CLOSE = String.raw`[^ \\\t\r\n\[{(-]`;

type Subst = number | 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2' | 'ldquo' | 'lsquo' | 'rsquo' | 'rdquo';

const SQ_RULES: Array<[RegExp, Subst[]]> = [
  [/("|')(?=[_*]{1,2}\S)/u, ['lquote1']],
  [new RegExp(String.raw`("|')(?=${SQ_PUNCT}(?!\.\.)\B)`, 'u'), ['rquote1']],
  [/(\s?)"'(?=\w)/u, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/u, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/u, [1, 'rsquo']],
  [/(\s)('|")(?=\w)/u, [1, 'lquote2']],
  [new RegExp(`(${SQ_CLOSE})('|")`, 'u'), [1, 'rquote2']],
  [/("|')(?=\s|s\b|$)/mu, ['rquote1']],
  [/([\s\S]?)'/u, [1, 'lsquo']],
  [/([\s\S]?)"/u, [1, 'ldquo']],
];

export function parseSmartQuotes(s: SpanParser): void {
  const line = s.src.line();
  const rule = SQ_RULES.find(([re]) => s.src.scan(re) !== undefined)!;
  for (const subst of rule[1]) {
    if (typeof subst === 'number') {
      s.addText(s.src.groups[subst] ?? '');
      continue;
    }
    const groupIndex = Number(subst.slice(-1));
    const quote = Number.isNaN(groupIndex) ? undefined : s.src.groups[groupIndex];
    let name: string = subst;
    if (quote !== undefined && /quote/.test(subst))
      name = subst.startsWith('r') ? (quote === '"' ? 'rdquo' : 'rsquo') : quote === '"' ? 'ldquo' : 'lsquo';
    s.tree.children.push(el('smart_quote', name, {}, { line }));
  }
}

export function parseHtmlEntity(s: SpanParser): void {
  s.src.scan(P.HTML_ENTITY_RE);
  const g = s.src.groups;
  const char = entityChar(g[1], g[2], g[3]);
  if (char === undefined) {
    s.tree.children.push(el('entity', '&', {}, { line: s.src.line() }));
    s.addText(s.src.matched.slice(1));
  } else s.tree.children.push(el('entity', char, {}, { line: s.src.line(), name: s.src.matched }));
}

const TYPOGRAPHIC: Record<string, string> = {
  '---': '\u2014',
  '--': '\u2013',
  '...': '\u2026',
  '<< ': '\u00ab\u00a0',
  ' >>': '\u00a0\u00bb',
  '<<': '\u00ab',
  '>>': '\u00bb',
};

export function parseTypographicSyms(s: SpanParser): void {
  const matched = s.src.scan(/---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/)!;
  const line = s.src.line();
  if (matched === '\\<<') s.tree.children.push(el('entity', '<', {}, { line }), el('entity', '<', {}, { line }));
  else if (matched === '\\>>') s.tree.children.push(el('entity', '>', {}, { line }), el('entity', '>', {}, { line }));
  else s.tree.children.push(el('typographic_sym', TYPOGRAPHIC[matched]!, {}, { line }));
}
