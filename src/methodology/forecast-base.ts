/**
 * The forecast meter base of a pot: chargeable meter-months of each Charging Group over the
 * months of the charging period, in the pot's scope (every Region, or one) [R] (decision 0014).
 */
import { Dec, ZERO, type Dec as DecType } from '../money/decimal.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { Region } from '../vocabulary/regions.js';
import type { Month } from '../vocabulary/months.js';
import { isChargeable, type ChargeableMeterRule } from '../statement/chargeable-meters.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';

/** Where a pot is recovered: every Region (`national`) or one Region. */
export type PotScope = 'national' | Region;

/**
 * Chargeable meter-months `B_g = sum_m sum_r B_{g,r,m}` for each group in `groups`.
 *
 * A row with a month counts once (its month is in the period: the inputs are validated);
 * a row without a month holds for every month of the period, so counts `period.length` times.
 * Meters the rule does not make chargeable, meters outside the scope and groups not listed
 * are left out.
 * @clause K4.1 (a base given once applies to every month)
 * @returns a map with an entry, possibly zero, for every group in `groups`.
 * @example chargeableMeterMonths(rows, twelveMonths, { domestic: 'all', nonDomestic: 'all' }, 'north', ['importSupplier'])
 */
export function chargeableMeterMonths<G extends ChargingGroup>(
  meters: readonly MeterCountRow[],
  period: readonly Month[],
  rule: ChargeableMeterRule,
  scope: PotScope,
  groups: readonly G[],
): Map<G, DecType> {
  const base = new Map<G, DecType>(groups.map((group) => [group, ZERO]));
  const monthsPerUndatedRow = new Dec(period.length);
  for (const row of meters) {
    const current = base.get(row.chargingGroup as G);
    if (current === undefined) continue;
    if (scope !== 'national' && row.region !== scope) continue;
    if (!isChargeable(rule, row.premises, row.enrolled)) continue;
    const meterMonths = row.month === undefined ? new Dec(row.count).times(monthsPerUndatedRow) : new Dec(row.count);
    base.set(row.chargingGroup as G, current.plus(meterMonths));
  }
  return base;
}
