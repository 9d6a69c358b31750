/**
 * The change between two figures, in pounds and in per cent, as the comparisons of
 * statements and budgets report it.
 */
import type { Dec } from '../money/decimal.js';
import { formatFixed, formatPlain, roundTo, type RoundingMode } from '../money/rounding.js';

/** Decimal places of a percentage change (the named rounding point `percentChange`). */
export const PERCENT_PLACES = 2;

/** Rounding mode of a percentage change. */
export const PERCENT_ROUNDING: RoundingMode = 'halfUp';

/** A change from `before` to `after`. */
export interface FigureChange {
  /** `after - before`, exact, in plain notation. */
  readonly change: string;
  /**
   * `round2((after - before) / before x 100)`, half-up; `null` when `before` is zero, where a
   * percentage is undefined (decision 0041).
   */
  readonly changePercent: string | null;
}

/**
 * The change from `before` to `after`: exact in pounds, rounded in per cent.
 * @param format - how to write the change in pounds: `plain` (rates, exact) or `money` (two places).
 * @example changeBetween(new Dec('0.40'), new Dec('0.44'), 'plain') // { change: '0.04', changePercent: '10.00' }
 */
export function changeBetween(before: Dec, after: Dec, format: 'plain' | 'money'): FigureChange {
  const change = after.minus(before);
  return {
    change: format === 'money' ? formatFixed(change, 2) : formatPlain(change),
    changePercent: before.isZero()
      ? null
      : formatFixed(roundTo(change.dividedBy(before).times(100), PERCENT_PLACES, PERCENT_ROUNDING), PERCENT_PLACES),
  };
}
