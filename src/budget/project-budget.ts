/**
 * Projecting a User's DCC costs over the coming Regulatory Years: every
 * month of every year is charged by the foundation's monthly charges under that year's
 * statement (given, or derived by the methodology), for the base case and each sensitivity case.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { Dec } from '../money/decimal.js';
import { DEFAULT_ROUNDING_MODE, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { calculateValidatedMonthlyCharges, DEFAULT_VAT_RATE } from '../charges/calculate-monthly-charges.js';
import { provenanceNote, provenanceStatus, type ChargingStatement } from '../statement/statement-schema.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import { monthsOfRegulatoryYear, type Month } from '../vocabulary/months.js';
import { changeBetween } from './change.js';
import { findUncoveredGroups } from './coverage.js';
import { deriveYearStatement, type DerivedYear } from './derive-year.js';
import { appliesTo, electiveForMonth, usageForMonth } from './forecasts.js';
import { parseBudgetScenario } from './parse-scenario.js';
import { BASE_CASE_ID } from './scenario-rules.js';
import { perMeterChargesOf } from './per-meter-charges.js';
import {
  NO_PORTFOLIO_ADJUSTMENT,
  portfolioCountsForMonth,
  type CountRule,
  type MonthPosition,
  type PortfolioAdjustment,
} from './portfolio.js';
import {
  BUDGET_PROJECTION_FORMAT,
  type BudgetAdjustment,
  type BudgetCase,
  type BudgetMonth,
  type BudgetProjection,
  type BudgetYear,
  type BudgetYearStatement,
  type ChangeFromBase,
} from './projection.js';
import type { BudgetScenario, BudgetScenarioInput } from './scenario-schema.js';
import { sumTotals } from './sum-totals.js';
import { resolveYearSources, type ScenarioFileReader, type YearSource } from './year-sources.js';

/** Options of {@link projectBudget}. */
export interface ProjectBudgetOptions {
  /** Reads the statement and methodology-input files the scenario names (the CLI passes one). */
  readonly readFile?: ScenarioFileReader;
  /** A label of the scenario for messages, such as its file name. */
  readonly source?: string;
  /** Keep every month's charge lines (each explained) in the result; default false. */
  readonly includeLines?: boolean;
}

/** The formulas of a projection, in the order they apply. */
export const BUDGET_METHOD: readonly string[] = [
  "meters(month) = round0(start x (1 + growth + meterGrowth)^elapsed x (1 + meterCounts)), or the month's given count x (1 + meterGrowth)^elapsed x (1 + meterCounts); elapsed = whole Regulatory Years since the first (or months / 12)",
  'usage(month) = forecast quantity x (1 + usage change)',
  'statement(year) = the given statement, or deriveChargingStatement(methodology inputs, allowed revenue x (1 + allowedRevenue change)) (K2-K6)',
  'charges(month) = calculateMonthlyCharges(statement(year), meters(month), usage(month), elective(month)): amount = round2(quantity x rate) per line (K3.9-K8)',
  "annual total = sum of the twelve monthly totals; case total = sum of the annual totals; VAT is each month's invoice VAT",
  'change from base = case net - base net; per cent = round2(change / base net x 100), half-up',
];

/** The changes of one case, read from its adjustments. */
interface CaseChanges {
  readonly id: string;
  readonly label: string;
  readonly adjustments: readonly BudgetAdjustment[];
  readonly portfolio: PortfolioAdjustment;
  readonly usage: Dec;
  readonly allowedRevenue: Dec | undefined;
}

function caseChanges(scenario: BudgetScenario): CaseChanges[] {
  const base: CaseChanges = {
    id: BASE_CASE_ID,
    label: 'Base case',
    adjustments: [],
    portfolio: NO_PORTFOLIO_ADJUSTMENT,
    usage: new Dec(0),
    allowedRevenue: undefined,
  };
  const cases = (scenario.sensitivities ?? []).map((sensitivity): CaseChanges => {
    const by = (input: string) => {
      const found = sensitivity.adjust.find((adjustment) => adjustment.input === input);
      return found === undefined ? undefined : toDecimal(found.by);
    };
    return {
      id: sensitivity.id,
      label: sensitivity.label ?? sensitivity.id,
      adjustments: sensitivity.adjust.map((adjustment) => ({ input: adjustment.input, by: adjustment.by })),
      portfolio: { meterGrowth: by('meterGrowth') ?? new Dec(0), meterCounts: by('meterCounts') ?? new Dec(0) },
      usage: by('usage') ?? new Dec(0),
      allowedRevenue: by('allowedRevenue'),
    };
  });
  return [base, ...cases];
}

/** The months of the scenario with their positions. */
function positionsOf(scenario: BudgetScenario): MonthPosition[][] {
  let monthIndex = 0;
  return scenario.years.map((year, yearIndex) =>
    monthsOfRegulatoryYear(year.regulatoryYear).map((month) => ({ month, monthIndex: monthIndex++, yearIndex })),
  );
}

function describeStatement(
  source: YearSource,
  statement: ChargingStatement,
  derived: DerivedYear | undefined,
): BudgetYearStatement {
  return {
    basis: source.kind === 'statement' ? 'statement' : 'derived',
    ...(source.kind === 'statement' && source.status !== undefined ? { status: source.status } : {}),
    id: statement.id,
    title: statement.title,
    illustrative: statement.illustrative,
    ...(provenanceStatus(statement) === 'reported' ? { provenanceNote: provenanceNote(statement) ?? '' } : {}),
    ...(source.file === undefined ? {} : { file: source.file }),
    ...(derived === undefined ? {} : { inputsId: derived.inputsId }),
  };
}

function changeFromBase(base: string, value: string): ChangeFromBase {
  return { base, value, ...changeBetween(toDecimal(base), toDecimal(value), 'money') };
}

/** Usage codes a year's statement does not price, reported against the scenario's usage rows. */
function findUnpricedUsage(
  scenario: BudgetScenario,
  statement: ChargingStatement,
  months: readonly Month[],
  source: string | undefined,
): InputIssue[] {
  const known = new Set(statement.explicitCharges.map((row) => row.code));
  return (scenario.usage ?? []).flatMap((row, index) =>
    known.has(row.code) || !months.some((month) => appliesTo(row, month))
      ? []
      : [
          {
            ...(source === undefined ? {} : { source }),
            path: ['usage', index],
            field: 'code',
            code: 'unknownExplicitCode',
            expected: `an Explicit Charging Metric priced by "${statement.id}" (${statement.regulatoryYear})`,
            received: JSON.stringify(row.code),
          },
        ],
  );
}

/** What every case of one projection shares. */
interface Projection {
  readonly scenario: BudgetScenario;
  readonly sources: readonly YearSource[];
  /** The months of each year with their positions. */
  readonly positions: readonly (readonly MonthPosition[])[];
  readonly rule: CountRule;
  readonly vatRate: string;
  readonly rounding: RoundingMode;
  readonly includeLines: boolean;
  /** The base case's counts by month, computed once. */
  readonly baseCounts: ReadonlyMap<Month, MeterCountRow[]>;
  /** The statement of a year for a case (derived statements are derived once per revenue change). */
  readonly statementFor: (
    yearIndex: number,
    change: CaseChanges,
  ) => { statement: ChargingStatement; derived?: DerivedYear };
}

/** A lookup of each year's statement that derives a methodology year once per allowed-revenue change. */
function statementLookup(sources: readonly YearSource[]): Projection['statementFor'] {
  const derivedCache = new Map<string, DerivedYear>();
  return (yearIndex, change) => {
    const year = sources[yearIndex]!;
    if (year.kind === 'statement') return { statement: year.statement };
    const key = `${yearIndex}|${change.allowedRevenue?.toFixed() ?? '0'}`;
    let derived = derivedCache.get(key);
    if (derived === undefined) {
      derived = deriveYearStatement(year, change.allowedRevenue);
      derivedCache.set(key, derived);
    }
    return { statement: derived.statement, derived };
  };
}

/** Checks on the base case: every year's statement prices the portfolio's groups and the usage codes. */
function checkBaseCase(projection: Projection, base: CaseChanges, source: string | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  projection.positions.forEach((months, yearIndex) => {
    collectInputIssues(issues, () => {
      const { statement } = projection.statementFor(yearIndex, base);
      issues.push(
        ...findUncoveredGroups(
          statement,
          months.map((position) => ({ month: position.month, rows: projection.baseCounts.get(position.month) ?? [] })),
          { ...(source === undefined ? {} : { source }), path: ['portfolio'] },
        ),
        ...findUnpricedUsage(
          projection.scenario,
          statement,
          months.map((position) => position.month),
          source,
        ),
      );
    });
  });
  return issues;
}

/** One case, year by year and month by month, each month by the foundation's monthly charges. */
function projectCase(projection: Projection, change: CaseChanges): Omit<BudgetCase, 'netFromBase'> {
  const { scenario, sources, rule } = projection;
  const years = projection.positions.map((months, yearIndex): BudgetYear => {
    const { statement, derived } = projection.statementFor(yearIndex, change);
    const budgetMonths = months.map((position): BudgetMonth => {
      const meters =
        change.id === BASE_CASE_ID
          ? (projection.baseCounts.get(position.month) ?? [])
          : portfolioCountsForMonth(scenario.portfolio, position, change.portfolio, rule);
      const charges = calculateValidatedMonthlyCharges(
        [statement],
        position.month,
        meters,
        usageForMonth(scenario.usage ?? [], position.month, change.usage),
        electiveForMonth(scenario.elective ?? [], position.month),
        projection.vatRate,
        projection.rounding,
      );
      return {
        month: position.month,
        meters: meters.reduce((total, row) => total + row.count, 0),
        totals: charges.totals,
        ...(projection.includeLines ? { lines: charges.lines } : {}),
      };
    });
    return {
      regulatoryYear: sources[yearIndex]!.regulatoryYear,
      statement: describeStatement(sources[yearIndex]!, statement, derived),
      months: budgetMonths,
      annual: sumTotals(budgetMonths.map((month) => month.totals)),
      perMeterCharges: perMeterChargesOf(statement),
      ...(derived === undefined ? {} : { derivation: derived.derivation }),
    };
  });
  return {
    id: change.id,
    label: change.label,
    adjustments: change.adjustments,
    years,
    total: sumTotals(years.map((year) => year.annual)),
  };
}

/** A sensitivity case's problems, each saying which case it is. */
function inCase(error: InputError, change: CaseChanges): InputError {
  return new InputError(
    error.issues.map((issue) => ({
      ...issue,
      detail: `in the sensitivity case "${change.id}"${issue.detail === undefined ? '' : `; ${issue.detail}`}`,
    })),
  );
}

/** Each sensitivity case's net against the base case's, per year and in total. */
function compareWithBase(cases: readonly Omit<BudgetCase, 'netFromBase'>[]): BudgetCase[] {
  const base = cases[0]!;
  return cases.map((budgetCase, index): BudgetCase => {
    if (index === 0) return budgetCase;
    return {
      ...budgetCase,
      years: budgetCase.years.map((year, yearIndex) => ({
        ...year,
        netFromBase: changeFromBase(base.years[yearIndex]!.annual.net, year.annual.net),
      })),
      netFromBase: changeFromBase(base.total.net, budgetCase.total.net),
    };
  });
}

/**
 * Projects a budget scenario: monthly and annual costs per charge type and year, for the base
 * case and each sensitivity case.
 *
 * No charge is computed here: each month is `calculateValidatedMonthlyCharges` (the kernel of
 * {@link calculateMonthlyCharges}) of the
 * year's statement; a derived statement is the methodology's `deriveChargingStatement`.
 * Annual totals are sums of the twelve months; case totals sums of the years.
 *
 * @clause K2 (revenue, derived years), K3.9-K3.10, K4-K6, K5A/K6B, K7, K8
 * @param data - the scenario (as parsed JSON or built by a caller).
 * @param options - a file reader for statements and inputs named by path, a label for messages.
 * @returns the projection, base case first.
 * @throws InputError listing every problem of the scenario, its statements and inputs, with where.
 * @example projectBudget(scenario).cases[0].years[0].annual.net
 */
export function projectBudget(
  data: BudgetScenarioInput | BudgetScenario,
  options: ProjectBudgetOptions = {},
): BudgetProjection {
  checkArguments('projectBudget', [
    [
      'options',
      options,
      {
        shape: 'object',
        fields: {
          readFile: { shape: 'function', optional: true },
          source: SOURCE,
          includeLines: { shape: 'boolean', optional: true },
        },
      },
    ],
  ]);
  checkDocument('projectBudget', 'scenario', data, options.source);
  const source = options.source;
  const scenario = parseBudgetScenario(data, source);
  const sources = resolveYearSources(scenario, source, options.readFile);
  const rule: CountRule = {
    timing: scenario.options?.growthTiming ?? 'eachRegulatoryYear',
    rounding: scenario.options?.countRounding ?? DEFAULT_ROUNDING_MODE,
  };
  const positions = positionsOf(scenario);
  const baseCounts = new Map<Month, MeterCountRow[]>(
    positions
      .flat()
      .map((position) => [
        position.month,
        portfolioCountsForMonth(scenario.portfolio, position, NO_PORTFOLIO_ADJUSTMENT, rule),
      ]),
  );
  const projection: Projection = {
    scenario,
    sources,
    positions,
    rule,
    vatRate: scenario.options?.vatRate ?? DEFAULT_VAT_RATE,
    rounding: scenario.options?.rounding ?? DEFAULT_ROUNDING_MODE,
    includeLines: options.includeLines === true,
    baseCounts,
    statementFor: statementLookup(sources),
  };
  const [base, ...sensitivities] = caseChanges(scenario);
  const issues = checkBaseCase(projection, base!, source);
  if (issues.length > 0) throw new InputError(issues);

  const cases = [
    projectCase(projection, base!),
    ...sensitivities.map((change) => {
      try {
        return projectCase(projection, change);
      } catch (error) {
        throw error instanceof InputError ? inCase(error, change) : error;
      }
    }),
  ];
  return {
    format: BUDGET_PROJECTION_FORMAT,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      illustrative: scenario.illustrative,
      ...(scenario.user === undefined ? {} : { user: scenario.user }),
    },
    options: {
      vatRate: projection.vatRate,
      rounding: projection.rounding,
      countRounding: rule.rounding,
      growthTiming: rule.timing,
    },
    cases: compareWithBase(cases),
    method: BUDGET_METHOD,
  };
}
