/**
 * projectBudget: a worked three-year example whose annual totals are written as the arithmetic
 * that gives them, and the properties every projection keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, projectBudget, type BudgetScenarioInput } from '../../src/index.js';
import { D, pence, sumPence } from '../support/arithmetic.js';
import { scenarioOf, statementFor } from './scenarios.js';

const twelve = (amount: string) => sumPence(Array.from({ length: 12 }, () => amount));

describe('a worked three-year budget', () => {
  // Statements: g1 and g3 at 0.4468 in 2025/26, 0.46 in 2026/27, 0.5 in 2027/28 (national rates).
  // Portfolio: 1000 g1 meters growing 10% a year; 333 g3 meters falling 5% a year, counts
  // rounded half-up to whole meters each year: 333, 316.35 -> 316, 300.5325 -> 301.
  // Usage: one gateway connection every month at 126.50; elective 100.00 a month in 2026/27.
  const scenario: BudgetScenarioInput = scenarioOf(
    [statementFor(2025, '0.4468'), statementFor(2026, '0.46'), statementFor(2027, '0.5')],
    {
      portfolio: {
        start: [
          { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 1000 },
          { chargingGroup: 'g3' as const, region: 'south', premises: 'domestic', enrolled: true, count: 333 },
        ],
        growth: [
          { chargingGroup: 'g1' as const, ratePerYear: '0.1' },
          { chargingGroup: 'g3' as const, ratePerYear: '-0.05' },
        ],
      },
      usage: [{ code: 'GATEWAY', quantity: '1' }],
      elective: [{ reference: 'EA-1', description: 'Reporting service', amount: '100.00', regulatoryYear: '2026/27' }],
    },
  );
  const projection = projectBudget(scenario);
  const base = projection.cases[0]!;

  const g1 = [1000, 1100, 1210]; // 1000 x 1.1^k
  const g3 = [333, 316, 301]; // round(333 x 0.95^k): 333, 316.35, 300.5325
  const rates = ['0.4468', '0.46', '0.5'];
  const elective = ['0.00', '100.00', '0.00'];
  const monthlyFixed = (k: number) => sumPence([pence(D(g1[k]!).times(rates[k]!)), pence(D(g3[k]!).times(rates[k]!))]);
  const monthlyNet = (k: number) => sumPence([monthlyFixed(k), pence(D(1).times('126.50')), elective[k]!]);

  it('grows the counts and rounds them half-up to whole meters', () => {
    expect(base.years.map((year) => year.months[0]?.meters)).toEqual([1000 + 333, 1100 + 316, 1210 + 301]);
    expect(D(333).times(D('0.95').pow(2)).toFixed()).toBe('300.5325');
  });

  it('gives each year twelve months of fixed, explicit and elective charges', () => {
    for (const k of [0, 1, 2]) {
      const annual = base.years[k]!.annual;
      expect(annual.fixed).toBe(twelve(monthlyFixed(k)));
      expect(annual.explicit).toBe(twelve(pence(D(1).times('126.50'))));
      expect(annual.elective).toBe(twelve(elective[k]!));
      expect(annual.net).toBe(twelve(monthlyNet(k)));
      expect(annual.vat).toBe(twelve(pence(D(monthlyNet(k)).times('0.20'))));
    }
  });

  it('writes the annual nets out', () => {
    // 2025/26: 12 x (round2(1000 x 0.4468) + round2(333 x 0.4468) + 126.50) = 12 x (446.80 + 148.78 + 126.50)
    expect(base.years[0]!.annual.net).toBe(
      D(pence(D(1000).times('0.4468')))
        .plus(pence(D(333).times('0.4468')))
        .plus('126.50')
        .times(12)
        .toFixed(2),
    );
    // 2026/27: 12 x (1100 x 0.46 + 316 x 0.46 + 126.50 + 100.00) = 12 x (506.00 + 145.36 + 226.50)
    expect(base.years[1]!.annual.net).toBe(
      D(1100).times('0.46').plus(D(316).times('0.46')).plus('126.50').plus('100.00').times(12).toFixed(2),
    );
    // 2027/28: 12 x (1210 x 0.5 + 301 x 0.5 + 126.50) = 12 x (605.00 + 150.50 + 126.50)
    expect(base.years[2]!.annual.net).toBe(
      D(1210).times('0.5').plus(D(301).times('0.5')).plus('126.50').times(12).toFixed(2),
    );
  });

  it('totals the case as the sum of its years', () => {
    expect(base.total.net).toBe(sumPence(base.years.map((year) => year.annual.net)));
    expect(base.total.gross).toBe(sumPence(base.years.map((year) => year.annual.gross)));
  });

  it('charges each month exactly as the monthly charges of the foundation do', () => {
    const month = base.years[1]!.months[5]!;
    const direct = calculateMonthlyCharges({
      statements: [statementFor(2026, '0.46')],
      month: month.month,
      meters: [
        { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 1100 },
        { chargingGroup: 'g3' as const, region: 'south', premises: 'domestic', enrolled: true, count: 316 },
      ],
      usage: [{ code: 'GATEWAY', quantity: '1' }],
      elective: [{ reference: 'EA-1', description: 'Reporting service', amount: '100.00' }],
    });
    expect(month.totals).toEqual(direct.totals);
  });

  it("names each year's statement", () => {
    expect(base.years.map((year) => [year.regulatoryYear, year.statement.id, year.statement.basis])).toEqual([
      ['2025/26', 'test-2025', 'statement'],
      ['2026/27', 'test-2026', 'statement'],
      ['2027/28', 'test-2027', 'statement'],
    ]);
  });

  it('keeps the lines of each month when asked', () => {
    const withLines = projectBudget(scenario, { includeLines: true });
    const lines = withLines.cases[0]!.years[0]!.months[0]!.lines ?? [];
    expect(lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ['fixed', '1000', pence(D(1000).times('0.4468'))],
      ['fixed', '333', pence(D(333).times('0.4468'))],
      ['explicit', '1', '126.50'],
    ]);
    expect(base.years[0]!.months[0]!.lines).toBeUndefined();
  });
});

describe('sensitivity cases', () => {
  const scenario = scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.4')], {
    portfolio: {
      start: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
      growth: [{ ratePerYear: '0.02' }],
    },
    usage: [{ code: 'GATEWAY', quantity: '2' }],
    sensitivities: [
      { id: 'growth+5', label: 'Meter growth +5 points', adjust: [{ input: 'meterGrowth', by: '0.05' }] },
      { id: 'meters-10', adjust: [{ input: 'meterCounts', by: '-0.10' }] },
      { id: 'usage+50', adjust: [{ input: 'usage', by: '0.5' }] },
    ],
  });
  const projection = projectBudget(scenario);
  const [base, growth, meters, usage] = projection.cases;

  it('adds meterGrowth to the growth rate: 1000 x (1 + 0.02 + 0.05) in the second year', () => {
    expect(base!.years[1]!.months[0]!.meters).toBe(D(1000).times('1.02').toNumber()); // 1020
    expect(growth!.years[1]!.months[0]!.meters).toBe(D(1000).times(D('1.02').plus('0.05')).toNumber()); // 1070
    expect(growth!.years[0]!.months[0]!.meters).toBe(1000);
  });

  it('scales every count with meterCounts: 1000 x 0.9, then 1020 x 0.9 = 918', () => {
    expect(meters!.years.map((year) => year.months[0]!.meters)).toEqual([
      D(1000).times('0.9').toNumber(),
      D(1000).times('1.02').times('0.9').toNumber(),
    ]);
  });

  it('scales usage quantities: 2 x 1.5 = 3 connections a month', () => {
    expect(usage!.years[0]!.annual.explicit).toBe(twelve(pence(D(2).times('1.5').times('126.50'))));
  });

  it('reports each case against the base case, per year and in total', () => {
    const second = growth!.years[1]!;
    const change = D(second.annual.net).minus(base!.years[1]!.annual.net);
    expect(second.netFromBase).toEqual({
      base: base!.years[1]!.annual.net,
      value: second.annual.net,
      change: change.toFixed(2), // 12 x round2(50 x 0.4) = 240.00
      changePercent: change
        .dividedBy(base!.years[1]!.annual.net)
        .times(100)
        .toDecimalPlaces(2, D.ROUND_HALF_UP)
        .toFixed(2),
    });
    expect(change.toFixed(2)).toBe(
      D(12)
        .times(pence(D(1070 - 1020).times('0.4')))
        .toFixed(2),
    );
    expect(growth!.netFromBase?.change).toBe(D(growth!.total.net).minus(base!.total.net).toFixed(2));
    expect(base!.netFromBase).toBeUndefined();
  });

  it('lists the cases in order, base first, with their changes', () => {
    expect(projection.cases.map((c) => [c.id, c.label, c.adjustments])).toEqual([
      ['base', 'Base case', []],
      ['growth+5', 'Meter growth +5 points', [{ input: 'meterGrowth', by: '0.05' }]],
      ['meters-10', 'meters-10', [{ input: 'meterCounts', by: '-0.10' }]],
      ['usage+50', 'usage+50', [{ input: 'usage', by: '0.5' }]],
    ]);
  });
});

describe('growth options', () => {
  it('grows each month when asked: 1200 x 1.12^(m/12), rounded', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: {
        start: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 1200 }],
        growth: [{ ratePerYear: '0.12' }],
      },
      options: { growthTiming: 'eachMonth', countRounding: 'down' },
    });
    const months = projectBudget(scenario).cases[0]!.years[0]!.months;
    expect(months.map((month) => month.meters)).toEqual(
      Array.from({ length: 12 }, (_, m) =>
        D(1200)
          .times(D('1.12').pow(D(m).dividedBy(12)))
          .toDecimalPlaces(0, D.ROUND_DOWN)
          .toNumber(),
      ),
    );
  });

  it('takes the most specific growth entry that matches a row', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.4')], {
      portfolio: {
        start: [
          { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 100 },
          { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: false, count: 100 },
        ],
        growth: [{ ratePerYear: '0.5' }, { chargingGroup: 'g1' as const, enrolled: false, ratePerYear: '-0.5' }],
      },
    });
    expect(projectBudget(scenario).cases[0]!.years[1]!.months[0]!.meters).toBe(100 * 1.5 + 100 * 0.5);
  });

  it('uses counts given month by month as they are', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: {
        meters: [
          { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 10 },
          {
            month: '2025-04',
            chargingGroup: 'g3' as const,
            region: 'north',
            premises: 'domestic',
            enrolled: true,
            count: 7,
          },
          ...[
            '2025-05',
            '2025-06',
            '2025-07',
            '2025-08',
            '2025-09',
            '2025-10',
            '2025-11',
            '2025-12',
            '2026-01',
            '2026-02',
            '2026-03',
          ].map((month) => ({
            month,
            chargingGroup: 'g3' as const,
            region: 'north' as const,
            premises: 'domestic' as const,
            enrolled: true,
            count: 8,
          })),
        ],
      },
    });
    const year = projectBudget(scenario).cases[0]!.years[0]!;
    expect(year.months.slice(0, 2).map((month) => month.meters)).toEqual([10 + 7, 10 + 8]);
    expect(year.annual.fixed).toBe(
      sumPence([
        sumPence([pence(D(10).times('0.4')), pence(D(7).times('0.4'))]),
        ...Array.from({ length: 11 }, () => sumPence([pence(D(10).times('0.4')), pence(D(8).times('0.4'))])),
      ]),
    );
  });
});

describe('projectBudget: properties', () => {
  const count = fc.integer({ min: 0, max: 2_000_000 });
  const rate = fc.integer({ min: 0, max: 9999 }).map((units) => D(units).dividedBy(10000).toFixed());
  const growth = fc.integer({ min: -1000, max: 1000 }).map((units) => D(units).dividedBy(1000).toFixed());
  const row = fc.record({
    chargingGroup: fc.constantFrom('g1', 'g2', 'g3', 'g4', 'g5'),
    region: fc.constantFrom('north' as const, 'central' as const, 'south' as const),
    premises: fc.constantFrom('domestic' as const, 'nonDomestic' as const),
    enrolled: fc.boolean(),
    count,
  });
  const rows = fc.uniqueArray(row, {
    minLength: 1,
    maxLength: 6,
    selector: (r) => `${r.chargingGroup}|${r.region}|${r.premises}|${r.enrolled}`,
  });

  it('zero growth and identical statements give identical years', () => {
    fc.assert(
      fc.property(rows, rate, fc.integer({ min: 0, max: 5 }), (start, supplierRate, gateways) => {
        const scenario = scenarioOf(
          [2025, 2026, 2027].map((year) => statementFor(year, supplierRate)),
          {
            portfolio: { start, growth: [{ ratePerYear: '0' }] },
            usage: [{ code: 'GATEWAY', quantity: String(gateways) }],
          },
        );
        const years = projectBudget(scenario).cases[0]!.years;
        for (const year of years.slice(1)) {
          expect(year.annual).toEqual(years[0]!.annual);
          expect(year.months.map((month) => month.totals)).toEqual(years[0]!.months.map((month) => month.totals));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('each annual total equals the sum of its twelve months, and the case total the sum of its years', () => {
    fc.assert(
      fc.property(
        rows,
        rate,
        growth,
        fc.constantFrom('eachRegulatoryYear' as const, 'eachMonth' as const),
        (start, supplierRate, ratePerYear, growthTiming) => {
          const scenario = scenarioOf([statementFor(2025, supplierRate), statementFor(2026, '0.3')], {
            portfolio: { start, growth: [{ ratePerYear }] },
            options: { growthTiming },
            sensitivities: [{ id: 'more', adjust: [{ input: 'meterCounts', by: '0.05' }] }],
          });
          for (const budgetCase of projectBudget(scenario).cases) {
            for (const year of budgetCase.years) {
              expect(year.months).toHaveLength(12);
              for (const field of [
                'fixed',
                'fixedCh',
                'fixedAltHan',
                'explicit',
                'elective',
                'net',
                'vat',
                'gross',
              ] as const) {
                expect(year.annual[field]).toBe(sumPence(year.months.map((month) => month.totals[field])));
              }
              expect(year.annual.net).toBe(
                sumPence([
                  year.annual.fixed,
                  year.annual.fixedCh,
                  year.annual.fixedAltHan,
                  year.annual.explicit,
                  year.annual.elective,
                ]),
              );
              expect(year.months.every((month) => month.meters >= 0)).toBe(true);
            }
            expect(budgetCase.total.net).toBe(sumPence(budgetCase.years.map((year) => year.annual.net)));
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
