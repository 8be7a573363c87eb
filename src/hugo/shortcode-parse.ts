/**
 * Reads Hugo shortcodes in Markdown content the way Hugo (0.111 and later) reads them, before the
 * Markdown is rendered: `{{< name params >}}` (inner not Markdown) and `{{% name params %}}` (inner
 * Markdown), closing tags `{{< /name >}}`, self-closing tags `{{< name />}}`, positional or named
 * parameters (bare words, "quoted" strings, `raw` strings), and escaped shortcodes `{{</* name *\/>}}`,
 * which come out as the text `{{< name >}}`. Shortcodes are found everywhere, code blocks included.
 *
 * The result is a list of segments, text and shortcodes, a paired shortcode holding its inner
 * segments; expanding them is the caller's work. Problems are reported, never thrown, and the text of
 * a faulty construct is kept as text. The time is linear in the text: each character is read once by
 * the search for the next tag and at most once by the reading of a tag, since reading goes on after
 * the tag, or after the point where a faulty tag gave up.
 */

/** 1-based line and column (column counts UTF-16 code units, 1-based) plus 0-based offset in the source text. */
export interface SourcePoint {
  offset: number;
  line: number;
  column: number;
}

/** The parameters of a shortcode, as strings (Hugo's typing of `true` or numbers is left to the caller). */
export interface ShortcodeParams {
  /** Positional parameters, in order (empty when named are used). */
  positional: string[];
  /**
   * Named parameters, in order written (a plain object with a null prototype; the last of a repeated name wins,
   * and integer-like names come first, as in any object).
   */
  named: Record<string, string>;
}

/** Text between shortcodes, escaped shortcodes included (unescaped). */
export interface TextSegment {
  kind: 'text';
  text: string;
  start: SourcePoint;
}

/** One shortcode: stand-alone (or self-closing), or paired with its closing tag and the inner content between. */
export interface ShortcodeSegment {
  kind: 'shortcode';
  name: string;
  /** '<' for {{< >}} (inner is not Markdown), '%' for {{% %}} (inner is Markdown). */
  delimiter: '<' | '%';
  params: ShortcodeParams;
  /** Where the opening tag starts. */
  start: SourcePoint;
  /** Offset just after the closing tag (or after the opening tag when it stands alone). */
  end: number;
  /** The exact source text of the whole shortcode (opening tag, inner, closing tag). */
  raw: string;
  /** For a paired shortcode: the inner content, parsed, and its exact raw text. Undefined when it stands alone. */
  inner?: { segments: Segment[]; raw: string; start: SourcePoint };
}

/** A piece of the parsed text. */
export type Segment = TextSegment | ShortcodeSegment;

/** Something wrong in the text, at the start of the faulty construct (tag, string, parameter or closing tag). */
export interface ShortcodeProblem {
  message: string;
  at: SourcePoint;
}

type Delimiter = '<' | '%';

/** An opening, self-closing or closing tag as read, with its offsets (`end` is just after its `>}}`). */
interface Tag {
  close: boolean;
  selfClosing: boolean;
  name: string;
  delimiter: Delimiter;
  params: ShortcodeParams;
  start: number;
  end: number;
}

/** A tag that cannot be used: what is wrong, where, and the offset where reading goes on (the text before stays text). */
interface Fault {
  message: string;
  at: number;
  resume: number;
}

/** A tag, or text (unescaped) starting at offset `at`. */
type Item = Tag | { text: string; at: number };

/** A value read from a tag, and the offset just after it. */
interface Value {
  value: string;
  end: number;
}

/** Hugo's shortcode names start with a letter, digit or underscore and go on with those, '-', '/' and '.'. */
const NAME_START = /^[\p{L}\p{Nd}_]$/u;
const NAME_PART = /^[\p{L}\p{Nd}_./-]$/u;

/** Parses `text`; `lineOffset` (default 0) is added to every line number (the body may start after front matter). */
export function parseShortcodes(
  text: string,
  options: { lineOffset?: number } = {},
): { segments: Segment[]; problems: ShortcodeProblem[] } {
  const lineOffset = options.lineOffset ?? 0;
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const point = (offset: number): SourcePoint => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1 + lineOffset, column: offset - lineStarts[low]! + 1 };
  };
  const problems: ShortcodeProblem[] = [];
  const report = (message: string, at: number): void => {
    problems.push({ message, at: point(at) });
  };
  const segments = buildSegments(text, readItems(text, report), point, report);
  problems.sort((a, b) => a.at.offset - b.at.offset);
  return { segments, problems };
}

/** True when `text` may contain a shortcode or caption (a quick test so most posts skip parsing): contains "{{<" or "{{%". */
export function mayHaveShortcodes(text: string): boolean {
  return text.includes('{{<') || text.includes('{{%');
}

/** Splits the text into text and tags, unescaping escaped shortcodes and turning faulty tags into text. */
function readItems(text: string, report: (message: string, at: number) => void): Item[] {
  const items: Item[] = [];
  // The first "*/>}}" (or "*/%}}") at or after the last search, kept while it is still ahead: many unclosed escapes stay linear.
  const escapeEnds: Record<Delimiter, number> = { '<': -2, '%': -2 };
  let i = 0;
  while (i < text.length) {
    const q = nextOpener(text, i);
    if (q < 0) break;
    if (q > i) items.push({ text: text.slice(i, q), at: i });
    const delimiter = text[q + 2] as Delimiter;
    const right = rightDelimiter(delimiter);
    if (text.startsWith('/*', q + 3)) {
      const cached = escapeEnds[delimiter];
      if (cached === -2 || (cached >= 0 && cached < q + 5)) escapeEnds[delimiter] = text.indexOf(`*/${right}`, q + 5);
      const close = escapeEnds[delimiter];
      if (close < 0) {
        report(`escaped shortcode is not closed: "*/${right}" is missing`, q);
        items.push({ text: text.slice(q, q + 3), at: q });
        i = q + 3;
      } else {
        items.push({ text: `{{${delimiter}${text.slice(q + 5, close)}${right}`, at: q });
        i = close + 5;
      }
      continue;
    }
    const tag = readTag(text, q, delimiter);
    if ('message' in tag) {
      report(tag.message, tag.at);
      items.push({ text: text.slice(q, tag.resume), at: q });
      i = tag.resume;
    } else {
      items.push(tag);
      i = tag.end;
    }
  }
  if (i < text.length) items.push({ text: text.slice(i), at: i });
  return items;
}

/** Reads the tag whose `{{<` or `{{%` is at `start`. */
function readTag(text: string, start: number, delimiter: Delimiter): Tag | Fault {
  const right = rightDelimiter(delimiter);
  let i = skipSpace(text, start + 3);
  const close = text[i] === '/';
  if (close) i = skipSpace(text, i + 1);
  const nameEnd = scanName(text, i);
  let name = text.slice(i, nameEnd);
  let selfClosing = false;
  if (name.endsWith('/') && endsTag(text, nameEnd, right)) {
    name = name.slice(0, -1);
    selfClosing = true;
  }
  const label = !name ? 'shortcode' : close ? `closing tag for shortcode "${name}"` : `shortcode "${name}"`;
  const params: ShortcodeParams = { positional: [], named: Object.create(null) as Record<string, string> };
  let kind: 'positional' | 'named' | undefined;
  let fault: Omit<Fault, 'resume'> | undefined;
  i = nameEnd;
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith(right, i)) break;
    if (i >= text.length || isOpener(text, i)) {
      return { message: `${label} is not closed: "${right}" is missing`, at: start, resume: i };
    }
    const paramStart = i;
    if (text[i] === '=') {
      fault ??= { message: `${label} has "=" without a parameter name`, at: i };
      i += 1;
      continue;
    }
    let read = readValue(text, i, right, label, true);
    if ('message' in read) return read;
    let bare = !isQuote(text[i]);
    let key: string | undefined;
    const afterWord = skipSpace(text, read.end);
    if (bare && text[afterWord] === '=') {
      key = read.value;
      const valueStart = skipSpace(text, afterWord + 1);
      read = readValue(text, valueStart, right, label, false);
      if ('message' in read) return read;
      bare = !isQuote(text[valueStart]);
    }
    let value = read.value;
    i = read.end;
    if (bare && value.endsWith('/') && endsTag(text, i, right)) {
      value = value.slice(0, -1);
      selfClosing = true;
      if (value === '' && key === undefined) continue;
    }
    const paramKind = key === undefined ? 'positional' : 'named';
    kind ??= paramKind;
    if (kind !== paramKind) fault ??= { message: `${label} mixes positional and named parameters`, at: paramStart };
    if (key === undefined) params.positional.push(value);
    else params.named[key] = value;
  }
  const end = i + right.length;
  if (!name) return { message: 'shortcode has no name', at: start, resume: end };
  if (close && (selfClosing || kind)) return { message: `${label} must hold only the name`, at: start, resume: end };
  if (fault) return { ...fault, resume: end };
  return { close, selfClosing, name, delimiter, params, start, end };
}

/**
 * Reads a value at `i`: a double-quoted string (Hugo's escapes: `\"` is a quote, and once a string has one,
 * every backslash escapes the next character; otherwise backslashes stay), a backtick raw string (verbatim,
 * across lines), or a bare word up to white space or the tag's end; a positional `word` also stops at quotes and '='.
 */
function readValue(text: string, i: number, right: string, label: string, word: boolean): Value | Fault {
  if (text[i] === '"') {
    let escaped = false;
    let j = i + 1;
    for (; text[j] !== '"'; j++) {
      if (j >= text.length || text[j] === '\n') {
        return { message: `${label} has an unterminated quoted string`, at: i, resume: j };
      }
      if (text[j] === '\\' && text[j + 1] === '"') {
        escaped = true;
        j++;
      }
    }
    const inner = text.slice(i + 1, j);
    return { value: escaped ? inner.replace(/\\([\s\S])/g, '$1') : inner, end: j + 1 };
  }
  if (text[i] === '`') {
    const j = text.indexOf('`', i + 1);
    if (j < 0) return { message: `${label} has an unterminated raw string`, at: i, resume: text.length };
    return { value: text.slice(i + 1, j), end: j + 1 };
  }
  let j = i;
  while (j < text.length && !isSpace(text[j]) && !text.startsWith(right, j) && !isOpener(text, j)) {
    if (word && (isQuote(text[j]) || text[j] === '=')) break;
    j++;
  }
  return { value: text.slice(i, j), end: j };
}

/** Builds the tree: pairs each opening tag with the innermost matching closing tag and reports stray closing tags. */
function buildSegments(
  text: string,
  items: Item[],
  point: (offset: number) => SourcePoint,
  report: (message: string, at: number) => void,
): Segment[] {
  const count = (map: Map<string, number>, name: string): number => map.get(name) ?? 0;
  const add = (map: Map<string, number>, name: string, by: number): void => {
    map.set(name, count(map, name) + by);
  };
  // Closing tags still ahead, by name: an opening tag without one stands alone.
  const ahead = new Map<string, number>();
  for (const item of items) if ('name' in item && item.close) add(ahead, item.name, 1);
  // Output so far; an open shortcode sits in it as a stand-alone segment, its inner content after it.
  const out: Segment[] = [];
  const stack: { name: string; index: number; segment: ShortcodeSegment }[] = [];
  const open = new Map<string, number>();
  // Closing tags whose shortcode was already reported as crossed by another closing tag.
  const excused = new Map<string, number>();
  const addText = (piece: string, at: number): void => {
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += piece;
    else out.push({ kind: 'text', text: piece, start: point(at) });
  };
  for (const item of items) {
    if (!('name' in item)) {
      addText(item.text, item.at);
      continue;
    }
    if (!item.close) {
      const { name, delimiter, params, start, end } = item;
      const segment: ShortcodeSegment = {
        kind: 'shortcode',
        name,
        delimiter,
        params,
        start: point(start),
        end,
        raw: text.slice(start, end),
      };
      out.push(segment);
      if (!item.selfClosing && count(ahead, name) > 0) {
        stack.push({ name, index: out.length - 1, segment });
        add(open, name, 1);
      }
      continue;
    }
    add(ahead, item.name, -1);
    if (count(open, item.name) === 0) {
      if (count(excused, item.name) > 0) add(excused, item.name, -1);
      else
        report(`unexpected closing tag for shortcode "${item.name}": no shortcode "${item.name}" is open`, item.start);
      addText(text.slice(item.start, item.end), item.start);
      continue;
    }
    // Shortcodes opened inside this one and not closed stand alone; one still expecting its closing tag is crossed.
    let frame = stack.pop()!;
    let crossed: string | undefined;
    while (frame.name !== item.name) {
      add(open, frame.name, -1);
      if (count(ahead, frame.name) > 0) {
        crossed ??= frame.name;
        add(excused, frame.name, 1);
      }
      frame = stack.pop()!;
    }
    if (crossed !== undefined) {
      report(`closing tag for shortcode "${item.name}" does not match the open shortcode "${crossed}"`, item.start);
    }
    add(open, item.name, -1);
    const { segment } = frame;
    segment.inner = {
      segments: out.splice(frame.index + 1),
      raw: text.slice(segment.end, item.start),
      start: point(segment.end),
    };
    segment.end = item.end;
    segment.raw = text.slice(segment.start.offset, item.end);
  }
  return out;
}

/** The offset of the next `{{<` or `{{%` at or after `from`, or -1. */
function nextOpener(text: string, from: number): number {
  for (let k = text.indexOf('{{', from); k >= 0; k = text.indexOf('{{', k + 1)) {
    if (text[k + 2] === '<' || text[k + 2] === '%') return k;
  }
  return -1;
}

function isOpener(text: string, i: number): boolean {
  return text[i] === '{' && text[i + 1] === '{' && (text[i + 2] === '<' || text[i + 2] === '%');
}

function rightDelimiter(delimiter: Delimiter): string {
  return delimiter === '<' ? '>}}' : '%}}';
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === '`';
}

function skipSpace(text: string, i: number): number {
  let j = i;
  while (isSpace(text[j])) j++;
  return j;
}

/** True when only white space stands between `i` and the tag's right delimiter. */
function endsTag(text: string, i: number, right: string): boolean {
  return text.startsWith(right, skipSpace(text, i));
}

/** The end of the shortcode name starting at `i` (`i` itself when there is none). */
function scanName(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const code = text.codePointAt(j)!;
    const ch = code < 0x80 ? text[j]! : String.fromCodePoint(code);
    if (!(j === i ? NAME_START : NAME_PART).test(ch)) break;
    j += ch.length;
  }
  return j;
}
