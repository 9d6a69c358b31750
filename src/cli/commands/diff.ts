/** `dcc-charges diff`: two Charging Statements side by side, and what the change costs a portfolio. */
import { DIFF_FORMATS } from '../formats.js';
import { compareStatements, isUnchanged, type StatementComparison } from '../../budget/compare-statements.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import { readChargingStatement } from '../../statement/parse-statement.js';
import type { ChargingStatement } from '../../statement/statement-schema.js';
import { readTextFile } from '../io.js';
import { SheetChoice } from '../table-input.js';
import { CHARGE_TABLE_INPUTS, readChargeTables } from './charges.js';
import { toJsonText, type CliContext } from '../context.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport, type OutputOptions } from '../output.js';
import { renderDiffCsv, renderDiffMarkdown, renderDiffTable } from '../../render/diff.js';
import { renderDiffHtml } from '../../render/diff-html.js';
import type { ChartRenderer } from '../../render/chart-svg.js';
import { chartsFor } from '../charts.js';
import { diffReportWorkbook } from '../../xlsx/report-workbooks.js';

export { DIFF_FORMATS };

/** The files of a comparison, as given on the command line. */
export interface DiffFiles {
  readonly before: string;
  readonly after: string;
  readonly meters?: string | undefined;
  readonly usage?: string | undefined;
  readonly elective?: string | undefined;
  /** `--sheet` values: the sheet of every workbook input, or `input=NAME` for one. */
  readonly sheet?: readonly string[] | undefined;
}

/** Reads both statements and the optional portfolio, then compares; all problems are reported together. */
export function diffFromFiles(files: DiffFiles): StatementComparison {
  const issues: InputIssue[] = [];
  const a: ChargingStatement | undefined = collectInputIssues(issues, () =>
    readChargingStatement(readTextFile(files.before), files.before),
  );
  const b: ChargingStatement | undefined = collectInputIssues(issues, () =>
    readChargingStatement(readTextFile(files.after), files.after),
  );
  if ((files.usage !== undefined || files.elective !== undefined) && files.meters === undefined) {
    issues.push({
      field: '--meters',
      code: 'missingOption',
      expected: 'a meter-count file with --usage or --elective (the impact is priced for a portfolio)',
      received: 'no --meters',
    });
  }
  const metersPath = files.meters;
  const sheets = new SheetChoice(files.sheet, CHARGE_TABLE_INPUTS);
  const { meters, usage, elective } = readChargeTables(files, sheets, issues);
  issues.push(...sheets.issues());
  if (
    issues.length > 0 ||
    a === undefined ||
    b === undefined ||
    meters === undefined ||
    usage === undefined ||
    elective === undefined
  ) {
    throw new InputError(issues);
  }
  return metersPath === undefined
    ? compareStatements(a, b)
    : compareStatements(a, b, { meters, usage, elective, metersSource: metersPath });
}

/** A format of `diff`'s report. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Writes a comparison in the chosen format. */
export async function renderDiff(
  comparison: StatementComparison,
  format: DiffFormat,
  charts?: ChartRenderer,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return toJsonText(comparison);
    case 'csv':
      return renderDiffCsv(comparison);
    case 'md':
      return renderDiffMarkdown(comparison);
    case 'table':
      return renderDiffTable(comparison);
    case 'html':
      return renderDiffHtml(comparison, charts);
    case 'xlsx':
      return diffReportWorkbook(comparison);
  }
}

/** Runs `diff`; with `--exit-code`, the exit code says whether the statements differ. */
export async function runDiff(
  before: string,
  after: string,
  options: Omit<DiffFiles, 'before' | 'after'> & OutputOptions & { exitCode?: boolean },
  context: CliContext,
): Promise<void> {
  const output = chooseOutput(options, DIFF_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [
      { option: '<before>', path: before },
      { option: '<after>', path: after },
      { option: '--meters', path: options.meters },
      { option: '--usage', path: options.usage },
      { option: '--elective', path: options.elective },
    ],
    [{ option: '--out', path: output.path }],
  );
  const comparison = diffFromFiles({ ...options, before, after });
  writeReport(context, output, await renderDiff(comparison, output.format, await chartsFor(output.format, context)));
  if (options.exitCode === true && !isUnchanged(comparison)) context.exitCode = 1;
}
