/**
 * parseFenceInfo: what a code fence's info string asks for. The first word is the language; after it
 * come options in the spellings posts use: `title="model.py"`, `{1,3-5}` (also glued to the language,
 * `js{2}`) for emphasised lines, `linenos` (Jekyll's `{% highlight %}` option, reaching us as a fence
 * option) or `showLineNumbers`, and Jekyll's `mark_lines="1 2"` or Pygments' `hl_lines="1 2"`. Hugo's
 * options in braces, `{linenos=table, hl_lines=[2,"4-5"]}` (keys without case), are read the same way.
 */

/** A fence's options. */
export interface FenceInfo {
  /** Lower-case language name, `''` when the fence names none. */
  language: string;
  title: string | undefined;
  /** Whether the fence asks for line numbers (`linenos`) or not (`linenos=false`); undefined: it does not say. */
  lineNumbers: boolean | undefined;
  /** 1-based emphasised lines, ascending, without repeats. */
  highlightLines: number[];
}

/** A range such as `1-100000000` must not allocate a line number per value. */
const MAX_LINE = 100_000;

/** One of Hugo's options in braces: `key=[list]`, `key="quoted"` or `key=bare`, separated by spaces or commas. */
const HUGO_OPTION = /([A-Za-z_][\w-]*)\s*=\s*(?:\[([^\]]*)\]|"([^"]*)"|([^\s,]+))/g;

const OPTION = /\{([^}]*)\}|([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+)/g;

/** Reads `info` (the text after the opening backticks). Unknown options are ignored. */
export function parseFenceInfo(info: string): FenceInfo {
  // `lang?option?option` (kramdown's form, which Jekyll's highlight tag is turned into) reads as `lang option option`.
  const head = /^\S*/.exec(info.trim())![0];
  const trimmed = head.includes('?') ? `${head.replace(/\?/g, ' ')}${info.trim().slice(head.length)}` : info.trim();
  const first = /^[^\s{]*/.exec(trimmed)![0];
  const result: FenceInfo = {
    language: first.toLowerCase(),
    title: undefined,
    lineNumbers: undefined,
    highlightLines: [],
  };
  const lines = new Set<number>();
  const option = (key: string, value: string) => {
    if (key === 'title') result.title = value;
    else if (key === 'linenos') result.lineNumbers = value !== 'false' && value !== '0';
    else if (key === 'mark_lines' || key === 'hl_lines') addRanges(lines, value);
  };
  for (const match of trimmed.slice(first.length).matchAll(OPTION)) {
    const [, braces, key, doubleQuoted, singleQuoted, bare, word] = match;
    if (braces?.includes('=')) {
      for (const [, name, list, quoted, plain] of braces.matchAll(HUGO_OPTION))
        option(name!.toLowerCase(), (list ?? quoted ?? plain ?? '').replace(/["']/g, ' '));
    } else if (braces !== undefined) addRanges(lines, braces);
    else if (key !== undefined) option(key, doubleQuoted ?? singleQuoted ?? bare ?? '');
    else if (word === 'linenos' || word === 'showLineNumbers') result.lineNumbers = true;
  }
  result.highlightLines = [...lines].sort((a, b) => a - b);
  return result;
}

/** Adds the lines of `1,3-5` (commas or spaces between items) to `lines`. */
function addRanges(lines: Set<number>, text: string): void {
  for (const item of text.split(/[\s,]+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!range) continue;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? range[1]), MAX_LINE);
    for (let line = Math.max(from, 1); line <= to; line++) lines.add(line);
  }
}
