/**
 * The reported 2026/27 statement (a second-hand transcription; README, "The reported 2026/27
 * Charging Statement"): a supplier with 1,000,000 electricity and
 * 800,000 gas meters, and the whole market as one portfolio (the Table 10 volumes). Expected
 * values are written as the arithmetic that produced them, with decimal.js (not JS numbers).
 */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, readChargingStatement } from '../../src/index.js';
import { fixture } from '../support/fixtures.js';

const D = Decimal.clone();
const statement = readChargingStatement(
  readFileSync(fixture('statements', 'reported-2026-27.json'), 'utf8'),
  'reported-2026-27.json',
);
const pence = (value: Decimal.Value) => new D(value).toFixed(2, D.ROUND_HALF_UP);

function charge(g1: { domestic: number; nonDomestic: number }, g3: { domestic: number; nonDomestic: number }) {
  return calculateMonthlyCharges({
    statements: [statement],
    month: '2026-06',
    meters: [
      { chargingGroup: 'g1', region: 'central', premises: 'domestic', enrolled: false, count: g1.domestic },
      { chargingGroup: 'g1', region: 'central', premises: 'nonDomestic', enrolled: false, count: g1.nonDomestic },
      { chargingGroup: 'g3', region: 'central', premises: 'domestic', enrolled: false, count: g3.domestic },
      { chargingGroup: 'g3', region: 'central', premises: 'nonDomestic', enrolled: false, count: g3.nonDomestic },
    ],
  });
}

describe('the reported 2026/27 statement', () => {
  it('is labelled reported with its source and each rate its table, and gives only g1 and g3', () => {
    expect(statement.provenance?.status).toBe('reported');
    expect(statement.illustrative).toBe(false);
    for (const list of [statement.fixedCharges, statement.fixedChCharges, statement.fixedAltHanCharges]) {
      expect(list.map((row) => row.chargingGroup)).toEqual(['importSupplier', 'gasSupplier']);
    }
    expect(statement.fixedCharges.map((row) => row.table)).toEqual(['Table 1', 'Table 1']);
    expect(statement.fixedChCharges.map((row) => row.table)).toEqual(['Table 3', 'Table 3']);
    expect(statement.fixedAltHanCharges.map((row) => row.table)).toEqual(['Table 2', 'Table 2']);
  });

  it('closes the checks the transcription gives: a meter a year', () => {
    expect(new D('1.006').plus('0.578').times(12).toFixed()).toBe('19.008');
    expect(new D('0.760').plus('0.433').times(12).toFixed()).toBe('14.316');
  });

  it('charges a supplier with 1,000,000 electricity and 800,000 gas meters, a month and a year', () => {
    const charges = charge({ domestic: 950_000, nonDomestic: 50_000 }, { domestic: 790_000, nonDomestic: 10_000 });
    expect(charges.statement.provenance).toBe('reported');
    expect(charges.statement.provenanceNote).toContain('REPORTED');
    const electricity = new D(1_000_000).times(new D('1.006').plus('0.578').plus('0.033')); // 1,617,000
    const gas = new D(800_000).times(new D('0.760').plus('0.433').plus('0.033')); // 980,800
    expect(charges.totals.net).toBe(pence(electricity.plus(gas))); // 2,597,800.00
    expect(pence(new D(charges.totals.net).times(12))).toBe(pence(electricity.plus(gas).times(12))); // 31,173,600.00
  });

  it('recovers from the whole market (Table 10 volumes) what the rates imply', () => {
    const g1 = { domestic: 27_851_124, nonDomestic: 1_459_081 };
    const g3 = { domestic: 24_616_382, nonDomestic: 259_651 };
    const charges = charge(g1, g3);
    const line = (kind: string, group: string) =>
      charges.lines.find((item) => item.kind === kind && 'chargingGroup' in item && item.chargingGroup === group)
        ?.amount;
    const g1Meters = 27_851_124 + 1_459_081; // 29,310,205
    const g3Meters = 24_616_382 + 259_651; // 24,876,033
    expect(line('fixed', 'importSupplier')).toBe(pence(new D(g1Meters).times('1.006')));
    expect(line('fixedCh', 'gasSupplier')).toBe(pence(new D(g3Meters).times('0.433')));
    // each line is rounded to pence (decision 0002), then the net is their sum
    const lines = [
      [g1Meters, '1.006'],
      [g1Meters, '0.578'],
      [g1Meters, '0.033'],
      [g3Meters, '0.760'],
      [g3Meters, '0.433'],
      [g3Meters, '0.033'],
    ] as const;
    const net = lines.reduce((sum, [meters, rate]) => sum.plus(pence(new D(meters).times(rate))), new D(0));
    expect(charges.totals.net).toBe(pence(net));
    // before rounding, a month recovers 29,310,205 x 1.617 + 24,876,033 x 1.226 = 47,394,601.485 + 30,498,016.458; a year twelve times that
    const unrounded = new D(g1Meters).times('1.617').plus(new D(g3Meters).times('1.226'));
    expect(unrounded.toFixed()).toBe(new D('47394601.485').plus('30498016.458').toFixed()); // 77,892,617.943;
    expect(unrounded.times(12).toFixed()).toBe(
      new D(g1Meters).times('19.404').plus(new D(g3Meters).times('14.712')).toFixed(),
    );
  });

  it('refuses meters of a group it does not give (g4), naming group and statement', () => {
    expect(() =>
      calculateMonthlyCharges({
        statements: [statement],
        month: '2026-06',
        meters: [{ chargingGroup: 'g4', region: 'north', premises: 'domestic', enrolled: true, count: 1 }],
      }),
    ).toThrow(/electricityDistributor.*reported-2026-27|reported-2026-27.*electricityDistributor/s);
  });
});
