/**
 * The methodology input file format `dcc-charges/methodology-inputs@1`: everything the
 * derivation of a Charging Statement needs (brief section 5): revenue, Charging Group
 * Weighting Factors, the forecast meter base and the Explicit Charges catalogue.
 * The JSON Schema shipped in `schemas/` is generated from this zod schema.
 */
import { z } from 'zod';
import {
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  CH_CHARGING_GROUPS,
  parseChargingGroup,
  type ChargingGroup,
  type ChChargingGroup,
} from '../vocabulary/charging-groups.js';
import { REGIONS, type Region } from '../vocabulary/regions.js';
import { monthsOfRegulatoryYear, type Month } from '../vocabulary/months.js';
import {
  monthField,
  quantityField,
  regimeField,
  regulatoryYearField,
  textField,
} from '../schema/fields.js';
import { meterCountRowSchema, meterCountKey } from '../inputs/meter-counts.js';
import { CHARGEABILITY } from '../statement/chargeable-meters.js';
import { sumDecimals } from '../money/decimal.js';
import { decimalPlacesOf, toDecimal } from '../money/plain-decimal.js';

/** The format tag of methodology input files. */
export const METHODOLOGY_INPUTS_FORMAT = 'dcc-charges/methodology-inputs@1';

/** The default number of decimal places of published rates [R] (decision 0013). */
export const DEFAULT_RATE_PRECISION = 6;

/** The largest `ratePrecision` accepted. */
export const MAX_RATE_PRECISION = 12;

/** The weighting readings of the brief (decision 0010). */
export const WEIGHTING_BASES = ['perMeter', 'revenueShare'] as const;

/** A weighting reading: `perMeter` (default) or `revenueShare`. */
export type WeightingBasis = (typeof WEIGHTING_BASES)[number];

const SIGNED = /^-?(0|[1-9]\d*)(\.\d+)?$/;

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

function quoted(values: readonly string[]): string {
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
      const message = !SIGNED.test(text) ? expected : text.startsWith('-') ? negative : !bound.test(text) ? beyond : undefined;
      if (message !== undefined) context.addIssue({ code: 'custom', message });
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
const perRegionAmountsSchema = z.strictObject({
  north: revenueAmountField,
  central: revenueAmountField,
  south: revenueAmountField,
});

/** Amounts for some Regions. */
const someRegionAmountsSchema = z.strictObject({
  north: revenueAmountField.optional(),
  central: revenueAmountField.optional(),
  south: revenueAmountField.optional(),
});

/** Expected text of a Fixed CH or Fixed Alt HAN revenue. */
export const AMOUNT_OR_PER_REGION_EXPECTED = `${REVENUE_AMOUNT_EXPECTED}, or an object with one such amount for each Region (${quoted(REGIONS)})`;

/** One national amount, or one amount per Region. */
const amountOrPerRegionSchema = z.union([revenueAmountField, perRegionAmountsSchema], {
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
function normaliseFactors<G extends ChargingGroup>(written: Record<string, string | undefined>): Partial<Record<G, string>> {
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
      context.addIssue({
        code: 'custom',
        path: [symbol],
        message: `one factor per Charging Group; "${symbol}" and "${group}" name the same group`,
      });
    }
  }
}

const factorsSchema = z
  .strictObject(factorsShape(CHARGING_GROUPS), { error: 'an object of weighting factors keyed by Charging Group' })
  .superRefine(checkSpellings)
  .transform((written) => normaliseFactors<ChargingGroup>(written));

const chFactorsSchema = z
  .strictObject(factorsShape(CH_CHARGING_GROUPS), {
    error: 'an object of weighting factors keyed by Communications Hub Charging Group (g1..g3)',
  })
  .superRefine(checkSpellings)
  .transform((written) => normaliseFactors<ChChargingGroup>(written));

const chargeabilityField = z.enum(CHARGEABILITY, { error: `one of ${quoted(CHARGEABILITY)}` });
const chargeableMeterRuleSchema = z.strictObject({ domestic: chargeabilityField, nonDomestic: chargeabilityField });

const sourceSchema = z.strictObject({
  publisher: textField('the publisher'),
  document: textField('the document title'),
  issue: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});

const explicitChargeInputSchema = z.strictObject({
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

const periodSchema = z.strictObject({ from: monthField, to: monthField });

/** The fields of a methodology input file, before the cross-field rules. */
const methodologyInputsFields = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(METHODOLOGY_INPUTS_FORMAT, { error: `"${METHODOLOGY_INPUTS_FORMAT}"` }),
  id: textField('an id for these inputs'),
  title: textField('a title for the derived statement').optional(),
  source: sourceSchema.optional(),
  regulatoryYear: regulatoryYearField,
  regime: regimeField,
  illustrative: z.boolean({ error: 'true or false: whether the figures are invented' }),
  months: periodSchema.optional(),
  revenue: z.strictObject(
    {
      estimatedAllowedRevenue: revenueAmountField,
      estimatedElectiveServiceRevenue: revenueAmountField,
      estimatedExplicitChargesRevenue: revenueAmountField.optional(),
      fixedChRevenue: amountOrPerRegionSchema,
      fixedAltHanRevenue: amountOrPerRegionSchema,
      regionalFixedRevenue: someRegionAmountsSchema.optional(),
      alreadyRecovered: revenueAmountField.optional(),
    },
    { error: 'an object of revenue amounts' },
  ),
  weighting: z.strictObject(
    {
      basis: z.enum(WEIGHTING_BASES, { error: `a weighting basis: one of ${quoted(WEIGHTING_BASES)}` }).optional(),
      factors: factorsSchema,
      chFactors: chFactorsSchema.optional(),
      altHanFactors: chFactorsSchema.optional(),
    },
    { error: 'an object with the weighting basis and factors' },
  ),
  chargeableMeters: z
    .strictObject({
      fixed: chargeableMeterRuleSchema.optional(),
      fixedCh: chargeableMeterRuleSchema.optional(),
      fixedAltHan: chargeableMeterRuleSchema.optional(),
    })
    .optional(),
  estimatedMeters: z.array(meterCountRowSchema, { error: 'a list of forecast meter-count rows' }),
  explicitCharges: z.array(explicitChargeInputSchema, { error: 'a list of Explicit Charges (may be empty)' }),
  ratePrecision: z
    .number({ error: `a whole number of decimal places from 0 to ${MAX_RATE_PRECISION}` })
    .int({ error: `a whole number of decimal places from 0 to ${MAX_RATE_PRECISION}` })
    .min(0, { error: `a whole number of decimal places from 0 to ${MAX_RATE_PRECISION}` })
    .max(MAX_RATE_PRECISION, { error: `a whole number of decimal places from 0 to ${MAX_RATE_PRECISION}` })
    .optional(),
  notes: z.array(z.string()).optional(),
});

type ParsedInputs = z.output<typeof methodologyInputsFields>;

/** The zod schema of a methodology input file, with its cross-field rules. */
export const methodologyInputsSchema = methodologyInputsFields.superRefine((inputs, context) => {
  checkPeriod(inputs.regulatoryYear, inputs.months, context);
  checkForecastRows(inputs, context);
  checkExplicitCatalogue(inputs, context);
  if ((inputs.weighting.basis ?? 'perMeter') === 'revenueShare') checkRevenueShares(inputs.weighting, context);
});

/** A validated methodology input file (Charging Groups read as identifiers). */
export type MethodologyInputs = z.output<typeof methodologyInputsSchema>;

/** A methodology input file as written (groups may be g1..g5). */
export type MethodologyInputsInput = z.input<typeof methodologyInputsSchema>;

/** Amounts per Region, as the inputs write them. */
export type PerRegionAmounts = Readonly<Record<Region, string>>;

function checkPeriod(
  year: string,
  period: { from: Month; to: Month } | undefined,
  context: z.core.$RefinementCtx,
): void {
  if (period === undefined) return;
  const months = monthsOfRegulatoryYear(year);
  for (const field of ['from', 'to'] as const) {
    if (!months.includes(period[field])) {
      context.addIssue({
        code: 'custom',
        path: ['months', field],
        message: `a month inside the Regulatory Year ${year} (${months[0]} to ${months[11]})`,
      });
    }
  }
  if (period.from > period.to) {
    context.addIssue({ code: 'custom', path: ['months', 'to'], message: `a month no earlier than months.from (${period.from})` });
  }
}

/** The months of the charging period: `months`, or the twelve months of the year. */
export function chargingPeriodOf(inputs: Pick<MethodologyInputs, 'regulatoryYear' | 'months'>): Month[] {
  const all = monthsOfRegulatoryYear(inputs.regulatoryYear);
  if (inputs.months === undefined) return all;
  const { from, to } = inputs.months;
  return all.filter((month) => from <= month && month <= to);
}

function checkForecastRows(inputs: ParsedInputs, context: z.core.$RefinementCtx): void {
  const yearMonths = monthsOfRegulatoryYear(inputs.regulatoryYear);
  const period = chargingPeriodOf(inputs);
  const periodIsYear = period.length === yearMonths.length;
  const seen = new Map<string, number>();
  const monthless = new Map<string, number>();
  const dated = new Map<string, number>();
  const monthsOfKey = new Map<string, Set<string>>();
  inputs.estimatedMeters.forEach((row, index) => {
    const key = meterCountKey(row);
    const first = seen.get(key);
    if (first !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['estimatedMeters', index],
        message: `one forecast row per month, chargingGroup, region, premises and enrolled (rows are not summed); the same key is at estimatedMeters[${first}]`,
      });
    } else {
      seen.set(key, index);
    }
    const plainKey = [row.chargingGroup, row.region, row.premises, String(row.enrolled)].join('|');
    if (row.month === undefined) {
      if (!monthless.has(plainKey)) monthless.set(plainKey, index);
    } else {
      const months = monthsOfKey.get(plainKey) ?? new Set<string>();
      months.add(row.month);
      monthsOfKey.set(plainKey, months);
      if (!dated.has(plainKey)) dated.set(plainKey, index);
      if (!period.includes(row.month)) {
        context.addIssue({
          code: 'custom',
          path: ['estimatedMeters', index, 'month'],
          message: yearMonths.includes(row.month)
            ? `a month of the charging period (${period[0]} to ${period[period.length - 1]}); a forecast for another month would be lost`
            : `a month inside the Regulatory Year ${inputs.regulatoryYear} (${yearMonths[0]} to ${yearMonths[11]})`,
        });
      }
    }
  });
  for (const [key, index] of dated) {
    const other = monthless.get(key);
    if (other !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['estimatedMeters', index],
        message: `a forecast either for every month (no month) or month by month, not both; estimatedMeters[${other}] has the same group, region, premises and enrolment without a month`,
      });
    }
  }
  for (const [key, index] of dated) {
    const months = monthsOfKey.get(key) ?? new Set<string>();
    const missing = period.filter((month) => !months.has(month));
    if (missing.length > 0 && !monthless.has(key)) {
      const [group, region, premises, enrolled] = key.split('|');
      context.addIssue({
        code: 'custom',
        path: ['estimatedMeters', index],
        message: `a forecast given month by month for every month of the charging period${periodIsYear ? '' : ` (${period[0]} to ${period[period.length - 1]})`} (write 0 for a month with no meters); ${group} ${region} ${premises} enrolled=${enrolled} has none for ${missing.join(', ')}`,
      });
    }
  }
}

function checkExplicitCatalogue(inputs: ParsedInputs, context: z.core.$RefinementCtx): void {
  const codes = new Map<string, number>();
  inputs.explicitCharges.forEach((row, index) => {
    const first = codes.get(row.code);
    if (first !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['explicitCharges', index, 'code'],
        message: `a code not used before; "${row.code}" is also at explicitCharges[${first}]`,
      });
    } else {
      codes.set(row.code, index);
    }
  });
  const given = inputs.revenue.estimatedExplicitChargesRevenue;
  if (given !== undefined) {
    checkExplicitRevenueAgrees(inputs, given, context);
    return;
  }
  inputs.explicitCharges.forEach((row, index) => {
    if (row.estimatedVolume === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['explicitCharges', index, 'estimatedVolume'],
        message:
          'an estimatedVolume for every Explicit Charge when revenue.estimatedExplicitChargesRevenue is not given (EECR = sum(unitPrice x estimatedVolume))',
      });
    }
  });
}

/**
 * When EECR is given and the catalogue also carries volumes, the two must agree: two
 * figures for one quantity are not silently reconciled (decision 0015).
 */
function checkExplicitRevenueAgrees(inputs: ParsedInputs, given: string, context: z.core.$RefinementCtx): void {
  const withVolume = inputs.explicitCharges.filter((row) => row.estimatedVolume !== undefined);
  if (withVolume.length === 0) return;
  if (withVolume.length < inputs.explicitCharges.length) {
    const index = inputs.explicitCharges.findIndex((row) => row.estimatedVolume === undefined);
    context.addIssue({
      code: 'custom',
      path: ['explicitCharges', index, 'estimatedVolume'],
      message:
        'an estimatedVolume on every Explicit Charge or on none (revenue.estimatedExplicitChargesRevenue is given, and volumes on only some rows cannot be checked against it)',
    });
    return;
  }
  const fromVolumes = sumDecimals(
    inputs.explicitCharges.map((row) => toDecimal(row.unitPrice).times(toDecimal(row.estimatedVolume ?? '0'))),
  );
  if (!fromVolumes.equals(toDecimal(given))) {
    context.addIssue({
      code: 'custom',
      path: ['revenue', 'estimatedExplicitChargesRevenue'],
      message: `an Estimated Explicit Charges Revenue equal to sum(unitPrice x estimatedVolume) of the catalogue, ${fromVolumes.toFixed()}, or no volumes (it is ${given}; the difference is ${toDecimal(given).minus(fromVolumes).toFixed()})`,
    });
  }
}

function checkRevenueShares(weighting: ParsedInputs['weighting'], context: z.core.$RefinementCtx): void {
  const sets: { field: string; factors: Partial<Record<ChargingGroup, string>>; note: string }[] = [
    { field: 'factors', factors: weighting.factors, note: '' },
    {
      field: weighting.chFactors === undefined ? 'factors' : 'chFactors',
      factors: weighting.chFactors ?? pickChGroups(weighting.factors),
      note: weighting.chFactors === undefined ? ' (chFactors default to factors of g1..g3; give chFactors summing to 1)' : '',
    },
    {
      field: weighting.altHanFactors === undefined ? 'factors' : 'altHanFactors',
      factors: weighting.altHanFactors ?? pickChGroups(weighting.factors),
      note:
        weighting.altHanFactors === undefined
          ? ' (altHanFactors default to factors of g1..g3; give altHanFactors summing to 1)'
          : '',
    },
  ];
  const reported = new Set<string>();
  for (const set of sets) {
    const values = Object.values(set.factors).filter((value): value is string => value !== undefined);
    const total = sumDecimals(values.map(toDecimal));
    const label = `${set.field}${set.note}`;
    if (!total.equals(1) && !reported.has(label)) {
      reported.add(label);
      context.addIssue({
        code: 'custom',
        path: ['weighting', set.field],
        message: `revenue-share factors summing to exactly 1 under basis "revenueShare"; they sum to ${total.toFixed()}${set.note}`,
      });
    }
  }
}

/** The factors of g1..g3 only. */
export function pickChGroups(factors: Partial<Record<ChargingGroup, string>>): Partial<Record<ChChargingGroup, string>> {
  const picked: Partial<Record<ChChargingGroup, string>> = {};
  for (const group of CH_CHARGING_GROUPS) {
    const value = factors[group];
    if (value !== undefined) picked[group] = value;
  }
  return picked;
}
