/** The table of contents shown beside a post: whether a post gets one, on which side, and its nesting. */
import type { TocEntry } from '../types.js';

/** One heading in the table of contents, with the headings under it. */
export interface TocItem {
  id: string;
  text: string;
  /** The heading with its formulas rendered, when it has any (marked safe by the layout). */
  html?: string;
  children: TocItem[];
}

/** A post's table of contents as layouts see it. */
export interface TableOfContents {
  /** The side of the text it sits on, on wide screens (al-folio's `toc: {sidebar: left}` picks left). */
  side: 'left' | 'right';
  /** Shown at the top of the post only, not beside it (al-folio's `toc: {beginning: true}`); absent otherwise. */
  beginning?: true;
  items: TocItem[];
}

/** Options of tableOfContents (the `toc` configuration). */
export interface TocOptions {
  /** More headings than this show a table of contents unasked; `false`: only when asked. */
  threshold: number | false;
  /** Deepest heading level listed. */
  depth: number;
}

/**
 * The table of contents of a post with headings `entries` and front matter value `asked` (`toc:`):
 * `true`, a map or a list ask for one (`{beginning: true}` at the top of the post), `false` refuses one; otherwise a post gets one when it has more
 * than `threshold` headings. Undefined when none is shown or no heading is deep enough to list.
 */
export function tableOfContents(
  entries: readonly TocEntry[],
  asked: unknown,
  options: TocOptions,
): TableOfContents | undefined {
  const listed = entries.filter((e) => e.level <= options.depth);
  if (listed.length === 0 || asked === false) return undefined;
  const wanted = asked === true || (typeof asked === 'object' && asked !== null);
  if (!wanted && (options.threshold === false || listed.length <= options.threshold)) return undefined;
  const map =
    typeof asked === 'object' && asked !== null && !Array.isArray(asked) ? (asked as Record<string, unknown>) : {};
  // al-folio: `sidebar` puts the contents beside the text; `beginning` (without `sidebar`) puts them above it.
  const beginning = map['beginning'] === true && !map['sidebar'];
  return {
    side: map['sidebar'] === 'left' ? 'left' : 'right',
    ...(beginning ? { beginning } : {}),
    items: nest(listed),
  };
}

/** Nests headings by level; a heading deeper than the one before it by several levels nests one step. */
function nest(entries: readonly TocEntry[]): TocItem[] {
  const root: TocItem[] = [];
  const stack: Array<{ level: number; item: TocItem }> = [];
  for (const entry of entries) {
    const item: TocItem = { id: entry.id, text: entry.text, ...(entry.html ? { html: entry.html } : {}), children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.item.children : root).push(item);
    stack.push({ level: entry.level, item });
  }
  return root;
}
