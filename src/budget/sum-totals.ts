/** Adding up charge totals: months into a year, years into a case. */
import { InvariantError } from '../errors/invariant-error.js';
import { sumDecimals } from '../money/decimal.js';
import { formatMoney } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { CHARGE_KINDS, type ChargeTotals } from '../charges/charge-line.js';

/** The fields of charge totals, charge kinds first. */
export const TOTAL_FIELDS = [...CHARGE_KINDS, 'net', 'vat', 'gross'] as const;

/** A field of charge totals. */
export type TotalField = (typeof TOTAL_FIELDS)[number];

/**
 * Adds totals field by field: each field is the sum of the same field of every part (no
 * rounding: every part already has two places). Checks that the net is the sum of the charge
 * kinds and the gross the net plus VAT.
 * @throws InvariantError `totalsDoNotAddUp` when the parts were inconsistent.
 * @example sumTotals(twelveMonths).net // the year's net
 */
export function sumTotals(parts: readonly ChargeTotals[]): ChargeTotals {
  const sum = (field: TotalField) => sumDecimals(parts.map((part) => toDecimal(part[field])));
  const net = sum('net');
  const kinds = sumDecimals(CHARGE_KINDS.map((kind) => sum(kind)));
  if (!net.equals(kinds)) {
    throw new InvariantError(
      'totalsDoNotAddUp',
      `net ${net.toFixed()} differs from the sum of the charge kinds ${kinds.toFixed()}`,
    );
  }
  const vat = sum('vat');
  const gross = sum('gross');
  if (!gross.equals(net.plus(vat))) {
    throw new InvariantError(
      'totalsDoNotAddUp',
      `gross ${gross.toFixed()} differs from net plus VAT ${net.plus(vat).toFixed()}`,
    );
  }
  return {
    fixed: formatMoney(sum('fixed')),
    fixedCh: formatMoney(sum('fixedCh')),
    fixedAltHan: formatMoney(sum('fixedAltHan')),
    explicit: formatMoney(sum('explicit')),
    elective: formatMoney(sum('elective')),
    net: formatMoney(net),
    vat: formatMoney(vat),
    gross: formatMoney(gross),
  };
}
