/**
 * The weighting factors of each per-meter charge type (decision 0015): `factors` for Fixed
 * Charges, `chFactors` and `altHanFactors` (defaulting to `factors` of g1..g3) for Fixed CH and
 * Fixed Alt HAN Charges; and the check that every group with meters has one.
 */
import type { InputIssue } from '../errors/input-error.js';
import type { Dec as DecType } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import {
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  CH_CHARGING_GROUPS,
  type ChargingGroup,
} from '../vocabulary/charging-groups.js';
import type { Month } from '../vocabulary/months.js';
import type { ChargeableMeterRules, PerMeterChargeType } from '../statement/chargeable-meters.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import { chargeableMeterMonths } from './forecast-base.js';
import { pickChGroups } from './inputs-fields.js';
import type { MethodologyInputs } from './inputs-schema.js';

/** The factors used for each per-meter charge type, as decimals, and the field they come from. */
export interface FactorSet {
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
 * Reports every group with chargeable meters in the forecast but no weighting factor, once per
 * factor set (decision 0015).
 */
export function findMissingFactors(
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
