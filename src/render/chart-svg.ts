/**
 * The one way the reports turn a chart into SVG: a Vega-Lite specification rendered by Vega's
 * headless renderer (no browser, no canvas; decision 0040). Used by the budget, count and diff
 * pages. The libraries are loaded only when a chart is drawn, so that the formatters of
 * `dcc-charges/render` (which do not export the chart pages) carry no Vega.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The look every chart shares: font, frame, legible axis and legend text. */
export const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#cccccc' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
} as const;

/** A figure for drawing only (never for arithmetic): the exact string stays the label. */
export function plotted(text: string): number {
  return Number(text);
}

/**
 * Renders a Vega-Lite specification to an SVG document with Vega's headless renderer
 * (`renderer: 'none'`, then `toSVG`).
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
