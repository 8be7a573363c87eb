/**
 * The second half of math rendering: formulas KaTeX refused during parsing are given to the MathJax
 * fallback (imported only now, and only when such a formula exists). A warning is given only when
 * MathJax refuses the formula too; it then stays shown as its source.
 */
import { reportAt, type MarkdownEnv } from '../env.js';
import { mathState } from '../plugins/math.js';
import type { MathFallbackLoader } from './fallback.js';

/** Definitions that a formula rendered by KaTeX may make, which MathJax must see before later formulas. */
const DEFINES =
  /\\(?:(?:re)?newcommand|providecommand|def|gdef|let|DeclareMathOperator|newenvironment|renewenvironment)(?![A-Za-z])/;

/** True when the post left formulas for the fallback. */
export function needsFallback(env: MarkdownEnv): boolean {
  return mathState(env).pending.length > 0;
}

/** Renders the post's pending formulas with MathJax, in order, with the definitions made before each. */
export async function renderFallbacks(env: MarkdownEnv, loader: MathFallbackLoader): Promise<void> {
  const math = mathState(env);
  if (math.pending.length === 0) return;
  const session = (await loader.load()).startPost(math.macros);
  let next = 0;
  for (const pending of math.pending) {
    for (; next < pending.index; next++) {
      const earlier = math.formulas[next]!;
      if (DEFINES.test(earlier.content))
        session.define((earlier.meta as { mathjaxTex?: string }).mathjaxTex ?? earlier.content);
    }
    next = pending.index + 1;
    const token = math.formulas[pending.index]!;
    const meta = token.meta as { display: boolean; mathjaxTex?: string; html?: string; mathml?: string };
    try {
      const out = session.render(meta.mathjaxTex ?? token.content, meta.display);
      meta.html = out.html;
      meta.mathml = out.mathml;
      math.fallbacks += 1;
    } catch (error) {
      reportAt(
        env,
        'warning',
        'math',
        `${pending.message} (MathJax refuses it too: ${(error as Error).message})`,
        pending.line0,
        pending.column,
      );
    }
  }
}
