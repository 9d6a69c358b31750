/**
 * Reconciling an invoice file too large to hold (Node only): the CSV file is read a chunk at a
 * time and reconciled as it is read, against charges whose elective lines are made when
 * compared (decision 0085).
 */
import { checkArguments, SOURCE } from '../errors/arguments.js';
import {
  chargeArgumentsOfTables,
  checkChargeSettings,
  deferValidatedMonthlyCharges,
  MONTHLY_CHARGES_FIELDS,
  type MonthlyChargesInput,
} from '../charges/calculate-monthly-charges.js';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import type { ColumnMapping } from '../reconciliation/column-mapping.js';
import { checkReconcileSettings, reconcileInvoiceTable } from '../reconciliation/reconcile-invoice.js';
import type { LineListing, Reconciliation } from '../reconciliation/reconciliation.js';
import { detectTableFormatOfBytes } from '../tables/read-table.js';
import { readFileHead, readFileInChunks } from './file-chunks.js';

/**
 * Refuses an invoice file that is JSON text (it starts, after a byte-order mark and blanks, with
 * `[` or `{`): this function reads CSV only, and would otherwise report a CSV header problem.
 * A file that cannot be read is left for the reader to report.
 */
function refuseJsonInvoice(path: string, source: string): void {
  const head = readFileHead(path, 64);
  if (head === undefined || detectTableFormatOfBytes(head) !== 'json') return;
  throw new InputError([
    {
      source,
      code: 'formatMismatch',
      expected: 'a CSV invoice file (reconcileInvoiceFile reads CSV a chunk at a time)',
      received: 'JSON text',
      detail: 'read a JSON invoice with readInvoice and reconcile it with reconcileInvoice',
    },
  ]);
}

/** The size of the chunks an invoice file is read in. */
const INVOICE_CHUNK_BYTES = 1 << 20;

/** What {@link reconcileInvoiceFile} needs: a monthly charge's inputs (the expected side), and how to reconcile. */
export interface ReconcileInvoiceFileInput extends MonthlyChargesInput {
  /** As for `reconcileInvoice`; default `"0.00"`. */
  readonly tolerance?: string;
  /** Which lines the result lists: `all` (the default), or `differing` for memory that does not grow with the invoice. */
  readonly listing?: LineListing;
  /** How the file's headers map to our fields (see `readColumnMapping`); by default they are our field names. */
  readonly columns?: ColumnMapping;
  /** A label for messages; default the path. */
  readonly source?: string;
}

/**
 * Reads a CSV invoice file a chunk at a time and reconciles it as it is read against the charges
 * of the inputs given (decision 0085): the same checks, statuses, totals and order of lines as
 * `readInvoice` then `reconcileInvoice`. With `listing: 'differing'` only the lines that differ
 * are kept, so memory grows with the expected charges (the elective rows given), not with the
 * invoice: 1,000,000 lines in 455-466 MiB for the whole process (`npm run bench:reconcile`).
 * @clause K4-K8 (the expected charges compared with); invoice totals and VAT (docs/methodology.md, billing)
 * @param path - the invoice, a CSV file with a header row (UTF-8).
 * @throws InputError for an unreadable file, a JSON file (`formatMismatch`), a bad invoice row (every one reported together), a
 * repeated key, a row of another month, or bad charge inputs, as `readInvoice`,
 * `calculateMonthlyCharges` and `reconcileInvoice` do.
 * @example
 * const report = reconcileInvoiceFile('invoice.csv', {
 *   statements: [statement], month: '2025-06', meters, elective, listing: 'differing' });
 * report.counts.match // every line that matches, counted though not listed
 */
export function reconcileInvoiceFile(path: string, input: ReconcileInvoiceFileInput): Reconciliation {
  checkArguments('reconcileInvoiceFile', [
    ['path', path, { shape: 'text', expected: 'the path of an invoice CSV file' }],
    [
      'input',
      input,
      {
        shape: 'object',
        fields: {
          ...MONTHLY_CHARGES_FIELDS,
          tolerance: { shape: 'text', optional: true },
          listing: { shape: 'text', optional: true },
          columns: { shape: 'object', optional: true },
          source: SOURCE,
        },
      },
    ],
  ]);
  const issues: InputIssue[] = [];
  const { tolerance, listing } = checkReconcileSettings(input, issues);
  const settings = checkChargeSettings(input, issues);
  const args = collectInputIssues(issues, () => chargeArgumentsOfTables(settings, input, issues));
  if (issues.length > 0 || args === undefined) throw new InputError(issues);
  const source = input.source ?? path;
  refuseJsonInvoice(path, source);
  return reconcileInvoiceTable(
    { kind: 'csvChunks', source, read: (take) => readFileInChunks(path, INVOICE_CHUNK_BYTES, take) },
    { source, ...(input.columns === undefined ? {} : { columns: input.columns }) },
    deferValidatedMonthlyCharges(...args),
    { tolerance, listing, rounding: settings.rounding },
  );
}
