/**
 * Recovery (decision 0013): how much of each pot the published rates recover at the forecast
 * base, and the residual, which can never exceed half a unit of the last published place times
 * the pot's chargeable meter-months.
 */
import { Dec, sumDecimals, type Dec as DecType } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { PerMeterChargeType } from '../statement/chargeable-meters.js';
import type { PotAllocation } from './allocate-pot.js';
import type { PotScope } from './forecast-base.js';
import type { Pot } from './pots.js';
import type { DerivationStep } from './trace.js';

/** One pot, its allocation and its published (rounded) rates. */
export interface PotResult {
  readonly pot: Pot;
  readonly allocation: PotAllocation<ChargingGroup>;
  readonly published: ReadonlyMap<ChargingGroup, DecType>;
}

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

/**
 * The recovery of one pot at the forecast base: what the published rates recover, the residual
 * and its bound `0.5 x 10^-ratePrecision x sum_g B_g`.
 */
export function recoveryOf(result: PotResult, precision: number): PotRecovery {
  const { pot, allocation, published } = result;
  const recovered = sumDecimals(
    allocation.shares.map((share) => (published.get(share.group) ?? new Dec(0)).times(share.base)),
  );
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

/** The trace step of a pot's recovery. */
export function recoveryStep(entry: PotRecovery, precision: number): DerivationStep {
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
