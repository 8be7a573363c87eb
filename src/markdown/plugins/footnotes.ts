/**
 * Footnotes: owns `[^1]` references, `[^1]: text` definitions and `^[inline notes]`, parsed by
 * markdown-it-footnote, rendered here as a numbered endnote list with a back-link to each reference.
 * Depends on: nothing before it; the package places its own rules (definitions before `reference`,
 * references after `link`, the endnote list after `inline`).
 * On list pages (the excerpt) references carry no id, since several excerpts may show a note 1.
 */
import type { PluginSimple } from 'markdown-it';
import type MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type Token from 'markdown-it/lib/token.mjs';
import { asEnv } from '../env.js';

/** Installs footnote parsing and the accessible endnote renderers on `md`. */
export function footnotesPlugin(md: MarkdownIt): void {
  // The package's types describe markdown-it's CommonJS build; the function is the same.
  md.use(footnote as unknown as PluginSimple);
  const rules = md.renderer.rules;
  rules['footnote_ref'] = (tokens, idx, _options, env) => {
    const { n, ref } = noteIds(tokens[idx]!);
    const id = asEnv(env).output === 'excerpt' ? '' : ` id="fnref${ref}"`;
    return `<sup class="footnote-ref"><a href="#fn${n}"${id} role="doc-noteref" aria-label="Note ${n}">${n}</a></sup>`;
  };
  rules['footnote_block_open'] = () =>
    '<section class="footnotes" role="doc-endnotes" aria-label="Notes">\n<ol class="footnotes-list">\n';
  rules['footnote_block_close'] = () => '</ol>\n</section>\n';
  rules['footnote_open'] = (tokens, idx) => `<li id="fn${noteIds(tokens[idx]!).n}" class="footnote-item">`;
  rules['footnote_close'] = () => '</li>\n';
  rules['footnote_anchor'] = (tokens, idx) => {
    const { n, ref, subId } = noteIds(tokens[idx]!);
    const which = subId > 0 ? ` (${subId + 1})` : '';
    return ` <a href="#fnref${ref}" class="footnote-backref" role="doc-backlink" aria-label="Back to reference ${n}${which}">\u21a9\uFE0E</a>`;
  };
}

/** The note's number and the id of one of its references (`3`, or `3:1` for the second reference to note 3). */
function noteIds(token: Token): { n: number; ref: string; subId: number } {
  const meta = token.meta as { id: number; subId?: number };
  const n = meta.id + 1;
  const subId = meta.subId ?? 0;
  return { n, ref: subId > 0 ? `${n}:${subId}` : String(n), subId };
}
