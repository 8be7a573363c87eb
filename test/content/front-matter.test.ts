import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRONT_MATTER_LENGTH, readFrontMatter } from '../../src/content/front-matter.js';
import { ContentError } from '../../src/core/errors.js';

const FILE = 'posts/2024-05-01-example.md';

/** Calls `readFrontMatter` and returns what it threw, failing the test when it did not throw. */
function readError(text: string): ContentError {
  try {
    readFrontMatter(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('expected readFrontMatter to throw');
}

/** The parts of a thrown ContentError that a diagnostic shows. */
function describeError(error: ContentError) {
  return { code: error.code, message: error.message, location: error.location };
}

describe('readFrontMatter: splitting', () => {
  it('returns the whole text as body, starting on line 1, when there is no front matter', () => {
    const result = readFrontMatter('# Title\n\nSome text.\n', FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe('# Title\n\nSome text.\n');
    expect(result.bodyLine).toBe(1);
  });

  it('does not treat a later --- line as front matter when the file does not start with one', () => {
    const text = 'Intro\n---\ntitle: not front matter\n---\n';
    const result = readFrontMatter(text, FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe(text);
    expect(result.bodyLine).toBe(1);
  });

  it('parses YAML front matter and gives the file line on which the body starts', () => {
    const result = readFrontMatter('---\ntitle: Hello\ntags: [a, b]\n---\nFirst line of the body.\n', FILE);
    expect(result.yaml.value).toEqual({ title: 'Hello', tags: ['a', 'b'] });
    expect(result.body).toBe('First line of the body.\n');
    expect(result.bodyLine).toBe(5);
  });

  it('accepts an explicit ---yaml opening line', () => {
    const result = readFrontMatter('---yaml\ntitle: Hello\n---\nBody\n', FILE);
    expect(result.yaml.value).toEqual({ title: 'Hello' });
    expect(result.body).toBe('Body\n');
    expect(result.bodyLine).toBe(4);
  });

  it('keeps later --- lines in the body', () => {
    const result = readFrontMatter('---\ntitle: Hello\n---\nAbove\n---\nBelow\n', FILE);
    expect(result.yaml.value).toEqual({ title: 'Hello' });
    expect(result.body).toBe('Above\n---\nBelow\n');
    expect(result.bodyLine).toBe(4);
  });

  it('handles empty front matter', () => {
    const result = readFrontMatter('---\n---\nBody\n', FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe('Body\n');
    expect(result.bodyLine).toBe(3);
  });

  it('handles front matter made of a blank line only', () => {
    const result = readFrontMatter('---\n\n---\nBody', FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe('Body');
    expect(result.bodyLine).toBe(4);
  });

  it('handles front matter made of a comment only', () => {
    const result = readFrontMatter('---\n# nothing yet\n---\nBody\n', FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe('Body\n');
    expect(result.bodyLine).toBe(4);
  });

  it('gives an empty body when nothing follows the closing line', () => {
    const result = readFrontMatter('---\ntitle: Hello\n---', FILE);
    expect(result.yaml.value).toEqual({ title: 'Hello' });
    expect(result.body).toBe('');
    expect(result.bodyLine).toBe(3);
  });

  it('reads CRLF files: values carry no carriage return and body lines are counted', () => {
    const result = readFrontMatter('---\r\ntitle: Hello\r\ndraft: true\r\n---\r\nBody\r\nmore\r\n', FILE);
    expect(result.yaml.value).toEqual({ title: 'Hello', draft: true });
    expect(result.body).toBe('Body\r\nmore\r\n');
    expect(result.bodyLine).toBe(5);
  });

  it('reads CRLF files with empty front matter', () => {
    const result = readFrontMatter('---\r\n---\r\nBody\r\n', FILE);
    expect(result.yaml.value).toEqual({});
    expect(result.body).toBe('Body\r\n');
    expect(result.bodyLine).toBe(3);
  });

  it('returns a scalar front matter as is (the caller decides it is not a map)', () => {
    expect(readFrontMatter('---\njust a sentence\n---\nBody', FILE).yaml.value).toBe('just a sentence');
  });
});

describe('readFrontMatter: positions of values', () => {
  it('locates values at their file line and column', () => {
    const { yaml } = readFrontMatter('---\ntitle: Hello\ndate: 2024-05-01\ntags:\n  - a\n  - b\n---\nBody\n', FILE);
    expect(yaml.locate(['title'])).toEqual({ line: 2, column: 8 });
    expect(yaml.locate(['date'])).toEqual({ line: 3, column: 7 });
    expect(yaml.locate(['tags', 1])).toEqual({ line: 6, column: 5 });
  });

  it('locates nothing when there is no front matter', () => {
    expect(readFrontMatter('Body only\n', FILE).yaml.locate(['title'])).toBeUndefined();
  });
});

describe('readFrontMatter: executable and foreign front matter is refused', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).pwned;
  });

  const refusal = (language: string) => ({
    code: 'front-matter',
    message: `front matter language "${language}" is not supported: only YAML front matter is read (inkstone never executes front matter)`,
    location: { file: FILE, line: 1, column: 4 },
  });

  it('refuses ---js without running it', () => {
    const error = readError('---js\n{ title: (globalThis.pwned = "js", "owned") }\n---\nBody\n');
    expect(describeError(error)).toEqual(refusal('js'));
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('refuses ---javascript without running it', () => {
    const error = readError('---javascript\n{ title: (globalThis.pwned = "javascript", "owned") }\n---\nBody\n');
    expect(describeError(error)).toEqual(refusal('javascript'));
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('refuses ---JS in upper case too', () => {
    const error = readError('---JS\n{ title: (globalThis.pwned = "JS", "owned") }\n---\nBody\n');
    expect(describeError(error)).toEqual(refusal('JS'));
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('refuses ---toml', () => {
    expect(describeError(readError('---toml\ntitle = "Hello"\n---\nBody\n'))).toEqual(refusal('toml'));
  });

  it('refuses ---coffee', () => {
    const error = readError('---coffee\ntitle: (globalThis.pwned = "coffee")\n---\nBody\n');
    expect(describeError(error)).toEqual(refusal('coffee'));
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('names the language as written, without surrounding spaces', () => {
    expect(describeError(readError('---  json  \n{"title": "x"}\n---\nBody\n'))).toEqual(refusal('json'));
  });
});

describe('readFrontMatter: malformed front matter', () => {
  it('refuses front matter without a closing --- line instead of swallowing the body', () => {
    expect(describeError(readError('---\ntitle: Hello\n\nThe body, which must not become YAML.\n'))).toEqual({
      code: 'front-matter',
      message: 'front matter is not closed: add a line "---" after the last front matter line',
      location: { file: FILE, line: 1, column: 1 },
    });
  });

  it('refuses a file that is only an opening line', () => {
    expect(describeError(readError('---\n'))).toEqual({
      code: 'front-matter',
      message: 'front matter is not closed: add a line "---" after the last front matter line',
      location: { file: FILE, line: 1, column: 1 },
    });
  });

  it('does not take a longer dash line for the closing line', () => {
    expect(describeError(readError('---\ntitle: Hello\n-----\nBody\n'))).toEqual({
      code: 'front-matter',
      message: 'front matter is not closed: add a line "---" after the last front matter line',
      location: { file: FILE, line: 1, column: 1 },
    });
  });

  it('ends front matter only at a line that is exactly ---, not at ---more', () => {
    // gray-matter would close at `---more`; Jekyll would not. Neither guess is safe: say so at that line.
    expect(describeError(readError('---\ntitle: Hello\n---more\nBody\n---\nMore\n'))).toEqual({
      code: 'front-matter',
      message: 'line 3 starts with "---" but does not close the front matter: the closing line must be exactly "---"',
      location: { file: FILE, line: 3, column: 1 },
    });
  });

  // YAML line numbers are file line numbers: line 1 is the opening `---`.
  it('reports a duplicate key at its file line and column', () => {
    expect(describeError(readError('---\ntitle: Hello\ntitle: Again\n---\nBody\n'))).toEqual({
      code: 'front-matter',
      message: 'invalid YAML: Map keys must be unique',
      location: { file: FILE, line: 3, column: 1 },
    });
  });

  it('reports a compact nested mapping at its file line and column', () => {
    expect(describeError(readError('---\ntitle: Hello\ntags: a: b\n---\nBody\n'))).toEqual({
      code: 'front-matter',
      message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
      location: { file: FILE, line: 3, column: 7 },
    });
  });

  it('reports tab indentation (which js-yaml 3 silently mis-parses) at its file line', () => {
    expect(describeError(readError('---\ntitle: Hello\nseries:\n\tname: Intro\n---\nBody\n'))).toEqual({
      code: 'front-matter',
      message: 'invalid YAML: Tabs are not allowed as indentation',
      location: { file: FILE, line: 4, column: 1 },
    });
  });

  it('refuses front matter longer than the limit', () => {
    const text = `---\nnote: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"\n---\nBody\n`;
    expect(describeError(readError(text))).toEqual({
      code: 'front-matter',
      message: 'front matter is longer than 65536 characters',
      location: { file: FILE, line: 1, column: 1 },
    });
  });
});

describe('readFrontMatter: YAML 1.2 semantics', () => {
  it('keeps an impossible date as the string written (no roll-over to March)', () => {
    expect(readFrontMatter('---\ndate: 2024-02-30\n---\n', FILE).yaml.value).toEqual({ date: '2024-02-30' });
  });

  it('keeps timestamps as strings', () => {
    expect(
      readFrontMatter('---\ndate: 2015-10-20 11:12:00 -0400\nupdated: 2024-01-01T10:00:00Z\n---\n', FILE).yaml.value,
    ).toEqual({
      date: '2015-10-20 11:12:00 -0400',
      updated: '2024-01-01T10:00:00Z',
    });
  });

  it('reads on/off/yes/no as strings and only true/false as booleans', () => {
    expect(readFrontMatter('---\na: on\nb: yes\nc: off\nd: no\ne: true\nf: false\n---\n', FILE).yaml.value).toEqual({
      a: 'on',
      b: 'yes',
      c: 'off',
      d: 'no',
      e: true,
      f: false,
    });
  });

  it('reads 017 as decimal and 0o17 as octal', () => {
    expect(readFrontMatter('---\na: 017\nb: 0o17\nc: 1.5\nd: ~\n---\n', FILE).yaml.value).toEqual({
      a: 17,
      b: 15,
      c: 1.5,
      d: null,
    });
  });

  it('bounds alias expansion ("billion laughs")', () => {
    const bomb = [
      '---',
      'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
      'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
      '---',
      'Body',
    ].join('\n');
    const error = readError(bomb);
    expect(error.code).toBe('front-matter');
    expect(error.message).toBe('invalid YAML: Excessive alias count indicates a resource exhaustion attack');
    expect(error.location?.file).toBe(FILE);
  });

  it('still accepts a few aliases', () => {
    expect(readFrontMatter('---\nbase: &b [x, y]\ncopy: *b\n---\n', FILE).yaml.value).toEqual({
      base: ['x', 'y'],
      copy: ['x', 'y'],
    });
  });
});
