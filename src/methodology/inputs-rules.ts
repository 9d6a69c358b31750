/**
 * The cross-field rules of methodology input files: the charging period inside the year,
 * forecast rows neither repeated nor lost, the explicit catalogue consistent with EECR, and
 * revenue-share factors summing to 1.
 */
import { reportFinding } from '../schema/issues.js';
import { describeCombination, meterCountCoverage } from '../inputs/meter-coverage.js';
import type { z } from 'zod';
import { isRegulatoryYear, monthsOfRegulatoryYear, type Month } from '../vocabulary/months.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import { meterCountKey } from '../inputs/meter-counts.js';
import { sumDecimals } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import { chargingPeriodOf } from './charging-period.js';
import { pickChGroups } from './inputs-fields.js';
import type { MethodologyInputFields } from './inputs-schema.js';
import { checkUniqueExplicitCodes } from '../statement/statement-schema.js';

type ParsedInputs = MethodologyInputFields;

/** Months of the period inside the Regulatory Year, in order. */
export function checkPeriod(
  year: string,
  period: { from: Month; to: Month } | undefined,
  context: z.core.$RefinementCtx,
): void {
  if (period === undefined || !isRegulatoryYear(year)) return;
  const months = monthsOfRegulatoryYear(year);
  for (const field of ['from', 'to'] as const) {
    if (!months.includes(period[field])) {
      reportFinding(context, {
        path: ['months', field],
        expected: `a month inside the Regulatory Year ${year} (${months[0]} to ${months[11]})`,
      });
    }
  }
  if (period.from > period.to) {
    reportFinding(context, {
      path: ['months', 'to'],
      code: 'invalidRange',
      expected: `a month no earlier than months.from (${period.from})`,
    });
  }
}

/** Forecast rows: no repeats, no month outside the period, no gaps, not both dated and undated. */
export function checkForecastRows(inputs: ParsedInputs, context: z.core.$RefinementCtx): void {
  const yearMonths = monthsOfRegulatoryYear(inputs.regulatoryYear);
  const period = chargingPeriodOf(inputs);
  const periodIsYear = period.length === yearMonths.length;
  const seen = new Map<string, number>();
  const coverage = meterCountCoverage(inputs.estimatedMeters, period);
  const outside = new Set(coverage.flatMap((finding) => (finding.kind === 'outsidePeriod' ? [finding.index] : [])));
  inputs.estimatedMeters.forEach((row, index) => {
    const key = meterCountKey(row);
    const first = seen.get(key);
    if (first !== undefined) {
      reportFinding(context, {
        path: ['estimatedMeters', index],
        code: 'duplicateRow',
        expected: `one forecast row per month, chargingGroup, region, premises and enrolled (rows are not summed); the same key is at estimatedMeters[${first}]`,
      });
    } else {
      seen.set(key, index);
    }
    if (row.month !== undefined && outside.has(index)) {
      reportFinding(context, {
        path: ['estimatedMeters', index, 'month'],
        expected: yearMonths.includes(row.month)
          ? `a month of the charging period (${period[0]} to ${period[period.length - 1]}); a forecast for another month would be lost`
          : `a month inside the Regulatory Year ${inputs.regulatoryYear} (${yearMonths[0]} to ${yearMonths[11]})`,
      });
    }
  });
  for (const finding of coverage) {
    if (finding.kind !== 'datedAndUndated' || !finding.firstOfKey) continue;
    reportFinding(context, {
      path: ['estimatedMeters', finding.index],
      expected: `a forecast either for every month (no month) or month by month, not both; estimatedMeters[${finding.undatedIndex}] has the same group, region, premises and enrolment without a month`,
    });
  }
  for (const finding of coverage) {
    if (finding.kind !== 'missingMonths' || finding.alsoUndated) continue;
    reportFinding(context, {
      path: ['estimatedMeters', finding.index],
      expected: `a forecast given month by month for every month of the charging period${periodIsYear ? '' : ` (${period[0]} to ${period[period.length - 1]})`} (write 0 for a month with no meters); ${describeCombination(finding.combination)} has none for ${finding.missing.join(', ')}`,
    });
  }
}

/** Catalogue codes unique; volumes present when EECR is not given (decision 0015). */
export function checkExplicitCatalogue(inputs: ParsedInputs, context: z.core.$RefinementCtx): void {
  checkUniqueExplicitCodes(inputs.explicitCharges, context);
  const given = inputs.revenue.estimatedExplicitChargesRevenue;
  if (given !== undefined) {
    checkExplicitRevenueAgrees(inputs, given, context);
    return;
  }
  inputs.explicitCharges.forEach((row, index) => {
    if (row.estimatedVolume === undefined) {
      reportFinding(context, {
        path: ['explicitCharges', index, 'estimatedVolume'],
        expected:
          'an estimatedVolume for every Explicit Charge when revenue.estimatedExplicitChargesRevenue is not given (EECR = sum(unitPrice x estimatedVolume))',
      });
    }
  });
}

/**
 * When EECR is given and the catalogue also carries volumes, the two must agree: two
 * figures for one quantity are not silently reconciled (decision 0015).
 */
function checkExplicitRevenueAgrees(inputs: ParsedInputs, given: string, context: z.core.$RefinementCtx): void {
  const withVolume = inputs.explicitCharges.filter((row) => row.estimatedVolume !== undefined);
  if (withVolume.length === 0) return;
  if (withVolume.length < inputs.explicitCharges.length) {
    const index = inputs.explicitCharges.findIndex((row) => row.estimatedVolume === undefined);
    reportFinding(context, {
      path: ['explicitCharges', index, 'estimatedVolume'],
      expected:
        'an estimatedVolume on every Explicit Charge or on none (revenue.estimatedExplicitChargesRevenue is given, and volumes on only some rows cannot be checked against it)',
    });
    return;
  }
  const fromVolumes = sumDecimals(
    inputs.explicitCharges.map((row) => toDecimal(row.unitPrice).times(toDecimal(row.estimatedVolume ?? '0'))),
  );
  if (!fromVolumes.equals(toDecimal(given))) {
    reportFinding(context, {
      path: ['revenue', 'estimatedExplicitChargesRevenue'],
      code: 'inconsistentTotal',
      expected: `an Estimated Explicit Charges Revenue equal to sum(unitPrice x estimatedVolume) of the catalogue, ${fromVolumes.toFixed()}, or no volumes (it is ${given}; the difference is ${toDecimal(given).minus(fromVolumes).toFixed()})`,
    });
  }
}

/** Under the revenue-share reading every factor set used sums to exactly 1. */
export function checkRevenueShares(weighting: ParsedInputs['weighting'], context: z.core.$RefinementCtx): void {
  const sets: { field: string; factors: Partial<Record<ChargingGroup, string>>; note: string }[] = [
    { field: 'factors', factors: weighting.factors, note: '' },
    {
      field: weighting.chFactors === undefined ? 'factors' : 'chFactors',
      factors: weighting.chFactors ?? pickChGroups(weighting.factors),
      note:
        weighting.chFactors === undefined
          ? ' (chFactors default to factors of g1..g3; give chFactors summing to 1)'
          : '',
    },
    {
      field: weighting.altHanFactors === undefined ? 'factors' : 'altHanFactors',
      factors: weighting.altHanFactors ?? pickChGroups(weighting.factors),
      note:
        weighting.altHanFactors === undefined
          ? ' (altHanFactors default to factors of g1..g3; give altHanFactors summing to 1)'
          : '',
    },
  ];
  const reported = new Set<string>();
  for (const set of sets) {
    const values = Object.values(set.factors).filter((value): value is string => value !== undefined);
    const total = sumDecimals(values.map(toDecimal));
    const label = `${set.field}${set.note}`;
    if (!total.equals(1) && !reported.has(label)) {
      reported.add(label);
      reportFinding(context, {
        path: ['weighting', set.field],
        expected: `revenue-share factors summing to exactly 1 under basis "revenueShare"; they sum to ${total.toFixed()}${set.note}`,
      });
    }
  }
}
