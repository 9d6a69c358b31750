/** The named rounding modes and plain-notation writing of decimals. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/money/decimal.js';
import { formatMoney, formatPlain, roundTo } from '../../src/money/rounding.js';
import { toDecimal } from '../../src/money/plain-decimal.js';
import { InvariantError } from '../../src/index.js';

describe('rounding modes at a tie', () => {
  const cases = [
    ['halfUp', ['0.01', '0.02', '-0.01']],
    ['halfEven', ['0.00', '0.02', '0.00']],
    ['halfDown', ['0.00', '0.01', '0.00']],
    ['up', ['0.01', '0.02', '-0.01']],
    ['down', ['0.00', '0.01', '0.00']],
  ] as const;
  it.each(cases)('%s rounds 0.005, 0.015 and -0.005 to %j', (mode, expected) => {
    expect(['0.005', '0.015', '-0.005'].map((text) => formatMoney(roundTo(new Dec(text), 2, mode)))).toEqual(expected);
  });
});

describe('plain notation', () => {
  it('never writes exponent notation or a negative zero', () => {
    expect(formatPlain(new Dec('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
    expect(formatPlain(new Dec('1e30'))).toBe(`1${'0'.repeat(30)}`);
    expect(formatMoney(new Dec('-0.001'))).toBe('0.00');
    expect(formatPlain(new Dec('-0'))).toBe('0');
  });

  it('leaves the global Decimal configuration alone (a private clone)', async () => {
    const { Decimal } = await import('decimal.js');
    expect(Decimal.precision).toBe(20);
    expect(Dec.precision).toBe(60);
  });

  it('treats a malformed decimal inside the library as a broken invariant', () => {
    expect(() => toDecimal('1e3')).toThrow(InvariantError);
  });
});
