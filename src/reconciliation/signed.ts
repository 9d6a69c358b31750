/**
 * Writing differences for a person: a sign on every non-zero difference, so `+12.50`
 * (the invoice asks for more) reads differently from `-12.50` (it asks for less).
 */
import type { Dec } from '../money/decimal.js';
import { formatMoney, formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';

/** Writes money with a sign when it is not zero: `+12.50`, `-0.01`, `0.00`. */
export function signedMoney(value: Dec | string): string {
  const text = formatMoney(typeof value === 'string' ? toDecimal(value) : value);
  return /^(-|0(\.0*)?$)/.test(text) ? text : `+${text}`;
}

/** Writes a plain decimal with a sign when it is not zero: `+5`, `-0.001`, `0`. */
export function signedPlain(value: Dec | string): string {
  const text = formatPlain(typeof value === 'string' ? toDecimal(value) : value);
  return /^(-|0(\.0*)?$)/.test(text) ? text : `+${text}`;
}
