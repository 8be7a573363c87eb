/**
 * GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` becomes a callout of that kind (the same box as `::: note`), in native
 * and kramdown posts alike. Anything else on the marker's line, or an unknown marker, leaves the
 * quote a quote, as GitHub does.
 * Depends on: inline parsing (runs after `inline`, on the quote's first paragraph).
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** The alert kinds and the title each shows. */
export const ALERT_KINDS: Readonly<Record<string, string>> = {
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
};

const MARKER = /^\[!(note|tip|important|warning|caution)\]$/i;

/** Installs the alert rule on `md`. */
export function alertsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'alerts', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.type !== 'blockquote_open' || tokens[i + 1]?.type !== 'paragraph_open') continue;
      const inline = tokens[i + 2]!;
      const kind = takeMarker(inline);
      if (!kind) continue;
      open.type = 'alert_open';
      open.meta = { ...(open.meta as object | null), kind };
      const close = findClose(tokens, i);
      if (close) close.type = 'alert_close';
      // The marker alone in its paragraph: the paragraph goes (kramdown and CommonMark keep it otherwise).
      if ((inline.children ?? []).length === 0) tokens.splice(i + 1, 3);
    }
  });
  md.renderer.rules['alert_open'] = (tokens, idx) => {
    const kind = (tokens[idx]!.meta as { kind: string }).kind;
    return `<div class="callout callout-${kind}" role="note">\n<p class="callout-title">${ALERT_KINDS[kind]}</p>\n`;
  };
  md.renderer.rules['alert_close'] = () => '</div>\n';
}

/** The kind named by the first line of `inline` (removed from it), or undefined. */
function takeMarker(inline: Token): string | undefined {
  const children = inline.children ?? [];
  const lineEnd = children.findIndex((t) => t.type === 'softbreak' || t.type === 'hardbreak');
  const first = lineEnd === -1 ? children : children.slice(0, lineEnd);
  if (first.some((t) => t.type !== 'text')) return undefined;
  const match = MARKER.exec(
    first
      .map((t) => t.content)
      .join('')
      .trim(),
  );
  if (!match) return undefined;
  inline.children = lineEnd === -1 ? [] : children.slice(lineEnd + 1);
  return match[1]!.toLowerCase();
}

function findClose(tokens: Token[], openIndex: number): Token | undefined {
  let depth = 0;
  for (let j = openIndex; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'blockquote_open' || t.type === 'alert_open') depth++;
    else if (t.type === 'blockquote_close' && --depth === 0) return t;
  }
  return undefined;
}
