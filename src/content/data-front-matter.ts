/**
 * Hugo's other front matter forms: TOML between lines `+++`, and a JSON object at the very top of the
 * file. Both are data (nothing is executed); errors name the file's line and column, as YAML's do.
 */
import { ContentError } from '../core/errors.js';
import { parseJsonData } from '../core/json-data.js';
import { countNewlines } from '../core/text-position.js';
import { parseToml } from '../core/toml.js';
import type { ParsedYaml } from '../core/yaml.js';
import { MAX_FRONT_MATTER_LENGTH, type SplitFrontMatter } from './front-matter.js';

/** The TOML or JSON front matter of `text`, or undefined when it has neither (the caller reads YAML). Throws ContentError located in `file`. */
export function readDataFrontMatter(text: string, file: string): SplitFrontMatter | undefined {
  if (/^\+\+\+[ \t]*\r?\n/.test(text)) return readToml(text, file);
  // `{{< figure >}}` or `{% raw %}` at the top is the body, not JSON: an object starts with a key or ends at once.
  if (/^\{\s*["}]/.test(text)) return readJson(text, file);
  return undefined;
}

function readToml(text: string, file: string): SplitFrontMatter {
  const lines = text.split('\n');
  const closing = lines.findIndex((line, i) => i > 0 && /^\+\+\+[ \t]*\r?$/.test(line));
  if (closing === -1)
    throw new ContentError(
      'front-matter',
      'front matter is not closed: add a line "+++" after the last front matter line',
      {
        file,
        line: 1,
        column: 1,
      },
    );
  const toml = lines.slice(1, closing).join('\n');
  tooLong(toml, file);
  const parsed = parseToml(toml);
  if (!parsed.ok)
    throw new ContentError('front-matter', `invalid TOML: ${parsed.problem.message}`, {
      file,
      line: (parsed.problem.position?.line ?? 1) + 1,
      column: parsed.problem.position?.column ?? 1,
    });
  return { yaml: shifted(parsed.yaml, 1), body: lines.slice(closing + 1).join('\n'), bodyLine: closing + 2 };
}

function readJson(text: string, file: string): SplitFrontMatter {
  const end = objectEnd(text);
  if (end === undefined)
    throw new ContentError('front-matter', 'JSON front matter is not closed: its "{" has no matching "}"', {
      file,
      line: 1,
      column: 1,
    });
  const json = text.slice(0, end);
  tooLong(json, file);
  const parsed = parseJsonData(json);
  if (!parsed.ok)
    throw new ContentError('front-matter', parsed.problem.message, {
      file,
      line: parsed.problem.position?.line ?? 1,
      column: parsed.problem.position?.column ?? 1,
    });
  // The body starts on the line after the closing brace.
  const lineEnd = text.indexOf('\n', end);
  const rest = lineEnd === -1 ? '' : text.slice(lineEnd + 1);
  const bodyLine = countNewlines(text.slice(0, lineEnd === -1 ? text.length : lineEnd + 1)) + 1;
  return { yaml: parsed.yaml, body: rest, bodyLine };
}

/** Offset just after the `}` that closes the object opening `text`, skipping strings; undefined when none does. */
function objectEnd(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

function tooLong(source: string, file: string): void {
  if (source.length > MAX_FRONT_MATTER_LENGTH)
    throw new ContentError('front-matter', `front matter is longer than ${MAX_FRONT_MATTER_LENGTH} characters`, {
      file,
      line: 1,
      column: 1,
    });
}

/** `parsed` with its positions moved down `lines` lines (the text was cut out of the file below them). */
function shifted(parsed: ParsedYaml, lines: number): ParsedYaml {
  return {
    value: parsed.value,
    locate: (path, target) => {
      const at = parsed.locate(path, target);
      return at && { line: at.line + lines, column: at.column };
    },
  };
}
