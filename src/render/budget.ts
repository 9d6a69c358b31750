/** Renders a budget projection as readable text tables or as CSV (one row per month, year and case total). */
import type { BudgetCase, BudgetProjection, BudgetYear } from '../budget/projection.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { renderTextTable } from './text-table.js';
import { writeCsv } from '../tables/csv-write.js';
import { visibleText } from './visible-text.js';
import { percent, signed } from './diff.js';

/** How a year's statement is described to a reader. */
export function describeYearBasis(year: BudgetYear): string {
  const statement = year.statement;
  if (statement.basis === 'derived') return `derived from methodology inputs "${statement.inputsId ?? ''}"`;
  return statement.status === undefined ? 'statement' : `${statement.status} statement`;
}

/** Describes a case's adjustments, such as `allowedRevenue +0.10, meterGrowth -0.05`. */
export function describeAdjustments(budgetCase: BudgetCase): string {
  if (budgetCase.adjustments.length === 0) return 'none';
  return budgetCase.adjustments.map((adjustment) => `${adjustment.input} ${signed(adjustment.by)}`).join(', ');
}

/** The heading lines of a projection. */
export function budgetHeading(projection: BudgetProjection): string[] {
  const { scenario } = projection;
  const lines = [
    `Budget "${scenario.title}" (${scenario.id})${scenario.user === undefined ? '' : ` for ${scenario.user}`}`,
  ];
  const illustrative =
    scenario.illustrative || projection.cases[0]?.years.some((year) => year.statement.illustrative) === true;
  if (illustrative) lines.push('NOTE: illustrative figures (invented); not a forecast of any real charges.');
  for (const year of projection.cases[0]?.years ?? []) {
    if (year.statement.provenanceNote !== undefined)
      lines.push(`NOTE: ${year.regulatoryYear}: ${year.statement.provenanceNote}`);
  }
  lines.push(
    `Money in GBP; VAT at ${projection.options.vatRate}; meter counts rounded ${projection.options.countRounding}; growth applied ${projection.options.growthTiming === 'eachMonth' ? 'each month' : 'each Regulatory Year'}.`,
  );
  return lines;
}

function baseCase(projection: BudgetProjection): BudgetCase {
  const base = projection.cases[0];
  if (base === undefined) throw new RangeError('a projection has a base case');
  return base;
}

/** The projection as readable text tables: statements, base case, sensitivity cases, per-meter charges. */
export function renderBudgetTable(projection: BudgetProjection): string {
  const base = baseCase(projection);
  const parts: string[] = [`${budgetHeading(projection).map(visibleText).join('\n')}\n`];
  parts.push(
    `Statements\n${renderTextTable(
      [{ header: 'Year' }, { header: 'Statement' }, { header: 'Basis' }],
      base.years.map((year) => [year.regulatoryYear, year.statement.id, describeYearBasis(year)]),
    )}`,
  );
  const annualRows = base.years.map((year) => [
    year.regulatoryYear,
    String(year.months[0]?.meters ?? 0),
    year.annual.fixed,
    year.annual.fixedCh,
    year.annual.fixedAltHan,
    year.annual.explicit,
    year.annual.elective,
    year.annual.net,
    year.annual.vat,
    year.annual.gross,
  ]);
  const t = base.total;
  annualRows.push(['Total', '', t.fixed, t.fixedCh, t.fixedAltHan, t.explicit, t.elective, t.net, t.vat, t.gross]);
  parts.push(
    `Base case: charges per year\n${renderTextTable(
      [
        { header: 'Year' },
        { header: 'Meters (April)', align: 'right' },
        { header: 'Fixed', align: 'right' },
        { header: 'Fixed CH', align: 'right' },
        { header: 'Fixed Alt HAN', align: 'right' },
        { header: 'Explicit', align: 'right' },
        { header: 'Elective', align: 'right' },
        { header: 'Net', align: 'right' },
        { header: 'VAT', align: 'right' },
        { header: 'Gross', align: 'right' },
      ],
      annualRows,
    )}`,
  );
  if (projection.cases.length > 1) {
    const withChange = (value: string, change: { changePercent: string | null } | undefined) =>
      change === undefined ? value : `${value} (${percent(change.changePercent, true)})`;
    parts.push(
      `Sensitivity cases: net per year, change from the base case\n${renderTextTable(
        [
          { header: 'Case' },
          { header: 'Changes' },
          ...base.years.map((year) => ({ header: year.regulatoryYear, align: 'right' as const })),
          { header: 'Total', align: 'right' },
        ],
        projection.cases.map((budgetCase) => [
          budgetCase.id,
          describeAdjustments(budgetCase),
          ...budgetCase.years.map((year) => withChange(year.annual.net, year.netFromBase)),
          withChange(budgetCase.total.net, budgetCase.netFromBase),
        ]),
      )}`,
    );
  }
  const first = base.years[0];
  if (first !== undefined) {
    parts.push(
      `Base case: charge per chargeable meter per month (Fixed + Fixed CH + Fixed Alt HAN)\n${renderTextTable(
        [
          { header: 'Group' },
          { header: 'Region' },
          ...base.years.map((year) => ({ header: year.regulatoryYear, align: 'right' as const })),
        ],
        first.perMeterCharges.map((charge, index) => [
          CHARGING_GROUP_SYMBOLS[charge.chargingGroup],
          charge.region,
          ...base.years.map((year) => year.perMeterCharges[index]?.total ?? ''),
        ]),
      )}`,
    );
  }
  return parts.join('\n');
}

/** CSV columns of a projection. */
export const BUDGET_CSV_COLUMNS = [
  'case',
  'level',
  'regulatoryYear',
  'period',
  'statementId',
  'meters',
  'fixed',
  'fixedCh',
  'fixedAltHan',
  'explicit',
  'elective',
  'net',
  'vat',
  'gross',
] as const;

/**
 * The projection as CSV: per case, each month, then each year (`period` the year), then the case
 * total. The `level` column (`month`, `year`, `total`) says which kind each row is, so that a
 * spreadsheet filter on one level sums without counting anything twice.
 */
export function renderBudgetCsv(projection: BudgetProjection): string {
  const rows: string[][] = [];
  for (const budgetCase of projection.cases) {
    for (const year of budgetCase.years) {
      for (const month of year.months) {
        const t = month.totals;
        rows.push([
          budgetCase.id,
          'month',
          year.regulatoryYear,
          month.month,
          year.statement.id,
          String(month.meters),
          t.fixed,
          t.fixedCh,
          t.fixedAltHan,
          t.explicit,
          t.elective,
          t.net,
          t.vat,
          t.gross,
        ]);
      }
      const a = year.annual;
      rows.push([
        budgetCase.id,
        'year',
        year.regulatoryYear,
        year.regulatoryYear,
        year.statement.id,
        '',
        a.fixed,
        a.fixedCh,
        a.fixedAltHan,
        a.explicit,
        a.elective,
        a.net,
        a.vat,
        a.gross,
      ]);
    }
    const t = budgetCase.total;
    rows.push([
      budgetCase.id,
      'total',
      '',
      'total',
      '',
      '',
      t.fixed,
      t.fixedCh,
      t.fixedAltHan,
      t.explicit,
      t.elective,
      t.net,
      t.vat,
      t.gross,
    ]);
  }
  return writeCsv(BUDGET_CSV_COLUMNS, rows);
}
