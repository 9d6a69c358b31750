/**
 * The rules of a budget scenario that span fields: years in order with none missing, the
 * portfolio's form, months and growth, forecasts inside the scenario, and sensitivity cases.
 * Each reports what it finds through `reportFinding`, from the refinement of the scenario's
 * zod schema, as the rules of statements and methodology inputs do.
 */
import type { z } from 'zod';
import { describeCombination, meterCountCoverage } from '../inputs/meter-coverage.js';
import { findRepeatedMeterCounts, type MeterCountRow } from '../inputs/meter-counts.js';
import { toDecimal } from '../money/plain-decimal.js';
import { Dec } from '../money/decimal.js';
import { reportFinding } from '../schema/issues.js';
import type { Located } from '../tables/read-table.js';
import { monthsOfRegulatoryYear, regulatoryYearStarting, startYearOf, type Month } from '../vocabulary/months.js';
import type { BudgetScenario, BudgetScenarioFields, SensitivityCase } from './scenario-schema.js';
import { growthEntryMatches, matchGrowth } from './portfolio.js';
import { appliesTo } from './forecasts.js';

/** The case id of the base case; no sensitivity case may take it. */
export const BASE_CASE_ID = 'base';

type Path = readonly (string | number)[];

/** Repeated meter-count rows, found by the rule every meter-count reader uses. */
function reportRepeatedMeterCounts(context: z.core.$RefinementCtx, rows: readonly Located<MeterCountRow>[]): void {
  for (const issue of findRepeatedMeterCounts(rows)) {
    reportFinding(context, {
      path: issue.path ?? [],
      code: issue.code,
      expected: issue.expected,
      ...(issue.received === undefined ? {} : { received: issue.received }),
      ...(issue.detail === undefined ? {} : { detail: issue.detail }),
    });
  }
}

/**
 * Years present once each, in order, with no year missing between the first and the last.
 * Whether they are in order: the other rules need the scenario's months.
 */
function checkYears(scenario: BudgetScenarioFields, context: z.core.$RefinementCtx): boolean {
  let inOrder = true;
  scenario.years.forEach((year, index) => {
    const where: Path = ['years', index];
    const given = [year.statement, year.methodologyInputs].filter((value) => value !== undefined).length;
    if (given !== 1) {
      reportFinding(context, {
        path: where,
        code: given === 0 ? 'yearWithoutSource' : 'yearWithTwoSources',
        expected: `either "statement" or "methodologyInputs" for ${year.regulatoryYear}`,
        received: given === 0 ? 'neither' : 'both',
      });
    }
    if (year.status !== undefined && year.statement === undefined) {
      reportFinding(context, {
        path: where,
        field: 'status',
        code: 'statusWithoutStatement',
        expected: 'a status only beside a statement (a derived statement is neither published nor indicative)',
        received: JSON.stringify(year.status),
      });
    }
    const previous = scenario.years[index - 1];
    if (previous === undefined) return;
    const expected = regulatoryYearStarting(startYearOf(previous.regulatoryYear) + 1);
    const start = startYearOf(year.regulatoryYear);
    if (start <= startYearOf(previous.regulatoryYear)) {
      inOrder = false;
      reportFinding(context, {
        path: ['years', index, 'regulatoryYear'],
        code: 'yearsOutOfOrder',
        expected: `Regulatory Years in order, each once: ${expected} after ${previous.regulatoryYear}`,
        received: JSON.stringify(year.regulatoryYear),
      });
    } else if (year.regulatoryYear !== expected) {
      inOrder = false;
      reportFinding(context, {
        path: ['years', index, 'regulatoryYear'],
        code: 'yearMissing',
        expected: `the next Regulatory Year ${expected} (years must follow one another with none missing)`,
        received: JSON.stringify(year.regulatoryYear),
      });
    }
  });
  return inOrder;
}

/** The months of the scenario, first to last. */
export function scenarioMonths(scenario: Pick<BudgetScenario, 'years'>): Month[] {
  return scenario.years.flatMap((year) => monthsOfRegulatoryYear(year.regulatoryYear));
}

function checkPortfolio(
  scenario: BudgetScenarioFields,
  context: z.core.$RefinementCtx,
  months: readonly Month[],
): void {
  const { meters, start, growth } = scenario.portfolio;
  if ((meters === undefined) === (start === undefined)) {
    reportFinding(context, {
      path: ['portfolio'],
      code: 'portfolioForm',
      expected: 'either "meters" (counts per month) or "start" (a starting point grown by "growth")',
      received: meters === undefined ? 'neither' : 'both',
    });
    return;
  }
  if (meters !== undefined) {
    if (growth !== undefined) {
      reportFinding(context, {
        path: ['portfolio', 'growth'],
        code: 'growthWithoutStart',
        expected: 'growth rates only with "start" (per-month counts are used as given)',
        received: 'growth beside "meters"',
      });
    }
    reportRepeatedMeterCounts(
      context,
      meters.map((value, index) => ({ value, location: { path: ['portfolio', 'meters', index] } })),
    );
    const coverage = meterCountCoverage(meters, months);
    for (const finding of coverage) {
      const row = meters[finding.index] as (typeof meters)[number];
      if (finding.kind === 'outsidePeriod') {
        reportFinding(context, {
          path: ['portfolio', 'meters', finding.index],
          field: 'month',
          code: 'outsideScenario',
          expected: `a month of the scenario (${months[0]} to ${months[months.length - 1]}); a count for another month would be lost`,
          received: JSON.stringify(finding.month),
        });
      } else if (finding.kind === 'datedAndUndated') {
        reportFinding(context, {
          path: ['portfolio', 'meters', finding.index],
          code: 'duplicateRow',
          expected: 'a count either for every month (no month) or month by month, not both',
          received: `${row.chargingGroup} ${row.region} ${row.premises} enrolled=${row.enrolled} for ${row.month}`,
          detail: `portfolio.meters[${finding.undatedIndex}] has no month`,
        });
      }
    }
    if (meters.length === 0) {
      reportFinding(context, {
        path: ['portfolio', 'meters'],
        code: 'missingMonth',
        expected: 'meter counts for every month of the scenario (or rows without a month, holding for every month)',
        received: 'no counts',
      });
    }
    // A combination counted month by month must be counted in every month: a month left out
    // would silently count zero meters.
    for (const finding of coverage) {
      if (finding.kind !== 'missingMonths') continue;
      reportFinding(context, {
        path: ['portfolio', 'meters'],
        code: 'missingMonth',
        expected: `meter counts for every month of the scenario for ${describeCombination(finding.combination)} (a count of 0 where there are none), or one row without a month`,
        received: `no counts for ${finding.missing.join(', ')}`,
      });
    }
    return;
  }
  const rows = start ?? [];
  reportRepeatedMeterCounts(
    context,
    rows.map((value, index) => ({ value, location: { path: ['portfolio', 'start', index] } })),
  );
  if (growth === undefined) return;
  const used = new Set<number>();
  rows.forEach((row, index) => {
    const match = matchGrowth(row, growth);
    if (match.kind === 'matched') {
      used.add(match.index);
    } else {
      reportFinding(context, {
        path: ['portfolio', 'start', index],
        code: match.kind === 'none' ? 'missingGrowth' : 'ambiguousGrowth',
        expected:
          match.kind === 'none'
            ? 'a growth entry matching this row (an entry without filters is a default for every row)'
            : 'one most specific growth entry for the row, or equally specific entries with one rate',
        received:
          match.kind === 'none'
            ? `${row.chargingGroup} ${row.region} ${row.premises} enrolled=${row.enrolled} matches no entry`
            : `entries ${match.indexes.map((i) => `growth[${i}]`).join(' and ')} match with different rates`,
      });
    }
  });
  growth.forEach((entry, index) => {
    if (toDecimal(entry.ratePerYear).plus(1).isNegative()) {
      reportFinding(context, {
        path: ['portfolio', 'growth', index],
        field: 'ratePerYear',
        code: 'negativeCount',
        expected: 'a growth rate of at least -1 per year (below it, counts would be negative)',
        received: JSON.stringify(entry.ratePerYear),
      });
    }
    if (!rows.some((row) => growthEntryMatches(entry, row))) {
      reportFinding(context, {
        path: ['portfolio', 'growth', index],
        code: 'unusedGrowth',
        expected: 'a growth entry that matches at least one starting row',
        received: 'an entry matching none',
      });
    }
  });
}

/** Usage and elective rows: a month or a year, not both, inside the scenario. */
function checkForecastRows(
  scenario: BudgetScenarioFields,
  context: z.core.$RefinementCtx,
  months: readonly Month[],
): void {
  const years = scenario.years.map((year) => year.regulatoryYear);
  const lists = [
    ['usage', scenario.usage ?? []],
    ['elective', scenario.elective ?? []],
  ] as const;
  for (const [list, rows] of lists) {
    rows.forEach((row, index) => {
      const where: Path = [list, index];
      if (row.month !== undefined && row.regulatoryYear !== undefined) {
        reportFinding(context, {
          path: where,
          code: 'monthAndYear',
          expected: 'a month, a Regulatory Year, or neither (every month), not both',
          received: `month ${row.month} and year ${row.regulatoryYear}`,
        });
      }
      if (row.month !== undefined && !months.includes(row.month)) {
        reportFinding(context, {
          path: where,
          field: 'month',
          code: 'outsideScenario',
          expected: `a month of the scenario (${months[0]} to ${months[months.length - 1]}); a forecast for another month would be lost`,
          received: JSON.stringify(row.month),
        });
      }
      if (row.regulatoryYear !== undefined && !years.includes(row.regulatoryYear)) {
        reportFinding(context, {
          path: where,
          field: 'regulatoryYear',
          code: 'outsideScenario',
          expected: `a Regulatory Year of the scenario (${years.join(', ')})`,
          received: JSON.stringify(row.regulatoryYear),
        });
      }
    });
  }
  const elective = scenario.elective ?? [];
  elective.forEach((row, index) => {
    const first = elective.findIndex(
      (other, otherIndex) =>
        otherIndex < index &&
        other.reference === row.reference &&
        months.some((month) => appliesTo(other, month) && appliesTo(row, month)),
    );
    if (first !== -1) {
      reportFinding(context, {
        path: ['elective', index],
        field: 'reference',
        code: 'duplicateRow',
        expected: 'a reference used once in any month (elective lines are not summed)',
        received: JSON.stringify(row.reference),
        detail: `elective[${first}] applies to the same month`,
      });
    }
  });
}

/** The growth rates a meterGrowth change is added to: the portfolio's, or zero for per-month counts. */
function growthRates(scenario: BudgetScenarioFields): { rate: Dec; path: Path }[] {
  const { start, growth } = scenario.portfolio;
  if (start === undefined || growth === undefined) return [{ rate: new Dec(0), path: [] }];
  return growth.map((entry, index) => ({ rate: toDecimal(entry.ratePerYear), path: ['portfolio', 'growth', index] }));
}

function checkSensitivities(scenario: BudgetScenarioFields, context: z.core.$RefinementCtx): void {
  const ids = new Map<string, number>();
  const derivedYears = scenario.years.filter((year) => year.methodologyInputs !== undefined).length;
  const hasUsage = (scenario.usage ?? []).length > 0;
  (scenario.sensitivities ?? []).forEach((sensitivity: SensitivityCase, index) => {
    const first = ids.get(sensitivity.id);
    if (sensitivity.id === BASE_CASE_ID || first !== undefined) {
      reportFinding(context, {
        path: ['sensitivities', index, 'id'],
        code: 'duplicateCase',
        expected: `a case id used once and not "${BASE_CASE_ID}" (the base case)`,
        received: JSON.stringify(sensitivity.id),
      });
    } else {
      ids.set(sensitivity.id, index);
    }
    const inputs = new Set<string>();
    sensitivity.adjust.forEach((adjustment, position) => {
      const where: Path = ['sensitivities', index, 'adjust', position];
      if (inputs.has(adjustment.input)) {
        reportFinding(context, {
          path: where,
          field: 'input',
          code: 'repeatedInput',
          expected: 'each input once per case (changes are not added up)',
          received: JSON.stringify(adjustment.input),
        });
      }
      inputs.add(adjustment.input);
      const by = toDecimal(adjustment.by);
      if (adjustment.input === 'allowedRevenue' && derivedYears === 0) {
        reportFinding(context, {
          path: where,
          field: 'input',
          code: 'sensitivityWithoutEffect',
          expected:
            'a year derived from methodology inputs, whose allowed revenue the case can change (a published or indicative statement fixes its rates)',
          received: '"allowedRevenue" with every year given by a statement',
        });
      }
      if (adjustment.input === 'usage' && !hasUsage) {
        reportFinding(context, {
          path: where,
          field: 'input',
          code: 'sensitivityWithoutEffect',
          expected: 'usage forecasts for the case to change',
          received: '"usage" in a scenario without usage',
        });
      }
      if (adjustment.input === 'meterGrowth') {
        for (const { rate, path } of growthRates(scenario)) {
          if (rate.plus(by).plus(1).isNegative()) {
            reportFinding(context, {
              path: where,
              field: 'by',
              code: 'negativeCount',
              expected: 'a change that leaves every growth rate at least -1 per year (counts cannot be negative)',
              received: JSON.stringify(adjustment.by),
              detail: `growth ${rate.toFixed()}${path.length === 0 ? '' : ` at ${path.join('.')}`} becomes ${rate.plus(by).toFixed()}`,
            });
            break;
          }
        }
      } else if (by.plus(1).isNegative()) {
        reportFinding(context, {
          path: where,
          field: 'by',
          code: adjustment.input === 'allowedRevenue' ? 'negativeRevenue' : 'negativeCount',
          expected: 'a change of at least -1 (-100 per cent); below it the figure would be negative',
          received: JSON.stringify(adjustment.by),
        });
      }
    });
  });
}

/** Every rule of a scenario whose shape is valid; the refinement of `budgetScenarioSchema`. */
export function checkScenario(scenario: BudgetScenarioFields, context: z.core.$RefinementCtx): void {
  if (!checkYears(scenario, context)) return;
  const months = scenarioMonths(scenario);
  checkPortfolio(scenario, context, months);
  checkForecastRows(scenario, context, months);
  checkSensitivities(scenario, context);
}
