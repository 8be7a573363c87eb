/**
 * Shiki, set up once per build: the JavaScript regex engine (fast start), a light and a dark
 * theme rendered into one output through CSS variables, and grammars loaded on demand. Shiki itself
 * is imported on the first post with code (`loadLanguages`): a site without code never loads it.
 * Each line of a block is tokenised once for both themes (`singlePassPrimitive`), and a block without
 * transformers is written to HTML straight from its tokens (`tokensToHtml`); the HTML is Shiki's, byte
 * for byte (test/markdown/highlighter.test.ts).
 */
import type { BundledLanguage, ShikiTransformer, ThemedToken, TokensResult } from 'shiki';
import { singlePassPrimitive, TooDeepError } from './single-pass.js';

/** The light and dark Shiki themes of a site theme. */
export interface CodeThemes {
  light: string;
  dark: string;
}

/** How one block is shown besides its colours. */
export interface HighlightOptions {
  /** 1-based lines to emphasise (`{1,3-5}` in a fence's info string). */
  highlightLines?: readonly number[];
  /** Number the lines (`linenos`): CSS draws the numbers, so copying the code never copies them. */
  lineNumbers?: boolean;
  /** Called when the block is shown plain after all, because it nests deeper than MAX_SCOPE_DEPTH (single-pass.ts). */
  shownPlain?: (reason: string) => void;
}

/** Highlights code synchronously once its languages are loaded. */
export interface CodeHighlighter {
  /**
   * Loads the grammars of `languages` that Shiki knows; unknown names are ignored here. Starts
   * Shiki on its first call (even with no language): await it before highlighting anything.
   */
  loadLanguages(languages: Iterable<string>): Promise<void>;
  /** True when Shiki has a grammar for `language` (or an alias of one). */
  isKnown(language: string): boolean;
  /**
   * HTML for `code`; `language` must be loaded, or `text` for plain code. Comments ending in
   * `[!code ++]`, `[!code --]` or `[!code highlight]` mark added, removed or emphasised lines.
   */
  highlight(code: string, language: string, options?: HighlightOptions): string;
  dispose(): void;
}

/** Creates the build's highlighter with `themes`; Shiki starts on the first `loadLanguages`. */
export async function createCodeHighlighter(themes: CodeThemes): Promise<CodeHighlighter> {
  // Only the table of language names (no grammar, no engine), so that `isKnown` answers while posts are parsed.
  const { bundledLanguages } = await import('shiki/langs');
  const isKnown = (language: string): boolean => Object.hasOwn(bundledLanguages, language);
  let started: Shiki | undefined;
  let starting: Promise<Shiki> | undefined;
  let disposed = false;
  return {
    isKnown,
    async loadLanguages(languages) {
      starting ??= startShiki(themes);
      const shiki = await starting;
      if (disposed) return;
      started = shiki;
      await shiki.loadLanguages([...new Set(languages)].filter(isKnown) as BundledLanguage[]);
    },
    highlight(code, language, options = {}) {
      if (!started) throw new Error('the code highlighter is not started: await loadLanguages() before rendering code');
      return started.highlight(code, language, options);
    },
    dispose() {
      disposed = true;
      started = undefined;
      void starting?.then(
        (shiki) => shiki.dispose(),
        () => undefined,
      );
    },
  };
}

/** A started Shiki. */
interface Shiki {
  loadLanguages(languages: BundledLanguage[]): Promise<void>;
  highlight(code: string, language: string, options: HighlightOptions): string;
  dispose(): void;
}

async function startShiki(themes: CodeThemes): Promise<Shiki> {
  const [{ createHighlighter }, core, { createJavaScriptRegexEngine }, textmate, notation] = await Promise.all([
    import('shiki'),
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('shiki/textmate'),
    import('@shikijs/transformers'),
  ]);
  const shiki = await createHighlighter({
    themes: [themes.light, themes.dark],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  const notations = [notation.transformerNotationDiff(), notation.transformerNotationHighlight()];
  const singlePass = singlePassPrimitive(shiki.getInternalContext(), textmate.EncodedTokenMetadata);
  return {
    async loadLanguages(languages) {
      const loaded = new Set(shiki.getLoadedLanguages());
      const wanted = languages.filter((l) => !loaded.has(l));
      if (wanted.length > 0) await shiki.loadLanguage(...wanted);
    },
    highlight(code, language, options) {
      const transformers: ShikiTransformer[] = [];
      // The notation transformers walk every line; most blocks have no notation, so skip them cheaply.
      if (code.includes('[!code')) transformers.push(...notations);
      if (options.highlightLines?.length || options.lineNumbers) transformers.push(lineTransformer(options));
      const shikiOptions = {
        lang: language,
        themes: { light: themes.light, dark: themes.dark },
        defaultColor: 'light' as const,
        // A pathological line (minified code, a 40 KB array) must not hold the build: longer lines stay
        // plain. No time limit: Shiki's default (500 ms a line) cut lines short only on a busy machine,
        // so the same post gave different HTML from one build to the next; the length bound suffices.
        tokenizeMaxLineLength: MAX_HIGHLIGHTED_LINE,
        tokenizeTimeLimit: 0,
      };
      const highlightAs = (lang: string) => {
        try {
          const settings = { ...shikiOptions, lang };
          // Most blocks have no transformer: their HTML is written straight from the tokens.
          const direct =
            transformers.length === 0
              ? tokensToHtml(core.codeToTokens(singlePass.primitive, code, settings), core)
              : undefined;
          return direct ?? core.codeToHtml(singlePass.primitive, code, { ...settings, transformers });
        } finally {
          singlePass.forget();
        }
      };
      try {
        return highlightAs(language);
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        options.shownPlain?.(error.message);
        return highlightAs('text');
      }
    },
    dispose() {
      shiki.dispose();
    },
  };
}

/** Longest line Shiki highlights, in characters; the code plugin warns about longer ones. */
export const MAX_HIGHLIGHTED_LINE = 2_000;

/**
 * The HTML Shiki's `codeToHtml` gives for `result` when no transformer is used, written without its
 * intermediate HTML tree: Shiki 4's `codeToHast` (`mergeWhitespaceTokens`, then `tokensToHast`: a
 * `pre` with the themes' classes and colours, a `code`, a `span.line` per line joined by newlines, a
 * `span` per token with its style) serialised as hast-util-to-html 9 does (`&` and `<` escaped in
 * text as hexadecimal references). Undefined when an attribute would need escaping (no theme in use
 * has such a name or colour): Shiki's own path handles it. test/markdown/highlighter.test.ts compares both.
 */
function tokensToHtml(
  result: TokensResult,
  core: Pick<typeof import('shiki/core'), 'stringifyTokenStyle' | 'getTokenStyleObject'>,
): string | undefined {
  const preClass = `shiki ${result.themeName || ''}`;
  if (result.rootStyle === false) return undefined;
  const preStyle = result.rootStyle ?? `background-color:${result.bg};color:${result.fg}`;
  if (UNSAFE_IN_ATTRIBUTE.test(preClass) || UNSAFE_IN_ATTRIBUTE.test(preStyle)) return undefined;
  let html = `<pre class="${preClass}" style="${preStyle}" tabindex="0"><code>`;
  for (const [index, line] of result.tokens.entries()) {
    if (index > 0) html += '\n';
    html += '<span class="line">';
    for (const token of mergeWhitespaceTokens(line)) {
      const style = core.stringifyTokenStyle(token.htmlStyle || core.getTokenStyleObject(token));
      if (UNSAFE_IN_ATTRIBUTE.test(style)) return undefined;
      html += style ? `<span style="${style}">` : '<span>';
      html += token.content.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'));
      html += '</span>';
    }
    html += '</span>';
  }
  return `${html}</code></pre>`;
}

/** Characters hast-util-to-html escapes in a double-quoted attribute value. */
const UNSAFE_IN_ATTRIBUTE = /[\0"&'`]/;

/** Shiki 4's `mergeWhitespaceTokens` (not exported) for one line: whitespace joins the next token unless underlined or struck. */
function mergeWhitespaceTokens(line: ThemedToken[]): ThemedToken[] {
  const merged: ThemedToken[] = [];
  let carried = '';
  let firstOffset: number | undefined;
  line.forEach((token, index) => {
    const couldMerge = !(token.fontStyle && (token.fontStyle & UNDERLINE || token.fontStyle & STRIKETHROUGH));
    if (couldMerge && /^\s+$/.test(token.content) && line[index + 1]) {
      if (firstOffset === undefined) firstOffset = token.offset;
      carried += token.content;
    } else if (carried) {
      if (couldMerge) merged.push({ ...token, offset: firstOffset!, content: carried + token.content });
      else merged.push({ content: carried, offset: firstOffset! }, token);
      firstOffset = undefined;
      carried = '';
    } else merged.push(token);
  });
  return merged;
}

/** vscode-textmate's FontStyle bits. */
const UNDERLINE = 4;
const STRIKETHROUGH = 8;

/** Marks emphasised lines and numbered blocks with classes the themes style. */
function lineTransformer(options: HighlightOptions): ShikiTransformer {
  const marked = new Set(options.highlightLines ?? []);
  return {
    name: 'inkstone:lines',
    pre(node) {
      if (options.lineNumbers) {
        this.addClassToHast(node, 'line-numbers');
        // The numbers' column is as wide as the last number, the same on every line (themes read it).
        const digits = String(this.source.split('\n').length).length;
        if (digits > 2) node.properties['data-digits'] = String(Math.min(digits, 6));
      }
      if (marked.size > 0) this.addClassToHast(node, 'has-highlighted');
    },
    line(node, line) {
      if (marked.has(line)) this.addClassToHast(node, 'highlighted');
    },
  };
}
