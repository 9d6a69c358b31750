/**
 * The chart renderer of a command's HTML page, loaded only for that format. The chart packages
 * are optional: without them the page keeps its tables and says why it has no charts, and the
 * command says so on standard error (decision 0070).
 */
import { CHARTS_ABSENT_REASON, loadChartRenderer, type ChartRenderer } from '../render/chart-svg.js';
import type { CliContext } from './context.js';

/** The renderer for an `html` report, or `undefined` (with a note on stderr) when the chart packages are absent. */
export async function chartsFor(format: string, context: CliContext): Promise<ChartRenderer | undefined> {
  if (format !== 'html') return undefined;
  const charts = await loadChartRenderer();
  if (charts === undefined) context.io.stderr(`note: charts not drawn: ${CHARTS_ABSENT_REASON}\n`);
  return charts;
}
