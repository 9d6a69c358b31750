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

/** Draws one Vega-Lite specification as an SVG document. */
export type ChartRenderer = (spec: TopLevelSpec) => Promise<string>;

/** The command that installs the optional chart packages, at the versions the charts are tested with. */
export const CHART_PACKAGES_INSTALL = 'npm install vega@6.4.0 vega-lite@6.4.0';

/** Why the budget report has no charts when the chart packages are not installed, and how to get them. */
export const CHARTS_ABSENT_REASON = `the optional packages vega and vega-lite are not installed (${CHART_PACKAGES_INSTALL} to draw them)`;

type ChartLibraries = readonly [typeof import('vega'), typeof import('vega-lite')];

/** Loads Vega and Vega-Lite; they are optional peer dependencies, loaded only when a chart is drawn. */
function importChartLibraries(): Promise<ChartLibraries> {
  return Promise.all([import('vega'), import('vega-lite')]);
}

/** True when `error` says that `vega` or `vega-lite` itself could not be found (not a module they import). */
function isChartPackageMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return /Cannot find (package|module) '(vega|vega-lite)'/.test(error.message);
}

/**
 * The headless chart renderer (Vega's `renderer: 'none'`, then `toSVG`), or `undefined` when
 * `vega` or `vega-lite` is not installed. Any other failure to load them is thrown.
 */
export async function loadChartRenderer(
  load: () => Promise<ChartLibraries> = importChartLibraries,
): Promise<ChartRenderer | undefined> {
  let libraries: ChartLibraries;
  try {
    libraries = await load();
  } catch (error) {
    if (isChartPackageMissing(error)) return undefined;
    throw error;
  }
  const [vega, vegaLite] = libraries;
  return async (spec) => {
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
}

/**
 * The renderer a page draws with: the one given, else the headless renderer when the chart
 * packages are installed, else `undefined` (the page then says why it has no charts, with
 * {@link CHARTS_ABSENT_NOTE}, and keeps every figure in its tables).
 */
export async function chartRendererOr(given: ChartRenderer | undefined): Promise<ChartRenderer | undefined> {
  return given ?? (await loadChartRenderer());
}

/** What a page says where its charts would be when the chart packages are not installed. */
export const CHARTS_ABSENT_NOTE = `Charts not drawn: ${CHARTS_ABSENT_REASON}. Every figure is in the tables below.`;
