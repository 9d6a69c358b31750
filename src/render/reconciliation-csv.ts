/**
 * The reconciliation as CSV: one row per line, then one row per total, through `writeCsv`
 * so that no text cell (a description from the invoice, say) can run as a formula.
 */
import { formatLocation } from '../errors/input-error.js';
import { chargeKeyColumns, type ChargeKeyColumns } from '../charges/charge-line.js';
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import { writeCsv } from '../tables/csv-write.js';

/** The columns of the reconciliation CSV. */
export const RECONCILIATION_CSV_HEADER = [
  'section',
  'status',
  'month',
  'kind',
  'chargingGroup',
  'region',
  'code',
  'description',
  'expectedQuantity',
  'invoicedQuantity',
  'quantityDifference',
  'expectedUnitPrice',
  'invoicedUnitPrice',
  'unitPriceDifference',
  'expectedAmount',
  'invoicedAmount',
  'amountDifference',
  'invoiceRow',
  'explanation',
] as const;

function keyCells(columns: ChargeKeyColumns): string[] {
  return [columns.chargingGroup ?? '', columns.region ?? '', columns.code ?? ''];
}

/** The CSV of a reconciliation: sections `line` then `total`. */
export function renderReconciliationCsv(result: Reconciliation): string {
  const rows: string[][] = result.lines.map((line) => [
    'line',
    line.status,
    line.key.month,
    line.key.kind,
    ...keyCells(chargeKeyColumns(line.key)),
    line.description,
    line.expected?.quantity ?? '',
    line.invoiced?.quantity ?? '',
    line.difference.quantity ?? '',
    line.expected?.unitPrice ?? '',
    line.invoiced?.unitPrice ?? '',
    line.difference.unitPrice ?? '',
    line.expected?.amount ?? '',
    line.invoiced?.amount ?? '',
    line.difference.amount,
    line.invoiced === undefined ? '' : formatLocation(line.invoiced.location),
    line.explanation,
  ]);
  for (const total of [result.totals.net, result.totals.vat, result.totals.gross]) {
    rows.push([
      'total',
      total.status,
      result.month,
      total.name,
      '',
      '',
      '',
      total.name === 'vat' ? `VAT at ${result.vatRate}` : total.name === 'net' ? 'Net (sum of lines)' : 'Gross (net + VAT)',
      total.vat?.expectedBase ?? '',
      total.vat?.invoicedBase ?? '',
      '',
      total.vat?.expectedRate ?? '',
      total.vat?.invoicedRate ?? '',
      '',
      total.expected,
      total.invoiced ?? '',
      total.difference ?? '',
      total.invoiceRow === undefined ? '' : formatLocation(total.invoiceRow),
      total.explanation,
    ]);
  }
  return writeCsv(RECONCILIATION_CSV_HEADER, rows);
}
