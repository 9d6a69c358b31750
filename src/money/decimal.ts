/**
 * The library's private decimal arithmetic.
 *
 * `decimal.js` keeps a global configuration; `Decimal.set` would change it for every
 * other user of the package in the same process. This module makes a private clone
 * instead, with enough precision for any count times any published rate, and plain
 * notation for every string it produces.
 */
import { Decimal } from 'decimal.js';

/** Private Decimal constructor: 60 significant digits, never exponent notation. */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});

/** An instance of the private Decimal constructor. */
export type Dec = Decimal;

/** The value zero. */
export const ZERO: Dec = new Dec(0);

/** Adds a list of decimals; the sum of no terms is zero. */
export function sumDecimals(values: readonly Dec[]): Dec {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
