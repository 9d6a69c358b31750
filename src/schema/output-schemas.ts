/**
 * The shapes of the command line's JSON reports (`--format json`), for their JSON Schemas:
 * monthly charges, registered meter counts, a derivation, a reconciliation, a statement
 * comparison and a budget projection. The library writes these from its result types; a type
 * test checks each result type fits its schema and a test validates the commands' output.
 */
import * as z from 'zod';
import { CHARGE_KINDS, MONTHLY_CHARGES_FORMAT } from '../charges/charge-line.js';
import { MONTHLY_CHARGES_BY_USER_FORMAT } from '../charges/charges-by-user.js';
import { PLAIN_DECIMAL } from '../money/plain-decimal.js';
import { ROUNDING_MODES } from '../money/rounding-modes.js';
import {
  REGISTERED_METER_COUNTS_BY_USER_FORMAT,
  REGISTERED_METER_COUNTS_FORMAT,
} from '../registrations/count-options.js';
import {
  LINE_LISTINGS,
  LINE_STATUSES,
  RECONCILIATION_FORMAT,
  TOTAL_STATUSES,
} from '../reconciliation/reconciliation.js';
import { COMPARED_TOTALS, COMPARISON_STATUSES, STATEMENT_COMPARISON_FORMAT } from '../budget/compare-statements.js';
import { BUDGET_PROJECTION_FORMAT } from '../budget/projection.js';
import { GROWTH_TIMINGS, SENSITIVITY_INPUTS, STATEMENT_STATUSES } from '../budget/scenario-schema.js';
import { DERIVATION_STEPS } from '../methodology/trace.js';
import { chargingStatementSchema } from '../statement/statement-schema.js';
import { CHARGEABILITY, PER_METER_CHARGE_TYPES } from '../statement/chargeable-meters.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { RATE_REGIONS, REGIONS } from '../vocabulary/regions.js';
import { SUPPORTED_MONTH_PATTERN, SUPPORTED_REGULATORY_YEAR_PATTERN } from '../vocabulary/months.js';
import { ISO_DATE_PATTERN, METER_POINT_PATTERN } from './csv-records.js';
import { USER_ID } from '../registrations/registration.js';

/** An amount of money the library rounded to pence: exactly two decimal places (`"-12.50"`). */
export const PENCE_PATTERN = /^-?(0|[1-9][0-9]*)\.[0-9]{2}$/;

const decimal = z.string().regex(PLAIN_DECIMAL);
const pence = z.string().regex(PENCE_PATTERN);
const month = z.string().regex(SUPPORTED_MONTH_PATTERN);
const date = z.string().regex(ISO_DATE_PATTERN);
const wholeNumber = z.number().int().min(0);
const chargingGroup = z.enum(CHARGING_GROUPS);
const rateRegion = z.enum(RATE_REGIONS);
const roundingMode = z.enum(ROUNDING_MODES);
const chargeableMeterRule = z.strictObject({ domestic: z.enum(CHARGEABILITY), nonDomestic: z.enum(CHARGEABILITY) });
const snapshotDay = z.union([z.literal('last'), z.number().int().min(1).max(31)]);
const percentChange = z.union([pence, z.null()]);

/** Where something was read: file, line, path in a JSON document, field, sheet and cell. */
const locationSchema = z.strictObject({
  source: z.string().optional(),
  line: wholeNumber.optional(),
  path: z.array(z.union([z.string(), wholeNumber])).optional(),
  field: z.string().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});

const perMeterKey = { kind: z.enum(PER_METER_CHARGE_TYPES), chargingGroup, region: rateRegion };
const codedKey = { kind: z.enum(['explicit', 'elective']), code: z.string().min(1) };

const lineExplanation = z.strictObject({
  formula: z.string(),
  inputs: z.record(z.string(), z.string()),
  priceSource: z.strictObject({ document: z.string(), list: z.string(), index: wholeNumber }),
  chargeableMeters: chargeableMeterRule.optional(),
  rounding: z.strictObject({
    point: z.literal('lineAmount'),
    unrounded: decimal,
    places: z.literal(2),
    mode: roundingMode,
  }),
});

const chargeFigures = {
  description: z.string(),
  quantity: decimal,
  unitPrice: decimal,
  amount: pence,
  clause: z.string(),
  explanation: lineExplanation,
};

const chargeLine = z.union([
  z.strictObject({ ...perMeterKey, ...chargeFigures }),
  z.strictObject({ ...codedKey, ...chargeFigures }),
]);

const chargeTotals = z.strictObject({
  fixed: pence,
  fixedCh: pence,
  fixedAltHan: pence,
  explicit: pence,
  elective: pence,
  net: pence,
  vat: pence,
  gross: pence,
});

/** `dcc-charges charges --format json`: a User's charges for one month. */
export const monthlyChargesOutputSchema = z.strictObject({
  format: z.literal(MONTHLY_CHARGES_FORMAT),
  month,
  statement: z.strictObject({
    id: z.string(),
    title: z.string(),
    illustrative: z.boolean(),
    provenance: z.enum(['published', 'reported', 'illustrative']),
    provenanceNote: z.string().optional(),
  }),
  lines: z.array(chargeLine),
  totals: chargeTotals,
  vatRate: decimal,
});

/** The fields of a count that a count by User shares: the months, rule and summary of the pass. */
const countPassShape = {
  clause: z.string(),
  rule: z.string(),
  from: month,
  to: month,
  snapshotDay,
  snapshots: z.array(z.strictObject({ month, date })),
  summary: z.strictObject({ rowsRead: wholeNumber, rowsCounted: wholeNumber, rowsRejected: wholeNumber }),
};

const meterCountRows = z.array(
  z.strictObject({
    month: month.optional(),
    chargingGroup,
    region: z.enum(REGIONS),
    premises: z.enum(PREMISES_TYPES),
    enrolled: z.boolean(),
    count: wholeNumber,
  }),
);

/** `dcc-charges count --format json`: chargeable meters per month from a registration file. */
export const registeredMeterCountsOutputSchema = z.strictObject({
  format: z.literal(REGISTERED_METER_COUNTS_FORMAT),
  ...countPassShape,
  counts: meterCountRows,
});

/** A User ID as the `user` column of a register gives it. */
const userId = z.string().regex(USER_ID);

/** `dcc-charges count --by-user --format json`: every User's counts from one pass. */
export const registeredMeterCountsByUserOutputSchema = z.strictObject({
  format: z.literal(REGISTERED_METER_COUNTS_BY_USER_FORMAT),
  ...countPassShape,
  users: z.array(
    z.strictObject({
      format: z.literal(REGISTERED_METER_COUNTS_FORMAT),
      ...countPassShape,
      counts: meterCountRows,
      user: userId,
    }),
  ),
});

/** `dcc-charges charges --by-user --format json`: every User's charges for one month. */
export const monthlyChargesByUserOutputSchema = z.strictObject({
  format: z.literal(MONTHLY_CHARGES_BY_USER_FORMAT),
  month,
  users: z.array(z.strictObject({ user: userId, charges: monthlyChargesOutputSchema })),
  totals: z.strictObject({ net: pence, vat: pence, gross: pence }),
});

const potRecovery = z.strictObject({
  pot: z.string(),
  chargeType: z.enum(PER_METER_CHARGE_TYPES),
  scope: rateRegion,
  clause: z.string(),
  amount: decimal,
  chargeableMeterMonths: decimal,
  recoveredBeforeRounding: decimal,
  recoveredAtPublishedRates: decimal,
  residual: decimal,
  residualBound: decimal,
});

const derivationStep = z.strictObject({
  step: z.enum(DERIVATION_STEPS),
  clause: z.string(),
  confidence: z.enum(['V', 'P', 'R']),
  subject: z.string(),
  formula: z.string(),
  inputs: z.record(z.string(), z.string()),
  value: decimal,
  exact: z.string().optional(),
  rounded: z
    .strictObject({ point: z.literal('publishedRate'), value: decimal, places: wholeNumber, mode: roundingMode })
    .optional(),
  note: z.string().optional(),
});

/** `dcc-charges derive --format json`: the derived statement, the recovery of each pot and the trace. */
export const derivationOutputSchema = z.strictObject({
  statement: chargingStatementSchema,
  recovery: z.array(potRecovery),
  trace: z.array(derivationStep),
});

const invoiceArithmetic = z.strictObject({ computed: decimal, difference: decimal, holds: z.boolean() });

const reconciliationLine = z.strictObject({
  key: z.union([z.strictObject({ month, ...perMeterKey }), z.strictObject({ month, ...codedKey })]),
  status: z.enum(LINE_STATUSES),
  description: z.string(),
  expected: z
    .strictObject({ quantity: decimal, unitPrice: decimal, amount: pence, clause: z.string(), formula: z.string() })
    .optional(),
  invoiced: z
    .strictObject({
      quantity: decimal,
      unitPrice: decimal,
      amount: decimal,
      description: z.string().optional(),
      location: locationSchema,
    })
    .optional(),
  difference: z.strictObject({ quantity: decimal.optional(), unitPrice: decimal.optional(), amount: decimal }),
  invoiceArithmetic: invoiceArithmetic.optional(),
  differsIn: z.array(z.enum(['quantity', 'unitPrice', 'invoiceArithmetic', 'amount'])),
  explanation: z.string(),
});

const reconciliationTotal = z.strictObject({
  name: z.enum(['net', 'vat', 'gross']),
  status: z.enum(TOTAL_STATUSES),
  expected: pence,
  invoiced: decimal.optional(),
  invoicedBasis: z.enum(['sumOfInvoiceLines', 'statedOnInvoice', 'netPlusStatedVat', 'notStated']),
  difference: decimal.optional(),
  vat: z
    .strictObject({
      expectedBase: decimal,
      expectedRate: decimal,
      invoicedBase: decimal.optional(),
      invoicedRate: decimal.optional(),
    })
    .optional(),
  invoiceArithmetic: invoiceArithmetic.optional(),
  invoiceRow: locationSchema.optional(),
  explanation: z.string(),
});

const readingCount = z.strictObject({
  snapshotDay,
  rule: chargeableMeterRule,
  date,
  count: wholeNumber,
  moves: wholeNumber,
  differingMeterPoints: wholeNumber,
});

const countDispute = z.strictObject({
  kinds: z.array(z.enum(CHARGE_KINDS)),
  chargingGroup,
  region: rateRegion,
  invoiced: decimal,
  ours: readingCount,
  readings: z.array(readingCount),
  reproducedBy: readingCount.optional(),
  alsoReproducedBy: z.array(readingCount),
  verdict: z.string(),
  differingMeterPoints: z.strictObject({
    count: wholeNumber,
    listed: z.array(
      z.strictObject({
        chargingGroup,
        region: rateRegion,
        reading: z.string(),
        meterPoint: z.string().regex(METER_POINT_PATTERN),
        line: wholeNumber,
        countedBy: z.enum(['ours', 'reproducing']),
        premises: z.string(),
        registeredFrom: z.string(),
        registeredTo: z.string(),
        enrolledFrom: z.string(),
      }),
    ),
  }),
});

/** `dcc-charges reconcile --format json`: an invoice checked line by line against the expected charges. */
export const reconciliationOutputSchema = z.strictObject({
  format: z.literal(RECONCILIATION_FORMAT),
  month,
  verdict: z.enum(['allMatch', 'differencesFound']),
  tolerance: decimal,
  rounding: roundingMode,
  statement: z.strictObject({
    id: z.string(),
    title: z.string(),
    illustrative: z.boolean(),
    provenanceNote: z.string().optional(),
  }),
  invoice: z.strictObject({ source: z.string().optional(), illustrative: z.boolean(), rows: wholeNumber }),
  vatRate: decimal,
  listing: z.enum(LINE_LISTINGS),
  lines: z.array(reconciliationLine),
  totals: z.strictObject({ net: reconciliationTotal, vat: reconciliationTotal, gross: reconciliationTotal }),
  moneyAtStake: z.strictObject({
    netDifference: decimal,
    vatDifference: decimal.optional(),
    grossDifference: decimal.optional(),
    overcharged: decimal,
    undercharged: decimal,
    sumOfAbsoluteDifferences: decimal,
  }),
  counts: z.strictObject(
    Object.fromEntries(LINE_STATUSES.map((status) => [status, wholeNumber])) as Record<
      (typeof LINE_STATUSES)[number],
      typeof wholeNumber
    >,
  ),
  registrations: z
    .strictObject({
      source: z.string(),
      snapshotDay,
      snapshotDate: date,
      rowsRead: wholeNumber,
      rowsInMonth: wholeNumber,
      user: z.string().optional(),
      method: z.string(),
      disputes: z.array(countDispute),
    })
    .optional(),
});

const figureComparison = {
  status: z.enum(COMPARISON_STATUSES),
  before: z.union([decimal, z.null()]),
  after: z.union([decimal, z.null()]),
  change: z.union([decimal, z.null()]),
  changePercent: percentChange,
};

const totalComparison = z.strictObject({
  item: z.enum(COMPARED_TOTALS),
  before: pence,
  after: pence,
  change: pence,
  changePercent: percentChange,
});

const comparedStatement = z.strictObject({
  id: z.string(),
  title: z.string(),
  regulatoryYear: z.string().regex(SUPPORTED_REGULATORY_YEAR_PATTERN),
  effectiveFrom: month,
  effectiveTo: month,
  illustrative: z.boolean(),
});

/** `dcc-charges diff --format json`: two Charging Statements compared, with the impact on a portfolio. */
export const statementComparisonOutputSchema = z.strictObject({
  format: z.literal(STATEMENT_COMPARISON_FORMAT),
  a: comparedStatement,
  b: comparedStatement,
  terms: z.array(
    z.strictObject({
      term: z.enum(['regime', 'chargeableMeters.fixed', 'chargeableMeters.fixedCh', 'chargeableMeters.fixedAltHan']),
      before: z.string(),
      after: z.string(),
    }),
  ),
  rates: z.array(
    z.strictObject({ kind: z.enum(PER_METER_CHARGE_TYPES), chargingGroup, region: rateRegion, ...figureComparison }),
  ),
  explicitPrices: z.array(
    z.strictObject({
      code: z.string().min(1),
      description: z.string(),
      unitBefore: z.union([z.string(), z.null()]),
      unitAfter: z.union([z.string(), z.null()]),
      ...figureComparison,
    }),
  ),
  counts: z.strictObject({ unchanged: wholeNumber, changed: wholeNumber, added: wholeNumber, removed: wholeNumber }),
  impact: z
    .strictObject({
      monthA: month,
      monthB: month,
      monthly: z.array(totalComparison),
      monthsInForceA: wholeNumber,
      monthsInForceB: wholeNumber,
      inForce: z.array(totalComparison),
      chargesA: monthlyChargesOutputSchema,
      chargesB: monthlyChargesOutputSchema,
    })
    .optional(),
});

const changeFromBase = z.strictObject({ base: pence, value: pence, change: pence, changePercent: percentChange });

const budgetYear = z.strictObject({
  regulatoryYear: z.string().regex(SUPPORTED_REGULATORY_YEAR_PATTERN),
  statement: z.strictObject({
    basis: z.enum(['statement', 'derived']),
    status: z.enum(STATEMENT_STATUSES).optional(),
    id: z.string(),
    title: z.string(),
    illustrative: z.boolean(),
    provenanceNote: z.string().optional(),
    file: z.string().optional(),
    inputsId: z.string().optional(),
  }),
  months: z.array(
    z.strictObject({ month, meters: wholeNumber, totals: chargeTotals, lines: z.array(chargeLine).optional() }),
  ),
  annual: chargeTotals,
  perMeterCharges: z.array(
    z.strictObject({
      chargingGroup,
      region: z.enum(REGIONS),
      fixed: decimal,
      fixedCh: decimal,
      fixedAltHan: decimal,
      total: decimal,
    }),
  ),
  netFromBase: changeFromBase.optional(),
  derivation: z
    .strictObject({ estimatedAllowedRevenue: decimal, recovery: z.array(potRecovery), trace: z.array(derivationStep) })
    .optional(),
});

/** `dcc-charges budget --format json`: the charges of a scenario's years, for each case. */
export const budgetProjectionOutputSchema = z.strictObject({
  format: z.literal(BUDGET_PROJECTION_FORMAT),
  scenario: z.strictObject({
    id: z.string(),
    title: z.string(),
    illustrative: z.boolean(),
    user: z.string().optional(),
  }),
  options: z.strictObject({
    vatRate: decimal,
    rounding: roundingMode,
    countRounding: roundingMode,
    growthTiming: z.enum(GROWTH_TIMINGS),
  }),
  cases: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      adjustments: z.array(z.strictObject({ input: z.enum(SENSITIVITY_INPUTS), by: decimal })),
      years: z.array(budgetYear),
      total: chargeTotals,
      netFromBase: changeFromBase.optional(),
    }),
  ),
  method: z.array(z.string()),
});
