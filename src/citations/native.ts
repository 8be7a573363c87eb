/**
 * Citations in native posts (bodies without Liquid): each Pandoc `[@key]` (see pandoc.ts) becomes its
 * citation in place, on its own line, so the body keeps its line numbers; the cited entries follow the
 * body under "References". Runs before Markdown, on the main thread, because the bibliography is read
 * once per build and the markdown stage is cached by body. A post with no bibliography (none in the
 * site's config, none in its front matter) is left as written: `[@name]` is then just text.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Post } from '../types.js';
import { citationPartsHtml, missingCitationHtml, referencesSectionHtml } from './html.js';
import { findPandocCitations } from './pandoc.js';
import { postBibliographyFiles, type BibliographyStore } from './store.js';

/** `post`'s body with its citations rewritten and its references appended, and the problems met. */
export async function expandCitations(
  post: Post,
  store: BibliographyStore,
  siteHasBibliography: boolean,
): Promise<{ body: string; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const postFiles = postBibliographyFiles(post.meta.data['bibliography']);
  if (!siteHasBibliography && postFiles.length === 0) return { body: post.body, diagnostics };
  const citations = findPandocCitations(post.body);
  if (citations.length === 0) return { body: post.body, diagnostics };
  const bib = await store.forPost(postFiles);
  const lines = post.body.split('\n');
  const cited: string[] = [];
  const number = (key: string) => cited.indexOf(key) + 1;
  // Numbers follow the order of first citation, so keys are collected left to right before any rewrite.
  for (const citation of citations) {
    for (const part of citation.parts) {
      if (bib?.has(part.key)) {
        if (!cited.includes(part.key)) cited.push(part.key);
      } else {
        const written = lines[citation.line0]!.slice(citation.start, citation.start + citation.length);
        diagnostics.push({
          severity: 'warning',
          code: 'citation',
          message: `${written}: the key "${part.key}" is not in the bibliography`,
          location: {
            file: post.source.relPath,
            line: post.bodyLine + (post.lineMap?.[citation.line0] ?? citation.line0),
            column: part.column,
          },
          sourceText: post.source.text,
        });
      }
    }
  }
  // Right to left, so the offsets of earlier citations on a line stay valid.
  for (const citation of [...citations].reverse()) {
    const known = citation.parts.filter((p) => bib?.has(p.key));
    const unknown = citation.parts.filter((p) => !bib?.has(p.key)).map((p) => p.key);
    const html = [
      known.length > 0 && bib ? citationPartsHtml(bib, known, number) : '',
      unknown.length > 0 ? missingCitationHtml(unknown) : '',
    ]
      .filter(Boolean)
      .join(' ');
    const line = lines[citation.line0]!;
    lines[citation.line0] =
      `${line.slice(0, citation.start)}${protectFromMarkdown(html)}${line.slice(citation.start + citation.length)}`;
  }
  const body = lines.join('\n');
  if (cited.length === 0 || !bib) return { body, diagnostics };
  return { body: `${body.replace(/\n*$/, '')}\n\n${referencesSectionHtml(bib, cited)}\n`, diagnostics };
}

/**
 * Inline HTML's text is still Markdown: characters Markdown or math would read (`*`, `_`, `$`, …) in a
 * label become character references, which render as themselves.
 */
function protectFromMarkdown(html: string): string {
  return html.replace(
    />([^<]*)</g,
    (_, text: string) => `>${text.replace(/[*_`$~[\]\\|]/g, (c) => `&#${c.charCodeAt(0)};`)}<`,
  );
}
