/**
 * Comparing two Charging Statements: every rate and explicit price side by
 * side with the change in pounds and per cent, rows added or removed, changes to the terms
 * that decide which meters are chargeable, and the impact on a portfolio of meters and usage.
 */
import { checkArguments } from '../errors/arguments.js';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { sumDecimals } from '../money/decimal.js';
import { InvariantError } from '../errors/invariant-error.js';
import { formatMoney, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { calculateMonthlyCharges } from '../charges/calculate-monthly-charges.js';
import type { ChargeTotals, MonthlyCharges } from '../charges/charge-line.js';
import { parseMeterCounts, type MeterCountRow, type MeterCountRowInput } from '../inputs/meter-counts.js';
import type { UsageRowInput } from '../inputs/usage.js';
import type { ElectiveRow } from '../inputs/elective.js';
import { parseChargingStatement } from '../statement/parse-statement.js';
import type { ChargingStatement, ChargingStatementInput, StatementRateRow } from '../statement/statement-schema.js';
import {
  PER_METER_CHARGE_TYPES,
  resolveChargeableMeters,
  type ChargeableMeterRule,
  type PerMeterChargeType,
} from '../statement/chargeable-meters.js';
import { CHARGING_GROUPS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS, type RateRegion } from '../vocabulary/regions.js';
import { monthsOfRegulatoryYear, type Month } from '../vocabulary/months.js';
import { changeBetween } from './change.js';

/** The format tag of a statement comparison. */
export const STATEMENT_COMPARISON_FORMAT = 'dcc-charges/statement-comparison@1';

/** How a compared row differs between the two statements. */
export const COMPARISON_STATUSES = ['unchanged', 'changed', 'added', 'removed'] as const;

/** See {@link COMPARISON_STATUSES}. */
export type ComparisonStatus = (typeof COMPARISON_STATUSES)[number];

/** The list of a statement each per-meter charge type is priced in. */
export const RATE_LIST_OF: Readonly<
  Record<PerMeterChargeType, 'fixedCharges' | 'fixedChCharges' | 'fixedAltHanCharges'>
> = {
  fixed: 'fixedCharges',
  fixedCh: 'fixedChCharges',
  fixedAltHan: 'fixedAltHanCharges',
};

/** One rate per meter per month, before (statement a) and after (statement b). */
export interface RateComparison {
  readonly kind: PerMeterChargeType;
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  readonly status: ComparisonStatus;
  /** The rate in statement a, as published; `null` when added. */
  readonly before: string | null;
  /** The rate in statement b, as published; `null` when removed. */
  readonly after: string | null;
  /** `after - before`, exact; `null` when added or removed. */
  readonly change: string | null;
  /** The change in per cent, rounded to 2 places half-up; `null` when not defined. */
  readonly changePercent: string | null;
}

/** One Explicit Charge price, before and after, matched by its code. */
export interface ExplicitPriceComparison {
  readonly code: string;
  /** The description in statement b, or in a when the charge was removed. */
  readonly description: string;
  readonly unitBefore: string | null;
  readonly unitAfter: string | null;
  /** `changed` also when only the unit priced changed (the prices then measure different things). */
  readonly status: ComparisonStatus;
  readonly before: string | null;
  readonly after: string | null;
  readonly change: string | null;
  readonly changePercent: string | null;
}

/** A term of the statements, other than prices, that differs (regime, chargeable-meter rules). */
export interface TermComparison {
  readonly term: 'regime' | 'chargeableMeters.fixed' | 'chargeableMeters.fixedCh' | 'chargeableMeters.fixedAltHan';
  readonly before: string;
  readonly after: string;
}

/** How many compared rows (rates and explicit prices) have each status. */
export type ComparisonCounts = Readonly<Record<ComparisonStatus, number>>;

/** The totals compared, in this order. */
export const COMPARED_TOTALS = [
  'fixed',
  'fixedCh',
  'fixedAltHan',
  'explicit',
  'elective',
  'net',
  'vat',
  'gross',
] as const;

/** One total of a portfolio's charges under each statement. */
export interface TotalComparison {
  readonly item: (typeof COMPARED_TOTALS)[number];
  readonly before: string;
  readonly after: string;
  readonly change: string;
  readonly changePercent: string | null;
}

/** What the change of statement means for one portfolio. */
export interface PortfolioImpact {
  /** The month charged under statement a (its first effective month). */
  readonly monthA: Month;
  /** The month charged under statement b (its first effective month). */
  readonly monthB: Month;
  /** One month's totals under each statement. */
  readonly monthly: readonly TotalComparison[];
  /** The months statement a is in force (effectiveFrom to effectiveTo). */
  readonly monthsInForceA: number;
  /** The months statement b is in force. */
  readonly monthsInForceB: number;
  /**
   * The same portfolio over the months each statement is in force: `before` is a's monthly
   * total times {@link monthsInForceA}, `after` b's times {@link monthsInForceB} (twelve only
   * when a statement is in force for the whole year).
   */
  readonly inForce: readonly TotalComparison[];
  /** The month's charges under statement a, line by line, each line explained. */
  readonly chargesA: MonthlyCharges;
  /** The month's charges under statement b. */
  readonly chargesB: MonthlyCharges;
}

/** The statements compared. */
export interface ComparedStatement {
  readonly id: string;
  readonly title: string;
  readonly regulatoryYear: string;
  readonly effectiveFrom: Month;
  readonly effectiveTo: Month;
  readonly illustrative: boolean;
}

/** The comparison of two Charging Statements. */
export interface StatementComparison {
  readonly format: typeof STATEMENT_COMPARISON_FORMAT;
  readonly a: ComparedStatement;
  readonly b: ComparedStatement;
  readonly terms: readonly TermComparison[];
  readonly rates: readonly RateComparison[];
  readonly explicitPrices: readonly ExplicitPriceComparison[];
  readonly counts: ComparisonCounts;
  /** Present when a portfolio was given. */
  readonly impact?: PortfolioImpact;
}

/** A User's portfolio to price under both statements. */
export interface ComparisonPortfolio {
  /** Meter counts, without months: the same portfolio is priced under each statement. */
  readonly meters: readonly (MeterCountRow | MeterCountRowInput)[];
  /** Explicit usage of one month. */
  readonly usage?: readonly UsageRowInput[];
  /** Elective lines of one month. */
  readonly elective?: readonly ElectiveRow[];
  /** VAT rate, default `"0.20"`. */
  readonly vatRate?: string;
  /** Rounding mode of amounts, default half-up. */
  readonly rounding?: RoundingMode;
  /** A label of the meter counts for messages, such as their file name; default `meters`. */
  readonly metersSource?: string;
}

function compareFigures(
  before: string | undefined,
  after: string | undefined,
  differsOtherwise: boolean,
): Pick<RateComparison, 'status' | 'before' | 'after' | 'change' | 'changePercent'> {
  if (before === undefined && after !== undefined) {
    return { status: 'added', before: null, after, change: null, changePercent: null };
  }
  if (before !== undefined && after === undefined) {
    return { status: 'removed', before, after: null, change: null, changePercent: null };
  }
  if (before === undefined || after === undefined) {
    throw new InvariantError('unreachable', 'a compared row has a figure in neither statement');
  }
  const { change, changePercent } = changeBetween(toDecimal(before), toDecimal(after), 'plain');
  const same = toDecimal(before).equals(toDecimal(after)) && !differsOtherwise;
  return { status: same ? 'unchanged' : 'changed', before, after, change, changePercent };
}

function rateKey(row: Pick<StatementRateRow, 'chargingGroup' | 'region'>): string {
  return `${row.chargingGroup}|${row.region}`;
}

/**
 * Every rate of one per-meter charge type side by side, in Charging Group order then
 * national, north, central, south.
 */
function compareRates(kind: PerMeterChargeType, a: ChargingStatement, b: ChargingStatement): RateComparison[] {
  const list = RATE_LIST_OF[kind];
  const before = new Map(a[list].map((row) => [rateKey(row), row.ratePerMeterMonth]));
  const after = new Map(b[list].map((row) => [rateKey(row), row.ratePerMeterMonth]));
  const rows: RateComparison[] = [];
  for (const chargingGroup of CHARGING_GROUPS) {
    for (const region of RATE_REGIONS) {
      const key = rateKey({ chargingGroup, region });
      if (!before.has(key) && !after.has(key)) continue;
      rows.push({ kind, chargingGroup, region, ...compareFigures(before.get(key), after.get(key), false) });
    }
  }
  return rows;
}

/** Explicit prices matched by code: statement a's order, then codes only b has. */
function compareExplicitPrices(a: ChargingStatement, b: ChargingStatement): ExplicitPriceComparison[] {
  const after = new Map(b.explicitCharges.map((row) => [row.code, row]));
  const before = new Map(a.explicitCharges.map((row) => [row.code, row]));
  const codes = [
    ...a.explicitCharges.map((row) => row.code),
    ...b.explicitCharges.map((row) => row.code).filter((code) => !before.has(code)),
  ];
  return codes.map((code) => {
    const old = before.get(code);
    const now = after.get(code);
    const unitChanged = old !== undefined && now !== undefined && old.unit !== now.unit;
    return {
      code,
      description: (now ?? old)?.description ?? code,
      unitBefore: old?.unit ?? null,
      unitAfter: now?.unit ?? null,
      ...compareFigures(old?.unitPrice, now?.unitPrice, unitChanged),
    };
  });
}

function describeRule(rule: ChargeableMeterRule): string {
  return `domestic ${rule.domestic}, non-domestic ${rule.nonDomestic}`;
}

/** The regime and the chargeable-meter rules in force, where they differ. */
function compareTerms(a: ChargingStatement, b: ChargingStatement): TermComparison[] {
  const terms: TermComparison[] = [];
  if (a.regime !== b.regime) terms.push({ term: 'regime', before: a.regime, after: b.regime });
  const rulesA = resolveChargeableMeters(a.regime, a.chargeableMeters);
  const rulesB = resolveChargeableMeters(b.regime, b.chargeableMeters);
  for (const type of PER_METER_CHARGE_TYPES) {
    const before = describeRule(rulesA[type]);
    const after = describeRule(rulesB[type]);
    if (before !== after) terms.push({ term: `chargeableMeters.${type}`, before, after });
  }
  return terms;
}

function countStatuses(rows: readonly { status: ComparisonStatus }[]): ComparisonCounts {
  const counts: Record<ComparisonStatus, number> = { unchanged: 0, changed: 0, added: 0, removed: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

function compareTotals(
  before: ChargeTotals,
  after: ChargeTotals,
  monthsBefore: number,
  monthsAfter: number,
): TotalComparison[] {
  return COMPARED_TOTALS.map((item) => {
    const sumOfMonths = (text: string, months: number) =>
      sumDecimals(Array.from({ length: months }, () => toDecimal(text)));
    const b = sumOfMonths(before[item], monthsBefore);
    const a = sumOfMonths(after[item], monthsAfter);
    return { item, before: formatMoney(b), after: formatMoney(a), ...changeBetween(b, a, 'money') };
  });
}

function summarise(statement: ChargingStatement): ComparedStatement {
  return {
    id: statement.id,
    title: statement.title,
    regulatoryYear: statement.regulatoryYear,
    effectiveFrom: statement.effectiveFrom,
    effectiveTo: statement.effectiveTo,
    illustrative: statement.illustrative,
  };
}

/** How many months a statement is in force: effectiveFrom to effectiveTo, inclusive. */
export function monthsInForce(
  statement: Pick<ChargingStatement, 'regulatoryYear' | 'effectiveFrom' | 'effectiveTo'>,
): number {
  return monthsOfRegulatoryYear(statement.regulatoryYear).filter(
    (month) => month >= statement.effectiveFrom && month <= statement.effectiveTo,
  ).length;
}

/** Prices one portfolio under each statement, through the monthly charges of the foundation. */
function portfolioImpact(a: ChargingStatement, b: ChargingStatement, portfolio: ComparisonPortfolio): PortfolioImpact {
  const source = portfolio.metersSource ?? 'meters';
  const meters = parseMeterCounts(portfolio.meters, source);
  const dated = meters.flatMap((row, index) => (row.month === undefined ? [] : [{ index, month: row.month }]));
  const first = dated[0];
  if (first !== undefined) {
    const months = [...new Set(dated.map((row) => row.month))].sort();
    throw new InputError([
      {
        source,
        field: 'month',
        code: 'datedMeterCount',
        expected: 'meter counts without a month (one portfolio is priced under both statements)',
        received: `${dated.length} row${dated.length === 1 ? '' : 's'} with a month (${months.length === 1 ? months[0] : `${months[0]} to ${months[months.length - 1]}`}), the first at row ${first.index + 1}`,
      },
    ]);
  }
  const charge = (statement: ChargingStatement) =>
    calculateMonthlyCharges({
      statements: [statement],
      month: statement.effectiveFrom,
      meters,
      ...(portfolio.usage === undefined ? {} : { usage: portfolio.usage }),
      ...(portfolio.elective === undefined ? {} : { elective: portfolio.elective }),
      ...(portfolio.vatRate === undefined ? {} : { vatRate: portfolio.vatRate }),
      ...(portfolio.rounding === undefined ? {} : { rounding: portfolio.rounding }),
    });
  const chargesA = charge(a);
  const chargesB = charge(b);
  return {
    monthA: a.effectiveFrom,
    monthB: b.effectiveFrom,
    monthly: compareTotals(chargesA.totals, chargesB.totals, 1, 1),
    monthsInForceA: monthsInForce(a),
    monthsInForceB: monthsInForce(b),
    inForce: compareTotals(chargesA.totals, chargesB.totals, monthsInForce(a), monthsInForce(b)),
    chargesA,
    chargesB,
  };
}

/**
 * Compares statement `a` (before) with statement `b` (after).
 *
 * Rates are matched by charge type, Charging Group and rate region; explicit prices by code.
 * `change = after - before` exactly; `changePercent = round2(change / before x 100)`, half-up,
 * `null` when `before` is zero. With a portfolio, its charges for one month are computed under
 * each statement by {@link calculateMonthlyCharges} and compared, monthly and for twelve months.
 *
 * @clause K1.5 (charge types), K3.9-K3.10, K4-K6, K5A/K6B, K7
 * @param a - the earlier statement (as parsed, or as written in a file).
 * @param b - the later statement.
 * @param portfolio - optional meters and usage to price under both.
 * @throws InputError for an invalid statement or portfolio, naming where.
 * @example compareStatements(illustrative, illustrative).counts // { unchanged: 36, changed: 0, added: 0, removed: 0 } (26 rates, 10 prices)
 */
export function compareStatements(
  a: ChargingStatement | ChargingStatementInput,
  b: ChargingStatement | ChargingStatementInput,
  portfolio?: ComparisonPortfolio,
): StatementComparison {
  checkArguments('compareStatements', [
    [
      'portfolio',
      portfolio,
      {
        shape: 'object',
        optional: true,
        fields: {
          meters: { shape: 'list' },
          usage: { shape: 'list', optional: true },
          elective: { shape: 'list', optional: true },
        },
      },
    ],
  ]);
  const issues: InputIssue[] = [];
  const before = collectInputIssues(issues, () => parseChargingStatement(a, 'a'));
  const after = collectInputIssues(issues, () => parseChargingStatement(b, 'b'));
  if (before === undefined || after === undefined) throw new InputError(issues);
  const rates = PER_METER_CHARGE_TYPES.flatMap((kind) => compareRates(kind, before, after));
  const explicitPrices = compareExplicitPrices(before, after);
  return {
    format: STATEMENT_COMPARISON_FORMAT,
    a: summarise(before),
    b: summarise(after),
    terms: compareTerms(before, after),
    rates,
    explicitPrices,
    counts: countStatuses([...rates, ...explicitPrices]),
    ...(portfolio === undefined ? {} : { impact: portfolioImpact(before, after, portfolio) }),
  };
}

/** True when the comparison found no difference in any rate, price or term. */
export function isUnchanged(comparison: StatementComparison): boolean {
  return (
    comparison.terms.length === 0 &&
    comparison.counts.unchanged === comparison.rates.length + comparison.explicitPrices.length
  );
}
