/**
 * The worker thread that runs TeX (node-tikzjax: TeX in WebAssembly, TikZ and its usual packages in
 * memory) on one picture at a time. It lives in a thread of its own so that a picture that never
 * ends (TeX can loop) is stopped by terminating the thread, and because node-tikzjax keeps state in
 * its module. TeX's log, which node-tikzjax writes with console.log, is collected for error messages.
 */
import { parentPort } from 'node:worker_threads';

/** A picture to compile: the full TeX document. */
export interface TikzRequest {
  document: string;
}

/** The SVG, or TeX's log when it produced no picture. */
export type TikzResponse = { ok: true; svg: string } | { ok: false; log: string; message: string };

const port = parentPort;
if (port) {
  const loaded = import('node-tikzjax');
  const log: string[] = [];
  // node-tikzjax prints TeX's terminal output through console.log (with showConsole).
  console.log = (...args: unknown[]) => void log.push(args.map(String).join(' '));
  port.on('message', async ({ document }: TikzRequest) => {
    log.length = 0;
    try {
      const module = (await loaded) as unknown as { default: { default?: Tex2Svg } & Tex2Svg };
      const tex2svg = module.default.default ?? module.default;
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
