import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumberOf, dayNumberOfIsoDate, isoDateOfDayNumber } from '../../src/registrations/dates.js';
import { dateAt } from '../../src/registrations/fast-row-parser.js';
import { snapshotsOf } from '../../src/registrations/snapshots.js';

const encoder = new TextEncoder();

describe('day numbers', () => {
  it('count days from 1970-01-01', () => {
    expect(dayNumberOfIsoDate('1970-01-01')).toBe(0);
    expect(dayNumberOfIsoDate('1970-03-01')).toBe(31 + 28);
    // 2024-03-01: 54 years of 365 days plus the 13 leap days 1972..2020, then Jan + Feb 2024 (31 + 29)
    expect(dayNumberOfIsoDate('2024-03-01')).toBe(54 * 365 + 13 + 31 + 29);
  });

  it('reject dates that are not real', () => {
    for (const text of [
      '2025-02-29',
      '2025-02-30',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '0000-01-01',
      '2025-1-01',
      '25-01-01',
      '2025/01/01',
      '',
    ]) {
      expect(dayNumberOfIsoDate(text)).toBeUndefined();
      expect(dateAt(encoder.encode(text.padEnd(10, ' ')), 0)).toBe(-1);
    }
    expect(dayNumberOfIsoDate('2024-02-29')).toBe(dayNumberOf(2024, 2, 29));
    expect(dayNumberOfIsoDate('2000-02-29')).toBe(dayNumberOf(2000, 2, 29));
    expect(dayNumberOfIsoDate('1900-02-29')).toBeUndefined();
  });

  it('round-trip, and the byte reader agrees with the text reader on every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (day) => {
        const text = isoDateOfDayNumber(day);
        expect(dayNumberOfIsoDate(text)).toBe(day);
        expect(dateAt(encoder.encode(text), 0)).toBe(day);
      }),
    );
    const first = dayNumberOfIsoDate('1960-01-01') as number;
    const last = dayNumberOfIsoDate('2110-12-31') as number;
    for (let day = first; day <= last; day += 1) {
      const bytes = encoder.encode(isoDateOfDayNumber(day));
      if (dateAt(bytes, 0) !== day) expect(dateAt(bytes, 0)).toBe(day);
    }
  });
});

describe('snapshot dates', () => {
  it('default to the last day of each month, leap February included', () => {
    expect(snapshotsOf('2024-01', '2024-04').map((s) => s.date)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(snapshotsOf('2025-02', '2025-02').map((s) => s.date)).toEqual(['2025-02-28']);
  });

  it('take a given day, or the last day of a shorter month', () => {
    expect(snapshotsOf('2025-04', '2025-05', 31).map((s) => s.date)).toEqual(['2025-04-30', '2025-05-31']);
    expect(snapshotsOf('2024-02', '2024-03', 30).map((s) => s.date)).toEqual(['2024-02-29', '2024-03-30']);
    expect(snapshotsOf('2025-06', '2025-06', 1).map((s) => s.date)).toEqual(['2025-06-01']);
  });

  it('reject bad months, ranges and days', () => {
    expect(() => snapshotsOf('2025-4', '2025-05')).toThrow(/from/);
    expect(() => snapshotsOf('2025-06', '2025-05')).toThrow(/a month from 2025-06 on/);
    expect(() => snapshotsOf('2025-04', '2025-05', 0)).toThrow(/1 to 31/);
    expect(() => snapshotsOf('2025-04', '2025-05', 32)).toThrow(/1 to 31/);
    expect(() => snapshotsOf('2025-04', '2025-05', 2.5)).toThrow(/1 to 31/);
    expect(() => snapshotsOf('2000-01', '2199-12')).toThrow(/at most 1200 months/);
    expect(() => snapshotsOf('1900-01', '2025-05')).toThrow(/from 2000-01 to 2199-12/);
  });
});
