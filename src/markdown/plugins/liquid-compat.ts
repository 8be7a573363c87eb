/**
 * Liquid compatibility: owns the Jekyll block tags that wrap code, so Jekyll posts build unchanged.
 * `{% highlight lang [options] %}…{% endhighlight %}` becomes a code fence of `lang`;
 * `{% mermaid %}…{% endmermaid %}` becomes a mermaid fence (claimed next by the diagrams plugin).
 * The body of such a block is never evaluated. This serves posts whose bodies are not Liquid (`posts/`
 * of a site without `_config.yml`); in Jekyll posts the Liquid stage (src/jekyll/) has already turned
 * these blocks into fences before Markdown runs.
 * Depends on: nothing; must run before `paragraph` and `fence`.
 */
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

const OPENING = /^\{%-?\s*(highlight|mermaid)(?:\s+([^%]*?))?\s*-?%\}\s*$/;

/** Installs the Liquid block rule on `md`. */
export function liquidCompatPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'liquid_block', liquidBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
}

function liquidBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!);
  const match = OPENING.exec(first);
  if (!match) return false;
  const tag = match[1]!;
  const closing = new RegExp(`^\\{%-?\\s*end${tag}\\s*-?%\\}`);
  let line = startLine + 1;
  for (; line < endLine; line++) {
    const text = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
    if (closing.test(text)) break;
  }
  if (line >= endLine) return false;
  if (silent) return true;
  const args = (match[2] ?? '').trim().split(/\s+/).filter(Boolean);
  const language = tag === 'mermaid' ? 'mermaid' : (args[0] ?? '');
  const token = state.push('fence', 'code', 0);
  token.info = [language, ...args.slice(tag === 'mermaid' ? 0 : 1)].join(' ');
  token.content = state.getLines(startLine + 1, line, state.sCount[startLine]!, true);
  token.markup = `{% ${tag} %}`;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  // Text after the end tag stays text, as in Jekyll (Liquid writes it after the code, and kramdown makes
  // it a paragraph, with the lines that continue it).
  const rest = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!).replace(closing, '');
  if (rest.trim() !== '') restParagraph(state, rest, line, endLine);
  return true;
}

/** A paragraph of `rest`, the end of line `line`, and the lines that continue it (as markdown-it's paragraph rule). */
function restParagraph(state: StateBlock, rest: string, line: number, endLine: number): void {
  const terminators = state.md.block.ruler.getRules('paragraph');
  const oldParentType = state.parentType;
  state.parentType = 'paragraph';
  let next = line + 1;
  for (; next < endLine && !state.isEmpty(next); next++) {
    // Deeper indentation is a lazy continuation; a negative one is a block quote's own line.
    if (state.sCount[next]! - state.blkIndent > 3 || state.sCount[next]! < 0) continue;
    if (terminators.some((rule) => rule(state, next, endLine, true))) break;
  }
  state.parentType = oldParentType;
  const more = next > line + 1 ? `\n${state.getLines(line + 1, next, state.blkIndent, false)}` : '';
  state.push('paragraph_open', 'p', 1).map = [line, next];
  const inline = state.push('inline', '', 0);
  inline.content = (rest + more).trim();
  inline.map = [line, next];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
  state.line = next;
}
