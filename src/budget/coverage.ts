/**
 * A portfolio group a statement does not price: chargeable meters of a Charging Group in a
 * Region for which a per-meter charge type the statement levies has no rate (neither national
 * nor the Region's). Their charge would silently be nothing, so it is an error.
 */
import type { InputIssue } from '../errors/input-error.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import {
  isChargeable,
  PER_METER_CHARGE_TYPES,
  resolveChargeableMeters,
  type PerMeterChargeType,
} from '../statement/chargeable-meters.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import { CHARGING_GROUP_SYMBOLS, isChChargingGroup } from '../vocabulary/charging-groups.js';
import type { Month } from '../vocabulary/months.js';
import { RATE_LIST_OF } from './compare-statements.js';

const LABEL: Record<PerMeterChargeType, string> = {
  fixed: 'Fixed Charge',
  fixedCh: 'Fixed CH Charge',
  fixedAltHan: 'Fixed Alt HAN Charge',
};

/**
 * Reports every group and Region of the portfolio with chargeable meters and no rate, for each
 * per-meter charge type the statement levies (a type with no rates at all is not levied).
 * Fixed CH and Fixed Alt HAN concern g1..g3 only (K3.10).
 * @param counts - the portfolio's rows by month.
 */
export function findUncoveredGroups(
  statement: ChargingStatement,
  counts: readonly { month: Month; rows: readonly MeterCountRow[] }[],
  where: { source?: string; path: readonly (string | number)[] },
): InputIssue[] {
  const issues: InputIssue[] = [];
  const reported = new Set<string>();
  const rules = resolveChargeableMeters(statement.regime, statement.chargeableMeters);
  for (const type of PER_METER_CHARGE_TYPES) {
    const rates = statement[RATE_LIST_OF[type]];
    if (rates.length === 0) continue;
    for (const { month, rows } of counts) {
      for (const row of rows) {
        if (row.count === 0 || !isChargeable(rules[type], row.premises, row.enrolled)) continue;
        if (type !== 'fixed' && !isChChargingGroup(row.chargingGroup)) continue;
        const priced = rates.some(
          (rate) =>
            rate.chargingGroup === row.chargingGroup && (rate.region === 'national' || rate.region === row.region),
        );
        const key = `${type}|${row.chargingGroup}|${row.region}`;
        if (priced || reported.has(key)) continue;
        reported.add(key);
        issues.push({
          ...(where.source === undefined ? {} : { source: where.source }),
          path: where.path,
          code: 'groupNotCovered',
          expected: `a ${LABEL[type]} rate in "${statement.id}" for ${row.chargingGroup} (${CHARGING_GROUP_SYMBOLS[row.chargingGroup]}) in ${row.region} or national`,
          received: `${row.count} chargeable meters of ${row.chargingGroup} in ${row.region} in ${month} and no rate`,
        });
      }
    }
  }
  return issues;
}
