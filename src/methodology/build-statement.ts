/** Building the derived Charging Statement from the allocated pots (decision 0016). */
import { InvariantError } from '../errors/invariant-error.js';
import { Dec } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import type { Month } from '../vocabulary/months.js';
import type { PerMeterChargeType } from '../statement/chargeable-meters.js';
import {
  CHARGING_STATEMENT_FORMAT,
  chargingStatementSchema,
  type ChargingStatement,
  type StatementRateRow,
} from '../statement/statement-schema.js';
import type { MethodologyInputs, WeightingBasis } from './inputs-schema.js';
import type { PotResult } from './recovery.js';

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

/**
 * The derived Charging Statement (decision 0016): rates in Charging Group order, national then
 * north, central, south; the catalogue without volumes; metadata from the inputs. Checked
 * against the statement schema.
 * @throws InvariantError `derivedStatementInvalid` if the statement failed its own schema.
 */
export function buildStatement(
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
    title:
      inputs.title ??
      `Charging Statement for Regulatory Year ${inputs.regulatoryYear} derived from methodology inputs "${inputs.id}"`,
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
