/**
 * `dcc-charges reconcile`: compares a DCC invoice with the charges the Charging Statement,
 * meter counts and usage give for the month, and explains every difference.
 * Exit codes: 0 everything matches, 1 differences found, 2 bad input.
 */
import { RECONCILE_FORMATS } from '../formats.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import {
  IDENTITY_COLUMN_MAPPING,
  planHeaders,
  readColumnMapping,
  type ColumnMapping,
} from '../../reconciliation/column-mapping.js';
import { INVOICE_COLUMNS } from '../../reconciliation/invoice-line.js';
import {
  invoiceProblems,
  readInvoice,
  type Invoice,
  type ReadInvoiceOptions,
} from '../../reconciliation/read-invoice.js';
import type { CellTable } from '../../tables/cell-table.js';
import { isTolerance, reconcileInvoice, reconcileInvoiceTable } from '../../reconciliation/reconcile-invoice.js';
import { LINE_LISTINGS, type LineListing, type Reconciliation } from '../../reconciliation/reconciliation.js';
import { renderReconciliationHtml } from '../../render/reconciliation-html.js';
import { lineCount, verdictLabel, verdictSentence } from '../../reconciliation/summarise.js';
import { readTextFile } from '../io.js';
import { csvInputChunks, readTableInput, SheetChoice } from '../table-input.js';
import type { CsvChunks } from '../../tables/csv-chunks.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport } from '../output.js';
import { toJsonText, type CliContext } from '../context.js';
import { renderReconciliationCsv } from '../../render/reconciliation-csv.js';
import { renderReconciliationMarkdown } from '../../render/reconciliation-markdown.js';
import { renderReconciliationTable } from '../../render/reconciliation-table.js';
import { visibleText } from '../../render/visible-text.js';
import { reconcileReportWorkbook } from '../../xlsx/report-workbooks.js';
import {
  CHARGE_TABLE_INPUTS,
  chargeInputPaths,
  chargesOfInputs,
  deferredChargesOfInputs,
  readChargeInputs,
  type ChargeFiles,
} from './charges.js';
import { countRegistrationsFile } from '../../node/registration-files.js';
import { explainCountsFromFile } from '../../node/registration-disputes.js';
import { AtomicFile, refuseClashingPaths } from '../../node/safe-files.js';
import { inputsOfRun } from '../io.js';
import type { DifferingMeterPoint } from '../../reconciliation/count-check.js';
import { parseSnapshotDay } from './count.js';
import { selectStatementInForce } from '../../statement/select-statement.js';
import { csvCell } from '../../tables/csv-write.js';
import { isMonth } from '../../vocabulary/months.js';
import { USER_ID, REGISTRATION_EXPECTED } from '../../registrations/registration.js';

/** Exit codes of `reconcile` when the input is good (bad input exits 2, see `runCli`). */
export const RECONCILE_EXIT = { allMatch: 0, differencesFound: 1 } as const;

export { RECONCILE_FORMATS };

/** A format of `reconcile`'s report. */
export type ReconcileFormat = (typeof RECONCILE_FORMATS)[number];

/** The options of `reconcile`, as commander gives them. */
export interface ReconcileOptions extends ChargeFiles {
  readonly invoice: string;
  readonly columns?: string | undefined;
  readonly tolerance: string;
  /** Which lines the report lists: `all` (the default) or `differing`. */
  readonly listing?: string | undefined;
  readonly format?: string | undefined;
  readonly out?: string | undefined;
  /** A registration file to count for the month instead of `--meters`. */
  readonly registrations?: string | undefined;
  /** A CSV file for the meter points that differ (with `--registrations`). */
  readonly meterPoints?: string | undefined;
  readonly snapshotDay?: string | undefined;
  /** The invoice's User ID (with `--registrations`). */
  readonly user?: string | undefined;
}

/** Columns of the `--meter-points` file. */
export const METER_POINTS_CSV_COLUMNS = [
  'chargingGroup',
  'region',
  'reading',
  'meterPoint',
  'line',
  'countedBy',
  'premises',
  'registeredFrom',
  'registeredTo',
  'enrolledFrom',
] as const;

/** The meter points file, written as they come in bounded memory; in place only once the reconciliation is done. */
class MeterPointsFile {
  readonly #file: AtomicFile;
  #buffer = `${METER_POINTS_CSV_COLUMNS.join(',')}\n`;
  rows = 0;

  constructor(path: string) {
    this.#file = AtomicFile.open(path);
  }

  add(point: DifferingMeterPoint): void {
    const cells = [
      point.chargingGroup,
      point.region,
      point.reading,
      point.meterPoint,
      String(point.line),
      point.countedBy,
      point.premises,
      point.registeredFrom,
      point.registeredTo,
      point.enrolledFrom,
    ];
    this.#buffer += `${cells.map(csvCell).join(',')}\n`;
    this.rows += 1;
    if (this.#buffer.length >= 1 << 16) this.#flush();
  }

  #flush(): void {
    this.#file.write(this.#buffer);
    this.#buffer = '';
  }

  commit(): void {
    this.#flush();
    this.#file.commit();
  }

  abort(): void {
    this.#file.abort();
  }
}

/**
 * The option rules of `reconcile`: `--meters` or `--registrations` (one of them), and the
 * options of a register only with `--registrations`.
 */
export function checkReconcileOptions(options: ReconcileOptions): void {
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
    issues.push({
      field: '--meters',
      code: 'missingOption',
      expected: '--meters FILE (meter counts) or --registrations FILE (a register to count)',
    });
  }
  for (const [option, value] of [
    ['--meter-points', options.meterPoints],
    ['--snapshot-day', options.snapshotDay],
    ['--user', options.user],
  ] as const) {
    if (!registers && value !== undefined) {
      issues.push({
        field: option,
        code: 'invalidOption',
        expected: `${option} only with --registrations (it concerns the register counted)`,
      });
    }
  }
  if (options.meterPoints === '-') {
    issues.push({
      field: '--meter-points',
      code: 'invalidOption',
      expected: 'a file for the meter points (standard output carries the report)',
      received: '"-"',
    });
  }
  if (options.user !== undefined && !USER_ID.test(options.user)) {
    issues.push({
      field: '--user',
      code: 'invalidValue',
      expected: REGISTRATION_EXPECTED.user.replace(', or empty', ''),
      received: JSON.stringify(options.user),
    });
  }
  if (issues.length > 0) throw new InputError(issues);
}

/** Reads the invoice (through its column mapping, when given). */
export function invoiceFromFile(
  path: string,
  columnsPath: string | undefined,
  sheets = new SheetChoice(undefined, ['--invoice']),
): Invoice {
  const table = invoiceTable(path, invoiceColumns(columnsPath), sheets);
  return readInvoice(table.input, table.options);
}

/** The invoice's column mapping, as the options of its reader (none: the headers are our field names). */
function invoiceColumns(columnsPath: string | undefined): Pick<ReadInvoiceOptions, 'columns'> {
  return columnsPath === undefined ? {} : { columns: readColumnMapping(readTextFile(columnsPath), columnsPath) };
}

/** The invoice file's text or sheet, and how to read its rows. */
function invoiceTable(
  path: string,
  mapping: Pick<ReadInvoiceOptions, 'columns'>,
  sheets: SheetChoice,
): { readonly input: string | CellTable; readonly options: ReadInvoiceOptions } {
  const table = readTableInput(
    '--invoice',
    path,
    sheets,
    invoiceHeaderCheck(mapping.columns ?? IDENTITY_COLUMN_MAPPING),
  );
  return { input: table.input, options: { ...table.options, ...mapping } };
}

/** {@link invoiceTable}, but a CSV file as its bytes, to be read a chunk at a time (decision 0085). */
function invoiceChunksOrTable(
  path: string,
  mapping: Pick<ReadInvoiceOptions, 'columns'>,
  sheets: SheetChoice,
): { readonly input: string | CellTable | CsvChunks; readonly options: ReadInvoiceOptions } {
  const csv = csvInputChunks('--invoice', path, sheets);
  return csv === undefined
    ? invoiceTable(path, mapping, sheets)
    : { input: csv, options: { source: path, ...mapping } };
}

/** True for a sheet header that the column mapping reads as an invoice (every required field present). */
function invoiceHeaderCheck(mapping: ColumnMapping): (header: readonly string[]) => boolean {
  return (header) => {
    const plan = planHeaders(header, mapping, {});
    return plan.issues.length === 0 && INVOICE_COLUMNS.required.every((field) => plan.fieldOfHeader.includes(field));
  };
}

/**
 * Reads every file of a reconciliation and reconciles, the invoice as it is read (its rows
 * are not kept, and the elective lines are made when compared: decision 0085); problems in
 * all the files are reported together.
 * @throws InputError for any bad input.
 */
export function reconcileFiles(options: ReconcileOptions): Reconciliation {
  const issues: InputIssue[] = [...toleranceIssues(options)];
  const sheets = new SheetChoice(options.sheet, ['--invoice', ...CHARGE_TABLE_INPUTS]);
  const expected = collectInputIssues(issues, () =>
    deferredChargesOfInputs(options, readChargeInputs(options, true, sheets)),
  );
  const invoice = collectInputIssues(issues, () =>
    invoiceChunksOrTable(options.invoice, invoiceColumns(options.columns), sheets),
  );
  issues.push(...sheets.issues());
  if (issues.length > 0 || expected === undefined || invoice === undefined) {
    // The invoice's own problems are reported with the others.
    if (invoice !== undefined) {
      const problems = collectInputIssues(issues, () => invoiceProblems(invoice.input, invoice.options));
      if (problems !== undefined) issues.push(...problems);
    }
    throw new InputError(issues);
  }
  return reconcileInvoiceTable(invoice.input, invoice.options, expected, {
    tolerance: options.tolerance,
    listing: listingOf(options),
    rounding: expected.rounding,
  });
}

/** The problem of a `--tolerance` that is not one, if any. */
function toleranceIssues(options: ReconcileOptions): InputIssue[] {
  if (isTolerance(options.tolerance)) return [];
  return [
    {
      field: '--tolerance',
      code: 'invalidValue',
      expected: 'a tolerance in pounds: a non-negative plain decimal with at most 2 decimal places, such as 0.01',
      received: JSON.stringify(options.tolerance),
    },
  ];
}

/** The listing of lines the options ask for (commander has checked it is one). */
function listingOf(options: ReconcileOptions): LineListing {
  const listing = options.listing ?? 'all';
  if (!(LINE_LISTINGS as readonly string[]).includes(listing)) {
    throw new InputError([
      {
        field: '--listing',
        code: 'invalidValue',
        expected: `one of ${LINE_LISTINGS.join(', ')}`,
        received: JSON.stringify(listing),
      },
    ]);
  }
  return listing as LineListing;
}

/**
 * Reads every file of a reconciliation whose counts come from a registration file, counts it
 * for the month, reconciles, and explains every per-meter quantity that differs (decision
 * 0091); the differing meter points go to `onMeterPoint`.
 * @throws InputError for any bad input.
 */
export async function reconcileRegistrationFiles(
  options: ReconcileOptions & { readonly registrations: string },
  onMeterPoint?: (point: DifferingMeterPoint) => void,
): Promise<Reconciliation> {
  const issues: InputIssue[] = [...toleranceIssues(options)];
  const snapshotDay = parseSnapshotDay(options.snapshotDay, issues);
  // the small files first: their problems are reported before the register is read
  const sheets = new SheetChoice(options.sheet, ['--invoice', ...CHARGE_TABLE_INPUTS]);
  const inputs = collectInputIssues(issues, () => readChargeInputs(options, false, sheets));
  const invoice = collectInputIssues(issues, () => invoiceFromFile(options.invoice, options.columns, sheets));
  issues.push(...sheets.issues());
  if (issues.length > 0 || inputs === undefined || invoice === undefined || !isMonth(options.month))
    throw new InputError(issues);
  const counts = await countRegistrationsFile(options.registrations, {
    from: options.month,
    to: options.month,
    snapshotDay,
  });
  const expected = chargesOfInputs(options, inputs, { meters: counts.counts, label: options.registrations });
  const reconciliation = reconcileInvoice({
    invoice,
    expected,
    tolerance: options.tolerance,
    listing: listingOf(options),
  });
  const statement = selectStatementInForce(inputs.statements, options.month, options.statement);
  return explainCountsFromFile(options.registrations, reconciliation, statement, {
    snapshotDay,
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(onMeterPoint === undefined ? {} : { onMeterPoint }),
    optionNames: { user: '--user', snapshotDay: '--snapshot-day' },
  });
}

/**
 * Writes a reconciliation in the chosen format.
 * @throws InputError `reportTooLarge` when the report would be longer than the engine's longest
 * text (a JSON, Markdown or HTML report of a few million lines), saying what to choose instead.
 */
export function renderReconciliation(result: Reconciliation, format: ReconcileFormat): string | Uint8Array {
  try {
    return renderReconciliationAs(result, format);
  } catch (error) {
    if (!(error instanceof RangeError && /invalid string length/i.test(error.message))) throw error;
    throw new InputError([
      {
        field: '--format',
        code: 'reportTooLarge',
        expected:
          result.listing === 'all'
            ? 'a report that fits in one text: list only the lines that differ (--listing differing)'
            : 'a report that fits in one text: fewer lines that differ, or another format',
        received: `${lineCount(result).toLocaleString('en-GB')} lines (${result.lines.length.toLocaleString('en-GB')} listed) as ${format}`,
      },
    ]);
  }
}

function renderReconciliationAs(result: Reconciliation, format: ReconcileFormat): string | Uint8Array {
  switch (format) {
    case 'json':
      return toJsonText(result);
    case 'csv':
      return renderReconciliationCsv(result);
    case 'md':
      return renderReconciliationMarkdown(result);
    case 'html':
      return renderReconciliationHtml(result);
    case 'table':
      return renderReconciliationTable(result);
    case 'xlsx':
      return reconcileReportWorkbook(result);
  }
}

/** Runs `reconcile`; the exit code says whether differences were found. */
export async function runReconcile(options: ReconcileOptions, context: CliContext): Promise<void> {
  const output = chooseOutput(options, RECONCILE_FORMATS, 'table', context);
  checkReconcileOptions(options);
  const inputs = [
    ...chargeInputPaths(options),
    { option: '--invoice', path: options.invoice },
    { option: '--columns', path: options.columns },
    { option: '--registrations', path: options.registrations },
  ];
  refuseOutputsOnInputs(inputs, [
    { option: '--out', path: output.path },
    { option: '--meter-points', path: options.meterPoints },
  ]);
  const registrations = options.registrations;
  let result: Reconciliation;
  if (registrations === undefined) result = reconcileFiles(options);
  else {
    const pointsPath = options.meterPoints;
    const points = pointsPath === undefined ? undefined : new MeterPointsFile(pointsPath);
    let done = false;
    try {
      result = await reconcileRegistrationFiles(
        { ...options, registrations },
        points === undefined ? undefined : (point) => points.add(point),
      );
      if (points !== undefined && pointsPath !== undefined) {
        // checked again against every file the run has read, as every output is
        refuseClashingPaths(
          [...inputsOfRun(), { option: '--registrations', path: registrations }],
          [{ option: '--meter-points', path: pointsPath }],
        );
        points.commit();
        context.io.stderr(`wrote ${pointsPath} (${points.rows} meter point${points.rows === 1 ? '' : 's'})\n`);
      }
      done = true;
    } finally {
      if (!done) points?.abort();
    }
  }
  writeReport(context, output, renderReconciliation(result, output.format));
  if (output.path !== undefined)
    context.io.stderr(`${visibleText(`${verdictLabel(result)}: ${verdictSentence(result)}`)}\n`);
  context.exitCode = RECONCILE_EXIT[result.verdict];
}
