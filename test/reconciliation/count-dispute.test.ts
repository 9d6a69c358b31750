/** Meter-count disputes: which reading reproduces an invoiced quantity, and which meter points differ. */
import { describe, expect, it } from 'vitest';
import { explainCountDifference } from '../../src/reconciliation/count-dispute.js';

const all = { domestic: 'all', nonDomestic: 'all' } as const;
// A registered throughout; B from the 10th to the 20th of May; C on the 15th only
const registrations = [
  {
    meterPoint: '1012345678903',
    chargingGroup: 'g1',
    premises: 'domestic',
    registeredFrom: '2019-06-01',
    registeredTo: '',
    enrolledFrom: '2021-03-15',
    line: 2,
  },
  {
    meterPoint: '1200345622811',
    chargingGroup: 'g1',
    premises: 'domestic',
    registeredFrom: '2025-05-10',
    registeredTo: '2025-05-20',
    enrolledFrom: '',
    line: 3,
  },
  {
    meterPoint: '1500781234566',
    chargingGroup: 'g1',
    premises: 'nonDomestic',
    registeredFrom: '2025-05-15',
    registeredTo: '2025-05-15',
    enrolledFrom: '',
    line: 4,
  },
];

describe('a meter-count dispute', () => {
  it('explains a g1 quantity equal to our count on day 15 but not on the last day as "reproduced with snapshot day 15"', () => {
    // on 2025-05-31 only A is registered: 1; on 2025-05-15 A + B + C: 1 + 1 + 1 = 3
    const dispute = explainCountDifference({
      registrations,
      month: '2025-05',
      chargingGroup: 'importSupplier',
      region: 'national',
      invoiced: 1 + 1 + 1,
      ourRule: all,
    });
    expect(dispute.ours.count).toBe(1);
    expect(dispute.reproducedBy).toMatchObject({ snapshotDay: 15, rule: all, count: 3, moves: 3 - 1 });
    expect(dispute.verdict).toBe('reproduced with snapshot day 15');
    expect(dispute.differingMeterPoints).toEqual([
      { meterPoint: '1200345622811', line: 3, countedBy: 'reproducing' },
      { meterPoint: '1500781234566', line: 4, countedBy: 'reproducing' },
    ]);
    // how the count moves: day 14 gives A + B = 2, day 16 A + B = 2, day 21 A = 1
    const onDay = (day: number) =>
      dispute.readings.find((reading) => reading.snapshotDay === day && reading.rule === dispute.ours.rule)?.count;
    expect([onDay(14), onDay(15), onDay(16), onDay(21)]).toEqual([1 + 1, 1 + 1 + 1, 1 + 1, 1]);
  });

  it('tries the premises readings on our snapshot day before other days', () => {
    const dispute = explainCountDifference({
      registrations,
      month: '2025-05',
      chargingGroup: 'importSupplier',
      region: 'national',
      invoiced: 0,
      ourRule: all,
    });
    // on the last day only A (domestic, enrolled) is registered: enrolled-only counts 1, domestic-only 1,
    // non-domestic only 0
    expect(dispute.reproducedBy).toMatchObject({
      snapshotDay: 'last',
      rule: { domestic: 'none', nonDomestic: 'all' },
      count: 0,
    });
    expect(dispute.verdict).toBe('reproduced with domestic none, non-domestic all');
    expect(dispute.differingMeterPoints).toEqual([{ meterPoint: '1012345678903', line: 2, countedBy: 'ours' }]);
  });

  it('says when the invoiced quantity equals our count, and when nothing reproduces it', () => {
    expect(
      explainCountDifference({
        registrations,
        month: '2025-05',
        chargingGroup: 'importSupplier',
        region: 'national',
        invoiced: 1,
        ourRule: all,
      }).verdict,
    ).toBe('the invoiced quantity equals our count');
    const none = explainCountDifference({
      registrations,
      month: '2025-05',
      chargingGroup: 'importSupplier',
      region: 'national',
      invoiced: 7,
      ourRule: all,
    });
    expect(none.verdict).toBe('no reading tried reproduces the invoiced quantity');
    expect(none.differingMeterPoints).toEqual([]);
  });
});
