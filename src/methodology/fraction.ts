/**
 * Exact rates: a derived rate is a quotient `numerator / denominator` of two exact decimals,
 * kept as a fraction so that recovery can be checked exactly by cross-multiplication and the
 * published rate rounded exactly, never from an already-rounded quotient.
 */
import { Dec, type Dec as DecType } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { InvariantError } from '../errors/invariant-error.js';

/** Significant digits below the 60 of `Dec` within which a product is certainly exact. */
const EXACT_DIGITS = 58;

/** A non-negative exact fraction of two decimals; the denominator is positive. */
export interface Fraction {
  readonly numerator: DecType;
  readonly denominator: DecType;
}

/** The fraction zero, `0 / 1`. */
export const ZERO_FRACTION: Fraction = { numerator: new Dec(0), denominator: new Dec(1) };

/**
 * Makes a fraction, checking that the denominator is positive and the numerator not negative.
 * @throws InvariantError `zeroDenominator` or `negativeRate`: callers check their inputs first.
 */
export function makeFraction(numerator: DecType, denominator: DecType): Fraction {
  if (!denominator.greaterThan(0)) {
    throw new InvariantError('zeroDenominator', `fraction ${numerator.toFixed()} / ${denominator.toFixed()}`);
  }
  if (numerator.isNegative() && !numerator.isZero()) {
    throw new InvariantError('negativeRate', `fraction ${numerator.toFixed()} / ${denominator.toFixed()}`);
  }
  return { numerator, denominator };
}

/** The quotient to 60 significant digits (for display; exact only when the division is). */
export function fractionToDecimal(fraction: Fraction): DecType {
  return fraction.numerator.dividedBy(fraction.denominator);
}

/** Writes a fraction as `numerator / denominator` in plain notation. */
export function formatFraction(fraction: Fraction): string {
  return `${formatPlain(fraction.numerator)} / ${formatPlain(fraction.denominator)}`;
}

/**
 * Rounds a fraction half-up (ties away from zero) to `places` decimal places, exactly: the
 * integer quotient of `numerator x 10^places` by the denominator, plus one when twice the
 * remainder reaches the denominator. No intermediate quotient is rounded first.
 * @example roundFractionHalfUp({ numerator: D(1), denominator: D(8) }, 2) // 0.13
 */
export function roundFractionHalfUp(fraction: Fraction, places: number): DecType {
  const scale = new Dec(10).pow(places);
  const scaled = fraction.numerator.times(scale);
  const whole = scaled.dividedToIntegerBy(fraction.denominator);
  const remainder = scaled.minus(whole.times(fraction.denominator));
  if (remainder.isNegative() || remainder.greaterThanOrEqualTo(fraction.denominator)) {
    throw new InvariantError(
      'unreachable',
      `integer division of ${formatFraction(fraction)} left remainder ${remainder.toFixed()}`,
    );
  }
  for (const value of [scaled, whole, whole.times(fraction.denominator)]) {
    if (value.precision(true) > EXACT_DIGITS) {
      throw new InvariantError(
        'precisionExceeded',
        `rounding ${formatFraction(fraction)} needs ${value.precision(true)} significant digits`,
      );
    }
  }
  const rounded = remainder.times(2).greaterThanOrEqualTo(fraction.denominator) ? whole.plus(1) : whole;
  return rounded.dividedBy(scale);
}
