/** renderPost: Markdown body of a Post → RenderedPost (HTML, excerpt, toc, features, diagnostics). */
import type Token from 'markdown-it/lib/token.mjs';
import type { ExcerptFeatures, Post, RenderedPost } from '../types.js';
import type MarkdownIt from 'markdown-it';
import { createEnv, type MarkdownEnv } from './env.js';
import type { CodeHighlighter } from './highlighter.js';
import type { MarkdownSet } from './renderer.js';
import { needsFallback, renderFallbacks } from './math/fallback-pass.js';
import { mathState } from './plugins/math.js';
import { collectFenceLanguages, needsHighlighter } from './plugins/code.js';
import { hasTabs } from './tabs.js';
import { countWords } from './word-count.js';
import { pluginFailure, type SiteCode } from './plugin-table.js';

/**
 * renderPost for a site with its own markdown-it plugins (`code` says where their code is): a plugin
 * that throws fails this post with an error naming the plugin's line, and the build goes on.
 */
export async function renderSitePost(
  post: Post,
  markdown: MarkdownSet,
  highlighter: CodeHighlighter,
  code: SiteCode | undefined,
): Promise<RenderedPost> {
  if (!code) return renderPost(post, markdown, highlighter);
  try {
    return await renderPost(post, markdown, highlighter);
  } catch (error) {
    return pluginFailure(post, error, code);
  }
}

/**
 * Parses, loads the code grammars the post needs, then renders synchronously.
 * markdown-it cannot await inside a render, hence the split.
 */
export async function renderPost(
  post: Post,
  markdown: MarkdownSet,
  highlighter: CodeHighlighter,
): Promise<RenderedPost> {
  const md = markdown.forProfile(post.profile);
  const env = createEnv(post.source.relPath, post.source.text, post.bodyLine, post.lineMap, post.snippets);
  await markdown.libraries.prepare(post.body);
  const tokens = md.parse(post.body, env);
  // Starts Shiki on the first post with code; a post without code never waits for it.
  if (needsHighlighter(tokens)) await highlighter.loadLanguages(collectFenceLanguages(tokens));
  if (needsFallback(env)) await renderFallbacks(env, markdown.mathFallback);
  const html = md.renderer.render(tokens, md.options, env);
  addTocHtml(env, md);
  const feedHtml = md.renderer.render(tokens, md.options, { ...env, output: 'feed' });
  // As in Hugo, the author's `<!--more-->` wins over a front matter summary.
  const excerpt =
    post.summary && !env.excerpt?.divider
      ? await renderSummary(post, post.summary, { md, markdown, highlighter, diagrams: env.diagrams })
      : renderExcerpt(env.excerpt ? tokens.slice(env.excerpt.start, env.excerpt.end) : [], env, md, !!env.excerpt);
  return {
    post,
    html,
    excerptHtml: excerpt.html,
    feedHtml,
    feedExcerptHtml: excerpt.feedHtml,
    words: countWords(tokens),
    toc: env.toc,
    links: env.links,
    excerptFeatures: excerpt.features,
    diagrams: env.diagrams,
    features: {
      math: env.features.math,
      mermaid: env.features.mermaid,
      languages: [...env.features.languages].sort(),
      code: env.features.code,
      ...(hasTabs(tokens) ? { tabs: true } : {}),
      ...(mathState(env).fallbacks > 0 ? { mathFallbacks: mathState(env).fallbacks } : {}),
      // Known here, and cached with the post, so that a warm build's images stage reads no post's HTML.
      ...(html.includes('<img') || feedHtml.includes('<img') ? { images: true } : {}),
    },
    diagnostics: dedupe([...env.diagnostics, ...excerpt.diagnostics]),
  };
}

/** An excerpt's HTML for pages and for feeds, what it needs on a list page, and its own problems. */
interface Excerpt {
  html: string;
  feedHtml: string;
  features: ExcerptFeatures;
  diagnostics: MarkdownEnv['diagnostics'];
}

/** The excerpt from the body's own tokens (`present`: the body has one). */
function renderExcerpt(tokens: Token[], env: MarkdownEnv, md: MarkdownIt, present: boolean): Excerpt {
  return {
    html: present ? md.renderer.render(tokens, md.options, { ...env, output: 'excerpt' }) : '',
    feedHtml: present ? md.renderer.render(tokens, md.options, { ...env, output: 'feed' }) : '',
    features: excerptFeaturesOf(tokens, env),
    diagnostics: [],
  };
}

/**
 * The excerpt from the front matter's summary: Markdown of its own, with its problems at its key's
 * line. Its diagrams join the body's list (`diagrams`), numbered after them, for the diagrams stage.
 */
async function renderSummary(
  post: Post,
  summary: NonNullable<Post['summary']>,
  using: { md: MarkdownIt; markdown: MarkdownSet; highlighter: CodeHighlighter; diagrams: MarkdownEnv['diagrams'] },
): Promise<Excerpt> {
  const { md, markdown, highlighter } = using;
  const env: MarkdownEnv = {
    ...createEnv(post.source.relPath, post.source.text, summary.line),
    diagrams: using.diagrams,
  };
  await markdown.libraries.prepare(summary.text);
  const tokens = md.parse(summary.text, env);
  if (needsHighlighter(tokens)) await highlighter.loadLanguages(collectFenceLanguages(tokens));
  if (needsFallback(env)) await renderFallbacks(env, markdown.mathFallback);
  return { ...renderExcerpt(tokens, env, md, true), diagnostics: env.diagnostics };
}

/**
 * What the excerpt alone needs, from the tokens the plugins marked: the formulas the math pass
 * rendered, and the blocks the code renderer highlighted (it keeps each one's HTML on the token).
 */
function excerptFeaturesOf(tokens: readonly Token[], env: MarkdownEnv): ExcerptFeatures {
  const formulas = new Set(mathState(env).formulas);
  const all = tokens.flatMap((t) => [t, ...(t.children ?? [])]);
  return {
    math: all.some((t) => formulas.has(t)),
    // Diagrams are placeholders until the diagrams stage, which knows which ones need the client bundle.
    mermaid: false,
    code: all.some((t) => t.type === 'code_block' || (t.type === 'fence' && hasCodeHtml(t))),
    tabs: hasTabs(tokens),
  };
}

function hasCodeHtml(token: Token): boolean {
  return (token.meta as { codeHtml?: string } | null)?.codeHtml !== undefined;
}

/** Headings with formulas get their rendered HTML in the table of contents (links and footnote marks left out). */
function addTocHtml(env: MarkdownEnv, md: MarkdownIt): void {
  env.toc.forEach((entry, i) => {
    const children = env.tocHeadings[i]?.children ?? [];
    if (!children.some((t) => t.type === 'math_inline')) return;
    const shown = children.filter(
      (t) => !/^(link_open|link_close|footnote_ref|kramdown_footnote_ref|math_ref)$/.test(t.type),
    );
    entry.html = md.renderer.renderInline(shown, md.options, { ...env, output: 'excerpt' });
  });
}

// Rendering the excerpt again repeats its diagnostics; keep each once.
function dedupe<T extends { message: string; location?: { line?: number; column?: number } }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((d) => {
    const key = `${d.location?.line}:${d.location?.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
