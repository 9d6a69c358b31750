/**
 * Charges computed by this library, remembered as such: `calculateMonthlyCharges` freezes its
 * result (the result, its lines, each line and the totals) and notes the rounding mode it used,
 * so that a consumer that must check charges handed to it (the reconciliation checks that each
 * amount is its quantity times its unit price, rounded, and that the totals add up) can skip
 * the check for charges that cannot have changed since they were computed.
 */
import type { RoundingMode } from '../money/rounding.js';
import type { MonthlyCharges } from './charge-line.js';

const COMPUTED = new WeakMap<MonthlyCharges, RoundingMode>();

/** Freezes charges just computed and remembers them with their rounding mode. */
export function markComputed(charges: MonthlyCharges, rounding: RoundingMode): MonthlyCharges {
  for (const line of charges.lines) Object.freeze(line);
  Object.freeze(charges.lines);
  Object.freeze(charges.totals);
  Object.freeze(charges.statement);
  COMPUTED.set(Object.freeze(charges), rounding);
  return charges;
}

/** The rounding mode of charges computed by this library, or undefined for any other object. */
export function computedRounding(charges: MonthlyCharges): RoundingMode | undefined {
  return COMPUTED.get(charges);
}
