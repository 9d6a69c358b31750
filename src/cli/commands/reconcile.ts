/**
 * `dcc-charges reconcile`: compares a DCC invoice with the charges the Charging Statement,
 * meter counts and usage give for the month, and explains every difference.
 * Exit codes: 0 everything matches, 1 differences found, 2 bad input.
 */
import { RECONCILE_FORMATS } from '../formats.js';
import type { MonthlyCharges } from '../../charges/charge-line.js';
import { collectInputIssues, InputError, type InputIssue } from '../../errors/input-error.js';
import { IDENTITY_COLUMN_MAPPING, planHeaders, readColumnMapping, type ColumnMapping } from '../../reconciliation/column-mapping.js';
import { INVOICE_COLUMNS } from '../../reconciliation/invoice-line.js';
import { readInvoice, type Invoice } from '../../reconciliation/read-invoice.js';
import { isTolerance, reconcileInvoice } from '../../reconciliation/reconcile-invoice.js';
import type { Reconciliation } from '../../reconciliation/reconciliation.js';
import { renderReconciliationHtml } from '../../render/reconciliation-html.js';
import { verdictLabel, verdictSentence } from '../../reconciliation/summarise.js';
import { readTextFile } from '../io.js';
import { readTableInput, SheetChoice } from '../table-input.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport } from '../output.js';
import { toJsonText, type CliContext } from '../context.js';
import { renderReconciliationCsv } from '../../render/reconciliation-csv.js';
import { renderReconciliationMarkdown } from '../../render/reconciliation-markdown.js';
import { renderReconciliationTable } from '../../render/reconciliation-table.js';
import { visibleText } from '../../render/visible-text.js';
import { reconcileReportWorkbook } from '../../xlsx/report-workbooks.js';
import { CHARGE_TABLE_INPUTS, chargeInputPaths, chargesFromFiles, type ChargeFiles } from './charges.js';

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
  readonly format?: string | undefined;
  readonly out?: string | undefined;
}

/** Reads the invoice (through its column mapping, when given). */
export function invoiceFromFile(path: string, columnsPath: string | undefined, sheets = new SheetChoice(undefined, ['--invoice'])): Invoice {
  const columns: ColumnMapping | undefined =
    columnsPath === undefined ? undefined : readColumnMapping(readTextFile(columnsPath), columnsPath);
  const table = readTableInput('--invoice', path, sheets, invoiceHeaderCheck(columns ?? IDENTITY_COLUMN_MAPPING));
  return readInvoice(table.input, { ...table.options, ...(columns === undefined ? {} : { columns }) });
}

/** True for a sheet header that the column mapping reads as an invoice (every required field present). */
function invoiceHeaderCheck(mapping: ColumnMapping): (header: readonly string[]) => boolean {
  return (header) => {
    const plan = planHeaders(header, mapping, {});
    return plan.issues.length === 0 && INVOICE_COLUMNS.required.every((field) => plan.fieldOfHeader.includes(field));
  };
}

/**
 * Reads every file of a reconciliation and reconciles; problems in all the files are
 * reported together.
 * @throws InputError for any bad input.
 */
export function reconcileFiles(options: ReconcileOptions): Reconciliation {
  const issues: InputIssue[] = [];
  if (!isTolerance(options.tolerance)) {
    issues.push({
      field: '--tolerance',
      code: 'invalidValue',
      expected: 'a tolerance in pounds: a non-negative plain decimal with at most 2 decimal places, such as 0.01',
      received: JSON.stringify(options.tolerance),
    });
  }
  const sheets = new SheetChoice(options.sheet, ['--invoice', ...CHARGE_TABLE_INPUTS]);
  const expected: MonthlyCharges | undefined = collectInputIssues(issues, () => chargesFromFiles(options, sheets));
  const invoice = collectInputIssues(issues, () => invoiceFromFile(options.invoice, options.columns, sheets));
  issues.push(...sheets.issues());
  if (issues.length > 0 || expected === undefined || invoice === undefined) throw new InputError(issues);
  return reconcileInvoice({ invoice, expected, tolerance: options.tolerance });
}

/** Writes a reconciliation in the chosen format. */
export function renderReconciliation(result: Reconciliation, format: ReconcileFormat): string | Uint8Array {
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
export function runReconcile(options: ReconcileOptions, context: CliContext): void {
  const output = chooseOutput(options, RECONCILE_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [...chargeInputPaths(options), { option: '--invoice', path: options.invoice }, { option: '--columns', path: options.columns }],
    [{ option: '--out', path: output.path }],
  );
  const result = reconcileFiles(options);
  writeReport(context, output, renderReconciliation(result, output.format));
  if (output.path !== undefined) context.io.stderr(`${visibleText(`${verdictLabel(result)}: ${verdictSentence(result)}`)}\n`);
  context.exitCode = RECONCILE_EXIT[result.verdict];
}
