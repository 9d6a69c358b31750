/**
 * The one allocation primitive every pot goes through (docs/derivation.md) [P for K4, R beyond]:
 * a pot of revenue spread over Charging Groups as a rate per chargeable meter per month.
 *
 * - per-meter reading (default): `rate_g = CGWF_g x Pot / sum_g' (CGWF_g' x B_g')`
 * - revenue-share reading: `rate_g = CGWF_g x Pot / B_g` (the factors sum to 1)
 *
 * where `B_g` is the group's chargeable meter-months in the pot's scope over the charging
 * period. Rates are exact fractions; rounding happens later, at the published-rate point.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { sumDecimals, ZERO, type Dec } from '../money/decimal.js';
import { CHARGING_GROUP_SYMBOLS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import { makeFraction, ZERO_FRACTION, type Fraction } from './fraction.js';
import { MAX_POT_METER_MONTHS } from './inputs-fields.js';
import type { WeightingBasis } from './inputs-schema.js';

/** What one pot's allocation needs. */
export interface AllocationRequest<G extends ChargingGroup> {
  /** Names the pot in messages and the trace, such as `fixed/north`. */
  readonly subject: string;
  /** The pot, in pounds over the charging period. */
  readonly pot: Dec;
  /** The weighting reading. */
  readonly basis: WeightingBasis;
  /** The groups that pay this pot, in order. */
  readonly groups: readonly G[];
  /** The weighting factor of each group; a group may have none only if it has no meters. */
  readonly factors: Partial<Record<G, Dec>>;
  /** The chargeable meter-months of each group in the pot's scope. */
  readonly base: ReadonlyMap<G, Dec>;
  /** The inputs field the factors come from, for messages (`weighting.factors`, ...). */
  readonly factorsField: string;
}

/** One group's share of a pot. */
export interface GroupShare<G extends ChargingGroup> {
  readonly group: G;
  /** The weighting factor, or `undefined` when none was given (the group then has no meters). */
  readonly factor: Dec | undefined;
  /** Chargeable meter-months `B_g`. */
  readonly base: Dec;
  /** `CGWF_g x B_g` (zero without a factor). */
  readonly weightedBase: Dec;
  /** The rate per meter per month, exact. */
  readonly rate: Fraction;
}

/** The allocation of one pot. */
export interface PotAllocation<G extends ChargingGroup> {
  readonly subject: string;
  readonly basis: WeightingBasis;
  readonly pot: Dec;
  /** `sum_g CGWF_g x B_g`: the denominator of every rate under the per-meter reading. */
  readonly totalWeightedBase: Dec;
  /** `sum_g B_g`. */
  readonly totalBase: Dec;
  readonly shares: readonly GroupShare<G>[];
}

/**
 * Allocates a pot over its groups under the chosen weighting reading.
 *
 * A group without a factor and without meters gets the rate zero (it recovers nothing
 * either way; decision 0015). The result is checked to recover the pot exactly at the base.
 * @clause K4.1 (per meter, weighted by Charging Group) [P]; K5, K6, K3.9-K3.10, K5A, K6B [R]
 * @throws InputError when the pot has a zero weighted base, or (revenue-share reading) a group
 * with a positive share has no chargeable meters: the pot could not be recovered.
 * @throws InvariantError when a group with meters has no factor (the caller checks that first),
 * or revenue-share factors do not sum to 1 (the schema checks that).
 * @example
 * allocatePot({ subject: 'fixed/national', pot: D(120), basis: 'perMeter', groups: ['importSupplier'],
 *   factors: { importSupplier: D(1) }, base: new Map([['importSupplier', D(300)]]), factorsField: 'weighting.factors' })
 *   .shares[0].rate // 120 / 300 = 0.4
 */
export function allocatePot<G extends ChargingGroup>(request: AllocationRequest<G>): PotAllocation<G> {
  const { subject, pot, basis, groups, factors } = request;
  const rows = groups.map((group) => {
    const factor = factors[group];
    const base = request.base.get(group) ?? ZERO;
    if (factor === undefined && base.greaterThan(0)) {
      throw new InvariantError('unreachable', `${subject}: ${CHARGING_GROUP_SYMBOLS[group]} has meters but no factor`);
    }
    return { group, factor, base, weightedBase: factor === undefined ? ZERO : factor.times(base) };
  });
  const totalWeightedBase = sumDecimals(rows.map((row) => row.weightedBase));
  const totalBase = sumDecimals(rows.map((row) => row.base));
  if (totalBase.greaterThan(MAX_POT_METER_MONTHS)) {
    throw new InputError([
      {
        path: ['estimatedMeters'],
        code: 'forecastTooLarge',
        expected: `at most ${MAX_POT_METER_MONTHS} chargeable meter-months in the pot ${subject} (the bound that keeps the arithmetic exact)`,
        received: `${totalBase.toFixed()} meter-months`,
      },
    ]);
  }
  const shares = basis === 'perMeter' ? perMeterShares(request, rows, totalWeightedBase) : revenueShares(request, rows);
  const allocation = { subject, basis, pot, totalWeightedBase, totalBase, shares };
  assertRecoveredExactly(allocation);
  return allocation;
}

type ShareRow<G extends ChargingGroup> = Omit<GroupShare<G>, 'rate'>;

function zeroBaseIssue(request: AllocationRequest<ChargingGroup>, received: string): InputIssue {
  return {
    path: ['estimatedMeters'],
    code: 'zeroWeightedBase',
    expected: `chargeable meters weighted by ${request.factorsField} above zero for the pot ${request.subject} (a rate is the pot divided by its weighted base)`,
    received,
    detail: `the pot is ${request.pot.toFixed()}; it could not be recovered from no meters`,
  };
}

function perMeterShares<G extends ChargingGroup>(
  request: AllocationRequest<G>,
  rows: readonly ShareRow<G>[],
  totalWeightedBase: Dec,
): GroupShare<G>[] {
  if (!totalWeightedBase.greaterThan(0)) {
    throw new InputError([zeroBaseIssue(request, 'a weighted base of 0 meter-months')]);
  }
  return rows.map((row) => ({
    ...row,
    rate: row.factor === undefined ? ZERO_FRACTION : makeFraction(row.factor.times(request.pot), totalWeightedBase),
  }));
}

function revenueShares<G extends ChargingGroup>(
  request: AllocationRequest<G>,
  rows: readonly ShareRow<G>[],
): GroupShare<G>[] {
  const issues: InputIssue[] = [];
  const shares = rows.map((row): GroupShare<G> => {
    if (row.factor === undefined || row.factor.isZero()) return { ...row, rate: ZERO_FRACTION };
    if (!row.base.greaterThan(0)) {
      issues.push({
        ...zeroBaseIssue(
          request,
          `no chargeable meters of ${CHARGING_GROUP_SYMBOLS[row.group]}, whose revenue share is ${row.factor.toFixed()}`,
        ),
        expected: `chargeable meters of every group with a revenue share above zero in the pot ${request.subject} (revenue-share reading: rate_g = CGWF_g x Pot / B_g)`,
      });
      return { ...row, rate: ZERO_FRACTION };
    }
    return { ...row, rate: makeFraction(row.factor.times(request.pot), row.base) };
  });
  if (issues.length > 0) throw new InputError(issues);
  return shares;
}

/**
 * Checks, exactly, that the unrounded rates recover the pot at the base:
 * per-meter, `sum_g (CGWF_g x Pot) x B_g = Pot x sum_g CGWF_g x B_g` (a common denominator);
 * revenue-share, `sum_g CGWF_g x Pot = Pot` (each `rate_g x B_g` is `CGWF_g x Pot`).
 * @throws InvariantError `potNotRecovered`.
 */
function assertRecoveredExactly(allocation: PotAllocation<ChargingGroup>): void {
  const { pot, shares, totalWeightedBase } = allocation;
  const recovered =
    allocation.basis === 'perMeter'
      ? sumDecimals(shares.map((share) => share.rate.numerator.times(share.base)))
      : sumDecimals(shares.map((share) => (share.base.isZero() ? ZERO : share.rate.numerator)));
  const expected = allocation.basis === 'perMeter' ? pot.times(totalWeightedBase) : pot;
  if (!recovered.equals(expected)) {
    throw new InvariantError(
      'potNotRecovered',
      `${allocation.subject}: the rates recover ${recovered.toFixed()} where ${expected.toFixed()} was expected (${allocation.basis})`,
    );
  }
}
