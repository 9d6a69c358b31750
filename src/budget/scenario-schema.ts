/**
 * The budget scenario file format `dcc-charges/budget-scenario@1`: a User's
 * portfolio of meters (per month, or a starting point with growth per year), explicit usage
 * and elective forecasts, and for each Regulatory Year either a Charging Statement (published
 * or indicative) or methodology inputs to derive one; optional sensitivity cases.
 * The JSON Schema shipped in `schemas/` is generated from this zod schema. Its cross-field
 * rules (years in order, months covered, growth never negative) are `scenario-rules.ts`.
 */
import * as z from 'zod';
import {
  amountField,
  booleanField,
  chargingGroupField,
  monthField,
  premisesField,
  quantityField,
  regionField,
  regulatoryYearField,
  signedDecimalField,
  textField,
  vatRateField,
} from '../schema/fields.js';
import { meterCountRowSchema } from '../inputs/meter-counts.js';
import { ROUNDING_MODES } from '../money/rounding.js';
import { checkScenario } from './scenario-rules.js';

/** The format tag of budget scenario files. */
export const BUDGET_SCENARIO_FORMAT = 'dcc-charges/budget-scenario@1';

/**
 * The inputs a sensitivity case may change (decision 0043):
 * - `allowedRevenue`: Estimated Allowed Revenue of every year derived from methodology inputs,
 *   times `1 + by`;
 * - `meterGrowth`: `by` added to every growth rate per year of the portfolio;
 * - `meterCounts`: every meter count of the portfolio times `1 + by`;
 * - `usage`: every explicit usage quantity times `1 + by`.
 */
export const SENSITIVITY_INPUTS = ['allowedRevenue', 'meterGrowth', 'meterCounts', 'usage'] as const;

/** An input a sensitivity case may change. */
export type SensitivityInput = (typeof SENSITIVITY_INPUTS)[number];

/** When a growth rate per year takes effect (decision 0042). */
export const GROWTH_TIMINGS = ['eachRegulatoryYear', 'eachMonth'] as const;

/** See {@link GROWTH_TIMINGS}. */
export type GrowthTiming = (typeof GROWTH_TIMINGS)[number];

/** Whether a year's statement was published or is indicative. */
export const STATEMENT_STATUSES = ['published', 'indicative'] as const;

/** See {@link STATEMENT_STATUSES}. */
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

const filePathField = z
  .string({ error: 'a file path (relative to the scenario file) or the document itself' })
  .min(1, { error: 'a file path (relative to the scenario file) or the document itself' });

const inlineStatement = z
  .looseObject({})
  .describe('A Charging Statement (format "dcc-charges/charging-statement@1"), validated by the library.');

const inlineMethodologyInputs = z
  .looseObject({})
  .describe('Methodology inputs (format "dcc-charges/methodology-inputs@1"), validated by the library.');

const yearSchema = z.strictObject({
  regulatoryYear: regulatoryYearField,
  statement: z
    .union([filePathField, inlineStatement], {
      error: 'a Charging Statement: a file path relative to the scenario, or the statement itself',
    })
    .optional(),
  status: z.enum(STATEMENT_STATUSES, { error: 'one of "published", "indicative"' }).optional(),
  methodologyInputs: z
    .union([filePathField, inlineMethodologyInputs], {
      error: 'methodology inputs: a file path relative to the scenario, or the inputs themselves',
    })
    .optional(),
});

/** A portfolio row as a starting point: a meter count without a month. */
export const startingCountSchema = meterCountRowSchema.omit({ month: true });

const growthSchema = z.strictObject({
  chargingGroup: chargingGroupField.optional(),
  region: regionField.optional(),
  premises: premisesField.optional(),
  enrolled: booleanField.optional(),
  ratePerYear: signedDecimalField.describe(
    'growth per year as a decimal: "0.05" is 5 per cent, "-0.02" a fall of 2 per cent',
  ),
});

const portfolioSchema = z.strictObject({
  meters: z
    .array(meterCountRowSchema, { error: 'a list of meter-count rows' })
    .describe('Meter counts per month (rows without a month hold for every month).')
    .optional(),
  start: z
    .array(startingCountSchema, { error: 'a list of meter-count rows without months' })
    .describe('Meter counts at the start of the first year, grown by `growth`.')
    .optional(),
  growth: z
    .array(growthSchema, { error: 'a list of growth rates' })
    .describe('Growth rates per year; each starting row takes the most specific entry that matches it.')
    .optional(),
});

const usageForecastSchema = z.strictObject({
  code: textField('an Explicit Charging Metric code'),
  quantity: quantityField.describe('the quantity in each month the row applies to'),
  month: monthField.optional(),
  regulatoryYear: regulatoryYearField.optional(),
});

const electiveForecastSchema = z.strictObject({
  reference: textField('a reference to the bilateral agreement'),
  description: textField('a description'),
  amount: amountField.describe('the amount in each month the row applies to'),
  month: monthField.optional(),
  regulatoryYear: regulatoryYearField.optional(),
});

const adjustmentSchema = z.strictObject({
  input: z.enum(SENSITIVITY_INPUTS, {
    error: `an input a sensitivity case can change: one of ${SENSITIVITY_INPUTS.map((name) => `"${name}"`).join(', ')}`,
  }),
  by: signedDecimalField.describe(
    'the change as a decimal: "0.10" is +10 per cent (for meterGrowth: added to each growth rate)',
  ),
});

const sensitivitySchema = z.strictObject({
  id: textField('a case id'),
  label: z.string().optional(),
  adjust: z.array(adjustmentSchema, { error: 'a list of adjustments' }).min(1, { error: 'at least one adjustment' }),
});

const optionsSchema = z.strictObject({
  vatRate: vatRateField.optional(),
  rounding: z.enum(ROUNDING_MODES, { error: `a rounding mode: one of ${ROUNDING_MODES.join(', ')}` }).optional(),
  countRounding: z
    .enum(ROUNDING_MODES, { error: `a rounding mode: one of ${ROUNDING_MODES.join(', ')}` })
    .describe('how a meter count that growth makes fractional is rounded to whole meters (default halfUp)')
    .optional(),
  growthTiming: z.enum(GROWTH_TIMINGS, { error: 'one of "eachRegulatoryYear", "eachMonth"' }).optional(),
});

/** The fields of a budget scenario file, before the rules across them. */
const budgetScenarioFields = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(BUDGET_SCENARIO_FORMAT, { error: `"${BUDGET_SCENARIO_FORMAT}"` }),
  id: textField('a scenario id'),
  title: textField('a title'),
  illustrative: z.boolean({ error: 'true or false: whether the figures are invented' }),
  user: z.string().optional(),
  years: z.array(yearSchema, { error: 'a list of Regulatory Years' }).min(1, { error: 'at least one Regulatory Year' }),
  portfolio: portfolioSchema,
  usage: z.array(usageForecastSchema, { error: 'a list of usage forecasts' }).optional(),
  elective: z.array(electiveForecastSchema, { error: 'a list of elective forecasts' }).optional(),
  sensitivities: z.array(sensitivitySchema, { error: 'a list of sensitivity cases' }).optional(),
  options: optionsSchema.optional(),
  notes: z.array(z.string()).optional(),
});

/** A budget scenario's fields after their schemas, before the rules across them (what the rules read). */
export type BudgetScenarioFields = z.output<typeof budgetScenarioFields>;

/** The zod schema of a budget scenario file, with its cross-field rules (`checkScenario`). */
export const budgetScenarioSchema = budgetScenarioFields.superRefine(checkScenario);

/** A budget scenario after its shape and rules were checked. */
export type BudgetScenario = z.output<typeof budgetScenarioSchema>;

/** A budget scenario as written in a file or built by a caller. */
export type BudgetScenarioInput = z.input<typeof budgetScenarioSchema>;

/** One Regulatory Year of a scenario. */
export type ScenarioYear = BudgetScenario['years'][number];

/** One growth entry of a portfolio. */
export type GrowthEntry = NonNullable<BudgetScenario['portfolio']['growth']>[number];

/** One starting count of a portfolio. */
export type StartingCount = z.output<typeof startingCountSchema>;

/** One sensitivity case. */
export type SensitivityCase = NonNullable<BudgetScenario['sensitivities']>[number];

/** One usage forecast row. */
export type UsageForecast = NonNullable<BudgetScenario['usage']>[number];

/** One elective forecast row. */
export type ElectiveForecast = NonNullable<BudgetScenario['elective']>[number];
