/**
 * The invoice a month's charges imply: one row per charge line, then a `vat` row (its
 * quantity the net, its unit price the VAT rate) and a `total` row (the gross). These are
 * the rows `dcc-charges charges --format csv` writes; an invoice equal to them reconciles
 * as all `match`.
 */
import { checkArguments } from '../errors/arguments.js';
import { chargeKeyColumns, type MonthlyCharges } from '../charges/charge-line.js';
import type { InvoiceLineInput } from './invoice-line.js';

/**
 * Writes expected charges as invoice rows.
 * @param options.totals - add the `vat` and `total` rows (default true).
 * @example invoiceLinesFromCharges(charges).at(-1) // { month: '2025-06', kind: 'total', ..., amount: charges.totals.gross }
 */
export function invoiceLinesFromCharges(
  charges: MonthlyCharges,
  options: { totals?: boolean } = {},
): InvoiceLineInput[] {
  checkArguments('invoiceLinesFromCharges', [
    [
      'charges',
      charges,
      {
        shape: 'object',
        expected: 'monthly charges (a result of calculateMonthlyCharges)',
        fields: {
          month: { shape: 'text' },
          vatRate: { shape: 'text' },
          lines: { shape: 'list' },
          totals: { shape: 'object' },
        },
      },
    ],
    ['options', options, { shape: 'object', fields: { totals: { shape: 'boolean', optional: true } } }],
  ]);
  const rows: InvoiceLineInput[] = charges.lines.map((line) => ({
    month: charges.month,
    kind: line.kind,
    ...chargeKeyColumns(line),
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    clause: line.clause,
  }));
  if (options.totals === false) return rows;
  rows.push({
    month: charges.month,
    kind: 'vat',
    description: `VAT at ${charges.vatRate} on ${charges.totals.net}`,
    quantity: charges.totals.net,
    unitPrice: charges.vatRate,
    amount: charges.totals.vat,
  });
  rows.push({ month: charges.month, kind: 'total', description: 'Gross total', amount: charges.totals.gross });
  return rows;
}
