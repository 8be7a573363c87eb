/**
 * A small scanner of a Nunjucks template's delimiters: every `{% … %}` tag, `{{ … }}` output and
 * `{# … #}` comment with its 1-based line and column, skipping quoted strings inside tags and the text
 * of `{% raw %}`/`{% verbatim %}` blocks the way Nunjucks's lexer and parser do. It does not parse
 * expressions: it exists so that a syntax error can name the tag it belongs to.
 */

/** A 1-based position in a template. */
export interface TagPosition {
  line: number;
  column: number;
}

/** One delimited piece of a template. */
export interface TemplateTag extends TagPosition {
  /** `{%`, `{{` or `{#`. */
  opener: '{%' | '{{' | '{#';
  /** The tag's name (`if`, `endfor`, …); '' for outputs, comments and tags without one. */
  name: string;
  /** The text between the delimiters, whitespace control (`-`) and surrounding spaces removed. */
  body: string;
}

/** The tags of a template, and the delimiter left open at the end of the file, if any. */
export interface TagScan {
  tags: TemplateTag[];
  unclosed?: TemplateTag;
  /** The position just after the last character. */
  end: TagPosition;
}

const CLOSERS = { '{%': '%}', '{{': '}}', '{#': '#}' } as const;
const RAW_TAGS = new Set(['raw', 'verbatim']);

/** Scans `source` from start to end. */
export function scanTemplateTags(source: string): TagScan {
  const at = positionFinder(source);
  const tags: TemplateTag[] = [];
  const opening = /\{[%{#]/g;
  let match: RegExpExecArray | null;
  while ((match = opening.exec(source))) {
    const opener = match[0] as TemplateTag['opener'];
    const start = match.index;
    const close = opener === '{#' ? source.indexOf('#}', start + 2) : closingIndex(source, start + 2, CLOSERS[opener]);
    const body =
      close < 0
        ? ''
        : source
            .slice(start + 2, close)
            .replace(/^-/, '')
            .replace(/-$/, '')
            .trim();
    const tag: TemplateTag = {
      opener,
      name: opener === '{%' ? (/^[A-Za-z_]\w*/.exec(body)?.[0] ?? '') : '',
      body,
      ...at(start),
    };
    if (close < 0) return { tags, unclosed: tag, end: at(source.length) };
    tags.push(tag);
    opening.lastIndex = close + 2;
    if (opener === '{%' && RAW_TAGS.has(tag.name)) {
      const rawEnd = skipRaw(source, opening.lastIndex, tag.name);
      if (rawEnd === undefined) break;
      tags.push({ opener, name: `end${tag.name}`, body: `end${tag.name}`, ...at(rawEnd.start) });
      opening.lastIndex = rawEnd.next;
    }
  }
  return { tags, end: at(source.length) };
}

/** Index of `closer` after `from`, outside quoted strings; -1 when the file ends first. */
function closingIndex(source: string, from: number, closer: string): number {
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      if (i >= source.length) return -1;
    } else if (source.startsWith(closer, i)) {
      return i;
    }
  }
  return -1;
}

/**
 * The matching `{% endraw %}` of a raw block whose text starts at `from`, counting nested `{% raw %}`
 * with the same pattern as Nunjucks's parser (which allows no whitespace control there).
 */
function skipRaw(source: string, from: number, name: string): { start: number; next: number } | undefined {
  const pattern = new RegExp(`\\{%\\s*(${name}|end${name})\\s*%\\}`, 'g');
  pattern.lastIndex = from;
  let depth = 1;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source))) {
    depth += match[1] === name ? 1 : -1;
    if (depth === 0) return { start: match.index, next: match.index + match[0].length };
  }
  return undefined;
}

/** Maps an offset of `source` to its 1-based line and column (columns count UTF-16 units, as Nunjucks does). */
function positionFinder(source: string): (offset: number) => TagPosition {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
