import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OverlapIndex } from '../../src/registrations/overlap-index.js';
import { dayNumberOfIsoDate } from '../../src/registrations/dates.js';
import { OPEN_END } from '../../src/registrations/registration.js';

const day = (text: string) => dayNumberOfIsoDate(text) as number;

describe('the overlap index', () => {
  it('agrees with a plain list of intervals, dates outside 1900-2079 and open ends included', () => {
    const dayArbitrary = fc.oneof(
      fc.integer({ min: day('1899-12-25'), max: day('1900-01-10') }),
      fc.integer({ min: day('2024-01-01'), max: day('2024-03-01') }),
      fc.integer({ min: day('2079-06-01'), max: day('2079-06-10') }),
      fc.constant(day('9999-12-31')),
    );
    const registration = fc.tuple(fc.nat(5), dayArbitrary, fc.option(dayArbitrary, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(registration, { maxLength: 60 }), (registrations) => {
        const index = new OverlapIndex();
        const kept: { key: number; from: number; to: number; position: number }[] = [];
        registrations.forEach(([keyIndex, a, b], row) => {
          const position = row * 3 + (row % 4 === 0 ? 5 : 2); // lines that skip now and then
          const key = [3, 80000000000007, 2 ** 47 + 5, 12, 99999999999999, 1012345678903 * 8][keyIndex] as number;
          const from = b === undefined ? a : Math.min(a, b);
          const to = b === undefined ? OPEN_END : Math.max(a, b);
          const clash = kept.find((other) => other.key === key && other.from <= to && from <= other.to);
          const found = index.add(key, from, to, position);
          if (clash === undefined) {
            expect(found).toBeUndefined();
            kept.push({ key, from, to, position });
          } else {
            expect(found).toBeDefined();
            expect(
              kept.some(
                (other) =>
                  other.key === key &&
                  other.position === found?.position &&
                  other.from === found.from &&
                  other.to === found.to,
              ),
            ).toBe(true);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every key through growth', () => {
    const index = new OverlapIndex();
    const count = 300_000;
    for (let n = 0; n < count; n += 1) expect(index.add(n * 8 + 1, 10, 20, n)).toBeUndefined();
    expect(index.size).toBe(count);
    for (let n = 0; n < count; n += 7919) expect(index.add(n * 8 + 1, 20, 30, 0)?.position).toBe(n);
  });

  it('keeps second and later registrations of many keys', () => {
    const index = new OverlapIndex();
    const keys = 5000;
    for (let n = 0; n < keys; n += 1) {
      expect(index.add(n, 100, 199, 10 * n)).toBeUndefined();
      expect(index.add(n, 200, 299, 10 * n + 1)).toBeUndefined();
      expect(index.add(n, 300, 399, 10 * n + 2)).toBeUndefined();
    }
    for (let n = 0; n < keys; n += 1) {
      expect(index.add(n, 250, 260, 0)).toEqual({ from: 200, to: 299, position: 10 * n + 1 });
      expect(index.add(n, 399, 500, 0)).toEqual({ from: 300, to: 399, position: 10 * n + 2 });
    }
  });

  it('refuses a key beyond 48 bits, and keeps positions of any size and order', () => {
    expect(() => new OverlapIndex().add(2 ** 48, 1, 2, 0)).toThrow(/overlapIndexLimit/);
    const index = new OverlapIndex();
    const positions = [2 ** 40, 7, 8, 2 ** 33, 9, 3];
    positions.forEach((position, n) => expect(index.add(n * 8, 1, 2, position)).toBeUndefined());
    positions.forEach((position, n) => expect(index.add(n * 8, 2, 3, 0)?.position).toBe(position));
  });
});
