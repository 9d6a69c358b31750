/**
 * Field schemas of methodology input files: bounded revenue amounts and weighting factors,
 * amounts per Region, factors keyed by Charging Group, the Explicit Charges catalogue with
 * estimated volumes. Each states in its error what was expected.
 */
import { reportFinding } from '../schema/issues.js';
import * as z from 'zod';
import {
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  CH_CHARGING_GROUPS,
  parseChargingGroup,
  type ChargingGroup,
  type ChChargingGroup,
} from '../vocabulary/charging-groups.js';
import { REGIONS } from '../vocabulary/regions.js';
import { quantityField, textField } from '../schema/fields.js';
import { decimalPlacesOf, PLAIN_DECIMAL } from '../money/plain-decimal.js';

/**
 * Bounds that keep every product of the derivation exact within the 60 significant digits of
 * `Dec` (the arithmetic is in docs/derivation.md, "Exact arithmetic"): revenue below 10^13 pounds
 * with at most 6 decimal places; factors below 1000 with at most 6; prices and volumes with at
 * most 6; rates published to at most 12 places; at most 10^15 meter-months in a pot.
 */
const REVENUE_BOUND = /^-?(0|[1-9]\d{0,12})(\.\d{1,6})?$/;
const FACTOR_BOUND = /^-?(0|[1-9]\d{0,2})(\.\d{1,6})?$/;
const PRICE_BOUND = /^(0|[1-9]\d*)(\.\d{1,6})?$/;

/** The largest number of chargeable meter-months one pot may have (see the bounds above). */
export const MAX_POT_METER_MONTHS = '1000000000000000';

/** Quotes a list of names for a message. */
export function quoted(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** Expected text of a revenue amount. */
export const REVENUE_AMOUNT_EXPECTED =
  'an amount in pounds as a non-negative plain decimal string such as "1250000.00" (no exponent, no comma, not a JSON number)';

/**
 * A non-negative plain decimal string within a bound, reporting only the first thing wrong:
 * not a plain decimal, negative, or beyond the bound.
 */
function boundedDecimalField(expected: string, negative: string, bound: RegExp, beyond: string) {
  return z
    .string({ error: expected })
    .superRefine((text, context) => {
      const message = !PLAIN_DECIMAL.test(text)
        ? expected
        : text.startsWith('-')
          ? negative
          : !bound.test(text)
            ? beyond
            : undefined;
      if (message !== undefined) reportFinding(context, { path: [], expected: message });
    })
    .meta({ description: beyond, pattern: bound.source.replace('^-?', '^') });
}

/** A revenue amount in pounds: a non-negative plain decimal string (below 10^13, at most 6 places). */
export const revenueAmountField = boundedDecimalField(
  REVENUE_AMOUNT_EXPECTED,
  'a non-negative amount (revenue is never negative; a negative figure is not clamped)',
  REVENUE_BOUND,
  'an amount below 10^13 pounds with at most 6 decimal places (the bound that keeps the arithmetic exact)',
);

/** Expected text of a weighting factor. */
export const WEIGHTING_FACTOR_EXPECTED =
  'a weighting factor as a non-negative plain decimal string such as "0.25" (not a JSON number)';

/** A Charging Group Weighting Factor: a non-negative plain decimal string (below 1000, at most 6 places). */
export const weightingFactorField = boundedDecimalField(
  WEIGHTING_FACTOR_EXPECTED,
  'a non-negative weighting factor (a negative factor would give a negative rate)',
  FACTOR_BOUND,
  'a weighting factor below 1000 with at most 6 decimal places (the bound that keeps the arithmetic exact)',
);

/** Expected text of an unknown key in a per-Region object. */
export const REGION_KEY_EXPECTED = `a Region as key: one of ${quoted(REGIONS)}`;

/** Expected text of an unknown key in a `factors` object. */
export const GROUP_KEY_EXPECTED = `a Charging Group as key: one of ${quoted(CHARGING_GROUPS)} or g1..g5`;

/** Expected text of an unknown key in a `chFactors` or `altHanFactors` object. */
export const CH_GROUP_KEY_EXPECTED = `a Communications Hub Charging Group as key: one of ${quoted(CH_CHARGING_GROUPS)} or g1..g3 (K3.10 excludes g4 and g5)`;

/** Amounts for each of the three Regions (all three required). */
export const perRegionAmountsSchema = z.strictObject({
  north: revenueAmountField,
  central: revenueAmountField,
  south: revenueAmountField,
});

/** Amounts for some Regions. */
export const someRegionAmountsSchema = z.strictObject({
  north: revenueAmountField.optional(),
  central: revenueAmountField.optional(),
  south: revenueAmountField.optional(),
});

/** Expected text of a Fixed CH or Fixed Alt HAN revenue. */
export const AMOUNT_OR_PER_REGION_EXPECTED = `${REVENUE_AMOUNT_EXPECTED}, or an object with one such amount for each Region (${quoted(REGIONS)})`;

/** One national amount, or one amount per Region. */
export const amountOrPerRegionSchema = z.union([revenueAmountField, perRegionAmountsSchema], {
  error: AMOUNT_OR_PER_REGION_EXPECTED,
});

/** Both spellings of each group in `groups`, optional, for a strict factors object. */
function factorsShape(groups: readonly ChargingGroup[]) {
  const shape: Record<string, z.ZodOptional<typeof weightingFactorField>> = {};
  for (const group of groups) {
    shape[group] = weightingFactorField.optional();
    shape[CHARGING_GROUP_SYMBOLS[group]] = weightingFactorField.optional();
  }
  return shape;
}

/** Reads a factors object's keys as Charging Group identifiers (spellings checked before). */
function normaliseFactors<G extends ChargingGroup>(
  written: Record<string, string | undefined>,
): Partial<Record<G, string>> {
  const factors: Partial<Record<G, string>> = {};
  for (const [key, value] of Object.entries(written)) {
    const group = parseChargingGroup(key) as G | undefined;
    if (group !== undefined && value !== undefined) factors[group] = value;
  }
  return factors;
}

/** Reports a group written twice (as identifier and as symbol). */
function checkSpellings(written: Record<string, string | undefined>, context: z.core.$RefinementCtx): void {
  for (const group of CHARGING_GROUPS) {
    const symbol = CHARGING_GROUP_SYMBOLS[group];
    if (written[group] !== undefined && written[symbol] !== undefined) {
      reportFinding(context, {
        path: [symbol],
        code: 'duplicateKey',
        expected: `one factor per Charging Group; "${symbol}" and "${group}" name the same group`,
      });
    }
  }
}

/** Weighting factors keyed by Charging Group (g1..g5 or identifiers), read as identifiers. */
export const factorsSchema = z
  .strictObject(factorsShape(CHARGING_GROUPS), { error: 'an object of weighting factors keyed by Charging Group' })
  .superRefine(checkSpellings)
  .transform((written) => normaliseFactors<ChargingGroup>(written));

/** Weighting factors of g1..g3 only (K3.10), read as identifiers. */
export const chFactorsSchema = z
  .strictObject(factorsShape(CH_CHARGING_GROUPS), {
    error: 'an object of weighting factors keyed by Communications Hub Charging Group (g1..g3)',
  })
  .superRefine(checkSpellings)
  .transform((written) => normaliseFactors<ChChargingGroup>(written));

/** One row of the Explicit Charges catalogue, optionally with its estimated volume. */
export const explicitChargeInputSchema = z.strictObject({
  code: textField('an Explicit Charging Metric code'),
  description: textField('a description'),
  unit: textField('the unit priced, such as "per hub"'),
  unitPrice: z
    .string({ error: 'a non-negative plain decimal string such as "8.27"' })
    .regex(PRICE_BOUND, { error: 'a non-negative plain decimal string with at most 6 decimal places, such as "8.27"' }),
  source: z.string().optional(),
  estimatedVolume: quantityField
    .refine((text) => decimalPlacesOf(text) <= 6, { error: 'an estimated volume with at most 6 decimal places' })
    .optional(),
});

/** The factors of g1..g3 only. */
export function pickChGroups(
  factors: Partial<Record<ChargingGroup, string>>,
): Partial<Record<ChChargingGroup, string>> {
  const picked: Partial<Record<ChChargingGroup, string>> = {};
  for (const group of CH_CHARGING_GROUPS) {
    const value = factors[group];
    if (value !== undefined) picked[group] = value;
  }
  return picked;
}
