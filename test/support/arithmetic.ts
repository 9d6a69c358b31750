/**
 * Arithmetic for writing expected values in tests, independent of the library's code:
 * decimal.js for worked examples, and BigInt fixed-point for property tests.
 */
import { Decimal } from 'decimal.js';

/** A test-only Decimal constructor (80 digits). */
export const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

/** Rounds half away from zero to pence and writes two decimal places. */
export function pence(value: Decimal.Value): string {
  const text = new D(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** Adds amounts written with two decimal places and writes the sum with two. */
export function sumPence(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total.plus(amount), new D(0)).toFixed(2);
}

/** A plain decimal string as an integer number of units of 10^-scale. */
export function toFixedPoint(text: string): { units: bigint; scale: number } {
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

/**
 * `round2(a x b)` half away from zero, computed in BigInt fixed point: an implementation
 * that shares nothing with the library's Decimal code.
 */
export function roundedProductBigInt(a: string, b: string): string {
  const x = toFixedPoint(a);
  const y = toFixedPoint(b);
  const product = x.units * y.units;
  const scale = x.scale + y.scale;
  let pennies: bigint;
  if (scale <= 2) {
    pennies = product * 10n ** BigInt(2 - scale);
  } else {
    const divisor = 10n ** BigInt(scale - 2);
    const magnitude = product < 0n ? -product : product;
    let quotient = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
    pennies = product < 0n ? -quotient : quotient;
  }
  const negative = pennies < 0n;
  const digits = (negative ? -pennies : pennies).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
