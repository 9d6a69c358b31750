/**
 * Field schemas shared by every file format: money, rates, counts, months, groups,
 * regions. Each states in its error what was expected, so a message can say it.
 */
import * as z from 'zod';
import {
  CHARGING_GROUP_SPELLINGS,
  CHARGING_GROUPS,
  CH_CHARGING_GROUPS,
  parseChargingGroup,
  type ChargingGroup,
} from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { RATE_REGIONS, REGIONS } from '../vocabulary/regions.js';
import { REGIMES } from '../vocabulary/regimes.js';
import {
  MONTH_EXPECTED,
  REGULATORY_YEAR_EXPECTED,
  SUPPORTED_MONTH_PATTERN,
  SUPPORTED_REGULATORY_YEAR_PATTERN,
} from '../vocabulary/months.js';
import { DIGIT_BOUNDS } from '../money/plain-decimal.js';

/** An amount of money as {@link amountField} accepts it: signed, at most 15 integer digits and 2 decimal places. */
export const MONEY_2DP = /^-?(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

/**
 * The plain decimals of at most `integer` digits before the point and `fraction` after, as one
 * pattern (so that a JSON Schema carries it): what `fitsDigits` and `PLAIN_DECIMAL` check together.
 */
export function boundedDecimalPattern(integer: number, fraction: number, signed: boolean): RegExp {
  return new RegExp(`^${signed ? '-?' : ''}(0|[1-9]\\d{0,${integer - 1}})(\\.\\d{1,${fraction}})?$`);
}

/** A non-negative rate or price: at most 10 digits before the point and 20 after. */
export const RATE_PATTERN = boundedDecimalPattern(DIGIT_BOUNDS.rate.integer, DIGIT_BOUNDS.rate.fraction, false);

/** A signed decimal bounded as rates are. */
export const SIGNED_DECIMAL_PATTERN = boundedDecimalPattern(
  DIGIT_BOUNDS.rate.integer,
  DIGIT_BOUNDS.rate.fraction,
  true,
);

/** A non-negative quantity: at most 12 digits before the point and 10 after. */
export const QUANTITY_PATTERN = boundedDecimalPattern(
  DIGIT_BOUNDS.quantity.integer,
  DIGIT_BOUNDS.quantity.fraction,
  false,
);

/** A signed quantity (an invoice's), bounded as quantities are. */
export const SIGNED_QUANTITY_PATTERN = boundedDecimalPattern(
  DIGIT_BOUNDS.quantity.integer,
  DIGIT_BOUNDS.quantity.fraction,
  true,
);

/** A meter count in digits: a whole number from 0 to 10^12. */
export const COUNT_PATTERN = /^(0|[1-9]\d{0,11}|1000000000000)$/;

/** An amount in pounds with at most two decimal places. */
export const AMOUNT_PATTERN = MONEY_2DP;

/** A VAT rate: a plain decimal from 0 to 1 with at most 10 decimal places. */
export const VAT_RATE_PATTERN = /^(0(\.\d{1,10})?|1(\.0{1,10})?)$/;

function listOf(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

function patternString(pattern: RegExp, expected: string) {
  return z.string({ error: expected }).regex(pattern, { error: expected });
}

const RATE_EXPECTED = `a non-negative plain decimal string such as "0.4468" (no exponent, no comma, not a JSON number; at most ${DIGIT_BOUNDS.rate.integer} digits before the point and ${DIGIT_BOUNDS.rate.fraction} after)`;

/** A non-negative rate or price in pounds, as a plain decimal string (`"0.4468"`). */
export const rateField = patternString(RATE_PATTERN, RATE_EXPECTED);

const AMOUNT_EXPECTED = 'an amount in pounds as a plain decimal string with at most 2 decimal places, such as "125.00"';

/** A signed amount of money in pounds with at most two decimal places (`"-12.50"`). */
export const amountField = z.string({ error: AMOUNT_EXPECTED }).regex(MONEY_2DP, { error: AMOUNT_EXPECTED });

const SIGNED_EXPECTED = `a plain decimal string such as "0.20" (no exponent, no comma, not a JSON number; at most ${DIGIT_BOUNDS.rate.integer} digits before the point and ${DIGIT_BOUNDS.rate.fraction} after)`;

/** True for a signed plain decimal within the digit bounds of rates: what {@link signedDecimalField} accepts. */
export function isBoundedSignedDecimal(text: string): boolean {
  return SIGNED_DECIMAL_PATTERN.test(text);
}

/** A signed plain decimal string, bounded as rates are. */
export const signedDecimalField = patternString(SIGNED_DECIMAL_PATTERN, SIGNED_EXPECTED);

const VAT_RATE_EXPECTED = 'a VAT rate as a plain decimal from 0 to 1 with at most 10 decimal places, such as "0.20"';

/** A VAT rate: a plain decimal from 0 to 1. */
export const vatRateField = patternString(VAT_RATE_PATTERN, VAT_RATE_EXPECTED);

const QUANTITY_EXPECTED = `a non-negative quantity as a plain decimal such as "12" or "2.5" (at most ${DIGIT_BOUNDS.quantity.integer} digits before the point and ${DIGIT_BOUNDS.quantity.fraction} after; a JSON number only when whole)`;

/** A non-negative quantity written as text (a CSV cell): a plain decimal string. */
export const quantityText = patternString(QUANTITY_PATTERN, QUANTITY_EXPECTED);

/** A non-negative quantity: a plain decimal string, or a whole JSON number. */
export const quantityField = z.union(
  [
    quantityText,
    z
      .number({ error: QUANTITY_EXPECTED })
      .int({ error: QUANTITY_EXPECTED })
      .min(0, { error: QUANTITY_EXPECTED })
      .lt(10 ** DIGIT_BOUNDS.quantity.integer, { error: QUANTITY_EXPECTED })
      .transform(String),
  ],
  { error: QUANTITY_EXPECTED },
);

const COUNT_EXPECTED = `a whole number of meters from 0 to ${DIGIT_BOUNDS.maxCount}, such as "1200"`;

/** A meter count written as text (a CSV cell): a whole number from 0 to 10^12 in digits. */
export const countText = patternString(COUNT_PATTERN, COUNT_EXPECTED);

/** A meter count: a whole number from 0 to 10^12, in digits or as a whole JSON number. */
export const countField = z.union(
  [
    countText.transform(Number),
    z
      .number({ error: COUNT_EXPECTED })
      .int({ error: COUNT_EXPECTED })
      .min(0, { error: COUNT_EXPECTED })
      .max(DIGIT_BOUNDS.maxCount, { error: COUNT_EXPECTED }),
  ],
  { error: COUNT_EXPECTED },
);

/** A boolean, as JSON `true`/`false` or the text `true`/`false`. */
export const booleanField = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')], {
  error: 'true or false',
});

/** A Charging Group: its identifier or its symbol g1..g5, read as the identifier. */
export const chargingGroupField = z
  .enum(CHARGING_GROUP_SPELLINGS, {
    error: `a Charging Group: one of ${listOf(CHARGING_GROUPS)} or g1..g5`,
  })
  .transform((text): ChargingGroup => parseChargingGroup(text) as ChargingGroup);

/** A Communications Hub Charging Group (g1..g3 only, K3.10). */
export const chChargingGroupField = chargingGroupField.refine(
  (group) => (CH_CHARGING_GROUPS as readonly string[]).includes(group),
  {
    error: `a Communications Hub Charging Group: one of ${listOf(CH_CHARGING_GROUPS)} (g1..g3; K3.10 excludes g4 and g5)`,
  },
);

/** A Region. */
export const regionField = z.enum(REGIONS, { error: `a Region: one of ${listOf(REGIONS)}` });

/** A rate region: `national` or a Region. */
export const rateRegionField = z.enum(RATE_REGIONS, {
  error: `a rate region: one of ${listOf(RATE_REGIONS)}`,
});

/** A premises type. */
export const premisesField = z.enum(PREMISES_TYPES, {
  error: `a premises type: one of ${listOf(PREMISES_TYPES)}`,
});

/** A regime. */
export const regimeField = z.enum(REGIMES, { error: `a regime: one of ${listOf(REGIMES)}` });

const MONTH_FIELD_EXPECTED = `${MONTH_EXPECTED}, such as "2025-04"`;

/**
 * A month `YYYY-MM` in the supported range (decision 0066): the pattern is the range, and a
 * test checks it agrees with `isMonth` for every four-digit year.
 */
export const monthField = patternString(SUPPORTED_MONTH_PATTERN, MONTH_FIELD_EXPECTED);

/** A Regulatory Year `YYYY/YY` in the supported range (decision 0066). */
export const regulatoryYearField = patternString(SUPPORTED_REGULATORY_YEAR_PATTERN, REGULATORY_YEAR_EXPECTED);

/** A non-empty text. */
export const textField = (what: string) =>
  z.string({ error: `${what} (a non-empty text)` }).min(1, { error: `${what} (a non-empty text)` });
