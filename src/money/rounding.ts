/**
 * Named rounding modes and the named rounding points of the library.
 *
 * Money is rounded only where a rounding point says so: a line amount, the VAT of an
 * invoice, a published rate. Each point names its mode; the default is half-up.
 */
import type { Decimal } from 'decimal.js';
import { Dec, type Dec as DecType } from './decimal.js';

import type { RoundingMode } from './rounding-modes.js';

export { DEFAULT_ROUNDING_MODE, ROUNDING_MODES, type RoundingMode } from './rounding-modes.js';

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  halfUp: Dec.ROUND_HALF_UP,
  halfEven: Dec.ROUND_HALF_EVEN,
  halfDown: Dec.ROUND_HALF_DOWN,
  up: Dec.ROUND_UP,
  down: Dec.ROUND_DOWN,
};

/** Rounds to `places` decimal places with a named mode. */
export function roundTo(value: DecType, places: number, mode: RoundingMode): DecType {
  return value.toDecimalPlaces(places, DECIMAL_JS_MODE[mode]);
}

/** Rounds an amount to whole pence (2 decimal places) with a named mode. */
export function roundToPence(value: DecType, mode: RoundingMode): DecType {
  return roundTo(value, 2, mode);
}

/**
 * Writes a decimal in plain notation with exactly `places` decimal places.
 * Negative zero is written without a sign.
 */
export function formatFixed(value: DecType, places: number): string {
  const text = value.toFixed(places);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Writes money in pounds with two decimal places, such as `"1234.50"`. */
export function formatMoney(value: DecType): string {
  return formatFixed(value, 2);
}

/** Writes a decimal in plain notation with no trailing zeros beyond its value. */
export function formatPlain(value: DecType): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}
