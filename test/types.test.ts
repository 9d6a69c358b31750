/**
 * Calls that must not compile: the type checker (tsc --noEmit, part of npm test) fails if any
 * `@ts-expect-error` line below starts compiling, e.g. if money could be passed as a number.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { calculateMonthlyCharges, type ChargeLine, type MonthlyChargesInput } from '../src/index.js';
import { minimalStatement } from './support/statements.js';

const meters = [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1 }] as const;

describe('types at the boundary', () => {
  it('money is a string, never a number', () => {
    const input: MonthlyChargesInput = { statements: [minimalStatement()], month: '2025-04', meters };
    // @ts-expect-error a VAT rate must be a decimal string
    const withNumberVat: MonthlyChargesInput = { ...input, vatRate: 0.2 };
    const withNumberAmount: MonthlyChargesInput = {
      ...input,
      // @ts-expect-error an elective amount must be a decimal string
      elective: [{ reference: 'R', description: 'd', amount: 10 }],
    };
    // @ts-expect-error counts are per Region: national is not a Region
    const withNationalCount: MonthlyChargesInput = { ...input, meters: [{ ...meters[0], region: 'national' }] };
    // @ts-expect-error rounding modes are a closed set
    const withUnknownMode: MonthlyChargesInput = { ...input, rounding: 'bankers' };
    expect(
      [withNumberVat, withNumberAmount, withNationalCount, withUnknownMode].every((value) => typeof value === 'object'),
    ).toBe(true);
    expectTypeOf<ChargeLine['amount']>().toEqualTypeOf<string>();
    expectTypeOf(calculateMonthlyCharges(input).totals.gross).toEqualTypeOf<string>();
  });
});
