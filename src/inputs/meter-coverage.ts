/**
 * The one coverage rule of meter counts over a period of months. A combination (Charging
 * Group, region, premises, enrolment) is counted either once without a month, holding for every
 * month, or month by month; counted month by month, it must be counted in every month of the
 * period (a month left out would silently count zero meters), and in no month outside it.
 * Each reader (monthly charges, budget scenarios, methodology forecasts) turns these findings
 * into its own issues, located in its own file.
 */
import type { MeterCountRow } from './meter-counts.js';

/** The fields of a row the rule looks at. */
export type CoverageRow = Pick<MeterCountRow, 'chargingGroup' | 'region' | 'premises' | 'enrolled'> & {
  readonly month?: string | undefined;
};

/** One finding of the rule; `index` is the row's place in the list given. */
export type CoverageFinding =
  /** A dated row whose month is not in the period. */
  | { readonly kind: 'outsidePeriod'; readonly index: number; readonly month: string }
  /** A dated row whose combination also has a row without a month (at `undatedIndex`). */
  | {
      readonly kind: 'datedAndUndated';
      readonly index: number;
      readonly undatedIndex: number;
      readonly firstOfKey: boolean;
    }
  /** A combination counted month by month that misses months of the period (`index`: its first dated row). */
  | {
      readonly kind: 'missingMonths';
      readonly index: number;
      readonly combination: string;
      readonly missing: readonly string[];
      readonly alsoUndated: boolean;
    };

/** The combination of a row, as one string (the same for a dated and an undated row). */
export function combinationOf(row: CoverageRow): string {
  return [row.chargingGroup, row.region, row.premises, String(row.enrolled)].join('|');
}

/** Writes a combination for a person: `importSupplier north domestic enrolled=true`. */
export function describeCombination(combination: string): string {
  const [group, region, premises, enrolled] = combination.split('|');
  return `${group} ${region} ${premises} enrolled=${enrolled}`;
}

/**
 * Applies the coverage rule. Findings come in the order: per dated row, `outsidePeriod` then
 * `datedAndUndated` (rows in order); then `missingMonths` per combination, in the order of
 * their first dated row.
 */
export function meterCountCoverage(rows: readonly CoverageRow[], period: readonly string[]): CoverageFinding[] {
  const undated = new Map<string, number>();
  rows.forEach((row, index) => {
    const combination = combinationOf(row);
    if (row.month === undefined && !undated.has(combination)) undated.set(combination, index);
  });
  const findings: CoverageFinding[] = [];
  const dated = new Map<string, { first: number; months: Set<string> }>();
  rows.forEach((row, index) => {
    if (row.month === undefined) return;
    const combination = combinationOf(row);
    const entry = dated.get(combination);
    const firstOfKey = entry === undefined;
    if (entry === undefined) dated.set(combination, { first: index, months: new Set([row.month]) });
    else entry.months.add(row.month);
    if (!period.includes(row.month)) findings.push({ kind: 'outsidePeriod', index, month: row.month });
    const undatedIndex = undated.get(combination);
    if (undatedIndex !== undefined) findings.push({ kind: 'datedAndUndated', index, undatedIndex, firstOfKey });
  });
  for (const [combination, { first, months }] of dated) {
    const missing = period.filter((month) => !months.has(month));
    if (missing.length > 0) {
      findings.push({
        kind: 'missingMonths',
        index: first,
        combination,
        missing,
        alsoUndated: undated.has(combination),
      });
    }
  }
  return findings;
}
