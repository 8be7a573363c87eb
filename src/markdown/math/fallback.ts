/**
 * The MathJax fallback: a formula KaTeX refuses is rendered at build time by MathJax 3 (mathjax-full,
 * the engine al-folio and most Jekyll blogs load in the reader's browser) to SVG, with its MathML
 * beside it for screen readers and feeds. MathJax is imported only when some formula needs it, so a
 * build without fallbacks pays nothing. SVG needs no web fonts and draws in `currentColor`, so it
 * follows the page's light or dark text colour.
 */
import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';

/** A rendered formula: HTML for pages, MathML for feeds. */
export interface FallbackOutput {
  html: string;
  mathml: string;
}

/** MathJax for the formulas of one post: `\newcommand` and friends last to the end of the post. */
export interface FallbackSession {
  /** Runs a formula only for the definitions it makes (one KaTeX already rendered); errors are ignored. */
  define(tex: string): void;
  /** Renders TeX; throws an Error with MathJax's message when MathJax refuses it too. */
  render(tex: string, display: boolean): FallbackOutput;
}

/** MathJax, loaded. */
export interface MathFallback {
  /** A session with `macros` (names without the backslash) defined, as `math.macros` gives them. */
  startPost(macros: Record<string, string>): FallbackSession;
}

/** Loads MathJax once, on first use. One per markdown stage (build, worker or dev server). */
export interface MathFallbackLoader {
  load(): Promise<MathFallback>;
}

/**
 * MathJax's TeX packages, as its browser components give them (which autoload these on use), but
 * without `noundefined` and `noerrors`: an unknown macro or a TeX error must fail here, so that the
 * author gets a warning instead of a red formula. `textmacros` stays out as in MathJax's defaults
 * (with it, `\text{a_b}` is an error), and `bussproofs` needs a second pass MathJax runs in browsers only.
 */
const LEFT_OUT = new Set(['noundefined', 'noerrors', 'textmacros', 'bussproofs']);

/** A loader that imports MathJax the first time `load` is called. */
export function createMathFallbackLoader(): MathFallbackLoader {
  let loading: Promise<MathFallback> | undefined;
  return {
    load: () => (loading ??= loadMathJax()),
  };
}

/** MathJax's MathML with the TeX as an annotation, as KaTeX writes it (screen readers and feed readers can show it). */
function withTexAnnotation(mathml: string, tex: string): string {
  const open = /^<math[^>]*>/.exec(mathml);
  if (!open || !mathml.endsWith('</math>')) return mathml;
  const inner = mathml.slice(open[0].length, -'</math>'.length);
  const escaped = tex.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${open[0]}<semantics><mrow>${inner}</mrow><annotation encoding="application/x-tex">${escaped}</annotation></semantics></math>`;
}

async function loadMathJax(): Promise<MathFallback> {
  const [
    { mathjax },
    { TeX },
    { SVG },
    { liteAdaptor },
    { RegisterHTMLHandler },
    { AllPackages },
    { STATE },
    { SerializedMmlVisitor },
    { SafeHandler },
  ] = await Promise.all([
    import('mathjax-full/js/mathjax.js'),
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html.js'),
    import('mathjax-full/js/input/tex/AllPackages.js'),
    import('mathjax-full/js/core/MathItem.js'),
    import('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js'),
    import('mathjax-full/js/ui/safe/SafeHandler.js'),
  ]);
  const adaptor: LiteAdaptor = liteAdaptor();
  // MathJax's "safe" extension, as for KaTeX's limited trust: no javascript: links from `\href`, ids
  // only of MathJax's own form (`mjx-…`, the equation anchors), classes and styles filtered.
  SafeHandler(RegisterHTMLHandler(adaptor));
  const packages = AllPackages.filter((p: string) => !LEFT_OUT.has(p));
  const visitor = new SerializedMmlVisitor();
  return {
    startPost(macros) {
      // A document per post: MathJax keeps `\newcommand` definitions for the document's life.
      const tex = new TeX({
        packages,
        macros: Object.fromEntries(Object.entries(macros).map(([name, body]) => [name.replace(/^\\/, ''), body])),
        formatError: (_jax: unknown, error: Error) => {
          throw error;
        },
      });
      const doc: MathDocument<unknown, unknown, unknown> = mathjax.document('', {
        InputJax: tex,
        OutputJax: new SVG({ fontCache: 'none' }),
        safeOptions: { idPattern: /^mjx-[-a-zA-Z0-9_.:]+$/ },
      });
      return {
        define(source) {
          try {
            tex.reset();
            doc.convert(source, { display: true, end: STATE.CONVERT });
          } catch {
            // Only its definitions matter here; KaTeX rendered it already.
          }
        },
        render(written, display) {
          // Every package `\require` could ask for is loaded already (and MathJax's loader is not there in Node).
          const source = written.replace(/\\require\{[^}]*\}/g, '');
          // inkstone numbers and links equations itself: MathJax's own label table starts empty each
          // time (the formula is converted twice, for SVG and for MathML, and a label may not repeat).
          tex.reset();
          const svg = adaptor.outerHTML(doc.convert(source, { display }) as never);
          tex.reset();
          const mathml = withTexAnnotation(
            visitor.visitTree(doc.convert(source, { display, end: STATE.CONVERT }) as never),
            source,
          );
          const kind = display ? 'math-fallback math-fallback-display' : 'math-fallback';
          return {
            html: `<span class="${kind}"><span class="katex-mathml">${mathml}</span><span class="math-fallback-svg" aria-hidden="true">${svg}</span></span>`,
            mathml,
          };
        },
      };
    },
  };
}
