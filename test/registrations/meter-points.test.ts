import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributorIdOf, isMpanCore, isMprn, mpanCheckDigit } from '../../src/registrations/meter-points.js';
import { withCheckDigit } from './helpers.js';

describe('MPAN core check digit', () => {
  it('is the weighted digit sum mod 11 mod 10 (worked example)', () => {
    // digits 1 0 1 2 3 4 5 6 7 8 9 0 times weights 3 5 7 13 17 19 23 29 31 37 41 43
    const sum = 1 * 3 + 0 * 5 + 1 * 7 + 2 * 13 + 3 * 17 + 4 * 19 + 5 * 23 + 6 * 29 + 7 * 31 + 8 * 37 + 9 * 41 + 0 * 43;
    expect(sum).toBe(1334);
    expect(mpanCheckDigit('101234567890')).toBe((sum % 11) % 10); // 1334 mod 11 = 3
    expect(isMpanCore('1012345678903')).toBe(true);
    expect(isMpanCore('1012345678904')).toBe(false);
  });

  it('accepts exactly one last digit for any twelve digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), fc.integer({ min: 0, max: 9 }), (first12, last) => {
        const valid = withCheckDigit(first12);
        expect(isMpanCore(valid)).toBe(true);
        expect(mpanCheckDigit(first12)).toBe(Number(valid[12]));
        expect(isMpanCore(`${first12}${last}`)).toBe(String(last) === valid[12]);
      }),
    );
  });

  it('rejects what is not thirteen digits', () => {
    for (const text of ['101234567890', '10123456789031', '10123456789O3', ' 1012345678903', ''])
      expect(isMpanCore(text)).toBe(false);
    expect(() => mpanCheckDigit('1234')).toThrow(RangeError);
  });

  it('reads the distributor id from the first two digits', () => {
    expect(distributorIdOf('2300987612309')).toBe(23);
  });
});

describe('MPRN form', () => {
  it('is 6 to 10 digits, the first not 0', () => {
    for (const text of ['740012', '7400123456', '123456789']) expect(isMprn(text)).toBe(true);
    for (const text of ['74001', '74001234567', '0740012345', '74001234x6', '']) expect(isMprn(text)).toBe(false);
  });
});
