/**
 * The reconciliation as CSV: one row per line, then one row per total, then (when the counts
 * came from a register) the count comparison, through `writeCsv` so that no text cell (a
 * description from the invoice, say) can run as a formula. The `section` column says what a
 * row is, so that a spreadsheet filter keeps one kind of row.
 */
import { formatLocation } from '../errors/input-error.js';
import { chargeKeyColumns, type ChargeKeyColumns } from '../charges/charge-line.js';
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import { writeCsv } from '../tables/csv-write.js';
import {
  countMoveRows,
  describeDays,
  describeMeterPoint,
  disputeName,
  disputeSentence,
  disputeStatus,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';
import { describeRule } from '../reconciliation/count-readings.js';

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

/**
 * The rows of the count comparison: per dispute a `countDispute` row (our count and the invoiced
 * quantity), its `countReading` rows (how the count moves: a rule over a run of snapshot days,
 * status `ours`, `reproduces` or `other`), and its `countMeterPoint` rows (the meter points
 * listed as differing, the meter point in `code`, its register line in `invoiceRow`).
 */
function countRows(month: string, section: RegistrationCountCheck): string[][] {
  const rows: string[][] = [];
  const blank = (count: number) => Array.from({ length: count }, () => '');
  for (const dispute of section.disputes) {
    const kind = dispute.kinds.join(' ');
    const key = [month, kind, dispute.chargingGroup, dispute.region];
    rows.push([
      'countDispute',
      disputeStatus(dispute),
      ...key,
      '',
      disputeName(dispute),
      String(dispute.ours.count),
      dispute.invoiced,
      ...blank(7),
      section.source,
      disputeSentence(dispute),
    ]);
    for (const move of countMoveRows(dispute)) {
      const status = move.reproduces ? 'reproduces' : move.ours ? 'ours' : 'other';
      const description = `${describeRule(move.rule)}, snapshot ${describeDays(move)}`;
      rows.push([
        'countReading',
        status,
        ...key,
        '',
        description,
        String(move.count),
        dispute.invoiced,
        ...blank(7),
        section.source,
        `count under ${description}`,
      ]);
    }
    for (const point of dispute.differingMeterPoints.listed) {
      rows.push([
        'countMeterPoint',
        point.countedBy,
        ...key,
        point.meterPoint,
        describeMeterPoint(point),
        ...blank(9),
        `${section.source} line ${point.line}`,
        `counted by the ${point.countedBy === 'ours' ? 'our reading' : 'reproducing reading'} only (${point.reading})`,
      ]);
    }
  }
  return rows;
}

/** The CSV of a reconciliation: sections `line` then `total`, then the count comparison when there is one. */
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
      total.name === 'vat'
        ? `VAT at ${result.vatRate}`
        : total.name === 'net'
          ? 'Net (sum of lines)'
          : 'Gross (net + VAT)',
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
  if (result.registrations !== undefined) rows.push(...countRows(result.month, result.registrations));
  return writeCsv(RECONCILIATION_CSV_HEADER, rows);
}
