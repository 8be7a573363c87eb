/**
 * Block tag balance: which `{% if %}` a missing `{% endif %}` belongs to. Nunjucks notices an unclosed
 * block only where it runs out of template (the end of the file, or an `{% endblock %}` it did not
 * expect) and names that place; this pairs every block tag with its end tag to name the opening one.
 */
import { scanTemplateTags, type TagPosition, type TemplateTag } from './template-tags.js';

/** A tag without its partner. */
export interface TagProblem extends TagPosition {
  message: string;
  /** Where the problem became certain: the unexpected tag, or the end of the file. */
  detectedAt: TagPosition;
}

/** Block tags and their end tags (a `{% set %}` is a block only without `=`). */
const END_TAGS: Readonly<Record<string, string>> = {
  if: 'endif',
  ifAsync: 'endif',
  for: 'endfor',
  asyncEach: 'endeach',
  asyncAll: 'endall',
  macro: 'endmacro',
  call: 'endcall',
  block: 'endblock',
  filter: 'endfilter',
  switch: 'endswitch',
  set: 'endset',
  raw: 'endraw',
  verbatim: 'endverbatim',
};

/** End tags and continuing tags, with the block tags each may close or continue (the first is the one named). */
const PARTNERS: Readonly<Record<string, readonly string[]>> = {
  endif: ['if', 'ifAsync'],
  endfor: ['for'],
  endeach: ['asyncEach'],
  endall: ['asyncAll'],
  endmacro: ['macro'],
  endcall: ['call'],
  endblock: ['block'],
  endfilter: ['filter'],
  endswitch: ['switch'],
  endset: ['set'],
  endraw: ['raw'],
  endverbatim: ['verbatim'],
  elif: ['if', 'ifAsync'],
  elseif: ['if', 'ifAsync'],
  else: ['if', 'for', 'ifAsync', 'asyncEach', 'asyncAll'],
  case: ['switch'],
  default: ['switch'],
};

/** Tags that continue the open block rather than close it. */
const CONTINUING = new Set(['elif', 'elseif', 'else', 'case', 'default']);

/** The first unclosed, stray or misplaced block tag of `source`, or undefined when they all pair up. */
export function findUnbalancedTag(source: string): TagProblem | undefined {
  const scan = scanTemplateTags(source);
  const open: TemplateTag[] = [];
  for (const tag of scan.tags) {
    if (tag.opener !== '{%') continue;
    if (isBlockTag(tag)) {
      open.push(tag);
      continue;
    }
    const partners = PARTNERS[tag.name];
    if (!partners) continue;
    const index = open.findLastIndex((o) => partners.includes(o.name));
    if (index < 0) return misplaced(tag, partners, open.at(-1));
    // A tag of an outer block while an inner one is open: the inner one is the one never closed.
    if (index < open.length - 1) return unclosed(open.at(-1)!, `{% ${tag.name} %} at ${where(tag)}`, tag);
    if (!CONTINUING.has(tag.name)) open.pop();
  }
  if (scan.unclosed) {
    const { opener } = scan.unclosed;
    const closer = opener === '{%' ? '%}' : opener === '{{' ? '}}' : '#}';
    return {
      line: scan.unclosed.line,
      column: scan.unclosed.column,
      message: `${opener} opened at ${where(scan.unclosed)} is never closed: expected ${closer} before the end of the file`,
      detectedAt: scan.end,
    };
  }
  const last = open.at(-1);
  return last ? unclosed(last, 'the end of the file', scan.end) : undefined;
}

function isBlockTag(tag: TemplateTag): boolean {
  if (!(tag.name in END_TAGS)) return false;
  // `{% set x = 1 %}` assigns; `{% set x %}…{% endset %}` captures.
  return tag.name !== 'set' || /^set\s+[\w\s,]+$/.test(tag.body);
}

function unclosed(tag: TemplateTag, before: string, detectedAt: TagPosition): TagProblem {
  return {
    line: tag.line,
    column: tag.column,
    message: `{% ${tag.name} %} opened at ${where(tag)} is never closed: expected {% ${END_TAGS[tag.name]} %} before ${before}`,
    detectedAt: { line: detectedAt.line, column: detectedAt.column },
  };
}

function misplaced(tag: TemplateTag, partners: readonly string[], innermost: TemplateTag | undefined): TagProblem {
  const position = { line: tag.line, column: tag.column };
  if (CONTINUING.has(tag.name)) {
    // The async variants are not worth naming to someone who wrote a stray {% else %}.
    const blocks = partners.filter((name) => /^[a-z]+$/.test(name)).map((name) => `{% ${name} %}`);
    return {
      ...position,
      message: `{% ${tag.name} %} at ${where(tag)} is not inside ${blocks.join(' or ')}`,
      detectedAt: position,
    };
  }
  const context = innermost ? `: the innermost open tag is {% ${innermost.name} %} at ${where(innermost)}` : '';
  return {
    ...position,
    message: `{% ${tag.name} %} at ${where(tag)} has no opening {% ${partners[0]} %}${context}`,
    detectedAt: position,
  };
}

function where(position: TagPosition): string {
  return `line ${position.line}, column ${position.column}`;
}
