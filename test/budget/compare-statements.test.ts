/**
 * compareStatements: rates and prices side by side, rows added and removed, terms, and the
 * impact on a portfolio. Expected figures are written as the arithmetic that gives them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStatements, type ChargingStatementInput } from '../../src/index.js';
import { isUnchanged } from '../../src/budget/compare-statements.js';
import { D, pence, sumPence } from '../support/arithmetic.js';
import { inputIssues } from '../support/errors.js';
import { illustrativeStatement, rateOf, ROOT } from '../support/fixtures.js';
import { minimalStatement } from '../support/statements.js';

const indicative2026 = JSON.parse(
  readFileSync(join(ROOT, 'test', 'fixtures', 'budget', 'statement-2026-27.json'), 'utf8'),
) as ChargingStatementInput;

/** `round2((after - before) / before x 100)`, half-up, written independently. */
const percentOf = (before: string, after: string) =>
  D(after).minus(before).dividedBy(before).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);

describe('compareStatements: rates and prices side by side', () => {
  const comparison = compareStatements(illustrativeStatement(), indicative2026);

  it('reports a changed rate with its change in pounds and per cent', () => {
    const row = comparison.rates.find(
      (r) => r.kind === 'fixed' && r.chargingGroup === 'importSupplier' && r.region === 'national',
    );
    const before = rateOf(illustrativeStatement().fixedCharges, 'importSupplier', 'national');
    const after = rateOf(indicative2026.fixedCharges, 'importSupplier', 'national');
    expect(row).toEqual({
      kind: 'fixed',
      chargingGroup: 'importSupplier',
      region: 'national',
      status: 'changed',
      before,
      after,
      change: D(after).minus(before).toFixed(), // 0.44 - 0.4 = 0.04
      changePercent: percentOf(before, after), // 0.04 / 0.4 x 100 = 10.00
    });
  });

  it('reports a fall as a negative change', () => {
    const row = comparison.rates.find((r) => r.kind === 'fixedCh' && r.chargingGroup === 'importSupplier');
    expect(row?.change).toBe(D('0.8').minus('0.85').toFixed()); // -0.05
    expect(row?.changePercent).toBe(percentOf('0.85', '0.8')); // -0.05 / 0.85 x 100 = -5.88
  });

  it('lists explicit prices removed and added', () => {
    const removed = comparison.explicitPrices
      .filter((row) => row.status === 'removed')
      .map((row) => [row.code, row.before, row.after]);
    const added = comparison.explicitPrices
      .filter((row) => row.status === 'added')
      .map((row) => [row.code, row.before, row.after]);
    expect(removed).toEqual([['TEST_LAB_DAY', '512.40', null]]);
    expect(added).toEqual([['ADHOC_REPORT', null, '95.00']]);
  });

  it('counts every row once by status', () => {
    const all = [...comparison.rates, ...comparison.explicitPrices];
    expect(comparison.counts).toEqual({
      unchanged: all.length - 3 - 1 - 1,
      changed: 3, // g1 and g3 national Fixed, g1 Fixed CH
      added: 1,
      removed: 1,
    });
    expect(isUnchanged(comparison)).toBe(false);
  });

  it('reports rates added and removed between statements', () => {
    const a = minimalStatement();
    const b = minimalStatement({
      fixedCharges: [
        ...(minimalStatement().fixedCharges ?? []).filter((row) => row.chargingGroup !== 'g2'),
        { chargingGroup: 'g2' as const, region: 'north', ratePerMeterMonth: '0.05' },
        { chargingGroup: 'g2' as const, region: 'central', ratePerMeterMonth: '0.05' },
        { chargingGroup: 'g2' as const, region: 'south', ratePerMeterMonth: '0.05' },
      ],
    });
    const rows = compareStatements(a, b).rates.filter((row) => row.chargingGroup === 'exportSupplier');
    expect(rows.map((row) => [row.region, row.status])).toEqual([
      ['national', 'removed'],
      ['north', 'added'],
      ['central', 'added'],
      ['south', 'added'],
    ]);
  });

  it('marks a price whose unit changed as changed, and a change from zero as having no percentage', () => {
    const a = minimalStatement({ explicitCharges: [{ code: 'X', description: 'x', unit: 'per hub', unitPrice: '0' }] });
    const b = minimalStatement({
      explicitCharges: [{ code: 'X', description: 'x', unit: 'per hub per month', unitPrice: '1.50' }],
    });
    expect(compareStatements(a, b).explicitPrices).toEqual([
      {
        code: 'X',
        description: 'x',
        unitBefore: 'per hub',
        unitAfter: 'per hub per month',
        status: 'changed',
        before: '0',
        after: '1.50',
        change: '1.5',
        changePercent: null,
      },
    ]);
    const sameUnit = minimalStatement({
      explicitCharges: [{ code: 'X', description: 'x', unit: 'per hub', unitPrice: '0.00' }],
    });
    expect(compareStatements(a, sameUnit).explicitPrices[0]?.status).toBe('unchanged');
  });

  it('reports a change of regime and of the chargeable-meter rules', () => {
    const terms = compareStatements(
      minimalStatement({ regime: 'preUitmr' }),
      minimalStatement({ regime: 'postUitmr' }),
    ).terms;
    expect(terms.map((term) => term.term)).toEqual([
      'regime',
      'chargeableMeters.fixed',
      'chargeableMeters.fixedCh',
      'chargeableMeters.fixedAltHan',
    ]);
    expect(terms[1]).toEqual({
      term: 'chargeableMeters.fixed',
      before: 'domestic all, non-domestic none',
      after: 'domestic all, non-domestic all',
    });
    // uitmr and postUitmr now count the same meters by default (decision 0090): only the regime changes
    const same = compareStatements(
      minimalStatement({ regime: 'uitmr' }),
      minimalStatement({ regime: 'postUitmr' }),
    ).terms;
    expect(same.map((term) => term.term)).toEqual(['regime']);
  });
});

describe('compareStatements: impact on a portfolio', () => {
  const meters = [
    {
      chargingGroup: 'g1' as const,
      region: 'north' as const,
      premises: 'domestic' as const,
      enrolled: true,
      count: 1000,
    },
    {
      chargingGroup: 'g3' as const,
      region: 'south' as const,
      premises: 'domestic' as const,
      enrolled: true,
      count: 500,
    },
  ];
  const usage = [{ code: 'GATEWAY_LOW_VOLUME', quantity: '1' }];
  const comparison = compareStatements(illustrativeStatement(), indicative2026, { meters, usage });
  const impact = comparison.impact!;

  // Each line is round2(count x rate): a national line and a regional line per group.
  const fixedA = sumPence([
    pence(D(1000).times('0.4')),
    pence(D(1000).times('0.03')),
    pence(D(500).times('0.4')),
    pence(D(500).times('0.025')),
  ]);
  const fixedB = sumPence([
    pence(D(1000).times('0.44')),
    pence(D(1000).times('0.03')),
    pence(D(500).times('0.44')),
    pence(D(500).times('0.025')),
  ]);
  const chA = sumPence([pence(D(1000).times('0.85')), pence(D(500).times('0.85'))]);
  const chB = sumPence([pence(D(1000).times('0.8')), pence(D(500).times('0.85'))]);
  const altHan = sumPence([pence(D(1000).times('0.05')), pence(D(500).times('0.05'))]);
  const explicit = pence(D(1).times('126.50'));
  const netA = sumPence([fixedA, chA, altHan, explicit]);
  const netB = sumPence([fixedB, chB, altHan, explicit]);

  it('prices one month of the portfolio under each statement', () => {
    const row = (item: string) => impact.monthly.find((total) => total.item === item);
    expect(impact.monthA).toBe('2025-04');
    expect(impact.monthB).toBe('2026-04');
    expect([row('fixed')?.before, row('fixed')?.after]).toEqual([fixedA, fixedB]);
    expect([row('fixedCh')?.before, row('fixedCh')?.after]).toEqual([chA, chB]);
    expect([row('net')?.before, row('net')?.after, row('net')?.change]).toEqual([
      netA,
      netB,
      D(netB).minus(netA).toFixed(2),
    ]);
    expect(row('vat')?.before).toBe(pence(D(netA).times('0.20')));
  });

  it('prices the months each statement is in force (twelve here) as the sum of that many monthly charges', () => {
    expect([impact.monthsInForceA, impact.monthsInForceB]).toEqual([12, 12]);
    const row = (item: string) => impact.inForce.find((total) => total.item === item);
    expect(row('net')?.before).toBe(sumPence(Array.from({ length: 12 }, () => netA)));
    expect(row('net')?.after).toBe(sumPence(Array.from({ length: 12 }, () => netB)));
    expect(row('net')?.changePercent).toBe(percentOf(D(netA).times(12).toFixed(2), D(netB).times(12).toFixed(2)));
  });

  it('prices a statement in force for six months over six months, not twelve', () => {
    const revision = { ...indicative2026, id: 'revision-2026-10', effectiveFrom: '2026-10', effectiveTo: '2027-03' };
    const half = compareStatements(illustrativeStatement(), revision, { meters, usage }).impact!;
    expect([half.monthsInForceA, half.monthsInForceB]).toEqual([12, 6]);
    const net = half.inForce.find((total) => total.item === 'net');
    expect(net?.before).toBe(sumPence(Array.from({ length: 12 }, () => netA)));
    expect(net?.after).toBe(sumPence(Array.from({ length: 6 }, () => netB)));
  });

  it('keeps both months of charges, line by line', () => {
    expect(impact.chargesA.totals.net).toBe(netA);
    expect(impact.chargesB.statement.id).toBe(indicative2026.id);
  });
});

describe('compareStatements: bad input', () => {
  it('rejects meter counts with months (one portfolio is priced under both)', () => {
    const { issues } = inputIssues(() =>
      compareStatements(minimalStatement(), minimalStatement(), {
        meters: [
          {
            month: '2025-04',
            chargingGroup: 'g1' as const,
            region: 'north',
            premises: 'domestic',
            enrolled: true,
            count: 1,
          },
          {
            month: '2025-05',
            chargingGroup: 'g1' as const,
            region: 'north',
            premises: 'domestic',
            enrolled: true,
            count: 1,
          },
        ],
        metersSource: 'counts.csv',
      }),
    );
    // one message for the file, however many rows carry a month
    expect(issues.map((issue) => [issue.source, issue.code, issue.received])).toEqual([
      ['counts.csv', 'datedMeterCount', '2 rows with a month (2025-04 to 2025-05), the first at row 1'],
    ]);
  });

  it('reports the problems of both statements, each under its own name', () => {
    const { issues } = inputIssues(() =>
      compareStatements({ ...minimalStatement(), id: '' }, { ...minimalStatement(), regime: 'later' as never }),
    );
    expect(issues.map((issue) => [issue.source, issue.path?.[0]])).toEqual([
      ['a', 'id'],
      ['b', 'regime'],
    ]);
  });

  it('names a usage code the later statement no longer prices', () => {
    const { issues } = inputIssues(() =>
      compareStatements(illustrativeStatement(), indicative2026, {
        meters: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 1 }],
        usage: [{ code: 'TEST_LAB_DAY', quantity: '1' }],
      }),
    );
    expect(issues[0]?.code).toBe('unknownExplicitCode');
    expect(issues[0]?.expected).toContain(indicative2026.id);
  });
});

describe('compareStatements: properties', () => {
  const rate = fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 4 }))
    .map(([units, places]) => D(units).dividedBy(D(10).pow(places)).toFixed());
  const statement = fc.record({ g1: rate, g2: rate, g3: rate, g4: rate, g5: rate, ch: rate, price: rate }).map((r) =>
    minimalStatement({
      fixedCharges: (['g1', 'g2', 'g3', 'g4', 'g5'] as const).map((group) => ({
        chargingGroup: group,
        region: 'national' as const,
        ratePerMeterMonth: r[group],
      })),
      fixedChCharges: [{ chargingGroup: 'g1' as const, region: 'north', ratePerMeterMonth: r.ch }],
      explicitCharges: [{ code: 'P', description: 'p', unit: 'each', unitPrice: r.price }],
    }),
  );
  const count = fc.integer({ min: 0, max: 1_000_000 });

  it('a statement compared with itself has no change, and its portfolio impact is zero', () => {
    fc.assert(
      fc.property(statement, count, count, (s, a, b) => {
        const comparison = compareStatements(s, s, {
          meters: [
            { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: a },
            { chargingGroup: 'g5' as const, region: 'south', premises: 'nonDomestic', enrolled: false, count: b },
          ],
          usage: [{ code: 'P', quantity: String(a % 7) }],
        });
        expect(isUnchanged(comparison)).toBe(true);
        expect(comparison.counts.changed + comparison.counts.added + comparison.counts.removed).toBe(0);
        expect(
          [...comparison.impact!.monthly, ...comparison.impact!.inForce].every((row) => row.change === '0.00'),
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('every change is after minus before', () => {
    fc.assert(
      fc.property(statement, statement, (a, b) => {
        for (const row of compareStatements(a, b).rates) {
          if (row.before !== null && row.after !== null)
            expect(D(row.change!).equals(D(row.after).minus(row.before))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
