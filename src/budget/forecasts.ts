/** The explicit usage and elective lines of one month of a budget, from the scenario's forecasts. */
import type { Dec } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { UsageRow } from '../inputs/usage.js';
import type { ElectiveRow } from '../inputs/elective.js';
import { regulatoryYearOf, type Month } from '../vocabulary/months.js';
import type { ElectiveForecast, UsageForecast } from './scenario-schema.js';

/** True when a forecast row applies to the month: its month, its year, or every month. */
export function appliesTo(
  row: { month?: Month | undefined; regulatoryYear?: string | undefined },
  month: Month,
): boolean {
  if (row.month !== undefined) return row.month === month;
  if (row.regulatoryYear !== undefined) return row.regulatoryYear === regulatoryYearOf(month);
  return true;
}

/**
 * The usage of one month: each applying row's quantity times `1 + change`, exact.
 * @example usageForMonth([{ code: 'TEST_LAB_DAY', quantity: '2' }], '2025-06', new Dec('0.5')) // quantity '3'
 */
export function usageForMonth(usage: readonly UsageForecast[], month: Month, change: Dec): UsageRow[] {
  const scale = change.plus(1);
  return usage
    .filter((row) => appliesTo(row, month))
    .map((row) => ({ code: row.code, quantity: formatPlain(toDecimal(row.quantity).times(scale)) }));
}

/** The elective lines of one month, as forecast. */
export function electiveForMonth(elective: readonly ElectiveForecast[], month: Month): ElectiveRow[] {
  return elective
    .filter((row) => appliesTo(row, month))
    .map((row) => ({ reference: row.reference, description: row.description, amount: row.amount }));
}
