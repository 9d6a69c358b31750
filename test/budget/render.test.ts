/** The budget renderers and chart specifications: what each shows, for a scenario with and without cases. */
import { Decimal } from 'decimal.js';
const Exact = Decimal.clone();
import { describe, expect, it } from 'vitest';
import { projectBudget } from '../../src/index.js';
import { renderBudgetCsv, renderBudgetTable } from '../../src/render/budget.js';
import { renderBudgetHtml } from '../../src/cli/render/budget-html.js';
import {
  CHART_PACKAGES_INSTALL,
  costByChargeTypeSpec,
  loadChartRenderer,
  perMeterChargesSpec,
  sensitivitySpec,
} from '../../src/cli/render/budget-charts.js';
const D = (value: string) => new Exact(value);
import { readCsv } from '../../src/tables/csv.js';
import { scenarioOf, statementFor } from './scenarios.js';

const plain = projectBudget(scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.5')]));
const withCase = projectBudget(
  scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.5')], {
    sensitivities: [{ id: 'more', label: 'More meters', adjust: [{ input: 'meterCounts', by: '0.5' }] }],
  }),
);

describe('chart specifications', () => {
  it('draw the base case: one point per group, Region and year; one bar per charge type and year', () => {
    const perMeter = perMeterChargesSpec(plain) as { data: { values: { perMeter: number; year: string }[] } };
    expect(perMeter.data.values).toHaveLength(2 * 5 * 3);
    const cost = costByChargeTypeSpec(plain) as {
      data: { values: { year: string; chargeType: string; amount: number }[] };
    };
    expect(cost.data.values).toHaveLength(2 * 5);
    // The plotted amounts are the exact annual figures read as numbers, for drawing only.
    expect(cost.data.values.filter((value) => value.chargeType === 'Fixed').map((value) => value.amount)).toEqual(
      plain.cases[0]!.years.map((year) => Number(year.annual.fixed)),
    );
  });

  it('draw every sensitivity case as its change from the base case', () => {
    const spec = sensitivitySpec(withCase) as { data: { values: { case: string; change: number }[] } };
    expect(new Set(spec.data.values.map((value) => value.case))).toEqual(new Set(['More meters']));
    expect(spec.data.values.map((value) => value.change)).toEqual(
      withCase.cases[1]!.years.map((year) =>
        Number(
          D(year.annual.net)
            .minus(withCase.cases[0]!.years.find((b) => b.regulatoryYear === year.regulatoryYear)!.annual.net)
            .toFixed(),
        ),
      ),
    );
  });

  it('give every Charging Group a panel of its own, so equal charges never hide each other, each point labelled', async () => {
    // g1 and g3 have the same rate here (0.4, then 0.5), as have g2, g4 and g5 (0.1)
    const spec = perMeterChargesSpec(plain) as { facet: { row: { field: string } }; resolve: unknown };
    expect(spec.facet.row.field).toBe('group');
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    const render = await loadChartRenderer();
    if (render === undefined) throw new Error('the chart packages are dev dependencies');
    const svg = await render(perMeterChargesSpec(plain));
    for (const label of [
      'g1 Import Suppliers',
      'g2 Export Suppliers',
      'g3 Gas Suppliers',
      'g4 Electricity Distributors',
      'g5 Gas Transporters',
    ]) {
      expect(svg).toContain(label);
    }
    for (const year of plain.cases[0]!.years) {
      for (const charge of year.perMeterCharges) expect(svg).toContain(`>${charge.total}<`);
    }
  });
});

describe('renderers', () => {
  it('leave out the sensitivity table and chart when there is no case', async () => {
    expect(renderBudgetTable(plain)).not.toContain('Sensitivity cases');
    expect(renderBudgetTable(withCase)).toContain('Sensitivity cases');
    const charts = await loadChartRenderer();
    expect((await renderBudgetHtml(plain, charts)).match(/<svg/g)).toHaveLength(2);
    expect((await renderBudgetHtml(withCase, charts)).match(/<svg/g)).toHaveLength(3);
  });

  it('without the optional chart packages, keep every table and say how to get the charts', async () => {
    const drawn = await renderBudgetHtml(withCase, await loadChartRenderer());
    const undrawn = await renderBudgetHtml(withCase, undefined);
    expect(undrawn).not.toContain('<svg');
    expect(undrawn).toContain(
      `Charts not drawn: the optional packages vega and vega-lite are not installed (${CHART_PACKAGES_INSTALL} to draw them).`,
    );
    expect(undrawn.match(/<table>/g)).toEqual(drawn.match(/<table>/g));
    const tables = (html: string) => html.slice(html.indexOf('<section><h2>Charges per year'));
    expect(tables(undrawn)).toBe(tables(drawn));
  });
});

describe('loading the chart packages', () => {
  const missing = (name: string) =>
    Object.assign(new Error(`Cannot find package '${name}' imported from /app/dist/cli.js`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });

  it('gives no renderer when vega or vega-lite is not installed', async () => {
    expect(await loadChartRenderer(() => Promise.reject(missing('vega')))).toBeUndefined();
    expect(await loadChartRenderer(() => Promise.reject(missing('vega-lite')))).toBeUndefined();
  });

  it('throws any other failure, such as a module the packages import being absent', async () => {
    await expect(loadChartRenderer(() => Promise.reject(missing('d3-array')))).rejects.toThrow(/d3-array/);
    await expect(loadChartRenderer(() => Promise.reject(new SyntaxError('Unexpected token')))).rejects.toThrow(
      SyntaxError,
    );
  });

  it('write the figures of the projection as they are, in the CSV', () => {
    const table = readCsv(renderBudgetCsv(withCase));
    const base = withCase.cases[0]!;
    const rows = table.rows.filter(
      (row) => row.cells[0] === 'base' && row.cells[2] === '2026/27' && /^\d{4}-\d{2}$/.test(row.cells[3] ?? ''),
    );
    expect(rows.map((row) => row.cells[11])).toEqual(base.years[1]!.months.map((month) => month.totals.net));
  });

  it('say the level of every CSV row, so that summing one level counts nothing twice', () => {
    const table = readCsv(renderBudgetCsv(withCase));
    expect(table.header.slice(0, 2)).toEqual(['case', 'level']);
    const net = table.header.indexOf('net');
    for (const budgetCase of withCase.cases) {
      const ofCase = table.rows.filter((row) => row.cells[0] === budgetCase.id);
      expect(new Set(ofCase.map((row) => row.cells[1]))).toEqual(new Set(['month', 'year', 'total']));
      const sum = (level: string) =>
        ofCase
          .filter((row) => row.cells[1] === level)
          .reduce((total, row) => total.plus(row.cells[net] ?? 'NaN'), new Exact(0))
          .toFixed(2);
      // months sum to the years, the years to the total, and each level on its own to the case total
      expect(sum('month')).toBe(budgetCase.total.net);
      expect(sum('year')).toBe(budgetCase.total.net);
      expect(sum('total')).toBe(budgetCase.total.net);
    }
  });
});
