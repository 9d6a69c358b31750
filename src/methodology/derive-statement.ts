/**
 * Deriving a Charging Statement (brief section 5): from revenue, Charging Group Weighting
 * Factors and the forecast meter base to published rates per meter per month, with the
 * recovery of every pot and a trace of every step.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { Dec, sumDecimals, type Dec as DecType } from '../money/decimal.js';
import { formatPlain, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import {
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  CH_CHARGING_GROUPS,
  type ChargingGroup,
} from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import type { Month } from '../vocabulary/months.js';
import {
  resolveChargeableMeters,
  type ChargeableMeterRules,
  type PerMeterChargeType,
} from '../statement/chargeable-meters.js';
import {
  CHARGING_STATEMENT_FORMAT,
  chargingStatementSchema,
  type ChargingStatement,
  type StatementRateRow,
} from '../statement/statement-schema.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import { allocatePot, type PotAllocation } from './allocate-pot.js';
import { chargeableMeterMonths, type PotScope } from './forecast-base.js';
import { formatFraction, fractionToDecimal, roundFractionHalfUp } from './fraction.js';
import {
  chargingPeriodOf,
  DEFAULT_RATE_PRECISION,
  pickChGroups,
  type MethodologyInputs,
  type MethodologyInputsInput,
  type WeightingBasis,
} from './inputs-schema.js';
import { parseMethodologyInputs } from './parse-inputs.js';
import { communicationsHubPots, splitFixedRevenue, type Pot } from './pots.js';
import { estimateExplicitChargesRevenue, estimateFixedRevenue, fixedRevenueToRecover } from './revenue.js';
import type { Confidence, DerivationStep } from './trace.js';

/** The rounding mode of published rates (decision 0013). */
export const RATE_ROUNDING_MODE: RoundingMode = 'halfUp';

/** How much of one pot the published rates recover at the forecast base. */
export interface PotRecovery {
  /** `chargeType/scope`, such as `fixed/national`. */
  readonly pot: string;
  readonly chargeType: PerMeterChargeType;
  readonly scope: PotScope;
  readonly clause: string;
  /** The pot, in pounds over the charging period. */
  readonly amount: string;
  /** `sum_g B_g`: chargeable meter-months paying the pot. */
  readonly chargeableMeterMonths: string;
  /** `sum_g rate_g x B_g` with the unrounded rates: the pot exactly (checked). */
  readonly recoveredBeforeRounding: string;
  /** `sum_g publishedRate_g x B_g`. */
  readonly recoveredAtPublishedRates: string;
  /** `recoveredAtPublishedRates - amount`: positive when the published rates over-recover. */
  readonly residual: string;
  /** `0.5 x 10^-ratePrecision x sum_g B_g`: no residual can exceed it. */
  readonly residualBound: string;
}

/** What {@link deriveChargingStatement} returns. */
export interface DerivedChargingStatement {
  /** A valid Charging Statement, ready for `calculateMonthlyCharges`. */
  readonly statement: ChargingStatement;
  /** Per pot: the pot, what the published rates recover at the forecast base, the residual. */
  readonly recovery: readonly PotRecovery[];
  /** Every step: clause, formula, inputs, unrounded and rounded values. */
  readonly trace: readonly DerivationStep[];
}

/**
 * Derives a Charging Statement from methodology inputs.
 *
 * Steps: EECR and EFR (K2); the fixed revenue still to recover; the pots (national and
 * regional fixed, Fixed CH, Fixed Alt HAN); each pot allocated over its Charging Groups by
 * {@link allocatePot} under the chosen weighting reading; rates rounded half-up to
 * `ratePrecision` places, only at the end; the recovery of every pot at the forecast base.
 * @param inputs - methodology inputs as written or as parsed; validated here.
 * @param source - a label for messages, such as the file name.
 * @clause K2, K3.9-K3.10, K4-K6, K5A, K6B
 * @throws InputError for invalid inputs, a negative Estimated Fixed Revenue, a missing
 * weighting factor, or a pot with a zero weighted base.
 * @example
 * const { statement, recovery } = deriveChargingStatement(inputs);
 * statement.fixedCharges[0] // { chargingGroup: 'importSupplier', region: 'national', ratePerMeterMonth: '0.4' }
 */
export function deriveChargingStatement(
  inputs: MethodologyInputsInput | MethodologyInputs,
  source?: string,
): DerivedChargingStatement {
  return deriveValidatedChargingStatement(parseMethodologyInputs(inputs, source), source);
}

/** The kernel of {@link deriveChargingStatement}, over inputs already validated. */
export function deriveValidatedChargingStatement(inputs: MethodologyInputs, source?: string): DerivedChargingStatement {
  try {
    return deriveKernel(inputs);
  } catch (error) {
    if (error instanceof InputError && source !== undefined) {
      throw new InputError(error.issues.map((issue) => (issue.source === undefined ? { ...issue, source } : issue)));
    }
    throw error;
  }
}

/** The factors used for each per-meter charge type, as decimals, and the field they come from. */
interface FactorSet {
  readonly field: string;
  readonly groups: readonly ChargingGroup[];
  readonly factors: Partial<Record<ChargingGroup, DecType>>;
}

function toDecimalFactors(written: Partial<Record<ChargingGroup, string>>): Partial<Record<ChargingGroup, DecType>> {
  const factors: Partial<Record<ChargingGroup, DecType>> = {};
  for (const group of CHARGING_GROUPS) {
    const value = written[group];
    if (value !== undefined) factors[group] = toDecimal(value);
  }
  return factors;
}

/** The factor set of each charge type: `factors`, and `chFactors`/`altHanFactors` defaulting to `factors` of g1..g3. */
export function factorSetsOf(weighting: MethodologyInputs['weighting']): Record<PerMeterChargeType, FactorSet> {
  return {
    fixed: { field: 'weighting.factors', groups: CHARGING_GROUPS, factors: toDecimalFactors(weighting.factors) },
    fixedCh: {
      field: weighting.chFactors === undefined ? 'weighting.factors' : 'weighting.chFactors',
      groups: CH_CHARGING_GROUPS,
      factors: toDecimalFactors(weighting.chFactors ?? pickChGroups(weighting.factors)),
    },
    fixedAltHan: {
      field: weighting.altHanFactors === undefined ? 'weighting.factors' : 'weighting.altHanFactors',
      groups: CH_CHARGING_GROUPS,
      factors: toDecimalFactors(weighting.altHanFactors ?? pickChGroups(weighting.factors)),
    },
  };
}

/**
 * Reports every group with chargeable meters in the forecast but no weighting factor.
 */
function findMissingFactors(
  sets: Record<PerMeterChargeType, FactorSet>,
  meters: readonly MeterCountRow[],
  period: readonly Month[],
  rules: ChargeableMeterRules,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const reported = new Set<string>();
  for (const chargeType of ['fixed', 'fixedCh', 'fixedAltHan'] as const) {
    const set = sets[chargeType];
    const base = chargeableMeterMonths(meters, period, rules[chargeType], 'national', set.groups);
    for (const group of set.groups) {
      const meterMonths = base.get(group);
      if (set.factors[group] !== undefined || meterMonths === undefined || meterMonths.isZero()) continue;
      const key = `${set.field}|${group}`;
      if (reported.has(key)) continue;
      reported.add(key);
      issues.push({
        path: set.field.split('.'),
        code: 'missingWeightingFactor',
        expected: `a weighting factor for ${CHARGING_GROUP_SYMBOLS[group]} (${group}), which has chargeable meters in the forecast`,
        received: `no factor for ${CHARGING_GROUP_SYMBOLS[group]}`,
        detail: `${formatPlain(meterMonths)} chargeable meter-months would pay ${chargeType === 'fixed' ? 'Fixed Charges' : chargeType === 'fixedCh' ? 'Fixed CH Charges' : 'Fixed Alt HAN Charges'} at an unknown rate`,
      });
    }
  }
  return issues;
}

function allocationConfidence(chargeType: PerMeterChargeType, inputs: MethodologyInputs, basis: WeightingBasis): Confidence {
  return chargeType === 'fixed' && inputs.regime === 'preUitmr' && basis === 'perMeter' ? 'P' : 'R';
}

interface PotResult {
  readonly pot: Pot;
  readonly allocation: PotAllocation<ChargingGroup>;
  readonly published: ReadonlyMap<ChargingGroup, DecType>;
}

function deriveKernel(inputs: MethodologyInputs): DerivedChargingStatement {
  const period = chargingPeriodOf(inputs);
  const rules = resolveChargeableMeters(inputs.regime, inputs.chargeableMeters);
  const precision = inputs.ratePrecision ?? DEFAULT_RATE_PRECISION;
  const basis = inputs.weighting.basis ?? 'perMeter';
  const trace: DerivationStep[] = [];

  const explicit = estimateExplicitChargesRevenue(inputs);
  trace.push(explicit.step);
  const fixedRevenue = estimateFixedRevenue(inputs, explicit.value);
  trace.push(fixedRevenue.step);
  const toRecover = fixedRevenueToRecover(inputs, fixedRevenue.value);
  trace.push(toRecover.step);

  const sets = factorSetsOf(inputs.weighting);
  const missing = findMissingFactors(sets, inputs.estimatedMeters, period, rules);
  if (missing.length > 0) throw new InputError(missing);

  const potSets = [
    splitFixedRevenue(inputs, toRecover.value),
    communicationsHubPots(inputs, 'fixedCh'),
    communicationsHubPots(inputs, 'fixedAltHan'),
  ];
  const pots = potSets.flatMap((set) => set.pots);
  trace.push(...potSets.flatMap((set) => set.steps));

  const issues: InputIssue[] = [];
  const results: PotResult[] = [];
  for (const pot of pots) {
    const set = sets[pot.chargeType];
    const base = chargeableMeterMonths(inputs.estimatedMeters, period, rules[pot.chargeType], pot.scope, set.groups);
    let allocation: PotAllocation<ChargingGroup>;
    try {
      allocation = allocatePot({ subject: pot.id, pot: pot.amount, basis, groups: set.groups, factors: set.factors, base, factorsField: set.field });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
      continue;
    }
    const published = new Map<ChargingGroup, DecType>();
    for (const share of allocation.shares) published.set(share.group, roundFractionHalfUp(share.rate, precision));
    results.push({ pot, allocation, published });
    trace.push(...allocationSteps(pot, allocation, published, inputs, basis, precision, period));
  }
  if (issues.length > 0) throw new InputError(issues);

  const recovery = results.map((result) => recoveryOf(result, precision));
  for (const entry of recovery) trace.push(recoveryStep(entry, precision));

  return { statement: buildStatement(inputs, period, precision, basis, results), recovery, trace };
}

function allocationSteps(
  pot: Pot,
  allocation: PotAllocation<ChargingGroup>,
  published: ReadonlyMap<ChargingGroup, DecType>,
  inputs: MethodologyInputs,
  basis: WeightingBasis,
  precision: number,
  period: readonly Month[],
): DerivationStep[] {
  const confidence = allocationConfidence(pot.chargeType, inputs, basis);
  const baseInputs: Record<string, string> = {
    months: `${period.length} (${period[0]} to ${period[period.length - 1]})`,
    regions: pot.scope === 'national' ? 'north + central + south' : pot.scope,
  };
  const weightedInputs: Record<string, string> = {};
  for (const share of allocation.shares) {
    const symbol = CHARGING_GROUP_SYMBOLS[share.group];
    baseInputs[`B_${symbol}`] = formatPlain(share.base);
    weightedInputs[`CGWF_${symbol} x B_${symbol}`] =
      share.factor === undefined ? `no factor x ${formatPlain(share.base)}` : `${formatPlain(share.factor)} x ${formatPlain(share.base)}`;
  }
  const steps: DerivationStep[] = [
    {
      step: 'chargeableBase',
      clause: 'K4.1',
      confidence: 'R',
      subject: pot.id,
      formula: 'B_g = sum over the months m of the period and regions r of the scope of chargeable meters B_{g,r,m} (a row without a month counts for every month)',
      inputs: baseInputs,
      value: formatPlain(allocation.totalBase),
    },
    {
      step: 'weightedBase',
      clause: pot.clause,
      confidence,
      subject: pot.id,
      formula: 'sum_g CGWF_g x B_g',
      inputs: weightedInputs,
      value: formatPlain(allocation.totalWeightedBase),
      ...(basis === 'revenueShare' ? { note: 'reported only: under the revenue-share reading each rate divides by its own B_g' } : {}),
    },
  ];
  for (const share of allocation.shares) {
    const symbol = CHARGING_GROUP_SYMBOLS[share.group];
    const rounded = published.get(share.group) ?? new Dec(0);
    steps.push({
      step: 'rate',
      clause: pot.clause,
      confidence,
      subject: `${pot.id} ${symbol}`,
      formula:
        share.factor === undefined
          ? 'rate = 0 (no weighting factor and no chargeable meters)'
          : basis === 'perMeter'
            ? `rate_${symbol} = CGWF_${symbol} x Pot / sum_g CGWF_g x B_g`
            : `rate_${symbol} = CGWF_${symbol} x Pot / B_${symbol}`,
      inputs: {
        basis,
        [`CGWF_${symbol}`]: share.factor === undefined ? 'none' : formatPlain(share.factor),
        Pot: formatPlain(pot.amount),
        [basis === 'perMeter' ? 'sum_g CGWF_g x B_g' : `B_${symbol}`]:
          basis === 'perMeter' ? formatPlain(allocation.totalWeightedBase) : formatPlain(share.base),
      },
      value: formatPlain(fractionToDecimal(share.rate)),
      exact: formatFraction(share.rate),
      rounded: { point: 'publishedRate', value: formatPlain(rounded), places: precision, mode: RATE_ROUNDING_MODE },
      ...(share.factor === undefined ? { note: `${symbol} has no factor and no chargeable meters: rate 0 (decision 0015)` } : {}),
    });
  }
  return steps;
}

function recoveryOf(result: PotResult, precision: number): PotRecovery {
  const { pot, allocation, published } = result;
  const recovered = sumDecimals(allocation.shares.map((share) => (published.get(share.group) ?? new Dec(0)).times(share.base)));
  const bound = new Dec('0.5').times(new Dec(10).pow(-precision)).times(allocation.totalBase);
  return {
    pot: pot.id,
    chargeType: pot.chargeType,
    scope: pot.scope,
    clause: pot.clause,
    amount: formatPlain(pot.amount),
    chargeableMeterMonths: formatPlain(allocation.totalBase),
    recoveredBeforeRounding: formatPlain(pot.amount),
    recoveredAtPublishedRates: formatPlain(recovered),
    residual: formatPlain(recovered.minus(pot.amount)),
    residualBound: formatPlain(bound),
  };
}

function recoveryStep(entry: PotRecovery, precision: number): DerivationStep {
  return {
    step: 'recovery',
    clause: entry.clause,
    confidence: 'R',
    subject: entry.pot,
    formula: 'residual = sum_g publishedRate_g x B_g - Pot; |residual| <= 0.5 x 10^-ratePrecision x sum_g B_g',
    inputs: {
      Pot: entry.amount,
      recoveredAtPublishedRates: entry.recoveredAtPublishedRates,
      ratePrecision: String(precision),
      'sum_g B_g': entry.chargeableMeterMonths,
    },
    value: entry.residual,
  };
}

function rateRows(results: readonly PotResult[], chargeType: PerMeterChargeType): StatementRateRow[] {
  const rows: { row: StatementRateRow; order: number }[] = [];
  for (const result of results) {
    if (result.pot.chargeType !== chargeType) continue;
    for (const share of result.allocation.shares) {
      const rate = result.published.get(share.group) ?? new Dec(0);
      rows.push({
        row: { chargingGroup: share.group, region: result.pot.scope, ratePerMeterMonth: formatPlain(rate) },
        order: CHARGING_GROUPS.indexOf(share.group) * RATE_REGIONS.length + RATE_REGIONS.indexOf(result.pot.scope),
      });
    }
  }
  return rows.sort((a, b) => a.order - b.order).map((entry) => entry.row);
}

function buildStatement(
  inputs: MethodologyInputs,
  period: readonly Month[],
  precision: number,
  basis: WeightingBasis,
  results: readonly PotResult[],
): ChargingStatement {
  const from = period[0] ?? '';
  const to = period[period.length - 1] ?? '';
  const derivedNote =
    `Derived by dcc-charges from methodology inputs "${inputs.id}": ${basis} weighting, ` +
    `rates rounded half-up to ${precision} decimal places, charging period ${from} to ${to}.`;
  const candidate = {
    format: CHARGING_STATEMENT_FORMAT,
    id: inputs.id,
    title: inputs.title ?? `Charging Statement for Regulatory Year ${inputs.regulatoryYear} derived from methodology inputs "${inputs.id}"`,
    regulatoryYear: inputs.regulatoryYear,
    effectiveFrom: from,
    effectiveTo: to,
    regime: inputs.regime,
    illustrative: inputs.illustrative,
    source: inputs.source ?? { publisher: 'dcc-charges', document: `derived from methodology inputs "${inputs.id}"` },
    notes: [derivedNote, ...(inputs.notes ?? [])],
    fixedCharges: rateRows(results, 'fixed'),
    fixedChCharges: rateRows(results, 'fixedCh'),
    fixedAltHanCharges: rateRows(results, 'fixedAltHan'),
    explicitCharges: inputs.explicitCharges.map((row) => ({
      code: row.code,
      description: row.description,
      unit: row.unit,
      unitPrice: row.unitPrice,
      ...(row.source === undefined ? {} : { source: row.source }),
    })),
    ...(inputs.chargeableMeters === undefined ? {} : { chargeableMeters: inputs.chargeableMeters }),
    derivedFrom: { inputsId: inputs.id, ratePrecision: precision },
  };
  const checked = chargingStatementSchema.safeParse(candidate);
  if (!checked.success) {
    throw new InvariantError(
      'derivedStatementInvalid',
      `the derived statement fails its own schema: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return checked.data;
}
