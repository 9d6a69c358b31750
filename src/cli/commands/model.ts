/**
 * `dcc-charges model`: the working model, a workbook whose live formulas give exactly the figures
 * of `dcc-charges charges` for one month, or for each month of a Regulatory Year (decisions
 * 0054 to 0056). The inputs given pre-fill its Inputs sheet; without them the cells are empty.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_VAT_RATE } from '../../charges/defaults.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import { ELECTIVE_COLUMNS, readElective, type ElectiveRow } from '../../inputs/elective.js';
import { METER_COUNT_COLUMNS, readMeterCounts, type MeterCountRow } from '../../inputs/meter-counts.js';
import { readUsage, USAGE_COLUMNS, type UsageRow } from '../../inputs/usage.js';
import { DEFAULT_ROUNDING_MODE, ROUNDING_MODES, type RoundingMode } from '../../money/rounding.js';
import { unreadableFileError } from '../../node/fs-errors.js';
import { vatRateField } from '../../schema/fields.js';
import { readChargingStatement } from '../../statement/parse-statement.js';
import type { ChargingStatement } from '../../statement/statement-schema.js';
import type { CellTable } from '../../tables/cell-table.js';
import { isMonth, isRegulatoryYear, monthsOfRegulatoryYear } from '../../vocabulary/months.js';
import { readWorkbookTable } from '../../xlsx/read-workbook.js';
import { writeWorkbook } from '../../xlsx/write-workbook.js';
import { workingModelSheets, type WorkingModel } from '../../xlsx/working-model.js';
import type { CliContext } from '../context.js';
import { MODEL_FORMATS } from '../formats.js';
import { readTextFile, tableFormatOfPath } from '../io.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport, type OutputOptions } from '../output.js';

/** The files and settings of a working model, as given on the command line. */
export interface ModelFiles {
  readonly statement: readonly string[];
  readonly month?: string | undefined;
  readonly year?: string | undefined;
  readonly meters?: string | undefined;
  readonly usage?: string | undefined;
  readonly elective?: string | undefined;
  readonly vatRate?: string | undefined;
  readonly rounding?: string | undefined;
}

/** A table file: CSV or JSON text, or a sheet of an .xlsx workbook (the only one whose header has the required columns, else the first). */
function readTableFile<T>(
  path: string,
  required: readonly string[],
  read: (text: string | CellTable, options: { source: string; format?: 'csv' | 'json' }) => T,
): T {
  if (path.toLowerCase().endsWith('.xlsx')) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw unreadableFileError(path, error);
    }
    return read(
      readWorkbookTable(bytes, {
        source: path,
        looksRight: (header) => required.every((column) => header.includes(column)),
      }),
      { source: path },
    );
  }
  const format = tableFormatOfPath(path);
  return read(readTextFile(path), format === undefined ? { source: path } : { source: path, format });
}

/** The months a model covers, from `--month` or `--year` (exactly one of them). */
function monthsOf(files: ModelFiles, issues: InputIssue[]): { months: string[]; year?: string } | undefined {
  const { month, year } = files;
  if (month !== undefined && year !== undefined) {
    issues.push({
      field: '--year',
      code: 'invalidOption',
      expected: 'either --month or --year, not both',
      received: `--month ${month} --year ${year}`,
    });
    return undefined;
  }
  if (month === undefined && year === undefined) {
    issues.push({
      field: '--month',
      code: 'missingOption',
      expected: '--month YYYY-MM (one month) or --year YYYY/YY (the twelve months of a Regulatory Year)',
    });
    return undefined;
  }
  if (month !== undefined) {
    if (isMonth(month)) return { months: [month] };
    issues.push({
      field: '--month',
      code: 'invalidValue',
      expected: 'a month written YYYY-MM',
      received: JSON.stringify(month),
    });
    return undefined;
  }
  if (year !== undefined && isRegulatoryYear(year)) return { months: monthsOfRegulatoryYear(year), year };
  issues.push({
    field: '--year',
    code: 'invalidValue',
    expected: 'a Regulatory Year written YYYY/YY, such as 2025/26',
    received: JSON.stringify(year),
  });
  return undefined;
}

/** The option checks that need no file: the months, the VAT rate and the rounding mode. */
function checkOptions(files: ModelFiles): { months: string[]; year?: string; vatRate: string; rounding: RoundingMode } {
  const issues: InputIssue[] = [];
  const period = monthsOf(files, issues);
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
  if (issues.length > 0 || period === undefined) throw new InputError(issues);
  return { ...period, vatRate, rounding: rounding as RoundingMode };
}

/** Reads every file the model needs and builds it; problems in all files are reported together. */
export function modelFromFiles(files: ModelFiles): WorkingModel {
  const options = checkOptions(files);
  const issues: InputIssue[] = [];
  const statements: ChargingStatement[] = [];
  for (const path of files.statement) {
    const statement = collectInputIssues(issues, () => readChargingStatement(readTextFile(path), path));
    if (statement !== undefined) statements.push(statement);
  }
  const optional = <T>(
    path: string | undefined,
    columns: { readonly required: readonly string[] },
    read: (text: string | CellTable, options: { source: string; format?: 'csv' | 'json' }) => T[],
  ): T[] | undefined =>
    path === undefined ? [] : collectInputIssues(issues, () => readTableFile(path, columns.required, read));
  const meters: MeterCountRow[] | undefined = optional(files.meters, METER_COUNT_COLUMNS, readMeterCounts);
  const usage: UsageRow[] | undefined = optional(files.usage, USAGE_COLUMNS, readUsage);
  const elective: ElectiveRow[] | undefined = optional(files.elective, ELECTIVE_COLUMNS, readElective);
  if (issues.length > 0 || meters === undefined || usage === undefined || elective === undefined)
    throw new InputError(issues);
  return workingModelSheets({
    statements,
    months: options.months,
    ...(options.year === undefined ? {} : { year: options.year }),
    meters,
    usage,
    elective,
    vatRate: options.vatRate,
    rounding: options.rounding,
    labels: {
      statements: files.statement,
      ...(files.meters === undefined ? {} : { meters: files.meters }),
      ...(files.usage === undefined ? {} : { usage: files.usage }),
    },
  });
}

/** Runs `model`. */
export function runModel(options: ModelFiles & OutputOptions, context: CliContext): void {
  const output = chooseOutput(options, MODEL_FORMATS, 'xlsx', context);
  refuseOutputsOnInputs(
    [
      ...options.statement.map((path) => ({ option: '--statement', path })),
      { option: '--meters', path: options.meters },
      { option: '--usage', path: options.usage },
      { option: '--elective', path: options.elective },
    ],
    [{ option: '--out', path: output.path }],
  );
  const model = modelFromFiles(options);
  writeReport(context, output, writeWorkbook(model.sheets));
}
