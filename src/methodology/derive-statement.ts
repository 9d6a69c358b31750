/**
 * Deriving a Charging Statement (docs/derivation.md): from revenue, Charging Group Weighting
 * Factors and the forecast meter base to published rates per meter per month, with the
 * recovery of every pot and a trace of every step.
 */
import { checkDocument } from '../errors/arguments.js';
import { InputError, type InputIssue } from '../errors/input-error.js';
import { Dec, type Dec as DecType } from '../money/decimal.js';
import { formatPlain, type RoundingMode } from '../money/rounding.js';
import { CHARGING_GROUP_SYMBOLS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import type { Month } from '../vocabulary/months.js';
import { resolveChargeableMeters, type PerMeterChargeType } from '../statement/chargeable-meters.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import { allocatePot, type PotAllocation } from './allocate-pot.js';
import { buildStatement } from './build-statement.js';
import { chargingPeriodOf } from './charging-period.js';
import { factorSetsOf, findMissingFactors } from './factor-sets.js';
import { chargeableMeterMonths } from './forecast-base.js';
import { formatFraction, fractionToDecimal, roundFractionHalfUp } from './fraction.js';
import {
  DEFAULT_RATE_PRECISION,
  type MethodologyInputs,
  type MethodologyInputsInput,
  type WeightingBasis,
} from './inputs-schema.js';
import { parseMethodologyInputs } from './parse-inputs.js';
import { communicationsHubPots, splitFixedRevenue, type Pot } from './pots.js';
import { recoveryOf, recoveryStep, type PotRecovery, type PotResult } from './recovery.js';
import { estimateExplicitChargesRevenue, estimateFixedRevenue, fixedRevenueToRecover } from './revenue.js';
import type { Confidence, DerivationStep } from './trace.js';

export type { PotRecovery } from './recovery.js';

/** The rounding mode of published rates (decision 0013). */
export const RATE_ROUNDING_MODE: RoundingMode = 'halfUp';

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
 * `allocatePot` under the chosen weighting reading; rates rounded half-up to
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
  checkDocument('deriveChargingStatement', 'inputs', inputs, source);
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

/** Confidence of the allocation: [P] only for Fixed Charges before the UITMR Period, per meter (K4.1). */
function allocationConfidence(
  chargeType: PerMeterChargeType,
  inputs: MethodologyInputs,
  basis: WeightingBasis,
): Confidence {
  return chargeType === 'fixed' && inputs.regime === 'preUitmr' && basis === 'perMeter' ? 'P' : 'R';
}

/** Every step in order: revenue, factors checked, pots, allocation and rounding, recovery, statement. */
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
      allocation = allocatePot({
        subject: pot.id,
        pot: pot.amount,
        basis,
        groups: set.groups,
        factors: set.factors,
        base,
        factorsField: set.field,
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) issues.push(issue);
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

/** The trace of one pot's allocation: its base, its weighted base, and each group's rate. */
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
      share.factor === undefined
        ? `no factor x ${formatPlain(share.base)}`
        : `${formatPlain(share.factor)} x ${formatPlain(share.base)}`;
  }
  const steps: DerivationStep[] = [
    {
      step: 'chargeableBase',
      clause: 'K4.1',
      confidence: 'R',
      subject: pot.id,
      formula:
        'B_g = sum over the months m of the period and regions r of the scope of chargeable meters B_{g,r,m} (a row without a month counts for every month)',
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
      ...(basis === 'revenueShare'
        ? { note: 'reported only: under the revenue-share reading each rate divides by its own B_g' }
        : {}),
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
      ...(share.factor === undefined
        ? { note: `${symbol} has no factor and no chargeable meters: rate 0 (decision 0015)` }
        : {}),
    });
  }
  return steps;
}
