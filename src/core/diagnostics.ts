/** Diagnostics: problems collected across a build so that one run reports every broken post. */
import { InkstoneError, type SourceLocation } from './errors.js';
import { codeFrame } from './code-frame.js';

/**
 * Every diagnostic code inkstone emits, each with what it reports. A code is stable: it appears in
 * output as `error[code]` and in `--report-json`. Each one has a broken site under
 * test/fixtures/invalid/<code>/ that produces it.
 */
export const DIAGNOSTIC_CODES = [
  // Configuration and the command line
  /** inkstone.yml or _config.yml is unreadable, not valid YAML, or has a setting of the wrong type or value. */
  'config',
  /** The configured theme is not found in the site's themes/ nor among the built-in themes. */
  'theme',
  /** A command-line argument is unusable, e.g. a title `inkstone new` cannot make a file name from, or a bad --date. */
  'usage',
  /** `inkstone new` would overwrite a post that already exists. */
  'exists',
  // Content: the posts' files and front matter
  /** Front matter is not closed, not valid YAML, not a map, or has a field of the wrong type. */
  'front-matter',
  /** A post's date (front matter or file name) or its `updated` date is not a valid date. */
  'date',
  /** A permalink is unusable: it would leave the output directory, or its pattern is invalid. */
  'permalink',
  /** No URL slug can be derived from a post's file name, or it is a device name on Windows. */
  'slug',
  /** A post file is not valid UTF-8: the invalid bytes were replaced by U+FFFD. */
  'encoding',
  /** A post holds control characters (removed) or bidirectional controls (kept, but the text may read differently). */
  'characters',
  /** The site has no posts in posts/ (or _posts/). */
  'no-posts',
  /** A post was removed while the build read it: `inkstone build` stops, `inkstone dev` builds without it. */
  'vanished',
  /** A symbolic link in the sources points outside the site, or cannot be followed: it is skipped. */
  'symlink',
  /** Two tags or categories would be written to the same page (their slugs are equal). */
  'taxonomy',
  /** Two series would be written to the same page (their slugs are equal). */
  'series',
  // Markdown
  /** A code block names a language the highlighter does not know: shown without highlighting. */
  'code-language',
  /** A Markdown code fence is never closed: the rest of the post is shown as code. */
  'code-fence',
  /** A code block, or a line in it, is too long to highlight: shown without highlighting. */
  'code-size',
  /** A formula does not render (KaTeX and MathJax refuse it) or is too long: shown as source. */
  'math',
  /** `\eqref`/`\ref` names a label no numbered equation has. */
  'math-ref',
  /** kramdown syntax that kramdown itself would not accept (e.g. an unclosed `{::nomarkdown}`). */
  'kramdown',
  /** A notebook block or marker is malformed, or the notebook it names cannot be read. */
  'notebook',
  /** A citation key is not in the bibliography, or a bibliography file cannot be read or parsed. */
  'citation',
  // Diagrams
  /** mermaid refused a diagram's syntax: shown as source. */
  'diagram',
  /** A diagram has too many characters or edges to render: shown as source. */
  'diagram-size',
  /** A diagram took longer than `diagrams.timeout` to render: shown as source. */
  'diagram-timeout',
  /** A chart, map or diff (a widget fence) is not valid JSON or its library refused it: shown as source. */
  'widget',
  /** No browser to render diagrams at build time, or the configured one is not executable or does not start. */
  'diagram-browser',
  // Jekyll and Liquid
  /** A Liquid construct fails to parse or to render: shown as written. */
  'liquid',
  /** `{% include %}` names a file that cannot be read, has unreadable parameters, or fails to parse. */
  'liquid-include',
  /** `{% post_url %}` or `{% link %}` names no post or file of the site: the link is `#`. */
  'liquid-link',
  /** `{% file_exists %}` (or a notebook tag) names a path that cannot be looked up. */
  'liquid-file',
  /** `{% twitter %}` names no post, or not a post or profile on X. */
  'liquid-twitter',
  'shortcode',
  /** A file in _data/ is not valid YAML or JSON: site.data leaves it out. */
  'data',
  /** A post asks for comments (e.g. `giscus_comments: true`) but the site configures no comment system. */
  'comments',
  /** A post uses a `site.github` key that stays empty outside GitHub Pages. */
  'github-metadata',
  // Layouts
  /** A post or page names a layout that does not exist. */
  'layout',
  /** A layout fails to compile or to render (syntax, unclosed tags, runtime errors). */
  'template',
  /** Layouts or partials include each other in a loop. */
  'template-cycle',
  // Output
  /** The output directory is unsafe or unwritable: it is or contains the site or a source folder, or writing failed. */
  'output',
  /** Two sources would write the same output path. */
  'output-collision',
  /** A folder an earlier or this build left beside the output cannot be removed or moved back. */
  'output-leftover',
  /** The render cache in `cache_dir` cannot be written: the build goes on without it. */
  'cache',
  /** A local image of a post cannot be read or converted: the page shows the file as it is. */
  'image',
  /** The search index could not be made (Pagefind missing for this platform, or it failed): the site has no search. */
  'search',
  // inkstone check
  /** A link or image points to an address nothing is built at. */
  'link',
  /** A link's #fragment names no element id on the target page. */
  'anchor',
  /** An element id is used more than once on a page. */
  'duplicate-id',
  /** An external link failed (`inkstone check --external`): error status, refused connection or timeout. */
  'external-link',
  /** A feed or the sitemap is not well-formed or lacks an element its specification requires. */
  'feed',
  // The site's own code (inkstone.config.js and what it imports)
  /** A hook, a data function or a template filter of the site's configuration module threw. */
  'hook',
  /** A markdown-it plugin of the site's configuration module threw while rendering a post. */
  'plugin',
  // Anything else
  /** An unexpected failure (a bug): the dev server reports it and keeps running. */
  'internal',
] as const;

/** A diagnostic code: one of {@link DIAGNOSTIC_CODES}, so a misspelt code is a type error. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** How bad a diagnostic is; `--strict` promotes warnings to errors. */
export type Severity = 'error' | 'warning';

/** One reported problem, serialisable so workers and caches can carry it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable kind, e.g. `math`, `front-matter`, `code-language`. */
  code: DiagnosticCode;
  message: string;
  location?: SourceLocation;
  /** The source text the location points into, used for the code frame. */
  sourceText?: string;
}

/** Collects diagnostics for one build. Passed explicitly: there is no global sink. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.items.push(d);
  }

  /** Errors, counting warnings as errors when `strict` is set. */
  errorCount(strict: boolean): number {
    return countDiagnostics(this.items, strict).errors;
  }

  warningCount(strict: boolean): number {
    return countDiagnostics(this.items, strict).warnings;
  }

  /** Diagnostics in a stable order: by file, line, column, then message. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
}

/** How many of `diagnostics` are errors and how many warnings; under `strict` (`--strict`) every warning is an error. */
export function countDiagnostics(
  diagnostics: readonly Diagnostic[],
  strict: boolean,
): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error' || strict).length;
  return { errors, warnings: diagnostics.length - errors };
}

/**
 * A thrown error as an error diagnostic. An InkstoneError keeps its code, message and location; anything
 * else is a bug, reported as `internal` with `context` and the stack, e.g. `rebuild failed: TypeError: …`.
 */
export function diagnosticFromError(error: unknown, context = 'unexpected failure'): Diagnostic {
  if (error instanceof InkstoneError)
    return { severity: 'error', code: error.code, message: error.message, location: error.location };
  return { severity: 'error', code: 'internal', message: `${context}: ${(error as Error)?.stack ?? String(error)}` };
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** `file:line:col` (parts omitted when unknown). */
export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let out = location.file;
  if (location.line !== undefined) {
    out += `:${location.line}`;
    if (location.column !== undefined) out += `:${location.column}`;
  }
  return out;
}

/**
 * The one-line header of a diagnostic, e.g.
 * `posts/2024-05-01-x.md:14:9 error[math] Undefined control sequence \fo`.
 */
export function formatDiagnosticHeader(d: Diagnostic, strict = false): string {
  const severity = strict ? 'error' : d.severity;
  const where = formatLocation(d.location);
  return escapeControls(`${where ? `${where} ` : ''}${severity}[${d.code}] ${d.message}`);
}

/**
 * Control characters (ESC, backspace, …) and bidirectional overrides from content, made visible
 * (`\x1b`, `\u202e`): a post must not clear or recolour a terminal or a CI log through a diagnostic,
 * nor make a line read differently from what it is.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Header plus a two-line code frame when the source text is known. */
export function formatDiagnostic(d: Diagnostic, strict = false): string {
  const header = formatDiagnosticHeader(d, strict);
  const line = d.location?.line;
  if (d.sourceText === undefined || line === undefined) return header;
  const frame = codeFrame(d.sourceText, line, d.location?.column);
  return frame ? `${header}\n${escapeControls(frame)}` : header;
}
