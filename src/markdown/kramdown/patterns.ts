/**
 * The patterns of kramdown 2.4's parsers (with kramdown-parser-gfm's replacements), as JavaScript
 * regular expressions. The scanner compiles them with the `m`, `u` and sticky flags, so `^` means
 * "start of a line" as in Ruby. Ruby's `\Z` (end, or before a final newline) is written `(?=\n?(?![\s\S]))`.
 */

const r = (source: string, flags = '') => new RegExp(source, flags);

export const END = String.raw`(?=\n?(?![\s\S]))`;
export const OPT_SPACE = ' {0,3}';
export const INDENT_SRC = String.raw`^(?:\t| {4})`;
export const INDENT = r(INDENT_SRC);
/** REXML's name: an optional namespace prefix, then a name. */
export const UNAME = String.raw`(?:[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*:)?[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*`;

export const HTML_SPAN_ELEMENTS = new Set(
  'a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var'.split(
    ' ',
  ),
);
export const HTML_BLOCK_ELEMENTS = new Set(
  'address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul'.split(
    ' ',
  ),
);
export const HTML_ELEMENTS_WITHOUT_BODY = new Set(
  'area base br col command embed hr img input keygen link meta param source track wbr'.split(' '),
);
const MODEL_BLOCK =
  'address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td';
const MODEL_SPAN =
  'a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt';
const MODEL_RAW = 'script style math option textarea pre code kbd samp var';
const CONTENT_MODEL = new Map<string, 'block' | 'span' | 'raw'>([
  ...MODEL_BLOCK.split(' ').map((n) => [n, 'block'] as const),
  ...MODEL_SPAN.split(' ').map((n) => [n, 'span'] as const),
  ...MODEL_RAW.split(' ').map((n) => [n, 'raw'] as const),
]);
/** kramdown's content model of an HTML element: how its body is parsed with `markdown="1"`. */
export function contentModel(name: string): 'block' | 'span' | 'raw' {
  return CONTENT_MODEL.get(name) ?? 'raw';
}
/** Element names kramdown knows (and lower-cases). */
export function isHtmlElement(name: string): boolean {
  return (
    HTML_SPAN_ELEMENTS.has(name) ||
    HTML_BLOCK_ELEMENTS.has(name) ||
    HTML_ELEMENTS_WITHOUT_BODY.has(name) ||
    CONTENT_MODEL.has(name)
  );
}

const LAZY_SPAN = [...HTML_SPAN_ELEMENTS, 'script'].join('|');
export const LAZY_END_HTML_START = String.raw`<(?!(?:${LAZY_SPAN})\b)${UNAME}`;
export const LAZY_END_HTML_STOP = String.raw`<\/(?!(?:${LAZY_SPAN})\b)${UNAME}\s*>`;

export const BLANK_LINE_SRC = String.raw`(?:^[^\S\n]*\n)+`;
export const BLANK_LINE = r(BLANK_LINE_SRC);
export const EOB_MARKER_SRC = String.raw`^\^\s*?\n`;
export const EOB_MARKER = r(EOB_MARKER_SRC);

export const ALD_ANY_CHARS = String.raw`(?:\\\}|[^}])`;
export const ALD_ID_NAME = String.raw`\w[\w-]*`;
export const IAL_BLOCK = String.raw`\{:(?!:|\/)(${ALD_ANY_CHARS}+)\}\s*?\n`;
export const IAL_BLOCK_START_SRC = `^${OPT_SPACE}${IAL_BLOCK}`;
export const IAL_BLOCK_START = r(IAL_BLOCK_START_SRC);
export const ALD_START = r(String.raw`^${OPT_SPACE}\{:(${ALD_ID_NAME}):(${ALD_ANY_CHARS}+)\}\s*?\n`);
const EXT_START_STR = String.raw`\{::(\w+)(?:\s(${ALD_ANY_CHARS}*?)|)(\/)?\}`;
export const extStop = (name: string) => String.raw`\{:\/(${name})?\}`;
export const EXT_BLOCK_START = r(String.raw`^${OPT_SPACE}(?:${EXT_START_STR}|${extStop(ALD_ID_NAME)})\s*?\n`);
export const extBlockStop = (name: string) => r(String.raw`^${OPT_SPACE}${extStop(name)}\s*?\n`);
export const EXT_SPAN_START = r(`${EXT_START_STR}|${extStop(ALD_ID_NAME)}`);
export const IAL_SPAN_START = r(String.raw`\{:(${ALD_ANY_CHARS}+)\}`);
export const BLOCK_EXTENSIONS_START = r(`^${OPT_SPACE}\\{:`);

export const LAZY_END_SRC = `${BLANK_LINE_SRC}|${IAL_BLOCK_START_SRC}|${EOB_MARKER_SRC}|^${OPT_SPACE}${LAZY_END_HTML_STOP}|^${OPT_SPACE}${LAZY_END_HTML_START}|${END}`;
export const LAZY_END = r(LAZY_END_SRC);
const PATTERN_TAIL = String.raw`[\t| ].*?\n`;
export const LIST_START_UL = r(`^(${OPT_SPACE}[+*-])(${PATTERN_TAIL})`);
export const LIST_START_OL = r(String.raw`^(${OPT_SPACE}\d+\.)(${PATTERN_TAIL})`);
export const LIST_START_SRC = `^(?:${OPT_SPACE}[+*-]|${OPT_SPACE}\\d+\\.)${PATTERN_TAIL}`;
export const LIST_START = r(LIST_START_SRC);
export const DEFINITION_LIST_START_SRC = `^(${OPT_SPACE}:)(${PATTERN_TAIL})`;
export const DEFINITION_LIST_START = r(DEFINITION_LIST_START_SRC);
/** A later marker of a list whose first content is indented `indentation` columns. */
export function listMarker(kind: 'ul' | 'ol' | 'dl', indentation: number): RegExp {
  const spaces = indentation >= 1 && indentation <= 3 ? ` {0,${indentation - 1}}` : OPT_SPACE;
  const marker = kind === 'ul' ? '[+*-]' : kind === 'ol' ? String.raw`\d+\.` : ':';
  return r(`^(${spaces}${marker})(${PATTERN_TAIL})`);
}

export const ATX_HEADER_START_SRC = String.raw`^(?<level>#{1,6})[\t ]+(?<contents>.*)\n`;
export const ATX_HEADER_START = r(ATX_HEADER_START_SRC);
export const SETEXT_HEADER_START = r(String.raw`^${OPT_SPACE}(?<contents>[^ \t].*)\n(?<level>[-=])[-=]*[ \t\r\f\v]*\n`);
export const HEADER_ID = /[\t ]\{#(?<id>[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*)\}$/u;
export const BLOCKQUOTE_START_SRC = `^${OPT_SPACE}> ?`;
export const BLOCKQUOTE_START = r(BLOCKQUOTE_START_SRC);
export const FENCED_CODEBLOCK_START_SRC = '^[ ]{0,3}[~`]{3,}';
export const FENCED_CODEBLOCK_START = r(FENCED_CODEBLOCK_START_SRC);
export const FENCED_CODEBLOCK_MATCH = r(
  String.raw`^[ ]{0,3}(([~\x60]){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n([\s\S]*?)^[ ]{0,3}\1\2*\s*?\n`,
);
export const CODEBLOCK_MATCH_SRC = String.raw`(?:(?:${BLANK_LINE_SRC})?(?:${INDENT_SRC}[ \t]*\S.*\n)+(?:(?!${IAL_BLOCK_START_SRC}|${EOB_MARKER_SRC}|^${OPT_SPACE}${LAZY_END_HTML_STOP}|^${OPT_SPACE}${LAZY_END_HTML_START})^[ \t]*\S.*\n)*)*`;
export const CODEBLOCK_MATCH = r(CODEBLOCK_MATCH_SRC);
export const HR_START_SRC = String.raw`^${OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n`;
export const HR_START = r(HR_START_SRC);
export const BLOCK_MATH_START = r(String.raw`^${OPT_SPACE}(\\)?\$\$([\s\S]*?)\$\$(\s*?\n)?`);
export const BLOCK_BOUNDARY = r(`${BLANK_LINE_SRC}|${EOB_MARKER_SRC}|${IAL_BLOCK_START_SRC}|${END}`);

export const PARAGRAPH_START = r(`^${OPT_SPACE}[^ \\t].*?\\n`);
export const PARAGRAPH_MATCH = r(String.raw`^.*?\n`);
/** Where a paragraph ends with the GFM parser (its `paragraph_end` quirk, on by default). */
export const PARAGRAPH_END_GFM = r(
  [
    LAZY_END_SRC,
    LIST_START_SRC,
    ATX_HEADER_START_SRC,
    DEFINITION_LIST_START_SRC,
    BLOCKQUOTE_START_SRC,
    FENCED_CODEBLOCK_START_SRC,
  ].join('|'),
);

export const FOOTNOTE_DEFINITION_START = r(
  String.raw`^${OPT_SPACE}\[\^(${ALD_ID_NAME})\]:\s*?(.*?\n${CODEBLOCK_MATCH_SRC})`,
);
export const LINK_DEFINITION_START = r(
  String.raw`^${OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(.+?)\4)?[ \t]*?\n`,
);
export const ABBREV_DEFINITION_START = r(String.raw`^${OPT_SPACE}\*\[(.+?)\]:(.*?)\n`);

export const TABLE_SEP_LINE = r(String.raw`^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n`);
export const TABLE_HSEP_ALIGN = /[ \t]?(:?)-+(:?)[ \t]?/g;
export const TABLE_FSEP_LINE = r(String.raw`^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n`);
export const TABLE_ROW_LINE = r(String.raw`^(.*?)[ \t]*\n`);
export const TABLE_PIPE_CHECK = String.raw`(?:\||.*?[^\\\n]\|)`;
export const TABLE_LINE = r(`${TABLE_PIPE_CHECK}.*?\\n`);
export const TABLE_START = r(`^${OPT_SPACE}(?=\\S)${TABLE_PIPE_CHECK}.*?\\n`);

export const HTML_COMMENT_RE = /<!--([\s\S]*?)-->/;
export const HTML_INSTRUCTION_RE = /<\?([\s\S]*?)\?>/;
/** A start tag. The attribute list is matched once and never given back (Ruby's atomic group, as `(?=(…))\2`). */
export const HTML_TAG_RE = r(
  String.raw`<(${UNAME})\s*(?=((?:\s+${UNAME}(?:\s*=\s*(?:[\p{L}\p{M}\p{Nd}\p{Pc}]+|("|')[\s\S]*?\3))?)*))\2\s*(\/)?>`,
);
export const HTML_TAG_CLOSE_RE = r(String.raw`<\/(${UNAME})\s*>`);
export const HTML_ATTRIBUTE_RE = new RegExp(
  String.raw`\s*(${UNAME})(?:\s*=\s*(?:([\p{L}\p{M}\p{Nd}\p{Pc}]+)|("|')([\s\S]*?)\3))?`,
  'gu',
);
export const HTML_BLOCK_START = r(`^${OPT_SPACE}<(${UNAME}|!--|\\/)`);
export const HTML_RAW_START = r(`(?=<(${UNAME}|\\/|!--|\\?))`);
export const HTML_ENTITY_RE = r(String.raw`&([\w:][\-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);`);
export const TRAILING_WHITESPACE = r(String.raw`[ \t]*\n`);

/** A backslash escape of kramdown-parser-gfm (kramdown's set plus `~`). */
export const ESCAPED_CHARS = /\\([\\.*_+`<>()[\]{}#!:|"'$=\-~])/;
export const ESCAPED_CHARS_G = new RegExp(ESCAPED_CHARS.source, 'g');
