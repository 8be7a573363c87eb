/**
 * Algorithms (```` ```pseudocode ````, the LaTeX `algorithmic` subset of pseudocode.js, as al-folio
 * writes them) rendered to HTML in Node by pseudocode.js with its formulas through our KaTeX (the
 * package is pinned to our KaTeX in package.json's `overrides`). The options are pseudocode.js's
 * defaults, which al-folio uses. Captions are numbered per post by the diagrams stage (see
 * numberAlgorithm), as the reader's page numbers them in al-folio. The colours are the theme's.
 */
import { createRequire } from 'node:module';
import { WidgetError } from './errors.js';
import type { WidgetRenderer } from './renderer.js';

interface Pseudocode {
  renderToString(source: string, options: Record<string, unknown>): string;
}

/** The caption keyword pseudocode.js writes, numbered 1 for every algorithm (see numberAlgorithm). */
const CAPTION = '<span class="ps-keyword">Algorithm 1 </span>';

/** The renderer, with pseudocode.js (and KaTeX) loaded. */
export async function loadPseudocode(): Promise<WidgetRenderer> {
  // pseudocode.js is CommonJS and finds KaTeX by `require`.
  const pseudocode = createRequire(import.meta.url)('pseudocode') as Pseudocode;
  return async ({ id, source }) => {
    let html: string;
    try {
      // captionCount 0: every algorithm is "Algorithm 1" here, whatever was rendered before.
      html = pseudocode.renderToString(source, { captionCount: 0 });
    } catch (error) {
      const message = String((error as Error).message ?? error).replace(/^(?:Error: )+/, '');
      const position = /at position (\d+)/.exec(message);
      // pseudocode.js gives the position after the token it refused: the message points at its start.
      const token = /received `(\w+)`/.exec(message)?.[1];
      let at = position ? Number(position[1]) : undefined;
      if (at !== undefined && token && source.slice(at - token.length - 1, at) === `\\${token}`) at -= token.length + 1;
      const before = at === undefined ? undefined : source.slice(0, at).split('\n');
      throw new WidgetError(
        message.replace(/ at position \d+:[\s\S]*$/, ''),
        before?.length,
        before ? (before.at(-1)?.length ?? 0) + 1 : undefined,
      );
    }
    return { light: `<div id="${id}" class="pseudocode">${html.replace(/>\n</g, '><')}</div>`, dark: '' };
  };
}

/** Algorithm `n`'s HTML: its caption numbered `n`. */
export function numberAlgorithm(html: string, n: number): string {
  return html.replace(CAPTION, `<span class="ps-keyword">Algorithm ${n} </span>`);
}

/** Whether an algorithm's HTML has a caption (and so takes a number). */
export function hasCaption(html: string): boolean {
  return html.includes(CAPTION);
}
