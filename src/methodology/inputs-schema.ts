/**
 * The methodology input file format `dcc-charges/methodology-inputs@1`: everything the
 * derivation of a Charging Statement needs (docs/derivation.md): revenue, Charging Group
 * Weighting Factors, the forecast meter base and the Explicit Charges catalogue.
 * The JSON Schema shipped in `schemas/` is generated from this zod schema.
 */
import * as z from 'zod';
import { isRegulatoryYear } from '../vocabulary/months.js';
import { monthField, regimeField, regulatoryYearField, textField } from '../schema/fields.js';
import { meterCountRowSchema } from '../inputs/meter-counts.js';
import { chargeableMeterRulesSchema, sourceSchema } from '../statement/statement-schema.js';
import {
  amountOrPerRegionSchema,
  chFactorsSchema,
  explicitChargeInputSchema,
  factorsSchema,
  quoted,
  revenueAmountField,
  someRegionAmountsSchema,
} from './inputs-fields.js';
import { checkExplicitCatalogue, checkForecastRows, checkPeriod, checkRevenueShares } from './inputs-rules.js';

/** The format tag of methodology input files. */
export const METHODOLOGY_INPUTS_FORMAT = 'dcc-charges/methodology-inputs@1';

/** The default number of decimal places of published rates [R] (decision 0013). */
export const DEFAULT_RATE_PRECISION = 3;

/** The largest `ratePrecision` accepted. */
export const MAX_RATE_PRECISION = 12;

/** The weighting readings of the brief (decision 0010). */
export const WEIGHTING_BASES = ['perMeter', 'revenueShare'] as const;

/** A weighting reading: `perMeter` (default) or `revenueShare`. */
export type WeightingBasis = (typeof WEIGHTING_BASES)[number];

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
  chargeableMeters: chargeableMeterRulesSchema.optional(),
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

/** Methodology inputs after the field schemas, before the cross-field rules. */
export type MethodologyInputFields = z.output<typeof methodologyInputsFields>;

/** The zod schema of a methodology input file, with its cross-field rules. */
export const methodologyInputsSchema = methodologyInputsFields.superRefine((inputs, context) => {
  if (isRegulatoryYear(inputs.regulatoryYear)) {
    checkPeriod(inputs.regulatoryYear, inputs.months, context);
    checkForecastRows(inputs, context);
  }
  checkExplicitCatalogue(inputs, context);
  if ((inputs.weighting.basis ?? 'perMeter') === 'revenueShare') checkRevenueShares(inputs.weighting, context);
});

/** A validated methodology input file (Charging Groups read as identifiers). */
export type MethodologyInputs = z.output<typeof methodologyInputsSchema>;

/** A methodology input file as written (groups may be g1..g5). */
export type MethodologyInputsInput = z.input<typeof methodologyInputsSchema>;
