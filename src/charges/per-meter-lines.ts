/**
 * Per-meter lines (docs/methodology.md, billing): Fixed Charges (K4, K5, K6), Fixed CH Charges
 * (K3.9-K3.10) and Fixed Alt HAN Charges (K5A, K6B). For each rate of the statement whose
 * chargeable count is not zero: `amount = round2(chargeable meters x rate)`.
 */
import { Dec } from '../money/decimal.js';
import { formatMoney, formatPlain, roundToPence, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { CHARGING_GROUP_NAMES, CHARGING_GROUP_SYMBOLS, CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import {
  clauseOfChargeType,
  isChargeable,
  resolveChargeableMeters,
  type ChargeableMeterRule,
  type PerMeterChargeType,
} from '../statement/chargeable-meters.js';
import type { ChargingStatement, StatementRateRow } from '../statement/statement-schema.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import type { ChargeLine } from './charge-line.js';

const LIST_OF: Record<PerMeterChargeType, 'fixedCharges' | 'fixedChCharges' | 'fixedAltHanCharges'> = {
  fixed: 'fixedCharges',
  fixedCh: 'fixedChCharges',
  fixedAltHan: 'fixedAltHanCharges',
};

const LABEL_OF: Record<PerMeterChargeType, string> = {
  fixed: 'Fixed Charge',
  fixedCh: 'Fixed CH Charge',
  fixedAltHan: 'Fixed Alt HAN Charge',
};

/**
 * The chargeable meters a rate row applies to: the count in its region, or summed over
 * all regions for a `national` rate, of the meters the rule makes chargeable.
 */
export function countChargeableMeters(
  meters: readonly MeterCountRow[],
  rate: Pick<StatementRateRow, 'chargingGroup' | 'region'>,
  rule: ChargeableMeterRule,
): number {
  let total = 0;
  for (const row of meters) {
    if (row.chargingGroup !== rate.chargingGroup) continue;
    if (rate.region !== 'national' && row.region !== rate.region) continue;
    if (isChargeable(rule, row.premises, row.enrolled)) total += row.count;
  }
  return total;
}

/**
 * The lines of one per-meter charge type, in Charging Group order then national, north,
 * central, south.
 * @clause K4 / K5 / K6 (fixed), K3.9-K3.10 (Fixed CH), K5A / K6B (Fixed Alt HAN)
 */
export function perMeterLines(
  type: PerMeterChargeType,
  statement: ChargingStatement,
  meters: readonly MeterCountRow[],
  rounding: RoundingMode,
): ChargeLine[] {
  const list = LIST_OF[type];
  const rule = resolveChargeableMeters(statement.regime, statement.chargeableMeters)[type];
  const rows = statement[list]
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        CHARGING_GROUPS.indexOf(a.row.chargingGroup) - CHARGING_GROUPS.indexOf(b.row.chargingGroup) ||
        RATE_REGIONS.indexOf(a.row.region) - RATE_REGIONS.indexOf(b.row.region),
    );
  const lines: ChargeLine[] = [];
  for (const { row, index } of rows) {
    const count = countChargeableMeters(meters, row, rule);
    if (count === 0) continue;
    const quantity = new Dec(count);
    const unrounded = quantity.times(toDecimal(row.ratePerMeterMonth));
    const symbol = CHARGING_GROUP_SYMBOLS[row.chargingGroup];
    lines.push({
      kind: type,
      chargingGroup: row.chargingGroup,
      region: row.region,
      description: `${LABEL_OF[type]}, ${CHARGING_GROUP_NAMES[row.chargingGroup]} (${symbol}), ${row.region}`,
      quantity: String(count),
      unitPrice: row.ratePerMeterMonth,
      amount: formatMoney(roundToPence(unrounded, rounding)),
      clause: clauseOfChargeType(type, statement.regime),
      explanation: {
        formula: 'amount = round2(chargeable meters x rate per meter per month)',
        inputs: {
          chargeableMeters: String(count),
          ratePerMeterMonth: row.ratePerMeterMonth,
          regime: statement.regime,
          countedRegions: row.region === 'national' ? 'north + central + south' : row.region,
        },
        priceSource: { document: statement.id, list, index },
        chargeableMeters: rule,
        rounding: { point: 'lineAmount', unrounded: formatPlain(unrounded), places: 2, mode: rounding },
      },
    });
  }
  return lines;
}
