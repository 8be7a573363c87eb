/**
 * Front matter: split with gray-matter, parsed as YAML 1.2 by the `yaml` package (or, for the plain
 * `key: value` lines most posts have, by plain-front-matter.ts, which gives the same values).
 * Hugo's other two forms are data too: TOML between `+++` lines, and a JSON object at the top of the
 * file (data-front-matter.ts). Nothing else is accepted; gray-matter would otherwise execute `---js`
 * front matter.
 */
import matter from 'gray-matter';
import { readDataFrontMatter } from './data-front-matter.js';
import { parseYaml, type ParsedYaml } from '../core/yaml.js';
import { ContentError } from '../core/errors.js';
import { readPlainFrontMatter } from './plain-front-matter.js';

/** Raw front matter and the body that follows it. */
export interface SplitFrontMatter {
  /** Parsed YAML (an empty map when the file has no front matter). */
  yaml: ParsedYaml;
  body: string;
  /** 1-based file line on which the body starts. */
  bodyLine: number;
}

/** Largest front matter accepted, in characters: front matter is metadata, not content. */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;

const OPENING = /^---([^\r\n]*)\r?\n/;

const refuseCode = (): never => {
  throw new Error('executable front matter is disabled');
};

/** Splits and parses the front matter of `text`; throws ContentError located in `file`. */
export function readFrontMatter(text: string, file: string): SplitFrontMatter {
  if (text.startsWith('+++') || text.startsWith('{')) {
    const data = readDataFrontMatter(text, file);
    if (data) return data;
  }
  const opening = OPENING.exec(text);
  if (!opening) {
    const late = /^(?:[ \t]*\r?\n)+---[ \t]*\r?\n(?:.*\r?\n)*?---[ \t]*(?:\r?\n|$)/.exec(text);
    if (late && /^[\s\S]*?\n---[ \t]*\r?\n[\w"'-][^\n]*:/.test(late[0])) {
      // Jekyll only reads front matter on the first line: here it would publish the YAML as text.
      const line = late[0].split('\n').findIndex((l) => /^---/.test(l)) + 1;
      throw new ContentError(
        'front-matter',
        `front matter must start on the first line: remove the ${line - 1 === 1 ? 'blank line' : `${line - 1} blank lines`} before its "---"`,
        {
          file,
          line,
          column: 1,
        },
      );
    }
    return { yaml: emptyYaml(), body: text, bodyLine: 1 };
  }
  const language = opening[1]!.trim();
  if (language !== '' && language.toLowerCase() !== 'yaml' && language !== '-') {
    throw new ContentError(
      'front-matter',
      `front matter language "${language}" is not supported: only YAML front matter is read (inkstone never executes front matter)`,
      { file, line: 1, column: 4 },
    );
  }
  const lines = text.split('\n');
  const closingIndex = lines.findIndex((line, i) => i > 0 && /^---[ \t]*\r?$/.test(line));
  if (closingIndex === -1) {
    throw new ContentError(
      'front-matter',
      'front matter is not closed: add a line "---" after the last front matter line',
      {
        file,
        line: 1,
        column: 1,
      },
    );
  }
  let parsedYaml: ParsedYaml | undefined;
  let failure: ContentError | undefined;
  // Passing an options object also disables gray-matter's global cache of results.
  const result = matter(text, {
    engines: {
      yaml: (source: string) => {
        if (source.length > MAX_FRONT_MATTER_LENGTH) {
          failure = new ContentError(
            'front-matter',
            `front matter is longer than ${MAX_FRONT_MATTER_LENGTH} characters`,
            { file, line: 1, column: 1 },
          );
          return {};
        }
        // gray-matter hands over the text from the end of the opening `---`, so YAML lines are file lines.
        // gray-matter cuts CRLF text at "\n---", leaving a carriage return on the last value.
        const yamlText = source.replace(/\r+$/, '');
        // Most front matter is `key: value` lines, read without the YAML parser (a third of the content
        // stage on 4,000 posts); positions, wanted only for a problem, come from the parser then.
        const plain = readPlainFrontMatter(yamlText);
        if (plain) {
          let full: ReturnType<typeof parseYaml> | undefined;
          parsedYaml = {
            value: plain,
            locate: (path, target) => {
              full ??= parseYaml(yamlText);
              return full.ok ? full.yaml.locate(path, target) : undefined;
            },
          };
          return {};
        }
        const parsed = parseYaml(yamlText);
        if (!parsed.ok) {
          failure = new ContentError('front-matter', `invalid YAML: ${parsed.problem.message}`, {
            file,
            line: parsed.problem.position?.line ?? 1,
            column: parsed.problem.position?.column ?? 1,
          });
          return {};
        }
        parsedYaml = parsed.yaml;
        return {};
      },
      js: refuseCode,
      javascript: refuseCode,
    },
  });
  // gray-matter closes at the first line that merely starts with "---"; Jekyll needs the line to be exactly "---".
  const grayClosingLine = countLines(result.matter) + 2;
  if (grayClosingLine !== closingIndex + 1) {
    throw new ContentError(
      'front-matter',
      `line ${grayClosingLine} starts with "---" but does not close the front matter: the closing line must be exactly "---"`,
      { file, line: grayClosingLine, column: 1 },
    );
  }
  if (failure) throw failure;
  const offset = text.length - result.content.length;
  const bodyLine = countLines(text.slice(0, offset)) + 1;
  return { yaml: parsedYaml ?? emptyYaml(), body: result.content, bodyLine };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function emptyYaml(): ParsedYaml {
  return { value: {}, locate: () => undefined };
}
