/** The one coverage rule of meter counts over a period, as the three readers apply it. */
import { describe, expect, it } from 'vitest';
import { meterCountCoverage } from '../../src/inputs/meter-coverage.js';

const row = (month: string | undefined, chargingGroup: 'importSupplier' | 'gasSupplier' = 'importSupplier') => ({
  ...(month === undefined ? {} : { month }),
  chargingGroup,
  region: 'north' as const,
  premises: 'domestic' as const,
  enrolled: true,
});

describe('meterCountCoverage', () => {
  it('accepts one undated row, or a dated row for every month of the period', () => {
    expect(meterCountCoverage([row(undefined)], ['2025-04', '2025-05'])).toEqual([]);
    expect(meterCountCoverage([row('2025-04'), row('2025-05')], ['2025-04', '2025-05'])).toEqual([]);
  });

  it('finds a month outside the period, a combination both dated and undated, and missing months', () => {
    const rows = [row(undefined, 'gasSupplier'), row('2025-04', 'gasSupplier'), row('2025-06'), row('2025-04')];
    expect(meterCountCoverage(rows, ['2025-04', '2025-05'])).toEqual([
      { kind: 'datedAndUndated', index: 1, undatedIndex: 0, firstOfKey: true },
      { kind: 'outsidePeriod', index: 2, month: '2025-06' },
      {
        kind: 'missingMonths',
        index: 1,
        combination: 'gasSupplier|north|domestic|true',
        missing: ['2025-05'],
        alsoUndated: true,
      },
      {
        kind: 'missingMonths',
        index: 2,
        combination: 'importSupplier|north|domestic|true',
        missing: ['2025-05'],
        alsoUndated: false,
      },
    ]);
  });
});
