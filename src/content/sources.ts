/** Rules every post source must pass before it is read as a post, shared by the build and the dev server. */
import { escapesRoot } from '../core/containment.js';
import type { Diagnostic, DiagnosticBag } from '../core/diagnostics.js';
import type { SourceFile } from '../types.js';

/** The sources that lie inside `siteDir`; each symbolic link to a file outside it is an error in `bag`. */
export async function keepContainedSources(
  siteDir: string,
  sources: readonly SourceFile[],
  bag: DiagnosticBag,
): Promise<SourceFile[]> {
  const escaping = await Promise.all(sources.map((source) => escapesRoot(siteDir, source.absPath)));
  sources.forEach((source, i) => {
    if (escaping[i])
      bag.add({
        severity: 'error',
        code: 'symlink',
        message: 'this post is a symbolic link to a file outside the site, so it is not read',
        location: { file: source.relPath },
      });
  });
  return sources.filter((_, i) => !escaping[i]);
}

/** The warning of a site without posts. */
export function noPostsWarning(): Diagnostic {
  return {
    severity: 'warning',
    code: 'no-posts',
    message: 'no posts found: add Markdown files to posts/ (or _posts/)',
    location: { file: 'posts/' },
  };
}
