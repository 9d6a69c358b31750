/**
 * Months and Regulatory Years. Month arithmetic must not depend on the time zone: the
 * suite runs under Europe/London, and these cases are repeated under zones either side
 * of the date line, across British Summer Time changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  addToMonth,
  daysInMonth,
  isMonth,
  isRegulatoryYear,
  monthsBetween,
  monthsOfRegulatoryYear,
  regulatoryYearOf,
  parseChargingGroup,
  CHARGING_GROUPS,
} from '../../src/vocabulary.js';

const originalZone = process.env['TZ'];
afterEach(() => {
  process.env['TZ'] = originalZone;
});

describe.each(['Europe/London', 'Pacific/Kiritimati', 'Pacific/Apia', 'Asia/Kathmandu', 'America/Los_Angeles', 'UTC'])(
  'months under TZ=%s',
  (zone) => {
    it('lists the twelve months of a Regulatory Year, April to March', () => {
      process.env['TZ'] = zone;
      expect(monthsOfRegulatoryYear('2025/26')).toEqual([
        '2025-04',
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
      ]);
    });

    it('steps across the clock changes and year ends', () => {
      process.env['TZ'] = zone;
      expect(addToMonth('2025-03', 1)).toBe('2025-04');
      expect(addToMonth('2025-10', 1)).toBe('2025-11');
      expect(addToMonth('2025-12', 1)).toBe('2026-01');
      expect(addToMonth('2026-01', -1)).toBe('2025-12');
      expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    });

    it('knows the days of each month, leap February included', () => {
      process.env['TZ'] = zone;
      expect(['2024-02', '2025-02', '2025-03', '2025-04', '2100-02', '2000-02'].map(daysInMonth)).toEqual([
        29, 28, 31, 30, 28, 29,
      ]);
    });

    it('places a month in its Regulatory Year (April starts a year)', () => {
      process.env['TZ'] = zone;
      expect(['2025-03', '2025-04', '2026-03', '2099-12'].map(regulatoryYearOf)).toEqual([
        '2024/25',
        '2025/26',
        '2025/26',
        '2099/00',
      ]);
    });
  },
);

describe('spellings', () => {
  it('accepts months and Regulatory Years only in their written forms', () => {
    expect(['2025-01', '2025-12'].every(isMonth)).toBe(true);
    expect(['2025-13', '2025-1', '25-01', '2025-00', ' 2025-01'].some(isMonth)).toBe(false);
    expect(['2025/26', '2099/00'].every(isRegulatoryYear)).toBe(true);
    expect(['2025/27', '2025-26', '2025/2026', '1999/00', '2199/00'].some(isRegulatoryYear)).toBe(false);
  });

  it('reads Charging Groups by identifier or by symbol g1..g5', () => {
    expect(['g1', 'g2', 'g3', 'g4', 'g5'].map(parseChargingGroup)).toEqual([...CHARGING_GROUPS]);
    expect(CHARGING_GROUPS.map(parseChargingGroup)).toEqual([...CHARGING_GROUPS]);
    expect(parseChargingGroup('G1')).toBeUndefined();
  });
});
