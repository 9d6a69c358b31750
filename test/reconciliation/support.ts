/** Shared inputs of the reconciliation tests: the illustrative statement and a small User. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateMonthlyCharges, type MonthlyCharges } from '../../src/index.js';
import { Dec } from '../../src/money/decimal.js';
import { formatMoney, roundToPence } from '../../src/money/rounding.js';
import type { InvoiceLineInput } from '../../src/reconciliation/invoice-line.js';
import { invoiceLinesFromCharges } from '../../src/reconciliation/invoice-from-charges.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A path under the repository root. */
export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** The illustrative 2025/26 statement, parsed. */
export const STATEMENT = JSON.parse(
  readFileSync(repoPath('fixtures', 'statements', 'illustrative-2025-26.json'), 'utf8'),
) as unknown;

/** A decimal. */
export const D = (value: string | number): Dec => new Dec(value);

/** Money as the library writes it: rounded half-up to pence, two places. */
export const money = (value: Dec): string => formatMoney(roundToPence(value, 'halfUp'));

/** The month of the worked cases. */
export const MONTH = '2025-06';

/**
 * A small User: 1000 g1 meters in the north, two explicit codes and one elective line.
 * Under the illustrative statement (regime uitmr, every meter chargeable) its lines are:
 * fixed g1 national 1000 x 0.4, fixed g1 north 1000 x 0.03, fixedCh g1 national 1000 x 0.85,
 * fixedAltHan g1 national 1000 x 0.05, explicit CH_STOCK_LEVEL 7 x 0.1825,
 * explicit TEST_LAB_DAY 2.5 x 512.40, elective EA-1 100.00.
 */
export function smallCharges(vatRate?: string): MonthlyCharges {
  return calculateMonthlyCharges({
    statements: [STATEMENT as never],
    month: MONTH,
    meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
    usage: [
      { code: 'TEST_LAB_DAY', quantity: '2.5' },
      { code: 'CH_STOCK_LEVEL', quantity: '7' },
    ],
    elective: [{ reference: 'EA-1', description: 'Bespoke report', amount: '100.00' }],
    ...(vatRate === undefined ? {} : { vatRate }),
  });
}

/** An invoice row as a test writes it. */
export type Row = InvoiceLineInput;

/** The invoice the charges imply, as plain rows. */
export function invoiceOf(charges: MonthlyCharges, options: { totals?: boolean } = {}): Row[] {
  return invoiceLinesFromCharges(charges, options);
}

/** Finds the row of a key (`id` a code, or a group with `region`; empty for the vat and total rows). */
export function findRow(rows: readonly Row[], kind: string, id: string, region?: string): number {
  const index = rows.findIndex(
    (row) => row.kind === kind && (id === '' || row.code === id || (row.chargingGroup === id && row.region === region)),
  );
  if (index === -1) throw new Error(`no row ${kind} ${id} ${region ?? ''}`);
  return index;
}

/** Replaces one row with changes. */
export function withRow(rows: readonly Row[], index: number, changes: Partial<Row>): Row[] {
  return rows.map((row, at) => (at === index ? ({ ...row, ...changes } as Row) : row));
}
