/**
 * Shiki, set up once per build: the JavaScript regex engine (fast start), a light and a dark
 * theme rendered into one output through CSS variables, and grammars loaded on demand.
 */
import { transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import {
  bundledLanguages,
  createHighlighter,
  type BundledLanguage,
  type Highlighter,
  type ShikiTransformer,
} from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

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
}

/** Highlights code synchronously once its languages are loaded. */
export interface CodeHighlighter {
  /** Loads the grammars of `languages` that Shiki knows; unknown names are ignored here. */
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

/** Creates the build's highlighter with `themes`. */
export async function createCodeHighlighter(themes: CodeThemes): Promise<CodeHighlighter> {
  const shiki: Highlighter = await createHighlighter({
    themes: [themes.light, themes.dark],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  const isKnown = (language: string): boolean => Object.hasOwn(bundledLanguages, language);
  const notations = [transformerNotationDiff(), transformerNotationHighlight()];
  return {
    isKnown,
    async loadLanguages(languages) {
      const loaded = new Set(shiki.getLoadedLanguages());
      const wanted = [...new Set(languages)].filter((l) => isKnown(l) && !loaded.has(l)) as BundledLanguage[];
      if (wanted.length > 0) await shiki.loadLanguage(...wanted);
    },
    highlight(code, language, options = {}) {
      const transformers: ShikiTransformer[] = [];
      // The notation transformers walk every line; most blocks have no notation, so skip them cheaply.
      if (code.includes('[!code')) transformers.push(...notations);
      if (options.highlightLines?.length || options.lineNumbers) transformers.push(lineTransformer(options));
      return shiki.codeToHtml(code, {
        lang: language,
        themes: { light: themes.light, dark: themes.dark },
        defaultColor: 'light',
        transformers,
        // A pathological line (minified code, a 40 KB array) must not hold the build: longer lines stay
        // plain. No time limit: Shiki's default (500 ms a line) cut lines short only on a busy machine,
        // so the same post gave different HTML from one build to the next; the length bound suffices.
        tokenizeMaxLineLength: MAX_HIGHLIGHTED_LINE,
        tokenizeTimeLimit: 0,
      });
    },
    dispose() {
      shiki.dispose();
    },
  };
}

/** Marks emphasised lines and numbered blocks with classes the themes style. */
/** Longest line Shiki highlights, in characters; the code plugin warns about longer ones. */
export const MAX_HIGHLIGHTED_LINE = 2_000;

function lineTransformer(options: HighlightOptions): ShikiTransformer {
  const marked = new Set(options.highlightLines ?? []);
  return {
    name: 'inkstone:lines',
    pre(node) {
      if (options.lineNumbers) this.addClassToHast(node, 'line-numbers');
      if (marked.size > 0) this.addClassToHast(node, 'has-highlighted');
    },
    line(node, line) {
      if (marked.has(line)) this.addClassToHast(node, 'highlighted');
    },
  };
}
