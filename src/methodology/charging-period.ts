/** The charging period of methodology inputs (decision 0014). */
import { monthsOfRegulatoryYear, type Month, type RegulatoryYear } from '../vocabulary/months.js';

/** The months of the charging period: `months`, or the twelve months of the year. */
export function chargingPeriodOf(inputs: {
  readonly regulatoryYear: RegulatoryYear;
  readonly months?: { readonly from: Month; readonly to: Month } | undefined;
}): Month[] {
  const all = monthsOfRegulatoryYear(inputs.regulatoryYear);
  if (inputs.months === undefined) return all;
  const { from, to } = inputs.months;
  return all.filter((month) => from <= month && month <= to);
}
