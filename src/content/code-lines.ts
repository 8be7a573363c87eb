/**
 * Which body lines sit inside code: fenced blocks (``` and ~~~) and `{% highlight %}` blocks. A cheap line
 * scan, not a Markdown parse: it lets the Liquid stage show unsupported Liquid verbatim inside code (where
 * Markdown escapes it) and as a code span elsewhere, and keeps the compatibility scan out of code.
 */

const OPEN_FENCE = /^(`{3,}|~{3,})([^`]*)$/;
const HIGHLIGHT_OPEN = /^\{%-?\s*(highlight|mermaid)\b/;
const HIGHLIGHT_CLOSE = /^\{%-?\s*end(highlight|mermaid)\s*-?%\}/;

/** 0-based indices of the lines of `body` that are code (the fence lines themselves included). */
export function codeLines(body: string): Set<number> {
  const lines = body.split('\n');
  const inside = new Set<number>();
  let fence: { char: string; length: number } | undefined;
  let liquidBlock = false;
  lines.forEach((raw, i) => {
    // Blockquote markers and indentation are containers; the fence starts after them.
    const line = raw.replace(/^(?:\s*>)*\s*/, '');
    if (fence) {
      inside.add(i);
      const close = /^(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      return;
    }
    if (liquidBlock) {
      inside.add(i);
      if (HIGHLIGHT_CLOSE.test(line)) liquidBlock = false;
      return;
    }
    const open = OPEN_FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      inside.add(i);
    } else if (HIGHLIGHT_OPEN.test(line)) {
      liquidBlock = true;
      inside.add(i);
    }
  });
  return inside;
}
