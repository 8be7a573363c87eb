/**
 * The worker thread that runs TeX (node-tikzjax: TeX in WebAssembly, TikZ and its usual packages in
 * memory) on one picture at a time. It lives in a thread of its own so that a picture that never
 * ends (TeX can loop) is stopped by terminating the thread, and because node-tikzjax keeps state in
 * its module. TeX's log, which node-tikzjax writes with console.log, is collected for error messages.
 */
import { parentPort } from 'node:worker_threads';
import { READY } from './tikz.js';

/** A picture to compile: the full TeX document. */
export interface TikzRequest {
  document: string;
}

/** The SVG, or TeX's log when it produced no picture. */
export type TikzResponse = { ok: true; svg: string } | { ok: false; log: string; message: string };

const port = parentPort;
if (port) {
  // TeX's core dump, its WebAssembly and its files are loaded once, before the first picture.
  const loaded = import('node-tikzjax').then(async (imported) => {
    // A CommonJS package: Node gives its exports as `default` and by name; tsx may give `default` as
    // the package's own default export. Both shapes are read.
    const module = imported as unknown as {
      load?: () => Promise<void>;
      default: Tex2Svg | { default: Tex2Svg; load: () => Promise<void> };
    };
    const cjs = typeof module.default === 'function' ? undefined : module.default;
    await (module.load ?? cjs?.load)?.();
    return typeof module.default === 'function' ? module.default : module.default.default;
  });
  const log: string[] = [];
  // node-tikzjax prints TeX's terminal output through console.log (with showConsole).
  console.log = (...args: unknown[]) => void log.push(args.map(String).join(' '));
  void loaded.then(() => port.postMessage(READY));
  port.on('message', async ({ document }: TikzRequest) => {
    log.length = 0;
    try {
      const tex2svg = await loaded;
      const svg = await tex2svg(document, { showConsole: true, embedFontCss: false, disableOptimize: false });
      port.postMessage({ ok: true, svg } satisfies TikzResponse);
    } catch (error) {
      port.postMessage({
        ok: false,
        log: log.join('\n'),
        message: String((error as Error)?.message ?? error),
      } satisfies TikzResponse);
    }
  });
}

type Tex2Svg = (input: string, options: Record<string, unknown>) => Promise<string>;
