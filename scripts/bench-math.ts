/**
 * `npm run bench:math`: what the MathJax fallback costs, next to KaTeX in the same run.
 * - loading: importing MathJax and starting a document (paid once per build that needs it);
 * - per formula: the fallback corpus (test/fixtures/math/fallback-corpus.json: formulas KaTeX refuses)
 *   through MathJax, and as the baseline the formulas of the kramdown corpus through KaTeX; each set is
 *   run once to warm up, then timed over three more runs (median);
 * - page weight: bytes of HTML per formula, each way. The fallback's SVG needs no fonts; KaTeX's CSS
 *   and fonts (about 285 KB) are shared by the site and cached by browsers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import katex from 'katex';
import { createMathFallbackLoader } from '../src/markdown/math/fallback.js';

interface Formula {
  tex: string;
  display: boolean;
}
const root = new URL('../test/fixtures/', import.meta.url);
const fallbackCorpus = JSON.parse(readFileSync(new URL('math/fallback-corpus.json', root), 'utf8')) as Formula[];
const casesDir = new URL('kramdown/cases/', root);
const katexCorpus: Formula[] = readdirSync(casesDir)
  .flatMap((name) =>
    [...readFileSync(new URL(name, casesDir), 'utf8').matchAll(/\$\$([\s\S]+?)\$\$/g)].map((m) => ({
      tex: m[1]!.trim(),
      display: true,
    })),
  )
  .filter((f) => {
    try {
      katex.renderToString(f.tex, { displayMode: true, throwOnError: true, strict: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });

const t0 = performance.now();
const mathjax = await createMathFallbackLoader().load();
mathjax.startPost({}).render('x', false);
const loadMs = performance.now() - t0;

/** Median time per formula over three runs after a warm-up, and bytes per formula. */
function measure(formulas: Formula[], render: (f: Formula) => string): { ms: number; bytes: number } {
  const once = () => {
    const start = performance.now();
    let bytes = 0;
    for (const f of formulas) bytes += render(f).length;
    return { ms: (performance.now() - start) / formulas.length, bytes: bytes / formulas.length };
  };
  once();
  const runs = [once(), once(), once()].sort((a, b) => a.ms - b.ms);
  return runs[1]!;
}

// One MathJax document per run, as a build makes one per post that needs it.
let session = mathjax.startPost({});
const fallback = measure(fallbackCorpus, (f) => session.render(f.tex, f.display).html);
session = mathjax.startPost({});
const baseline = measure(katexCorpus, (f) =>
  katex.renderToString(f.tex, { displayMode: f.display, throwOnError: true, strict: 'ignore' }),
);

const rows: Array<[string, string, string]> = [
  ['MathJax load (once per build that needs it)', `${loadMs.toFixed(0)} ms`, ''],
  [
    `MathJax fallback, ${fallbackCorpus.length} formulas`,
    `${fallback.ms.toFixed(2)} ms/formula`,
    `${fallback.bytes.toFixed(0)} bytes/formula`,
  ],
  [
    `KaTeX, ${katexCorpus.length} formulas (baseline)`,
    `${baseline.ms.toFixed(2)} ms/formula`,
    `${baseline.bytes.toFixed(0)} bytes/formula`,
  ],
  [
    'fallback / KaTeX',
    `${(fallback.ms / baseline.ms).toFixed(1)}×`,
    `${(fallback.bytes / baseline.bytes).toFixed(1)}×`,
  ],
];
for (const [what, time, size] of rows) console.log(`${what.padEnd(48)} ${time.padEnd(18)} ${size}`);
