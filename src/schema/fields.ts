/**
 * Field schemas shared by every file format: money, rates, counts, months, groups,
 * regions. Each states in its error what was expected, so a message can say it.
 */
import { z } from 'zod';
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
import { isRegulatoryYear } from '../vocabulary/months.js';

const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const PLAIN_UNSIGNED_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const MONEY_2DP = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;
const WHOLE_NUMBER = /^(0|[1-9]\d*)$/;

function listOf(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

function patternString(pattern: RegExp, expected: string) {
  return z.string({ error: expected }).regex(pattern, { error: expected });
}

/** A non-negative rate or price in pounds, as a plain decimal string (`"0.4468"`). */
export const rateField = patternString(
  PLAIN_UNSIGNED_DECIMAL,
  'a non-negative plain decimal string such as "0.4468" (no exponent, no comma, not a JSON number)',
);

/** A signed amount of money in pounds with at most two decimal places (`"-12.50"`). */
export const amountField = patternString(
  MONEY_2DP,
  'an amount in pounds as a plain decimal string with at most 2 decimal places, such as "125.00"',
);

/** A signed plain decimal string. */
export const signedDecimalField = patternString(
  PLAIN_DECIMAL,
  'a plain decimal string such as "0.20" (no exponent, no comma, not a JSON number)',
);

const VAT_RATE_EXPECTED = 'a VAT rate as a plain decimal from 0 to 1, such as "0.20"';

/** A VAT rate: a plain decimal from 0 to 1. */
export const vatRateField = z
  .string({ error: VAT_RATE_EXPECTED })
  .refine((text) => PLAIN_UNSIGNED_DECIMAL.test(text) && (/^0(\.\d+)?$/.test(text) || /^1(\.0+)?$/.test(text)), {
    error: VAT_RATE_EXPECTED,
  });

/** A non-negative quantity: a plain decimal string, or a whole JSON number. */
export const quantityField = z.union(
  [
    z.string().regex(PLAIN_UNSIGNED_DECIMAL),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String),
  ],
  { error: 'a non-negative quantity as a plain decimal such as "12" or "2.5"' },
);

/** A meter count: a whole number from 0, written in digits or as a whole JSON number. */
export const countField = z.union(
  [
    z
      .string()
      .regex(WHOLE_NUMBER)
      .transform(Number)
      .refine((value) => Number.isSafeInteger(value)),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ],
  { error: 'a whole number of meters from 0, such as "1200"' },
);

/** A boolean, as JSON `true`/`false` or the text `true`/`false`. */
export const booleanField = z.union(
  [z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')],
  { error: 'true or false' },
);

/** A Charging Group: its identifier or its symbol g1..g5, read as the identifier. */
export const chargingGroupField = z
  .enum(CHARGING_GROUP_SPELLINGS as [string, ...string[]], {
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

/** A month `YYYY-MM`. */
export const monthField = patternString(
  /^\d{4}-(0[1-9]|1[0-2])$/,
  'a month written YYYY-MM, such as "2025-04"',
);

/** A Regulatory Year `YYYY/YY`. */
export const regulatoryYearField = z
  .string({ error: 'a Regulatory Year such as "2025/26"' })
  .regex(/^\d{4}\/\d{2}$/, { error: 'a Regulatory Year such as "2025/26"' })
  .refine(isRegulatoryYear, { error: 'a Regulatory Year such as "2025/26"' });

/** A non-empty text. */
export const textField = (what: string) =>
  z.string({ error: `${what} (a non-empty text)` }).min(1, { error: `${what} (a non-empty text)` });
