/** `dcc-charges budget`: a User's DCC costs over the coming Regulatory Years, with sensitivity cases. */
import { dirname, resolve } from 'node:path';
import { BUDGET_FORMATS } from '../formats.js';
import { projectBudget } from '../../budget/project-budget.js';
import type { BudgetProjection } from '../../budget/projection.js';
import { readBudgetScenario } from '../../budget/parse-scenario.js';
import type { ScenarioFileReader } from '../../budget/year-sources.js';
import { readTextFile } from '../io.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport, type OutputOptions } from '../output.js';
import { toJsonText, type CliContext } from '../context.js';
import { renderBudgetCsv, renderBudgetTable } from '../../render/budget.js';
import { renderBudgetHtml } from '../render/budget-html.js';
import { budgetReportWorkbook } from '../../xlsx/report-workbooks.js';
import { chartsFor } from '../charts.js';
import type { ChartRenderer } from '../../render/chart-svg.js';

export { BUDGET_FORMATS };

/** A reader of the files a scenario names, relative to the scenario's folder. */
export function scenarioFileReader(scenarioPath: string): ScenarioFileReader {
  const folder = dirname(scenarioPath);
  return (path) => {
    const resolved = resolve(folder, path);
    return { text: readTextFile(resolved), source: path === resolved ? path : `${path} (${resolved})` };
  };
}

/** Reads a scenario file and projects it. */
export function budgetFromFile(path: string, options: { includeLines?: boolean } = {}): BudgetProjection {
  const scenario = readBudgetScenario(readTextFile(path), path);
  return projectBudget(scenario, { source: path, readFile: scenarioFileReader(path), ...options });
}

/** A format of `budget`'s report. */
export type BudgetFormat = (typeof BUDGET_FORMATS)[number];

/** Writes a projection in the chosen format; the HTML report draws its charts with `charts` when given. */
export async function renderBudget(
  projection: BudgetProjection,
  format: BudgetFormat,
  charts?: ChartRenderer,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return toJsonText(projection);
    case 'csv':
      return renderBudgetCsv(projection);
    case 'html':
      return renderBudgetHtml(projection, charts);
    case 'table':
      return renderBudgetTable(projection);
    case 'xlsx':
      return budgetReportWorkbook(projection);
  }
}

/** Runs `budget`. */
export async function runBudget(
  options: { scenario: string; lines?: boolean } & OutputOptions,
  context: CliContext,
): Promise<void> {
  const output = chooseOutput(options, BUDGET_FORMATS, 'table', context);
  // The files the scenario names are checked when the report is written (every file read is).
  refuseOutputsOnInputs([{ option: '--scenario', path: options.scenario }], [{ option: '--out', path: output.path }]);
  const projection = budgetFromFile(options.scenario, { includeLines: options.lines === true });
  const charts = await chartsFor(output.format, context);
  writeReport(context, output, await renderBudget(projection, output.format, charts));
}
