/**
 * Reading budget scenarios: the shape by the zod schema, then every rule that spans fields,
 * each problem reported with its path in the file.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import { describeCombination, meterCountCoverage } from '../inputs/meter-coverage.js';
import { InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { issuesFromZod } from '../schema/issues.js';
import { parseJsonText } from '../tables/read-table.js';
import { toDecimal } from '../money/plain-decimal.js';
import { Dec } from '../money/decimal.js';
import { findRepeatedMeterCounts } from '../inputs/meter-counts.js';
import { monthsOfRegulatoryYear, regulatoryYearStarting, startYearOf, type Month } from '../vocabulary/months.js';
import { budgetScenarioSchema, type BudgetScenario, type SensitivityCase } from './scenario-schema.js';
import { growthEntryMatches, matchGrowth } from './portfolio.js';
import { appliesTo } from './forecasts.js';

/** The case id of the base case; no sensitivity case may take it. */
export const BASE_CASE_ID = 'base';

type Path = readonly (string | number)[];

function at(source: string | undefined, path: Path): IssueLocation {
  return { ...(source === undefined ? {} : { source }), path };
}

/** Years present once each, in order, with no year missing between the first and the last. */
function checkYears(scenario: BudgetScenario, source: string | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  scenario.years.forEach((year, index) => {
    const where = at(source, ['years', index]);
    const given = [year.statement, year.methodologyInputs].filter((value) => value !== undefined).length;
    if (given !== 1) {
      issues.push({
        ...where,
        code: given === 0 ? 'yearWithoutSource' : 'yearWithTwoSources',
        expected: `either "statement" or "methodologyInputs" for ${year.regulatoryYear}`,
        received: given === 0 ? 'neither' : 'both',
      });
    }
    if (year.status !== undefined && year.statement === undefined) {
      issues.push({
        ...where,
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
      issues.push({
        ...at(source, ['years', index, 'regulatoryYear']),
        code: 'yearsOutOfOrder',
        expected: `Regulatory Years in order, each once: ${expected} after ${previous.regulatoryYear}`,
        received: JSON.stringify(year.regulatoryYear),
      });
    } else if (year.regulatoryYear !== expected) {
      issues.push({
        ...at(source, ['years', index, 'regulatoryYear']),
        code: 'yearMissing',
        expected: `the next Regulatory Year ${expected} (years must follow one another with none missing)`,
        received: JSON.stringify(year.regulatoryYear),
      });
    }
  });
  return issues;
}

/** The months of the scenario, first to last. */
export function scenarioMonths(scenario: Pick<BudgetScenario, 'years'>): Month[] {
  return scenario.years.flatMap((year) => monthsOfRegulatoryYear(year.regulatoryYear));
}

function checkPortfolio(scenario: BudgetScenario, source: string | undefined, months: readonly Month[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const { meters, start, growth } = scenario.portfolio;
  if ((meters === undefined) === (start === undefined)) {
    issues.push({
      ...at(source, ['portfolio']),
      code: 'portfolioForm',
      expected: 'either "meters" (counts per month) or "start" (a starting point grown by "growth")',
      received: meters === undefined ? 'neither' : 'both',
    });
    return issues;
  }
  if (meters !== undefined) {
    if (growth !== undefined) {
      issues.push({
        ...at(source, ['portfolio', 'growth']),
        code: 'growthWithoutStart',
        expected: 'growth rates only with "start" (per-month counts are used as given)',
        received: 'growth beside "meters"',
      });
    }
    issues.push(
      ...findRepeatedMeterCounts(meters.map((value, index) => ({ value, location: at(source, ['portfolio', 'meters', index]) }))),
    );
    const coverage = meterCountCoverage(meters, months);
    for (const finding of coverage) {
      const row = meters[finding.index] as (typeof meters)[number];
      if (finding.kind === 'outsidePeriod') {
        issues.push({
          ...at(source, ['portfolio', 'meters', finding.index]),
          field: 'month',
          code: 'outsideScenario',
          expected: `a month of the scenario (${months[0]} to ${months[months.length - 1]}); a count for another month would be lost`,
          received: JSON.stringify(finding.month),
        });
      } else if (finding.kind === 'datedAndUndated') {
        issues.push({
          ...at(source, ['portfolio', 'meters', finding.index]),
          code: 'duplicateRow',
          expected: 'a count either for every month (no month) or month by month, not both',
          received: `${row.chargingGroup} ${row.region} ${row.premises} enrolled=${row.enrolled} for ${row.month}`,
          detail: `portfolio.meters[${finding.undatedIndex}] has no month`,
        });
      }
    }
    if (meters.length === 0) {
      issues.push({
        ...at(source, ['portfolio', 'meters']),
        code: 'missingMonth',
        expected: 'meter counts for every month of the scenario (or rows without a month, holding for every month)',
        received: 'no counts',
      });
    }
    // A combination counted month by month must be counted in every month: a month left out
    // would silently count zero meters.
    for (const finding of coverage) {
      if (finding.kind !== 'missingMonths') continue;
      issues.push({
        ...at(source, ['portfolio', 'meters']),
        code: 'missingMonth',
        expected: `meter counts for every month of the scenario for ${describeCombination(finding.combination)} (a count of 0 where there are none), or one row without a month`,
        received: `no counts for ${finding.missing.join(', ')}`,
      });
    }
    return issues;
  }
  const rows = start ?? [];
  issues.push(
    ...findRepeatedMeterCounts(rows.map((value, index) => ({ value, location: at(source, ['portfolio', 'start', index]) }))),
  );
  if (growth === undefined) return issues;
  const used = new Set<number>();
  rows.forEach((row, index) => {
    const match = matchGrowth(row, growth);
    if (match.kind === 'matched') {
      used.add(match.index);
    } else {
      issues.push({
        ...at(source, ['portfolio', 'start', index]),
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
      issues.push({
        ...at(source, ['portfolio', 'growth', index]),
        field: 'ratePerYear',
        code: 'negativeCount',
        expected: 'a growth rate of at least -1 per year (below it, counts would be negative)',
        received: JSON.stringify(entry.ratePerYear),
      });
    }
    if (!rows.some((row) => growthEntryMatches(entry, row))) {
      issues.push({
        ...at(source, ['portfolio', 'growth', index]),
        code: 'unusedGrowth',
        expected: 'a growth entry that matches at least one starting row',
        received: 'an entry matching none',
      });
    }
  });
  return issues;
}

/** Usage and elective rows: a month or a year, not both, inside the scenario. */
function checkForecastRows(scenario: BudgetScenario, source: string | undefined, months: readonly Month[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const years = scenario.years.map((year) => year.regulatoryYear);
  const lists = [
    ['usage', scenario.usage ?? []],
    ['elective', scenario.elective ?? []],
  ] as const;
  for (const [list, rows] of lists) {
    rows.forEach((row, index) => {
      const where = at(source, [list, index]);
      if (row.month !== undefined && row.regulatoryYear !== undefined) {
        issues.push({
          ...where,
          code: 'monthAndYear',
          expected: 'a month, a Regulatory Year, or neither (every month), not both',
          received: `month ${row.month} and year ${row.regulatoryYear}`,
        });
      }
      if (row.month !== undefined && !months.includes(row.month)) {
        issues.push({
          ...where,
          field: 'month',
          code: 'outsideScenario',
          expected: `a month of the scenario (${months[0]} to ${months[months.length - 1]}); a forecast for another month would be lost`,
          received: JSON.stringify(row.month),
        });
      }
      if (row.regulatoryYear !== undefined && !years.includes(row.regulatoryYear)) {
        issues.push({
          ...where,
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
        otherIndex < index && other.reference === row.reference && months.some((month) => appliesTo(other, month) && appliesTo(row, month)),
    );
    if (first !== -1) {
      issues.push({
        ...at(source, ['elective', index]),
        field: 'reference',
        code: 'duplicateRow',
        expected: 'a reference used once in any month (elective lines are not summed)',
        received: JSON.stringify(row.reference),
        detail: `elective[${first}] applies to the same month`,
      });
    }
  });
  return issues;
}

/** The growth rates a meterGrowth change is added to: the portfolio's, or zero for per-month counts. */
function growthRates(scenario: BudgetScenario): { rate: Dec; path: Path }[] {
  const { start, growth } = scenario.portfolio;
  if (start === undefined || growth === undefined) return [{ rate: new Dec(0), path: [] }];
  return growth.map((entry, index) => ({ rate: toDecimal(entry.ratePerYear), path: ['portfolio', 'growth', index] }));
}

function checkSensitivities(scenario: BudgetScenario, source: string | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  const ids = new Map<string, number>();
  const derivedYears = scenario.years.filter((year) => year.methodologyInputs !== undefined).length;
  const hasUsage = (scenario.usage ?? []).length > 0;
  (scenario.sensitivities ?? []).forEach((sensitivity: SensitivityCase, index) => {
    const first = ids.get(sensitivity.id);
    if (sensitivity.id === BASE_CASE_ID || first !== undefined) {
      issues.push({
        ...at(source, ['sensitivities', index, 'id']),
        code: 'duplicateCase',
        expected: `a case id used once and not "${BASE_CASE_ID}" (the base case)`,
        received: JSON.stringify(sensitivity.id),
      });
    } else {
      ids.set(sensitivity.id, index);
    }
    const inputs = new Set<string>();
    sensitivity.adjust.forEach((adjustment, position) => {
      const where = at(source, ['sensitivities', index, 'adjust', position]);
      if (inputs.has(adjustment.input)) {
        issues.push({
          ...where,
          field: 'input',
          code: 'repeatedInput',
          expected: 'each input once per case (changes are not added up)',
          received: JSON.stringify(adjustment.input),
        });
      }
      inputs.add(adjustment.input);
      const by = toDecimal(adjustment.by);
      if (adjustment.input === 'allowedRevenue' && derivedYears === 0) {
        issues.push({
          ...where,
          field: 'input',
          code: 'sensitivityWithoutEffect',
          expected: 'a year derived from methodology inputs, whose allowed revenue the case can change (a published or indicative statement fixes its rates)',
          received: '"allowedRevenue" with every year given by a statement',
        });
      }
      if (adjustment.input === 'usage' && !hasUsage) {
        issues.push({
          ...where,
          field: 'input',
          code: 'sensitivityWithoutEffect',
          expected: 'usage forecasts for the case to change',
          received: '"usage" in a scenario without usage',
        });
      }
      if (adjustment.input === 'meterGrowth') {
        for (const { rate, path } of growthRates(scenario)) {
          if (rate.plus(by).plus(1).isNegative()) {
            issues.push({
              ...where,
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
        issues.push({
          ...where,
          field: 'by',
          code: adjustment.input === 'allowedRevenue' ? 'negativeRevenue' : 'negativeCount',
          expected: 'a change of at least -1 (-100 per cent); below it the figure would be negative',
          received: JSON.stringify(adjustment.by),
        });
      }
    });
  });
  return issues;
}

/**
 * Validates a budget scenario object: its shape, then years in order with none missing, the
 * portfolio's form, months and growth, forecasts inside the scenario, and sensitivity cases.
 * Statements and methodology inputs are read and checked by `projectBudget`.
 * @param data - the scenario as parsed JSON.
 * @param source - a label for messages, such as the file name.
 * @throws InputError listing every problem, each with its path in the file.
 */
export function parseBudgetScenario(data: unknown, source?: string): BudgetScenario {
  checkDocument('parseBudgetScenario', 'scenario', data, source);
  const result = budgetScenarioSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(issuesFromZod(result.error, data, source === undefined ? {} : { source }));
  }
  const scenario = result.data;
  const yearIssues = checkYears(scenario, source);
  if (yearIssues.some((issue) => issue.code === 'yearsOutOfOrder' || issue.code === 'yearMissing')) {
    throw new InputError(yearIssues);
  }
  const months = scenarioMonths(scenario);
  const issues = [
    ...yearIssues,
    ...checkPortfolio(scenario, source, months),
    ...checkForecastRows(scenario, source, months),
    ...checkSensitivities(scenario, source),
  ];
  if (issues.length > 0) throw new InputError(issues);
  return scenario;
}

/**
 * Reads a budget scenario from JSON text.
 * @throws InputError for malformed JSON or an invalid scenario.
 */
export function readBudgetScenario(text: string, source?: string): BudgetScenario {
  checkArguments('readBudgetScenario', [['text', text, { shape: 'text' }], ['source', source, SOURCE]]);
  return parseBudgetScenario(parseJsonText(text, source), source);
}
