/**
 * Callouts: owns `::: note`, `::: tip` and `::: warning` containers (markdown-it-container), rendered
 * as a box with `role="note"` whose first line names its kind; text after the kind replaces that
 * name (`::: warning Mind the units`). The content is ordinary Markdown.
 * Depends on: nothing; the package adds a block rule before `fence`.
 */
import type MarkdownIt from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
import container from 'markdown-it-container';
import { escapeHtml } from '../../core/html.js';

/** The callout kinds and the title each shows by default. */
export const CALLOUT_KINDS: Readonly<Record<string, string>> = { note: 'Note', tip: 'Tip', warning: 'Warning' };

// The package's types describe markdown-it's CommonJS build; this is its call signature for the ESM one.
const useContainer = container as unknown as (md: MarkdownIt, name: string, options: { render: RenderRule }) => void;

/** Installs the callout containers on `md`. */
export function calloutsPlugin(md: MarkdownIt): void {
  for (const [kind, defaultTitle] of Object.entries(CALLOUT_KINDS)) {
    useContainer(md, kind, {
      render(tokens, idx) {
        const token = tokens[idx]!;
        if (token.nesting !== 1) return '</div>\n';
        // Plain text only: rendering the title as Markdown would run the core rules on it a second time.
        const title = token.info.trim().slice(kind.length).trim() || defaultTitle;
        return `<div class="callout callout-${kind}" role="note">\n<p class="callout-title">${escapeHtml(title)}</p>\n`;
      },
    });
  }
}
