/**
 * The Hugo shortcode parser reads shortcodes as Hugo does: stand-alone, paired and nested, both
 * delimiters, self-closing tags, positional and named parameters with Hugo's quoting, escaped
 * shortcodes as text, shortcodes inside code blocks; it reports every problem at its place without
 * throwing, keeps the text of faulty constructs, gives back the source when its pieces are joined, and
 * stays fast on hostile input.
 */
import { describe, expect, it } from 'vitest';
import {
  mayHaveShortcodes,
  parseShortcodes,
  type Segment,
  type ShortcodeSegment,
  type SourcePoint,
} from '../../src/hugo/shortcode-parse.js';

/** A point on the first line. */
function at(offset: number): SourcePoint {
  return { offset, line: 1, column: offset + 1 };
}

function text(value: string, start: SourcePoint | number): Segment {
  return { kind: 'text', text: value, start: typeof start === 'number' ? at(start) : start };
}

function named(entries: Record<string, string>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

/** A stand-alone shortcode on the first line: its raw text is the tag. */
function alone(
  raw: string,
  name: string,
  offset: number,
  params: { positional?: string[]; named?: Record<string, string> } = {},
  delimiter: '<' | '%' = '<',
): ShortcodeSegment {
  return {
    kind: 'shortcode',
    name,
    delimiter,
    params: { positional: params.positional ?? [], named: named(params.named ?? {}) },
    start: at(offset),
    end: offset + raw.length,
    raw,
  };
}

/** A paired shortcode on the first line, from its opening tag, inner segments and closing tag. */
function paired(open: ShortcodeSegment, inner: Segment[], innerRaw: string, closeTag: string): ShortcodeSegment {
  const raw = open.raw + innerRaw + closeTag;
  return {
    ...open,
    end: open.start.offset + raw.length,
    raw,
    inner: { segments: inner, raw: innerRaw, start: at(open.end) },
  };
}

function parse(source: string): { segments: Segment[]; problems: { message: string; at: SourcePoint }[] } {
  return parseShortcodes(source);
}

/** The top-level pieces joined, which give back the source when nothing was escaped. */
function joined(segments: Segment[]): string {
  return segments.map((segment) => (segment.kind === 'text' ? segment.text : segment.raw)).join('');
}

/** At every level, no two text segments are adjacent, each raw is the source's, and inner segments join to their inner raw. */
function checkInner(source: string, segments: Segment[]): void {
  segments.forEach((segment, i) => {
    if (segment.kind === 'text') expect(segments[i - 1]?.kind, 'adjacent text segments are merged').not.toBe('text');
  });
  for (const segment of segments) {
    if (segment.kind !== 'shortcode') continue;
    expect(source.slice(segment.start.offset, segment.end)).toBe(segment.raw);
    if (!segment.inner) continue;
    expect(segment.raw.startsWith('{{')).toBe(true);
    expect(source.slice(segment.inner.start.offset, segment.inner.start.offset + segment.inner.raw.length)).toBe(
      segment.inner.raw,
    );
    expect(joined(segment.inner.segments)).toBe(segment.inner.raw);
    checkInner(source, segment.inner.segments);
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const PIECES = [
  'text ',
  '\n',
  '```\n',
  '{{< a >}}',
  '{{< /a >}}',
  '{{% b x="1" %}}',
  '{{% /b %}}',
  '{{< c `raw\n` k />}}',
  '{{< a',
  '{{< d "open',
  '{{< e `open',
  '{{<',
  '{{%',
  '>}}',
  '%}}',
  '{{< /z >}}',
  '{{< f p k=v >}}',
  '{{< >}}',
  '{{< g = >}}',
  '{{< /a x >}}',
  '"',
  '`',
  '/',
  '{{',
  '}}',
  '{{</*',
  '*/>}}',
];

describe('mayHaveShortcodes', () => {
  it('is true only when a shortcode delimiter appears', () => {
    expect(mayHaveShortcodes('plain {{ .Title }} text')).toBe(false);
    expect(mayHaveShortcodes('a {{< x >}}')).toBe(true);
    expect(mayHaveShortcodes('a {{% x %}}')).toBe(true);
    expect(mayHaveShortcodes('')).toBe(false);
  });
});

describe('parseShortcodes', () => {
  it('reads a stand-alone shortcode between text', () => {
    expect(parse('Hello {{< youtube w7Ft2ymGmfc >}} world')).toEqual({
      segments: [
        text('Hello ', 0),
        alone('{{< youtube w7Ft2ymGmfc >}}', 'youtube', 6, { positional: ['w7Ft2ymGmfc'] }),
        text(' world', 33),
      ],
      problems: [],
    });
  });

  it('reads tags without white space inside the delimiters, and names with "/", ".", "-", "_" and digits', () => {
    expect(parse('{{<name>}}{{%foo/bar-2%}}{{< x.inline >}}{{<_a_b 1>}}').segments).toEqual([
      alone('{{<name>}}', 'name', 0),
      alone('{{%foo/bar-2%}}', 'foo/bar-2', 10, {}, '%'),
      alone('{{< x.inline >}}', 'x.inline', 25),
      alone('{{<_a_b 1>}}', '_a_b', 41, { positional: ['1'] }),
    ]);
  });

  it('pairs a shortcode with its closing tag, the inner content parsed and raw', () => {
    const source = 'A {{< highlight go >}}x := 1{{< /highlight >}} B';
    const open = alone('{{< highlight go >}}', 'highlight', 2, { positional: ['go'] });
    expect(parse(source)).toEqual({
      segments: [text('A ', 0), paired(open, [text('x := 1', 22)], 'x := 1', '{{< /highlight >}}'), text(' B', 46)],
      problems: [],
    });
  });

  it('tells {{% %}} (Markdown inner) from {{< >}}, and pairs closing tags without white space', () => {
    const open = alone('{{% note %}}', 'note', 0, {}, '%');
    expect(parse('{{% note %}}**b**{{%/note%}}').segments).toEqual([
      paired(open, [text('**b**', 12)], '**b**', '{{%/note%}}'),
    ]);
    const other = alone('{{<note>}}', 'note', 0);
    expect(parse('{{<note>}}x{{</note>}}').segments).toEqual([paired(other, [text('x', 10)], 'x', '{{</note>}}')]);
  });

  it('nests shortcodes, and matches the same name nested with the innermost opening tag', () => {
    const source = '{{< tabs >}}{{% tab "One" %}}1{{% /tab %}}{{< /tabs >}}';
    const tab = alone('{{% tab "One" %}}', 'tab', 12, { positional: ['One'] }, '%');
    const tabs = alone('{{< tabs >}}', 'tabs', 0);
    expect(parse(source)).toEqual({
      segments: [
        paired(
          tabs,
          [paired(tab, [text('1', 29)], '1', '{{% /tab %}}')],
          '{{% tab "One" %}}1{{% /tab %}}',
          '{{< /tabs >}}',
        ),
      ],
      problems: [],
    });

    const same = '{{< b >}}1{{< b >}}2{{< /b >}}3{{< /b >}}';
    const inner = paired(alone('{{< b >}}', 'b', 10), [text('2', 19)], '2', '{{< /b >}}');
    expect(parse(same)).toEqual({
      segments: [
        paired(
          alone('{{< b >}}', 'b', 0),
          [text('1', 9), inner, text('3', 30)],
          '1{{< b >}}2{{< /b >}}3',
          '{{< /b >}}',
        ),
      ],
      problems: [],
    });
  });

  it('lets a shortcode without a closing tag at its level stand alone', () => {
    const source = '{{< b >}}x{{< b >}}y{{< /b >}}{{< img >}}';
    expect(parse(source)).toEqual({
      segments: [
        alone('{{< b >}}', 'b', 0),
        text('x', 9),
        paired(alone('{{< b >}}', 'b', 10), [text('y', 19)], 'y', '{{< /b >}}'),
        alone('{{< img >}}', 'img', 30),
      ],
      problems: [],
    });
  });

  it('pairs by name whatever the delimiter of the closing tag, the opening tag giving the delimiter', () => {
    expect(parse('{{< a >}}x{{% /a %}}')).toEqual({
      segments: [paired(alone('{{< a >}}', 'a', 0), [text('x', 9)], 'x', '{{% /a %}}')],
      problems: [],
    });
  });

  it('reads self-closing tags, which never take a closing tag', () => {
    expect(parse('{{< x a />}}{{< y/>}}{{< z "q"/>}}{{% w %}}').segments).toEqual([
      alone('{{< x a />}}', 'x', 0, { positional: ['a'] }),
      alone('{{< y/>}}', 'y', 12),
      alone('{{< z "q"/>}}', 'z', 21, { positional: ['q'] }),
      alone('{{% w %}}', 'w', 34, {}, '%'),
    ]);
    expect(parse('{{< x />}}a{{< /x >}}')).toEqual({
      segments: [alone('{{< x />}}', 'x', 0), text('a{{< /x >}}', 10)],
      problems: [{ message: 'unexpected closing tag for shortcode "x": no shortcode "x" is open', at: at(11) }],
    });
  });

  it('reads positional parameters: bare words, quoted strings with escapes, raw strings across lines', () => {
    const source = '{{< p python "a \\"b\\" c" "C:\\dir\\x" `raw "\\n"\nline` \'single\' 42 true "" >}}';
    const [segment] = parse(source).segments as ShortcodeSegment[];
    expect(segment!.params).toEqual({
      positional: ['python', 'a "b" c', 'C:\\dir\\x', 'raw "\\n"\nline', "'single'", '42', 'true', ''],
      named: named({}),
    });
    // Once a string has an escaped quote, every backslash escapes the next character, as in Hugo.
    expect((parse('{{< p "a\\\\b \\"q\\"" >}}').segments[0] as ShortcodeSegment).params.positional).toEqual([
      'a\\b "q"',
    ]);
    // Parameters are separated by any white space, newlines included.
    expect((parse('{{< p\n  a\n\tb\r\n>}}').segments[0] as ShortcodeSegment).params.positional).toEqual(['a', 'b']);
  });

  it('reads named parameters: bare, quoted and raw values, in order, as strings, on a null-prototype object', () => {
    const source = '{{< figure src=/img/a.png title="A \\"b\\"" alt=`x\ny` width = 300 q=a=b>}}';
    const [segment] = parse(source).segments as ShortcodeSegment[];
    expect(segment!.params.positional).toEqual([]);
    expect(Object.entries(segment!.params.named)).toEqual([
      ['src', '/img/a.png'],
      ['title', 'A "b"'],
      ['alt', 'x\ny'],
      ['width', '300'],
      ['q', 'a=b'],
    ]);
    expect(Object.getPrototypeOf(segment!.params.named)).toBe(null);

    const proto = parse('{{< x __proto__=p constructor=c k=1 k=2 >}}').segments[0] as ShortcodeSegment;
    expect(Object.entries(proto.params.named)).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['k', '2'],
    ]);
    expect(Object.getPrototypeOf(proto.params.named)).toBe(null);
  });

  it('outputs escaped shortcodes literally as text, both delimiters, opening and closing', () => {
    const source = 'Use {{</* figure src="a.png" */>}} or {{%/* note */%}}x{{%/* /note */%}}; {{</* /x */>}}.';
    expect(parse(source)).toEqual({
      segments: [text('Use {{< figure src="a.png" >}} or {{% note %}}x{{% /note %}}; {{< /x >}}.', 0)],
      problems: [],
    });
    // An escape inside a paired shortcode is text in its inner content.
    const inside = '{{< x >}}a {{</* y */>}} b{{< /x >}}';
    expect(parse(inside).segments).toEqual([
      paired(alone('{{< x >}}', 'x', 0), [text('a {{< y >}} b', 9)], 'a {{</* y */>}} b', '{{< /x >}}'),
    ]);
  });

  it('finds shortcodes inside fenced code blocks, since Hugo reads them before Markdown', () => {
    const source = '```go\n{{< ref "a.md" >}}\n```\n';
    expect(parse(source)).toEqual({
      segments: [
        text('```go\n', 0),
        {
          kind: 'shortcode',
          name: 'ref',
          delimiter: '<',
          params: { positional: ['a.md'], named: named({}) },
          start: { offset: 6, line: 2, column: 1 },
          end: 24,
          raw: '{{< ref "a.md" >}}',
        },
        text('\n```\n', { offset: 24, line: 2, column: 19 }),
      ],
      problems: [],
    });
  });

  it('gives lines and columns (UTF-16 code units) shifted by lineOffset', () => {
    const source = 'intro\n😀 {{< a >}}\nx\n  {{< /b >}}';
    const { segments, problems } = parseShortcodes(source, { lineOffset: 4 });
    expect(segments).toEqual([
      { kind: 'text', text: 'intro\n😀 ', start: { offset: 0, line: 5, column: 1 } },
      {
        kind: 'shortcode',
        name: 'a',
        delimiter: '<',
        params: { positional: [], named: named({}) },
        start: { offset: 9, line: 6, column: 4 },
        end: 18,
        raw: '{{< a >}}',
      },
      { kind: 'text', text: '\nx\n  {{< /b >}}', start: { offset: 18, line: 6, column: 13 } },
    ]);
    expect(problems).toEqual([
      {
        message: 'unexpected closing tag for shortcode "b": no shortcode "b" is open',
        at: { offset: 23, line: 8, column: 3 },
      },
    ]);
    expect(parseShortcodes('{{<', { lineOffset: 0 }).problems[0]!.at).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('reports a tag with no closing delimiter, keeps its text, and reads the next shortcode', () => {
    expect(parse('a {{< highlight go\nb')).toEqual({
      segments: [text('a {{< highlight go\nb', 0)],
      problems: [{ message: 'shortcode "highlight" is not closed: ">}}" is missing', at: at(2) }],
    });
    expect(parse('{{% note x {{< y >}}')).toEqual({
      segments: [text('{{% note x ', 0), alone('{{< y >}}', 'y', 11)],
      problems: [{ message: 'shortcode "note" is not closed: "%}}" is missing', at: at(0) }],
    });
    expect(parse('{{< /x').problems).toEqual([
      { message: 'closing tag for shortcode "x" is not closed: ">}}" is missing', at: at(0) },
    ]);
  });

  it('reports a closing tag with no open shortcode of its name, kept as text', () => {
    expect(parse('a{{< /x >}}b')).toEqual({
      segments: [text('a{{< /x >}}b', 0)],
      problems: [{ message: 'unexpected closing tag for shortcode "x": no shortcode "x" is open', at: at(1) }],
    });
    // A closing tag typed wrong leaves the shortcode standing alone.
    expect(parse('{{< note >}}x{{< /nte >}}')).toEqual({
      segments: [alone('{{< note >}}', 'note', 0), text('x{{< /nte >}}', 12)],
      problems: [{ message: 'unexpected closing tag for shortcode "nte": no shortcode "nte" is open', at: at(13) }],
    });
  });

  it('reports a closing tag that crosses an inner open shortcode once, closing the outer one', () => {
    const source = '{{< a >}}{{< b >}}x{{< /a >}}{{< /b >}}';
    expect(parse(source)).toEqual({
      segments: [
        paired(alone('{{< a >}}', 'a', 0), [alone('{{< b >}}', 'b', 9), text('x', 18)], '{{< b >}}x', '{{< /a >}}'),
        text('{{< /b >}}', 29),
      ],
      problems: [{ message: 'closing tag for shortcode "a" does not match the open shortcode "b"', at: at(19) }],
    });
  });

  it('closes an outer shortcode over an inner one that has no closing tag at all, without a problem', () => {
    expect(parse('{{< a >}}{{< img >}}x{{< /a >}}')).toEqual({
      segments: [
        paired(
          alone('{{< a >}}', 'a', 0),
          [alone('{{< img >}}', 'img', 9), text('x', 20)],
          '{{< img >}}x',
          '{{< /a >}}',
        ),
      ],
      problems: [],
    });
  });

  it('reports unterminated quoted and raw strings at their quote, keeping the text', () => {
    expect(parse('{{< x "abc\ndef" >}} {{< y >}}')).toEqual({
      segments: [
        text('{{< x "abc\ndef" >}} ', 0),
        {
          ...alone('{{< y >}}', 'y', 0),
          start: { offset: 20, line: 2, column: 10 },
          end: 29,
        },
      ],
      problems: [{ message: 'shortcode "x" has an unterminated quoted string', at: at(6) }],
    });
    expect(parse('{{< x k=`abc >}}\n{{< y >}}')).toEqual({
      segments: [text('{{< x k=`abc >}}\n{{< y >}}', 0)],
      problems: [{ message: 'shortcode "x" has an unterminated raw string', at: at(8) }],
    });
  });

  it('reports mixed positional and named parameters at the first one of the other kind', () => {
    expect(parse('{{< x a k=v >}}.')).toEqual({
      segments: [text('{{< x a k=v >}}.', 0)],
      problems: [{ message: 'shortcode "x" mixes positional and named parameters', at: at(8) }],
    });
    expect(parse('{{< x k=v "a" b >}}').problems).toEqual([
      { message: 'shortcode "x" mixes positional and named parameters', at: at(10) },
    ]);
  });

  it('reports a shortcode with no name, a closing tag with more than the name, and "=" without a name', () => {
    expect(parse('{{< >}}{{% "x" %}}{{</>}}')).toEqual({
      segments: [text('{{< >}}{{% "x" %}}{{</>}}', 0)],
      problems: [
        { message: 'shortcode has no name', at: at(0) },
        { message: 'shortcode has no name', at: at(7) },
        { message: 'shortcode has no name', at: at(18) },
      ],
    });
    expect(parse('{{< x >}}{{< /x y >}}').problems).toEqual([
      { message: 'closing tag for shortcode "x" must hold only the name', at: at(9) },
    ]);
    expect(parse('{{< x = y >}}').problems).toEqual([
      { message: 'shortcode "x" has "=" without a parameter name', at: at(6) },
    ]);
  });

  it('reports an escaped shortcode without its end, keeping the text', () => {
    expect(parse('a {{</* x >}} b')).toEqual({
      segments: [text('a {{</* x >}} b', 0)],
      problems: [{ message: 'escaped shortcode is not closed: "*/>}}" is missing', at: at(2) }],
    });
  });

  it('gives back the source when the top-level pieces are joined, on generated documents', () => {
    const next = random(20240611);
    for (let n = 0; n < 3000; n++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 14);
      for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(next() * (PIECES.length - 2))]!);
      const source = parts.join('');
      const { segments, problems } = parseShortcodes(source);
      expect(joined(segments), source).toBe(source);
      checkInner(source, segments);
      for (const problem of problems) expect(problem.at.offset).toBeLessThan(source.length);
    }
    // With escapes, only the escape markers go.
    const escaped = 'a {{</* x */>}} {{< y >}}z{{< /y >}}';
    expect(joined(parse(escaped).segments)).toBe('a {{< x >}} {{< y >}}z{{< /y >}}');
  });

  it('parses hostile input in linear time', () => {
    const opens = '{{<'.repeat(100_000);
    const result = parseShortcodes(opens);
    expect(result.problems).toHaveLength(100_000);
    expect(result.problems[99_999]).toEqual({ message: 'shortcode is not closed: ">}}" is missing', at: at(299_997) });
    expect(result.segments).toEqual([text(opens, 0)]);

    const escapes = '{{</*'.repeat(50_000);
    expect(parseShortcodes(escapes).problems).toHaveLength(50_000);
    const quotes = '{{< x "a\n'.repeat(50_000);
    expect(parseShortcodes(quotes).problems).toHaveLength(50_000);
    const nested = '{{< a >}}'.repeat(50_000) + '{{< /a >}}'.repeat(50_000);
    let depth = 0;
    let segments = parseShortcodes(nested).segments;
    while (segments.length === 1 && segments[0]!.kind === 'shortcode' && segments[0]!.inner) {
      depth++;
      segments = segments[0]!.inner.segments;
    }
    expect(depth).toBe(50_000);
  });
});
