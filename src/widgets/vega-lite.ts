/**
 * Vega-Lite (```` ```vega_lite ````, a JSON spec as al-folio passes it to vega-embed) drawn in Node:
 * compiled with vega-lite, run by vega with its expression interpreter (a spec's expressions never
 * become JavaScript functions in the build) and a loader that fetches nothing, and rendered to SVG.
 * Data must be inline (`values`); a spec that loads a URL is an error naming it. Dark differs from
 * light only in the colours of text, axes and grid.
 */
import { WidgetError } from './errors.js';
import { jsonObject, parseJsonSource } from './json-source.js';
import { DARK_LINES, DARK_TEXT, type WidgetRenderer } from './renderer.js';
import { finishSvg } from './svg.js';

/** Vega-Lite configuration for the dark drawing. */
const DARK_CONFIG = {
  title: { color: DARK_TEXT, subtitleColor: DARK_TEXT },
  axis: {
    domainColor: DARK_TEXT,
    gridColor: DARK_LINES,
    tickColor: DARK_TEXT,
    labelColor: DARK_TEXT,
    titleColor: DARK_TEXT,
  },
  legend: { labelColor: DARK_TEXT, titleColor: DARK_TEXT },
  header: { labelColor: DARK_TEXT, titleColor: DARK_TEXT },
  view: { stroke: DARK_LINES },
  style: { 'guide-label': { fill: DARK_TEXT }, 'guide-title': { fill: DARK_TEXT }, text: { fill: DARK_TEXT } },
};

/** The renderer, with vega and vega-lite imported. */
export async function loadVegaLite(): Promise<WidgetRenderer> {
  const [vega, vegaLite, { expressionInterpreter }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('vega-interpreter'),
  ]);
  const draw = async (spec: Record<string, unknown>, config: Record<string, unknown>): Promise<string> => {
    const errors: string[] = [];
    const loader = vega.loader();
    loader.load = async (uri: string) => {
      throw new WidgetError(
        `data is not fetched at build time (${uri}): put the values in the spec`,
        undefined,
        undefined,
      );
    };
    // vega reports dataflow errors to its logger, not by rejecting, and a failed load as a warning
    // that carries the loader's error: both fail the widget.
    const logger = {
      level: () => logger,
      error: (...args: unknown[]) => void errors.push(args.map(String).join(' ')),
      warn: (...args: unknown[]) => {
        const refused = args.find((arg) => arg instanceof WidgetError);
        if (refused) errors.push(refused.message);
        return logger;
      },
      info: () => logger,
      debug: () => logger,
    };
    let compiled: ReturnType<typeof vegaLite.compile>;
    try {
      compiled = vegaLite.compile(spec as never, { config: { background: null, ...config } as never });
    } catch (error) {
      throw new WidgetError(`Vega-Lite: ${(error as Error).message.split('\n')[0]}`, undefined, undefined);
    }
    const runtime = vega.parse(compiled.spec, undefined, { ast: true });
    const view = new vega.View(runtime, { renderer: 'none', loader, logger, expr: expressionInterpreter } as never);
    try {
      const svg = await view.toSVG();
      if (errors.length > 0) throw new WidgetError(errors[0]!.replace(/^Error: /, ''), undefined, undefined);
      return svg;
    } finally {
      view.finalize();
    }
  };
  return async ({ id, source }) => {
    const spec = jsonObject(parseJsonSource(source), 'a Vega-Lite spec');
    const label = typeof spec.description === 'string' ? spec.description : 'chart';
    return {
      light: finishSvg(await draw(spec, {}), { id, scheme: 'light', label }),
      dark: finishSvg(await draw(spec, DARK_CONFIG), { id: `${id}-dark`, scheme: 'dark', label }),
    };
  };
}
