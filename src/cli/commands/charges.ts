/**
 * `dcc-charges charges`: a User's charges for one month, line by line, from meter counts or
 * from a register counted for the month; with `--by-user`, every User's of the register in
 * one run (decision 0082).
 */
import {
  calculateValidatedMonthlyCharges,
  DEFAULT_VAT_RATE,
  deferValidatedMonthlyCharges,
  type DeferredMonthlyCharges,
  type ValidatedChargeArguments,
} from '../../charges/calculate-monthly-charges.js';
import type { MonthlyCharges } from '../../charges/charge-line.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import { DEFAULT_ROUNDING_MODE, ROUNDING_MODES, type RoundingMode } from '../../money/rounding.js';
import { CHARGES_BY_USER_FORMATS, CHARGES_FORMATS } from '../formats.js';
import { calculateMonthlyChargesByUser, type MonthlyChargesByUser } from '../../charges/charges-by-user.js';
import { countRegistrationsFile } from '../../node/registration-files.js';
import { parseSnapshotDay } from './count.js';
import { refuseWorkbookInput } from '../table-input.js';
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
import {
  renderMonthlyChargesByUserCsv,
  renderMonthlyChargesByUserTable,
  renderMonthlyChargesCsv,
  renderMonthlyChargesTable,
} from '../../render/monthly-charges.js';
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
    issues.push({
      field: '--vat-rate',
      code: 'invalidValue',
      expected: 'a VAT rate as a plain decimal from 0 to 1, such as 0.20',
      received: JSON.stringify(vatRate),
    });
  }
  const rounding = files.rounding ?? DEFAULT_ROUNDING_MODE;
  if (!(ROUNDING_MODES as readonly string[]).includes(rounding)) {
    issues.push({
      field: '--rounding',
      code: 'invalidValue',
      expected: `one of ${ROUNDING_MODES.join(', ')}`,
      received: JSON.stringify(rounding),
    });
  }
  const statements: ChargingStatement[] = [];
  for (const path of files.statement) {
    const statement = collectInputIssues(issues, () => readChargingStatement(readTextFile(path), path));
    if (statement !== undefined) statements.push(statement);
  }
  if (withMeters && files.meters === undefined)
    issues.push({ field: '--meters', code: 'missingOption', expected: 'a meter-count file, CSV or JSON' });
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
export function chargesOfInputs(
  files: ChargeFiles,
  inputs: ChargeInputs,
  counted?: { readonly meters: readonly MeterCountRow[]; readonly label: string },
): MonthlyCharges {
  return calculateValidatedMonthlyCharges(...chargeArguments(files, inputs, counted));
}

/** {@link chargesOfInputs} with the elective lines made when asked for (see `DeferredMonthlyCharges`). */
export function deferredChargesOfInputs(files: ChargeFiles, inputs: ChargeInputs): DeferredMonthlyCharges {
  return deferValidatedMonthlyCharges(...chargeArguments(files, inputs));
}

/** The arguments of the charge kernels for inputs read by {@link readChargeInputs}. */
function chargeArguments(
  files: ChargeFiles,
  inputs: ChargeInputs,
  counted?: { readonly meters: readonly MeterCountRow[]; readonly label: string },
): ValidatedChargeArguments {
  const meters = counted?.meters ?? inputs.meters ?? [];
  const metersLabel = counted?.label ?? files.meters;
  return [
    inputs.statements,
    files.month,
    meters,
    inputs.usage,
    inputs.elective,
    inputs.vatRate,
    inputs.rounding,
    {
      statements: files.statement,
      ...(metersLabel === undefined ? {} : { meters: metersLabel }),
      ...(files.usage === undefined ? {} : { usage: files.usage }),
    },
  ];
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

/** The options of `charges`, as commander gives them. */
export interface ChargesCommandOptions extends ChargeFiles, OutputOptions {
  /** A register to count for the month instead of `--meters`. */
  readonly registrations?: string | undefined;
  /** Every User of the register, in one run (with `--registrations`). */
  readonly byUser?: boolean | undefined;
  /** The snapshot day of the count (with `--registrations`). */
  readonly snapshotDay?: string | undefined;
}

/** A format of `charges --by-user`'s report. */
export type ChargesByUserFormat = (typeof CHARGES_BY_USER_FORMATS)[number];

/** Writes the charges of every User in the chosen format. */
export function renderMonthlyChargesByUser(byUser: MonthlyChargesByUser, format: ChargesByUserFormat): string {
  switch (format) {
    case 'json':
      return toJsonText(byUser);
    case 'csv':
      return renderMonthlyChargesByUserCsv(byUser);
    case 'table':
      return renderMonthlyChargesByUserTable(byUser);
  }
}

/**
 * The option rules of `charges`: `--meters` or `--registrations` (one of them); `--by-user`
 * and `--snapshot-day` only with `--registrations`; no `--usage` or `--elective` with
 * `--by-user` (they are one User's).
 */
export function chargesOptionIssues(options: ChargesCommandOptions): InputIssue[] {
  const issues: InputIssue[] = [];
  const registers = options.registrations !== undefined;
  if (registers && options.meters !== undefined) {
    issues.push({
      field: '--registrations',
      code: 'invalidOption',
      expected: '--meters or --registrations, not both (the counts come from one of them)',
    });
  }
  if (!registers && options.meters === undefined) {
    const expected =
      options.byUser === true
        ? '--registrations FILE: the register whose every User is charged with --by-user'
        : '--meters FILE (meter counts) or --registrations FILE (a register to count)';
    issues.push({ field: options.byUser === true ? '--registrations' : '--meters', code: 'missingOption', expected });
  }
  if (options.byUser === true && registers) {
    for (const [option, value] of [
      ['--usage', options.usage],
      ['--elective', options.elective],
    ] as const) {
      if (value !== undefined)
        issues.push({
          field: option,
          code: 'invalidOption',
          expected: `no ${option} with --by-user (it is one User's; --by-user charges every User's meters)`,
        });
    }
  }
  if (!registers && options.snapshotDay !== undefined) {
    issues.push({
      field: '--snapshot-day',
      code: 'invalidOption',
      expected: '--snapshot-day only with --registrations (it concerns the register counted)',
    });
  }
  return issues;
}

/** Runs `charges`. */
export async function runCharges(options: ChargesCommandOptions, context: CliContext): Promise<void> {
  const byUser = options.byUser === true;
  const output = byUser
    ? chooseOutput(options, CHARGES_BY_USER_FORMATS, 'table', context)
    : chooseOutput(options, CHARGES_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [...chargeInputPaths(options), { option: '--registrations', path: options.registrations }],
    [{ option: '--out', path: output.path }],
  );
  const ruleIssues = chargesOptionIssues(options);
  if (ruleIssues.length > 0) throw new InputError(ruleIssues);
  const registrations = options.registrations;
  if (registrations === undefined) {
    writeReport(context, output, renderMonthlyCharges(chargesFromFiles(options), output.format as ChargesFormat));
    return;
  }
  refuseWorkbookInput('--registrations', registrations);
  const issues: InputIssue[] = [];
  const snapshotDay = parseSnapshotDay(options.snapshotDay, issues);
  if (issues.length > 0) throw new InputError(issues);
  const inputs = readChargeInputs(options, false);
  const month = options.month;
  if (byUser) {
    const counts = await countRegistrationsFile(registrations, { from: month, to: month, snapshotDay, byUser: true });
    const charges = calculateMonthlyChargesByUser({
      statements: inputs.statements,
      month,
      users: counts,
      vatRate: inputs.vatRate,
      rounding: inputs.rounding,
    });
    writeReport(context, output, renderMonthlyChargesByUser(charges, output.format as ChargesByUserFormat));
    return;
  }
  const counts = await countRegistrationsFile(registrations, { from: month, to: month, snapshotDay });
  writeReport(
    context,
    output,
    renderMonthlyCharges(
      chargesOfInputs(options, inputs, { meters: counts.counts, label: registrations }),
      output.format as ChargesFormat,
    ),
  );
}
