/**
 * What one chargeable meter pays per month under a statement, by Charging Group and Region:
 * the figures the budget report draws over the years.
 */
import { Dec, ZERO, type Dec as DecType } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import { CHARGING_GROUPS, isChChargingGroup, type ChargingGroup } from '../vocabulary/charging-groups.js';
import { REGIONS, type Region } from '../vocabulary/regions.js';
import type { PerMeterCharge } from './projection.js';

function rateFor(
  rows: readonly { chargingGroup: ChargingGroup; region: string; ratePerMeterMonth: string }[],
  group: ChargingGroup,
  region: Region,
): DecType {
  let total: DecType = ZERO;
  for (const row of rows) {
    if (row.chargingGroup === group && (row.region === 'national' || row.region === region)) {
      total = total.plus(toDecimal(row.ratePerMeterMonth));
    }
  }
  return total;
}

/**
 * For every Charging Group and Region: the national rate plus the Region's rate of each
 * per-meter charge type, and their sum, per meter per month. Fixed CH and Fixed Alt HAN are
 * zero for g4 and g5 (K3.10). Whether a given meter is chargeable is the regime's rule.
 * @clause K3.9-K3.10, K4-K6, K5A/K6B
 */
export function perMeterChargesOf(statement: ChargingStatement): PerMeterCharge[] {
  return CHARGING_GROUPS.flatMap((group) =>
    REGIONS.map((region) => {
      const fixed = rateFor(statement.fixedCharges, group, region);
      const fixedCh = isChChargingGroup(group) ? rateFor(statement.fixedChCharges, group, region) : new Dec(0);
      const fixedAltHan = isChChargingGroup(group) ? rateFor(statement.fixedAltHanCharges, group, region) : new Dec(0);
      return {
        chargingGroup: group,
        region,
        fixed: formatPlain(fixed),
        fixedCh: formatPlain(fixedCh),
        fixedAltHan: formatPlain(fixedAltHan),
        total: formatPlain(fixed.plus(fixedCh).plus(fixedAltHan)),
      };
    }),
  );
}
