/**
 * TikZ pictures (al-folio's `<script type="text/tikz">` and ```` ```tikz ```` fences) compiled by TeX
 * in WebAssembly (node-tikzjax, as TikZJax does in the reader's browser) in a worker thread, each
 * within the diagrams' time limit: a picture over it stops the thread, and the next one starts a
 * fresh one. A picture without `\begin{document}` is wrapped in one, as TikZJax does. Black becomes
 * the page's text colour, so one drawing serves both colour schemes, and TeX's Computer Modern fonts
 * are drawn with KaTeX's (the same design), whose style sheet the page then loads.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/module-worker.js';
import { TIMED_OUT, withinTime } from '../core/time-limit.js';
import { WidgetError, WidgetTimeout } from './errors.js';
import type { WidgetRenderer, WidgetRenderOptions } from './renderer.js';
import { finishSvg } from './svg.js';
import type { TikzResponse } from './tikz-worker.js';

/** What the worker says once TeX is loaded (a picture's time limit starts after it). */
export const READY = 'ready';

/** TeX font names in node-tikzjax's SVG → the KaTeX font of the same Computer Modern design. */
const FONTS: Record<string, string> = {
  cmr: 'font-family="KaTeX_Main"',
  cmmi: 'font-family="KaTeX_Math" font-style="italic"',
  cmbx: 'font-family="KaTeX_Main" font-weight="bold"',
  cmti: 'font-family="KaTeX_Main" font-style="italic"',
  cmsy: 'font-family="KaTeX_Main"',
  cmss: 'font-family="KaTeX_SansSerif"',
  cmtt: 'font-family="KaTeX_Typewriter"',
};

/** The renderer: one worker, started on the first picture and stopped by `close`. */
export async function loadTikz(options: WidgetRenderOptions): Promise<WidgetRenderer> {
  let running: { worker: Worker; ready: Promise<void> } | undefined;
  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.worker.terminate();
  };
  // The worker says when TeX is loaded: a picture's time limit counts from there, not from the start
  // of the thread (which a busy machine makes slow, and which is not the picture's doing).
  const start = () => {
    const worker = startModuleWorker(import.meta.url, 'tikz-worker');
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (message !== READY) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the TeX worker stopped before TeX was loaded')));
    });
    return { worker, ready };
  };
  const compile = (document: string) => {
    const current = running!.worker;
    return new Promise<TikzResponse>((resolve, reject) => {
      const done = () => {
        current.off('message', onMessage);
        current.off('error', onError);
      };
      const onMessage = (response: TikzResponse) => {
        done();
        resolve(response);
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      current.on('message', onMessage);
      current.on('error', onError);
      current.postMessage({ document });
    });
  };
  const render: WidgetRenderer = async ({ id, source }) => {
    const wrapped = !/\\begin\s*\{document\}/.test(source);
    const document = wrapped ? `\\begin{document}\n${source.replace(/\n+$/, '')}\n\\end{document}\n` : source;
    running ??= start();
    await running.ready;
    const outcome = await withinTime(compile(document), options.timeoutMs);
    if (outcome === TIMED_OUT) {
      await stop();
      throw new WidgetTimeout();
    }
    // input.tex is node-tikzjax's preamble line, then the document (after our \begin{document} line).
    if (!outcome.ok) throw texError(outcome.log, outcome.message, wrapped ? 3 : 2);
    const svg = outcome.svg
      .replace(/font-family="(cm[a-z]+?)\d*"/g, (whole, name: string) => FONTS[name.replace(/\d+$/, '')] ?? whole)
      .replace(/(fill|stroke)="(?:#000|#000000|black)"/g, '$1="currentColor"')
      .replace(/^<svg\b/, '<svg fill="currentColor"');
    return { light: finishSvg(svg, { id, scheme: 'both', label: 'TikZ picture' }), dark: '' };
  };
  render.close = stop;
  return render;
}

/**
 * TeX's first error ("! Undefined control sequence.") at the source line its log names ("l.4 …"):
 * `offset` is the line of input.tex that holds the source's first line.
 */
function texError(log: string, fallback: string, offset: number): WidgetError {
  const lines = log.split('\n');
  const at = lines.findIndex((line) => line.startsWith('! '));
  if (at === -1)
    return new WidgetError(
      `TeX made no picture (${fallback.replace(/\s*Set `options\.showConsole`.*$/, '')})`,
      undefined,
      undefined,
    );
  const where = lines.slice(at).find((line) => /^l\.\d+/.test(line));
  const line = where ? Number(/^l\.(\d+)/.exec(where)![1]) - offset + 1 : undefined;
  const message = lines[at]!.slice(2).trim().replace(/\.$/, '');
  // The context line ends where TeX stopped: for an unknown command, the command itself.
  const culprit = message === 'Undefined control sequence' ? /(\\[A-Za-z@]+)\s*$/.exec(where ?? '')?.[1] : undefined;
  return new WidgetError(
    `TeX: ${message}${culprit ? ` ${culprit}` : ''}`,
    line !== undefined && line >= 1 ? line : undefined,
    undefined,
  );
}
