/**
 * Money, rates and quantities cross the library's boundary as plain decimal strings:
 * digits, an optional fraction after a full stop, an optional leading minus sign.
 * No exponent, no thousands separator, no comma, no NaN or Infinity, never a JS number.
 */
import { Dec } from './decimal.js';
import { InvariantError } from '../errors/invariant-error.js';

/** A plain decimal: optional minus sign, digits without leading zeros, optional fraction. */
export const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
/** A plain decimal with no sign. */
export const PLAIN_UNSIGNED_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
/** A whole number in digits, without leading zeros. */
export const WHOLE_NUMBER = /^(0|[1-9]\d*)$/;

/**
 * Digit bounds of the values the library multiplies, so that every product is exact in the
 * private Decimal's 60 significant digits: rates and prices at most 10 integer digits and 20
 * decimal places, quantities 12 and 10, meter counts at most 10^12 (13 digits). A product of
 * a rate and a quantity then has at most 22 + 30 = 52 significant digits.
 */
export const DIGIT_BOUNDS = {
  rate: { integer: 10, fraction: 20 },
  quantity: { integer: 12, fraction: 10 },
  maxCount: 1_000_000_000_000,
} as const;

/** True when a plain decimal has at most `integer` integer digits and `fraction` decimal places. */
export function fitsDigits(text: string, integer: number, fraction: number): boolean {
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const point = unsigned.indexOf('.');
  const whole = point === -1 ? unsigned : unsigned.slice(0, point);
  return whole.length <= integer && decimalPlacesOf(unsigned) <= fraction;
}

/** True when `text` is a plain decimal such as `"0.4468"` or `"-12.50"`. */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/** True when `text` is a plain decimal with no sign, such as `"0.4468"`. */
export function isPlainUnsignedDecimal(text: string): boolean {
  return PLAIN_UNSIGNED_DECIMAL.test(text);
}

/** True when `text` is a whole number written in digits, such as `"1200"`. */
export function isWholeNumber(text: string): boolean {
  return WHOLE_NUMBER.test(text);
}

/** Number of digits after the decimal point of a plain decimal string. */
export function decimalPlacesOf(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

/**
 * Reads a plain decimal string that was validated at the boundary.
 * A malformed string here is a broken invariant, not bad input.
 */
export function toDecimal(text: string): Dec {
  if (!PLAIN_DECIMAL.test(text)) {
    throw new InvariantError('notPlainDecimal', `not a plain decimal: ${JSON.stringify(text)}`);
  }
  return new Dec(text);
}
