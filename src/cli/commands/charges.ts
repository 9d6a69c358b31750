/** `dcc-charges charges`: a User's charges for one month, line by line. */
import { calculateValidatedMonthlyCharges, DEFAULT_VAT_RATE } from '../../charges/calculate-monthly-charges.js';
import type { MonthlyCharges } from '../../charges/charge-line.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import { DEFAULT_ROUNDING_MODE, ROUNDING_MODES, type RoundingMode } from '../../money/rounding.js';
import { CHARGES_FORMATS } from '../formats.js';
import { readChargingStatement } from '../../statement/parse-statement.js';
import type { ChargingStatement } from '../../statement/statement-schema.js';
import { readMeterCounts, type MeterCountRow } from '../../inputs/meter-counts.js';
import { readUsage, type UsageRow } from '../../inputs/usage.js';
import { readElective, type ElectiveRow } from '../../inputs/elective.js';
import { monthIssue } from '../../vocabulary/months.js';
import { vatRateField } from '../../schema/fields.js';
import { readTextFile } from '../io.js';
import { hasColumns, readTableInput, SheetChoice } from '../table-input.js';
import { METER_COUNT_COLUMNS } from '../../inputs/meter-counts.js';
import { USAGE_COLUMNS } from '../../inputs/usage.js';
import { ELECTIVE_COLUMNS } from '../../inputs/elective.js';
import { toJsonText, type CliContext } from '../context.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport, type OutputOptions } from '../output.js';
import { renderMonthlyChargesCsv, renderMonthlyChargesTable } from '../../render/monthly-charges.js';
import { chargesReportWorkbook } from '../../xlsx/report-workbooks.js';

/** The files and settings of a monthly charge, as given on the command line. */
export interface ChargeFiles {
  readonly statement: readonly string[];
  readonly month: string;
  /** Meter counts; `reconcile` may count a registration file instead. */
  readonly meters?: string | undefined;
  readonly usage?: string | undefined;
  readonly elective?: string | undefined;
  readonly vatRate?: string | undefined;
  readonly rounding?: string | undefined;
  /** `--sheet` values: the sheet of every workbook input, or `input=NAME` for one. */
  readonly sheet?: readonly string[] | undefined;
}

/** The table inputs of a monthly charge that may be workbooks. */
export const CHARGE_TABLE_INPUTS = ['--meters', '--usage', '--elective'] as const;

/** Reads the meter counts, usage and elective lines (CSV, JSON or a workbook's sheet). */
export function readChargeTables(
  files: Pick<ChargeFiles, 'usage' | 'elective'> & { meters?: string | undefined },
  sheets: SheetChoice,
  issues: InputIssue[],
): { meters: MeterCountRow[] | undefined; usage: UsageRow[] | undefined; elective: ElectiveRow[] | undefined } {
  const { meters: metersPath, usage: usagePath, elective: electivePath } = files;
  const meters: MeterCountRow[] | undefined =
    metersPath === undefined
      ? []
      : collectInputIssues(issues, () => {
          const table = readTableInput('--meters', metersPath, sheets, hasColumns(METER_COUNT_COLUMNS.required));
          return readMeterCounts(table.input, table.options);
        });
  const usage: UsageRow[] | undefined =
    usagePath === undefined
      ? []
      : collectInputIssues(issues, () => {
          const table = readTableInput('--usage', usagePath, sheets, hasColumns(USAGE_COLUMNS.required));
          return readUsage(table.input, table.options);
        });
  const elective: ElectiveRow[] | undefined =
    electivePath === undefined
      ? []
      : collectInputIssues(issues, () => {
          const table = readTableInput('--elective', electivePath, sheets, hasColumns(ELECTIVE_COLUMNS.required));
          return readElective(table.input, table.options);
        });
  return { meters, usage, elective };
}

/** The inputs of a monthly charge, read and checked. */
export interface ChargeInputs {
  readonly statements: readonly ChargingStatement[];
  /** Undefined when the meter counts come from elsewhere (see {@link readChargeInputs}). */
  readonly meters: readonly MeterCountRow[] | undefined;
  readonly usage: readonly UsageRow[];
  readonly elective: readonly ElectiveRow[];
  readonly vatRate: string;
  readonly rounding: RoundingMode;
}

/**
 * Reads every file a monthly charge needs, the meter counts too unless `withMeters` is false;
 * problems in all files are reported together.
 */
export function readChargeInputs(files: ChargeFiles, withMeters = true, shared?: SheetChoice): ChargeInputs {
  const issues: InputIssue[] = [];
  const sheets = shared ?? new SheetChoice(files.sheet, CHARGE_TABLE_INPUTS);
  const monthProblem = monthIssue(files.month, '--month');
  if (monthProblem !== undefined) issues.push(monthProblem);
  const vatRate = files.vatRate ?? DEFAULT_VAT_RATE;
  if (!vatRateField.safeParse(vatRate).success) {
    issues.push({ field: '--vat-rate', code: 'invalidValue', expected: 'a VAT rate as a plain decimal from 0 to 1, such as 0.20', received: JSON.stringify(vatRate) });
  }
  const rounding = files.rounding ?? DEFAULT_ROUNDING_MODE;
  if (!(ROUNDING_MODES as readonly string[]).includes(rounding)) {
    issues.push({ field: '--rounding', code: 'invalidValue', expected: `one of ${ROUNDING_MODES.join(', ')}`, received: JSON.stringify(rounding) });
  }
  const statements: ChargingStatement[] = [];
  for (const path of files.statement) {
    const statement = collectInputIssues(issues, () => readChargingStatement(readTextFile(path), path));
    if (statement !== undefined) statements.push(statement);
  }
  if (withMeters && files.meters === undefined) issues.push({ field: '--meters', code: 'missingOption', expected: 'a meter-count file, CSV or JSON' });
  const tables = readChargeTables({ ...files, meters: withMeters ? files.meters : undefined }, sheets, issues);
  const { usage, elective } = tables;
  const meters = withMeters ? tables.meters : undefined;
  // The run's --sheet values are checked by whoever made the choice (reconcile adds its invoice).
  if (shared === undefined) issues.push(...sheets.issues());
  if (issues.length > 0 || (withMeters && meters === undefined) || usage === undefined || elective === undefined) {
    throw new InputError(issues);
  }
  return { statements, meters, usage, elective, vatRate, rounding: rounding as RoundingMode };
}

/**
 * Computes a monthly charge from inputs read by {@link readChargeInputs}, with `meters` (and
 * their label) when the counts came from elsewhere.
 */
export function chargesOfInputs(files: ChargeFiles, inputs: ChargeInputs, counted?: { readonly meters: readonly MeterCountRow[]; readonly label: string }): MonthlyCharges {
  const meters = counted?.meters ?? inputs.meters ?? [];
  const metersLabel = counted?.label ?? files.meters;
  return calculateValidatedMonthlyCharges(
    inputs.statements,
    files.month,
    meters,
    inputs.usage,
    inputs.elective,
    inputs.vatRate,
    inputs.rounding,
    { statements: files.statement, ...(metersLabel === undefined ? {} : { meters: metersLabel }), ...(files.usage === undefined ? {} : { usage: files.usage }) },
  );
}

/**
 * Reads every file a monthly charge needs and computes it; problems in all files are
 * reported together.
 */
export function chargesFromFiles(files: ChargeFiles, shared?: SheetChoice): MonthlyCharges {
  return chargesOfInputs(files, readChargeInputs(files, true, shared));
}

/** A format of `charges`' report. */
export type ChargesFormat = (typeof CHARGES_FORMATS)[number];

/** Writes monthly charges in the chosen format. */
export function renderMonthlyCharges(charges: MonthlyCharges, format: ChargesFormat): string | Uint8Array {
  switch (format) {
    case 'json':
      return toJsonText(charges);
    case 'csv':
      return renderMonthlyChargesCsv(charges);
    case 'table':
      return renderMonthlyChargesTable(charges);
    case 'xlsx':
      return chargesReportWorkbook(charges);
  }
}

/** The input files of a monthly charge, named by their options (for the output checks). */
export function chargeInputPaths(files: ChargeFiles): { option: string; path: string | undefined }[] {
  return [
    ...files.statement.map((path) => ({ option: '--statement', path })),
    { option: '--meters', path: files.meters },
    { option: '--usage', path: files.usage },
    { option: '--elective', path: files.elective },
  ];
}

/** Runs `charges`. */
export function runCharges(options: ChargeFiles & OutputOptions, context: CliContext): void {
  const output = chooseOutput(options, CHARGES_FORMATS, 'table', context);
  refuseOutputsOnInputs(chargeInputPaths(options), [{ option: '--out', path: output.path }]);
  writeReport(context, output, renderMonthlyCharges(chargesFromFiles(options), output.format));
}
