/**
 * ECharts (```` ```echarts ````, an option object as JSON, as al-folio passes it to `setOption`) drawn
 * in Node with ECharts' own server-side SVG renderer: light with the default theme, dark with its
 * `dark` theme, both on a transparent background unless the option sets one, without animation.
 */
import { asWidgetError } from './errors.js';
import { jsonObject, parseJsonSource } from './json-source.js';
import { CHART_SIZE, chartName, type WidgetRenderer } from './renderer.js';
import { finishSvg } from './svg.js';

/** The renderer, with ECharts imported. */
export async function loadEcharts(): Promise<WidgetRenderer> {
  const echarts = await import('echarts');
  const draw = (option: Record<string, unknown>, theme: string | undefined): string => {
    const chart = echarts.init(null, theme, { renderer: 'svg', ssr: true, ...CHART_SIZE });
    try {
      chart.setOption({ backgroundColor: 'transparent', ...option, animation: false });
      return chart.renderToSVGString();
    } catch (error) {
      throw asWidgetError(error);
    } finally {
      chart.dispose();
    }
  };
  return async ({ id, source }) => {
    const option = jsonObject(parseJsonSource(source), 'an ECharts option');
    const label = chartLabel(option);
    return {
      light: finishSvg(draw(option, undefined), { id, scheme: 'light', label }),
      dark: finishSvg(draw(option, 'dark'), { id: `${id}-dark`, scheme: 'dark', label }),
    };
  };
}

/** "chart: <title>" when the option has a title, else "chart". */
function chartLabel(option: Record<string, unknown>): string {
  const title = Array.isArray(option.title) ? option.title[0] : option.title;
  const text = typeof title === 'object' && title !== null ? (title as { text?: unknown }).text : undefined;
  return chartName(text);
}
