/**
 * Reconciling a DCC invoice with the expected charges of the same month: every line gets
 * one status, the totals are compared, and the money at stake is summed.
 */
import { checkArguments } from '../errors/arguments.js';
import type { MonthlyCharges } from '../charges/charge-line.js';
import { collectInputIssues, formatLocation, InputError, type InputIssue } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import type { CellTable } from '../tables/cell-table.js';
import type { CsvChunks } from '../tables/csv-chunks.js';
import type { LineComparison } from './compare-lines.js';
import { checkExpectedCharges } from './expected-charges.js';
import type { InvoiceLine, InvoiceLineInput } from './invoice-line.js';
import { expectedLinesOf, LineReconciler, type ExpectedLines } from './line-reconciler.js';
import {
  emptyInvoiceIssue,
  isValidatedInvoice,
  parseInvoiceLines,
  repeatedKeyIssue,
  visitInvoice,
  type Invoice,
  type ReadInvoiceOptions,
} from './read-invoice.js';
import { LINE_LISTINGS, type LineListing, type Reconciliation } from './reconciliation.js';
import { DEFAULT_TOLERANCE } from './defaults.js';

export { DEFAULT_TOLERANCE };
export { orderLines } from './line-reconciler.js';

const TOLERANCE = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/** True when `text` is a tolerance: a non-negative plain decimal with at most two places, such as `"0.01"`. */
export function isTolerance(text: unknown): text is string {
  return typeof text === 'string' && TOLERANCE.test(text);
}

/** What {@link reconcileInvoice} needs. */
export interface ReconcileInvoiceInput {
  /** The invoice: as read by {@link readInvoice}, or its rows as objects. */
  readonly invoice: Invoice | readonly InvoiceLineInput[];
  /** The expected charges of the month, from `calculateMonthlyCharges`. */
  readonly expected: MonthlyCharges;
  /**
   * The largest absolute difference in pounds, per line amount and per total, that still
   * counts as a match; a plain decimal with at most two places. Default `"0.00"`.
   * Quantities, unit prices and the VAT rate are compared exactly (decision 0031).
   */
  readonly tolerance?: string;
  /**
   * Which lines the result lists: `all` (the default) or only those that `differ`; the counts,
   * totals and money at stake cover every line either way (decision 0085).
   */
  readonly listing?: LineListing;
}

/**
 * Compares an invoice with the expected charges of its month.
 *
 * Lines are matched on `(month, kind, chargingGroup, region, code)`. Each gets one status:
 * `match`, `quantityDiffers`, `unitPriceDiffers`, `amountDiffers` (the invoice's amount is
 * not its quantity times its unit price, rounded), `missingFromInvoice` or
 * `unexpectedOnInvoice`, with both sides' figures and the difference. The totals (net, VAT,
 * gross) are compared the same way; the optional `vat` and `total` rows of the invoice are
 * read there. Every invoice row appears exactly once in the result.
 *
 * @clause K4-K8 (the expected charges compared with); invoice totals and VAT (docs/methodology.md, billing)
 * @param input - the invoice, the expected charges and the tolerance.
 * @returns the reconciliation: lines in key order, totals, money at stake, verdict.
 * @throws InputError for a malformed invoice or expected charges, a tolerance that is not
 * a non-negative amount, or an invoice row of another month than the expected charges.
 * @example
 * const expected = calculateMonthlyCharges({ statements: [statement], month: '2025-06', meters });
 * reconcileInvoice({ invoice: readInvoice(csvText), expected, tolerance: '0.01' }).verdict // 'allMatch'
 */
export function reconcileInvoice(input: ReconcileInvoiceInput): Reconciliation {
  checkArguments('reconcileInvoice', [
    [
      'input',
      input,
      {
        shape: 'object',
        fields: {
          invoice: { shape: 'object', expected: 'an invoice (from readInvoice) or an array of invoice rows' },
          expected: { shape: 'object', expected: 'monthly charges (a result of calculateMonthlyCharges)' },
          tolerance: { shape: 'text', optional: true },
          listing: { shape: 'text', optional: true },
        },
      },
    ],
  ]);
  const issues: InputIssue[] = [];
  const { tolerance, listing } = checkReconcileSettings(input, issues);
  const rounding: RoundingMode | undefined = collectInputIssues(issues, () => checkExpectedCharges(input.expected));
  const given = Array.isArray(input.invoice) ? undefined : (input.invoice as Invoice);
  const source = given?.source ?? 'invoice';
  // An invoice read by readInvoice is validated and frozen already: not checked twice.
  const lines: readonly InvoiceLine[] | undefined =
    given !== undefined && isValidatedInvoice(given)
      ? given.lines
      : collectInputIssues(issues, () => parseInvoiceLines(given === undefined ? input.invoice : given.lines, source));
  if (lines !== undefined && rounding !== undefined) {
    for (const line of lines)
      if (line.month !== input.expected.month) issues.push(otherMonthIssue(line, input.expected.month));
  }
  if (issues.length > 0 || lines === undefined || rounding === undefined) throw new InputError(issues);
  const invoice: Invoice = {
    ...(given?.source === undefined ? {} : { source: given.source }),
    illustrative: given?.illustrative ?? false,
    lines,
  };
  return reconcileValidatedInvoice(
    invoice,
    expectedLinesOf(input.expected),
    { tolerance: toDecimal(tolerance), rounding },
    listing,
  );
}

/**
 * The tolerance and listing of a reconciliation, with their defaults; a bad one is added to
 * `issues` (and its default given back, so that the other inputs are still checked).
 */
export function checkReconcileSettings(
  input: Pick<ReconcileInvoiceInput, 'tolerance' | 'listing'>,
  issues: InputIssue[],
): { readonly tolerance: string; readonly listing: LineListing } {
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  if (!isTolerance(tolerance)) {
    issues.push({
      field: 'tolerance',
      code: 'invalidValue',
      expected: 'a tolerance in pounds: a non-negative plain decimal with at most 2 decimal places, such as "0.01"',
      received: JSON.stringify(tolerance),
    });
  }
  const listing = input.listing ?? 'all';
  if (!(LINE_LISTINGS as readonly string[]).includes(listing)) {
    issues.push({
      field: 'listing',
      code: 'invalidValue',
      expected: `which lines to list: ${LINE_LISTINGS.join(' or ')}`,
      received: JSON.stringify(listing),
    });
  }
  return { tolerance: isTolerance(tolerance) ? tolerance : DEFAULT_TOLERANCE, listing: listing as LineListing };
}

/**
 * The kernel of {@link reconcileInvoice}, over an invoice and expected charges already
 * validated (same month, unique keys, consistent expected amounts).
 */
export function reconcileValidatedInvoice(
  invoice: Invoice,
  expected: ExpectedLines,
  how: LineComparison,
  listing: LineListing = 'all',
): Reconciliation {
  const reconciler = new LineReconciler(expected, how, listing);
  for (const line of invoice.lines) {
    if (reconciler.add(line) !== undefined) {
      throw new InvariantError('invoiceLineNotReconciled', `${formatLocation(line.location)} repeats a key`);
    }
  }
  return reconciler.finish(invoice);
}

/** How {@link reconcileInvoiceTable} reconciles. */
export interface ReconcileTableSettings {
  /** As {@link ReconcileInvoiceInput.tolerance}, checked. */
  readonly tolerance: string;
  readonly listing: LineListing;
  /** The rounding mode of the expected charges. */
  readonly rounding: RoundingMode;
}

/**
 * Reads an invoice and reconciles it as it is read, row by row, with expected charges computed
 * by this library (whose elective lines may be made when asked for): no row is kept unless
 * the result lists its line, so with listing `differing` the memory is that of the expected
 * side and the lines that differ (decision 0085). The checks are those of {@link readInvoice}
 * and {@link reconcileInvoice}, every problem reported together.
 * @throws InputError as {@link readInvoice} and {@link reconcileInvoice} do.
 */
export function reconcileInvoiceTable(
  text: string | CellTable | CsvChunks,
  options: ReadInvoiceOptions,
  expected: ExpectedLines,
  settings: ReconcileTableSettings,
): Reconciliation {
  const reconciler = new LineReconciler(
    expected,
    { tolerance: toDecimal(settings.tolerance), rounding: settings.rounding },
    settings.listing,
  );
  const { illustrative, issues } = visitInvoice(text, options, (line) => {
    if (line.month !== expected.month) return otherMonthIssue(line, expected.month);
    const first = reconciler.add(line);
    return first === undefined ? undefined : repeatedKeyIssue(line, first);
  });
  if (issues.length === 0 && reconciler.rows === 0) {
    issues.push(emptyInvoiceIssue(options.source === undefined ? {} : { source: options.source }));
  }
  if (issues.length > 0) throw new InputError(issues);
  return reconciler.finish({ ...(options.source === undefined ? {} : { source: options.source }), illustrative });
}

/** The problem of an invoice row of another month than the one reconciled. */
function otherMonthIssue(line: InvoiceLine, month: string): InputIssue {
  return {
    ...line.location,
    field: 'month',
    code: 'otherMonth',
    expected: `an invoice line for ${month}, the month reconciled`,
    received: JSON.stringify(line.month),
  };
}
