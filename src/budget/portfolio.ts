/**
 * A User's meters in each month of a budget: the counts given per month, or a starting point
 * grown by a rate per year, with a sensitivity case's changes, rounded to whole meters by a
 * named rule (decision 0042).
 */
import { InputError } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { Dec, type Dec as DecType } from '../money/decimal.js';
import { roundTo, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import type { Month } from '../vocabulary/months.js';
import type { BudgetScenario, GrowthEntry, GrowthTiming, StartingCount } from './scenario-schema.js';

/** The fields a growth entry may filter on, in the order they count for specificity. */
const GROWTH_FILTERS = ['chargingGroup', 'region', 'premises', 'enrolled'] as const;

/** Which growth entry applies to a starting row. */
export type GrowthMatch =
  | { readonly kind: 'matched'; readonly index: number; readonly entry: GrowthEntry }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly indexes: readonly number[] };

/** True when every field the growth entry gives equals the starting row's. */
export function growthEntryMatches(entry: GrowthEntry, row: StartingCount): boolean {
  return GROWTH_FILTERS.every((field) => entry[field] === undefined || entry[field] === row[field]);
}

function specificity(entry: GrowthEntry): number {
  return GROWTH_FILTERS.filter((field) => entry[field] !== undefined).length;
}

/**
 * The growth entry of a starting row: among the entries whose given fields all equal the
 * row's, the one giving the most fields. Two equally specific matches with different rates
 * are ambiguous (an error, never a silent choice).
 * @example matchGrowth(row, [{ ratePerYear: '0.02' }, { chargingGroup: 'gasSupplier', ratePerYear: '0.01' }])
 */
export function matchGrowth(row: StartingCount, growth: readonly GrowthEntry[]): GrowthMatch {
  let best: number[] = [];
  let bestSpecificity = -1;
  growth.forEach((entry, index) => {
    if (!growthEntryMatches(entry, row)) return;
    const value = specificity(entry);
    if (value > bestSpecificity) {
      best = [index];
      bestSpecificity = value;
    } else if (value === bestSpecificity) {
      best.push(index);
    }
  });
  const first = best[0];
  if (first === undefined) return { kind: 'none' };
  const entry = growth[first]!;
  const rates = new Set(best.map((index) => toDecimal(growth[index]!.ratePerYear).toFixed()));
  if (rates.size > 1) return { kind: 'ambiguous', indexes: best };
  return { kind: 'matched', index: first, entry };
}

/** The growth rate per year of a starting row: its matched entry's, or zero without a growth list. */
export function growthRateOf(row: StartingCount, growth: readonly GrowthEntry[] | undefined): DecType {
  if (growth === undefined) return new Dec(0);
  const match = matchGrowth(row, growth);
  if (match.kind !== 'matched') {
    throw new InvariantError(
      'unreachable',
      `no single growth entry for a starting row; parseBudgetScenario reports it (${match.kind})`,
    );
  }
  return toDecimal(match.entry.ratePerYear);
}

/** Where a month stands in the budget: its index from the first month, and its year's index. */
export interface MonthPosition {
  readonly month: Month;
  /** 0 for the first month of the first year. */
  readonly monthIndex: number;
  /** 0 for the first Regulatory Year. */
  readonly yearIndex: number;
}

/** The changes a sensitivity case makes to the portfolio (zero for the base case). */
export interface PortfolioAdjustment {
  /** Added to every growth rate per year. */
  readonly meterGrowth: DecType;
  /** Every count times `1 + meterCounts`. */
  readonly meterCounts: DecType;
}

/** The base case's adjustment: none. */
export const NO_PORTFOLIO_ADJUSTMENT: PortfolioAdjustment = { meterGrowth: new Dec(0), meterCounts: new Dec(0) };

/** Options of the count rule. */
export interface CountRule {
  readonly timing: GrowthTiming;
  readonly rounding: RoundingMode;
}

/** The exponent of a growth rate in a month: whole years elapsed, or months elapsed / 12. */
function elapsedYears(position: MonthPosition, timing: GrowthTiming): DecType {
  return timing === 'eachRegulatoryYear' ? new Dec(position.yearIndex) : new Dec(position.monthIndex).dividedBy(12);
}

/**
 * A grown count: `round0(count x (1 + rate)^elapsed x (1 + level))` with the named rounding
 * mode. A count that needs no rounding is exact.
 * @throws InputError when `1 + rate` or `1 + level` is negative (a negative count).
 */
export function growCount(
  count: number,
  rate: DecType,
  level: DecType,
  elapsed: DecType,
  rounding: RoundingMode,
): number {
  const base = rate.plus(1);
  const scale = level.plus(1);
  if (base.isNegative() || scale.isNegative()) {
    throw new InputError([
      {
        code: 'negativeCount',
        expected:
          'growth of at least -1 per year and counts changed by at least -100 per cent (counts cannot be negative)',
        received: `growth ${rate.toFixed()}, change ${level.toFixed()}`,
      },
    ]);
  }
  const factor = elapsed.isZero() ? new Dec(1) : base.pow(elapsed);
  const grown = roundTo(new Dec(count).times(factor).times(scale), 0, rounding);
  const value = Number(grown.toFixed(0));
  if (!Number.isSafeInteger(value)) {
    throw new InputError([
      { code: 'countTooLarge', expected: 'a grown meter count below 2^53', received: grown.toFixed(0) },
    ]);
  }
  return value;
}

/**
 * The User's meter counts for one month of the budget, without months (one month at a time).
 *
 * From `start`: `round0(start x (1 + growth + meterGrowth)^elapsed x (1 + meterCounts))`, where
 * `elapsed` is whole Regulatory Years since the first (growth each year) or months / 12 (each
 * month). From per-month `meters`: the rows of the month, `round0(count x (1 + meterGrowth)^elapsed
 * x (1 + meterCounts))`.
 * @returns rows without a month, ready for the monthly charges.
 */
export function portfolioCountsForMonth(
  portfolio: BudgetScenario['portfolio'],
  position: MonthPosition,
  adjustment: PortfolioAdjustment,
  rule: CountRule,
): MeterCountRow[] {
  const elapsed = elapsedYears(position, rule.timing);
  if (portfolio.start !== undefined) {
    return portfolio.start.map((row) => ({
      chargingGroup: row.chargingGroup,
      region: row.region,
      premises: row.premises,
      enrolled: row.enrolled,
      count: growCount(
        row.count,
        growthRateOf(row, portfolio.growth).plus(adjustment.meterGrowth),
        adjustment.meterCounts,
        elapsed,
        rule.rounding,
      ),
    }));
  }
  return (portfolio.meters ?? [])
    .filter((row) => row.month === undefined || row.month === position.month)
    .map((row) => ({
      chargingGroup: row.chargingGroup,
      region: row.region,
      premises: row.premises,
      enrolled: row.enrolled,
      count: growCount(row.count, adjustment.meterGrowth, adjustment.meterCounts, elapsed, rule.rounding),
    }));
}
