/**
 * The diagrams stage: every diagram and widget of the build is found in the cache or drawn (draw.ts),
 * and each post's placeholders are replaced by inline SVG (or a widget's HTML), by markup for the
 * client-side mermaid renderer, or by the escaped source with a diagnostic (a syntax error, a
 * library's refusal, a diagram over the size limit, or one over the time limit).
 */
import type { ProgressReport } from '../core/progress.js';
import type { SiteConfig } from '../config/schema.js';
import type { DiagnosticBag } from '../core/diagnostics.js';
import { DIAGRAM_PLACEHOLDER } from '../markdown/plugins/diagrams.js';
import type { DiagramRef, RenderedPost } from '../types.js';
import {
  INTERACTIVE_LIBRARIES,
  type InteractiveKind,
  interactiveKinds,
  widgetSourceScript,
} from '../widgets/interactive.js';
import { hasCaption, numberAlgorithm } from '../widgets/pseudocode.js';
import type { DiagramCacheEntry } from './cache.js';
import { drawMissing } from './draw.js';
import type { EarlyDrawing } from './early.js';
import { clientFigure, errorFigure, feedFigure, feedSourceFigure, svgFigure } from './html.js';
import { sha256 } from '../core/hash.js';
import { diagramKey, renderId } from './key.js';
import { entryProblem, problemSubject, reportProblem, sizeProblem, type DiagramProblem } from './problems.js';

/** What the stage needs besides the posts. */
export interface DiagramStageOptions {
  config: SiteConfig;
  siteDir: string;
  /** Mermaid theme names for the light and dark renderings. */
  themes: { light: string; dark: string };
  /** Browser discovery; replaceable so tests can simulate a machine without a browser. */
  findBrowser?: (configured: string | undefined) => Promise<string | undefined>;
  /** Told how many of the diagrams to draw are drawn. */
  progress?: ProgressReport;
  /** Diagrams drawn while the posts were rendered: taken as drawn here (see early.ts). */
  early?: EarlyDrawing;
}

/** What the stage did, for the build report and tests. */
export interface DiagramStats {
  total: number;
  /** Distinct diagrams taken from the cache. */
  cached: number;
  /** Distinct diagrams rendered in the browser during this build (a syntax error counts; a time-out does not). */
  rendered: number;
  /** Diagram occurrences left to the client-side renderer. */
  client: number;
  browserLaunched: boolean;
}

/** Renders the diagrams of `posts`; returns the posts with their placeholders filled. */
export async function renderDiagrams(
  posts: readonly RenderedPost[],
  options: DiagramStageOptions,
  bag: DiagnosticBag,
): Promise<{ posts: RenderedPost[]; stats: DiagramStats }> {
  const stats: DiagramStats = { total: 0, cached: 0, rendered: 0, client: 0, browserLaunched: false };
  const keyOf = diagramKey(options.themes);
  const keys = posts.map((post) => post.diagrams.map((d) => keyOf(d)));
  stats.total = keys.reduce((n, k) => n + k.length, 0);
  if (stats.total === 0) return { posts: [...posts], stats };

  const entries = new Map<string, DiagramCacheEntry>();
  // Problems found before or instead of a rendering: too large to try, or over the time limit.
  const problems = new Map<string, DiagramProblem>();
  const sources = new Map<string, DiagramRef>();
  for (const [p, post] of posts.entries()) for (const [i, d] of post.diagrams.entries()) sources.set(keys[p]![i]!, d);
  for (const [key, diagram] of sources) {
    const problem = diagram.kind === 'mermaid' ? sizeProblem(diagram.source) : undefined;
    if (problem) problems.set(key, problem);
  }
  await drawMissing(sources, { ...options, keyId: renderId }, { entries, problems, stats, bag });

  // A diagram used more than once in the build gets fresh ids each time, so no page repeats an id.
  const seen = new Map<string, number>();
  const result = posts.map((post, p) => {
    // A post without diagrams is left as it is: its HTML (which a warm build reads from the cache
    // only when asked for) is not even looked at.
    if (post.diagrams.length === 0 && !post.features.mermaid && !post.excerptFeatures.mermaid) return post;
    let needsClient = false;
    /** Diagrams (by index) left to the client bundle. */
    const clientDrawn = new Set<number>();
    // Charts the site or the post asks to be interactive carry their source for the loader.
    const interactive = post.diagrams.some((d) => Object.hasOwn(INTERACTIVE_LIBRARIES, d.kind))
      ? interactiveKinds(options.config.widgets.interactive, post.post.meta.data['interactive'])
      : undefined;
    const live = new Set<InteractiveKind>();
    /** Captioned algorithms so far in this post: each is numbered, as the reader's page numbers them. */
    let algorithms = 0;
    /** Figures (by index) with formulas: their page loads KaTeX's style sheet. */
    const withMath = new Set<number>();
    const figures = post.diagrams.map((diagram, i): { page: string; feed: string } => {
      const key = keys[p]![i]!;
      const entry = entries.get(key);
      const problem = problems.get(key) ?? (entry && !entry.ok ? entryProblem(diagram.kind, entry) : undefined);
      if (problem) {
        const report = reportProblem(problem, diagram.source);
        bag.add({
          severity: 'warning',
          code: report.code,
          message: report.message,
          location: { file: post.post.source.relPath, line: diagram.line + report.line, column: report.column },
          sourceText: post.post.source.text,
        });
        const figure = errorFigure(diagram.source, report.caption, problemSubject(diagram.kind));
        return { page: figure, feed: figure };
      }
      if (!entry?.ok) {
        needsClient = true;
        clientDrawn.add(i);
        stats.client++;
        return { page: clientFigure(diagram.source), feed: feedSourceFigure(diagram.source) };
      }
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const base = renderId(diagram.kind, key);
      const id = n === 1 ? base : `${base}-${n}`;
      let unique = (svg: string) => (n === 1 ? svg : svg.split(base).join(id));
      // Formulas (pseudocode's) and TeX's fonts (TikZ's, drawn with KaTeX's) need KaTeX's style sheet.
      if (/class="katex"|font-family="KaTeX_/.test(entry.light)) withMath.add(i);
      if (diagram.kind === 'pseudocode') {
        if (hasCaption(entry.light)) {
          const number = ++algorithms;
          const plain = unique;
          unique = (html) => numberAlgorithm(plain(html), number);
        }
      }
      const liveKind = interactive?.has(diagram.kind as InteractiveKind)
        ? (diagram.kind as InteractiveKind)
        : undefined;
      const source = liveKind ? widgetSourceScript(liveKind, diagram.source, options.config.widgets.map_tiles) : '';
      if (liveKind && source) live.add(liveKind);
      return {
        page: svgFigure(unique(entry.light), unique(entry.dark), diagram.kind, source),
        feed: feedFigure(unique(entry.light), id, diagram.kind),
      };
    });
    const fill = (html: string, kind: 'page' | 'feed') =>
      html.replace(DIAGRAM_PLACEHOLDER, (_, i: string) => figures[Number(i)]?.[kind] ?? '');
    // The post's own properties as they are: HTML a warm build takes from the cache is read from it
    // only when asked for, and copying a value would ask.
    const filled: RenderedPost = Object.defineProperties({} as RenderedPost, Object.getOwnPropertyDescriptors(post));
    Object.assign(filled, {
      // Formulas in a figure (pseudocode's) need KaTeX's style sheet where the figure is shown.
      features: {
        ...post.features,
        mermaid: needsClient,
        ...(withMath.size > 0 ? { math: true } : {}),
        ...(live.size > 0 ? { widgets: [...live].sort() } : {}),
      },
      excerptFeatures: {
        ...post.excerptFeatures,
        ...(withMath.size > 0 &&
        [...post.excerptHtml.matchAll(DIAGRAM_PLACEHOLDER)].some((m) => withMath.has(Number(m[1])))
          ? { math: true }
          : {}),
        mermaid:
          clientDrawn.size > 0 &&
          [...post.excerptHtml.matchAll(DIAGRAM_PLACEHOLDER)].some((m) => clientDrawn.has(Number(m[1]))),
      },
      figuresDigest: sha256(JSON.stringify(figures)),
    });
    // Each HTML text is filled when first read: a warm build keeps the pages of most posts, and then
    // never reads their HTML back from the cache.
    for (const [field, kind] of FILLED_FIELDS) {
      let value: string | undefined;
      Object.defineProperty(filled, field, {
        enumerable: true,
        configurable: true,
        get: () => (value ??= fill(post[field], kind)),
      });
    }
    return filled;
  });
  return { posts: result, stats };
}

/** The HTML texts of a post the stage fills, and with which rendering of the figures. */
const FILLED_FIELDS = [
  ['html', 'page'],
  ['excerptHtml', 'page'],
  ['feedHtml', 'feed'],
  ['feedExcerptHtml', 'feed'],
] as const;
