/**
 * Shiki, set up once per build: the JavaScript regex engine (fast start), a light and a dark
 * theme rendered into one output through CSS variables, and grammars loaded on demand.
 */
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

/** The light and dark Shiki themes of a site theme. */
export interface CodeThemes {
  light: string;
  dark: string;
}

/** Highlights code synchronously once its languages are loaded. */
export interface CodeHighlighter {
  /** Loads the grammars of `languages` that Shiki knows; unknown names are ignored here. */
  loadLanguages(languages: Iterable<string>): Promise<void>;
  /** True when Shiki has a grammar for `language` (or an alias of one). */
  isKnown(language: string): boolean;
  /** HTML for `code`; `language` must be loaded, or `text` for plain code. */
  highlight(code: string, language: string): string;
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
  return {
    isKnown,
    async loadLanguages(languages) {
      const loaded = new Set(shiki.getLoadedLanguages());
      const wanted = [...new Set(languages)].filter((l) => isKnown(l) && !loaded.has(l)) as BundledLanguage[];
      if (wanted.length > 0) await shiki.loadLanguage(...wanted);
    },
    highlight(code, language) {
      return shiki.codeToHtml(code, {
        lang: language,
        themes: { light: themes.light, dark: themes.dark },
        defaultColor: 'light',
      });
    },
    dispose() {
      shiki.dispose();
    },
  };
}
