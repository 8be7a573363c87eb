/**
 * Snippets: HTML an input adapter made before Markdown (Hugo's shortcodes) stands in the body as a
 * placeholder, `\uE000<n>\uE001`, so that Markdown never reads it and the raw-HTML policy, which is for
 * the author's own HTML, never escapes it. A paragraph that is one placeholder becomes the snippet as
 * a block; a placeholder inside text becomes the snippet inline; inside code, the snippet's text.
 * Depends on: inline parsing (a core rule right after `inline`, before the rules that read text).
 */
import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { markGenerated } from '../generated-html.js';
import { asEnv } from '../env.js';

/** The placeholder of snippet `index`. */
export function snippetPlaceholder(index: number): string {
  return `\uE000${index}\uE001`;
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const ALONE = /^\s*\uE000(\d+)\uE001\s*$/;

/** Installs the snippets rule on `md`. */
export function snippetsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'snippets', (state) => {
    const snippets = asEnv(state.env).snippets;
    if (!snippets || snippets.length === 0) return;
    const fill = (text: string) => text.replace(PLACEHOLDER, (whole, n: string) => snippets[Number(n)] ?? whole);
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') {
        token.content = fill(token.content);
      } else if (token.type === 'inline' && token.children) {
        const alone = ALONE.exec(token.content);
        if (alone && tokens[i - 1]?.type === 'paragraph_open' && tokens[i + 1]?.type === 'paragraph_close') {
          tokens.splice(i - 1, 3, block(state, snippets[Number(alone[1])] ?? '', tokens[i - 1]!));
          i--;
          continue;
        }
        token.children = token.children.flatMap((child) => inline(state, child, snippets, fill));
      }
    }
  });
}

function block(state: StateCore, html: string, paragraph: Token): Token {
  const token = new state.Token('html_block', '', 0);
  token.content = `${html}\n`;
  token.map = paragraph.map;
  token.block = true;
  return markGenerated(token);
}

function inline(state: StateCore, child: Token, snippets: readonly string[], fill: (text: string) => string): Token[] {
  if (child.type === 'code_inline' || child.type === 'html_inline') {
    child.content = fill(child.content);
    return [child];
  }
  if (child.type !== 'text' || !child.content.includes('\uE000')) return [child];
  const out: Token[] = [];
  let last = 0;
  for (const match of child.content.matchAll(PLACEHOLDER)) {
    if (match.index > last) out.push(text(state, child.content.slice(last, match.index)));
    const html = new state.Token('html_inline', '', 0);
    html.content = snippets[Number(match[1])] ?? match[0];
    out.push(markGenerated(html));
    last = match.index + match[0].length;
  }
  if (last < child.content.length) out.push(text(state, child.content.slice(last)));
  return out;
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}
