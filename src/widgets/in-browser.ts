/// <reference lib="dom" />
/**
 * The code that draws a chart inside the headless page. Each function is serialised by Playwright,
 * so it must not use anything from outside its own body. Each returns the chart's SVG, or the
 * library's message; the SVG is made safe and unique in Node (svg.ts).
 */

/** What a page function receives: the parsed source, the colour scheme and its colours, and the size. */
export interface InPageChart {
  spec: Record<string, unknown>;
  scheme: 'light' | 'dark';
  colors: { text: string; lines: string };
  width: number;
  height: number;
}

/** A drawing, or the library's message. */
export type InPageResult = { ok: true; svg: string } | { ok: false; message: string };

/**
 * Chart.js (a chart configuration, as al-folio passes it to `new Chart`) drawn into an SVG canvas
 * (svgcanvas, loaded as `window.__svgcanvas`), without animation, at a fixed size.
 */
export function drawChartjs({ spec, colors, width, height }: InPageChart): InPageResult {
  type ChartLike = { destroy(): void };
  const w = window as unknown as {
    Chart: {
      new (item: unknown, config: unknown): ChartLike;
      defaults: Record<string, unknown>;
      BasicPlatform: unknown;
    };
    __svgcanvas: {
      Element: new (options: { width: number; height: number }) => { ctx: { getSerializedSvg(fix: boolean): string } };
    };
  };
  const element = new w.__svgcanvas.Element({ width, height });
  // Text and grid in the scheme's colours. `borderColor` itself stays the default: Chart.js gives
  // datasets its palette only while the default colours are untouched.
  const defaults = w.Chart.defaults as { color: string; scale: { grid: { color: string }; border: { color: string } } };
  defaults.color = colors.text;
  defaults.scale.grid.color = colors.lines;
  defaults.scale.border.color = colors.lines;
  let chart: ChartLike | undefined;
  try {
    const options = (typeof spec.options === 'object' && spec.options !== null ? spec.options : {}) as Record<
      string,
      unknown
    >;
    chart = new w.Chart(element, {
      ...spec,
      platform: w.Chart.BasicPlatform,
      options: { ...options, animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1 },
    });
    return { ok: true, svg: element.ctx.getSerializedSvg(true) };
  } catch (error) {
    return { ok: false, message: String((error as Error)?.message ?? error) };
  } finally {
    chart?.destroy();
  }
}

/**
 * Plotly (a figure, `{ data, layout }`, as al-folio passes it to `Plotly.newPlot`) drawn as a static
 * plot and exported as one SVG by Plotly itself, on a transparent background.
 */
export async function drawPlotly({ spec, colors, width, height }: InPageChart): Promise<InPageResult> {
  const plotly = (window as unknown as { Plotly: Record<string, (...args: unknown[]) => Promise<unknown>> }).Plotly;
  const div = document.createElement('div');
  document.body.append(div);
  try {
    const layout = (typeof spec.layout === 'object' && spec.layout !== null ? spec.layout : {}) as Record<
      string,
      unknown
    >;
    const axis = (name: string) => ({
      gridcolor: colors.lines,
      zerolinecolor: colors.lines,
      linecolor: colors.lines,
      ...((layout[name] as Record<string, unknown> | undefined) ?? {}),
    });
    const font = (layout.font as Record<string, unknown> | undefined) ?? {};
    const size = { width: Number(layout.width) || width, height: Number(layout.height) || height };
    await plotly.newPlot!(
      div,
      Array.isArray(spec.data) ? spec.data : [],
      {
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        ...layout,
        font: { color: colors.text, ...font },
        xaxis: axis('xaxis'),
        yaxis: axis('yaxis'),
        ...size,
      },
      { staticPlot: true, displayModeBar: false },
    );
    const url = String(await plotly.toImage!(div, { format: 'svg', ...size }));
    const comma = url.indexOf(',');
    return { ok: true, svg: decodeURIComponent(url.slice(comma + 1)) };
  } catch (error) {
    return { ok: false, message: String((error as Error)?.message ?? error) };
  } finally {
    plotly.purge?.(div);
    div.remove();
  }
}
