/**
 * Properties of monthly charges (fast-check): totals are the sum of lines, net + vat = gross,
 * amounts are exact for any count up to 10^9 and any rate with up to 10 decimal places
 * (checked against a BigInt implementation), and no output is NaN or in exponent notation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, type MonthlyCharges } from '../../src/index.js';
import { CHARGING_GROUPS, REGIONS } from '../../src/vocabulary.js';
import { D, roundedProductBigInt, sumPence } from '../support/arithmetic.js';
import { minimalStatement } from '../support/statements.js';

/** A rate with 0 to 10 decimal places, up to 9999. */
const rateArbitrary = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 10 }),
    fc.bigInt({ min: 0n, max: 9_999_999_999n }),
  )
  .map(([whole, places, fraction]) =>
    places === 0 ? String(whole) : `${whole}.${fraction.toString().padStart(10, '0').slice(0, places)}`,
  );

const countArbitrary = fc.integer({ min: 0, max: 1_000_000_000 });

const meterRowsArbitrary = fc.uniqueArray(
  fc.record({
    chargingGroup: fc.constantFrom(...CHARGING_GROUPS),
    region: fc.constantFrom(...REGIONS),
    premises: fc.constantFrom('domestic' as const, 'nonDomestic' as const),
    enrolled: fc.boolean(),
    count: countArbitrary,
  }),
  { selector: (row) => `${row.chargingGroup}|${row.region}|${row.premises}|${row.enrolled}`, maxLength: 12 },
);

const statementArbitrary = fc
  .record({
    regime: fc.constantFrom('preUitmr' as const, 'uitmr' as const, 'postUitmr' as const),
    national: fc.array(rateArbitrary, { minLength: 5, maxLength: 5 }),
    north: fc.array(rateArbitrary, { minLength: 5, maxLength: 5 }),
    ch: fc.array(rateArbitrary, { minLength: 3, maxLength: 3 }),
    price: rateArbitrary,
  })
  .map(({ regime, national, north, ch, price }) =>
    minimalStatement({
      regime,
      fixedCharges: CHARGING_GROUPS.flatMap((group, index) => [
        { chargingGroup: group, region: 'national', ratePerMeterMonth: national[index] ?? '0' },
        { chargingGroup: group, region: 'north', ratePerMeterMonth: north[index] ?? '0' },
        { chargingGroup: group, region: 'central', ratePerMeterMonth: north[index] ?? '0' },
        { chargingGroup: group, region: 'south', ratePerMeterMonth: national[index] ?? '0' },
      ]),
      fixedChCharges: (['g1', 'g2', 'g3'] as const).map((group, index) => ({
        chargingGroup: group,
        region: 'national',
        ratePerMeterMonth: ch[index] ?? '0',
      })),
      explicitCharges: [{ code: 'X', description: 'An explicit charge', unit: 'per item', unitPrice: price }],
    }),
  );

const PLAIN_TWO_PLACES = /^-?\d+\.\d{2}$/;

function allStrings(charges: MonthlyCharges): string[] {
  return [
    ...charges.lines.flatMap((line) => [
      line.quantity,
      line.unitPrice,
      line.amount,
      ...Object.values(line.explanation.inputs),
      line.explanation.rounding.unrounded,
    ]),
    ...Object.values(charges.totals),
  ];
}

describe('monthly charge properties', () => {
  it('totals equal the sum of their lines, and net + vat = gross', () => {
    fc.assert(
      fc.property(
        statementArbitrary,
        meterRowsArbitrary,
        fc.integer({ min: 0, max: 1_000_000 }),
        (statement, meters, quantity) => {
          const charges = calculateMonthlyCharges({
            statements: [statement],
            month: '2025-07',
            meters,
            usage: [{ code: 'X', quantity: String(quantity) }],
          });
          const byKind = (kind: string) =>
            sumPence(charges.lines.filter((line) => line.kind === kind).map((line) => line.amount));
          expect(charges.totals.fixed).toBe(byKind('fixed'));
          expect(charges.totals.fixedCh).toBe(byKind('fixedCh'));
          expect(charges.totals.explicit).toBe(byKind('explicit'));
          expect(charges.totals.net).toBe(sumPence(charges.lines.map((line) => line.amount)));
          expect(charges.totals.net).toBe(
            sumPence([
              charges.totals.fixed,
              charges.totals.fixedCh,
              charges.totals.fixedAltHan,
              charges.totals.explicit,
              charges.totals.elective,
            ]),
          );
          expect(D(charges.totals.net).plus(charges.totals.vat).toFixed(2)).toBe(charges.totals.gross);
          expect(charges.totals.vat).toBe(roundedProductBigInt(charges.totals.net, '0.20'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('amounts are exact for any count up to 10^9 and any rate with up to 10 decimal places', () => {
    fc.assert(
      fc.property(countArbitrary, rateArbitrary, (count, rate) => {
        const statement = minimalStatement({
          fixedCharges: CHARGING_GROUPS.map((group) => ({
            chargingGroup: group,
            region: 'national',
            ratePerMeterMonth: rate,
          })),
        });
        const charges = calculateMonthlyCharges({
          statements: [statement],
          month: '2025-04',
          meters: [{ chargingGroup: 'g4', region: 'south', premises: 'domestic', enrolled: true, count }],
        });
        const expected = count === 0 ? [] : [roundedProductBigInt(String(count), rate)];
        expect(charges.lines.map((line) => line.amount)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('never writes NaN, Infinity or exponent notation; money always has two decimal places', () => {
    fc.assert(
      fc.property(statementArbitrary, meterRowsArbitrary, (statement, meters) => {
        const charges = calculateMonthlyCharges({
          statements: [statement],
          month: '2026-03',
          meters,
          usage: [{ code: 'X', quantity: '0.0000001' }],
        });
        for (const text of allStrings(charges)) expect(text).not.toMatch(/NaN|Infinity|e[+-]?\d/i);
        for (const line of charges.lines) expect(line.amount).toMatch(PLAIN_TWO_PLACES);
        for (const value of Object.values(charges.totals)) expect(value).toMatch(PLAIN_TWO_PLACES);
        expect(JSON.stringify(charges)).not.toMatch(/"-0\.00"/);
      }),
      { numRuns: 200 },
    );
  });
});
