/**
 * Money, rates and quantities cross the library's boundary as plain decimal strings:
 * digits, an optional fraction after a full stop, an optional leading minus sign.
 * No exponent, no thousands separator, no comma, no NaN or Infinity, never a JS number.
 */
import { Dec } from './decimal.js';
import { InvariantError } from '../errors/invariant-error.js';

const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const PLAIN_UNSIGNED_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const WHOLE_NUMBER = /^(0|[1-9]\d*)$/;

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
