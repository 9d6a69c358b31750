/**
 * Hand-made registers with their expected counts written out: month boundaries, leap
 * February, a change of supplier on the snapshot day, a snapshot day that a short month lacks,
 * and enrolment during the month. Every case runs through both the object and the CSV path.
 */
import { describe, expect, it } from 'vitest';
import { countBoth, countOf, importRow, monthTotal, withCheckDigit } from './helpers.js';

// Distributor 10 is GSP Group _A, in the central Region (decision 0021).
const C = 'central';

describe('counting on the snapshot date (last day of the month by default)', () => {
  it('counts at month boundaries, both ends inclusive', async () => {
    const rows = [
      importRow('100000000001', '2025-04-30'), // starts on April's snapshot day: counts from April
      importRow('100000000002', '2025-05-01'), // starts the day after: counts from May
      importRow('100000000003', '2025-04-01', '2025-04-29'), // ends the day before April's snapshot: never counts
      importRow('100000000004', '2025-04-01', '2025-04-30'), // ends on April's snapshot day: April only
      importRow('100000000005', '2025-03-31', '2025-05-31'), // ends on May's snapshot day: April and May
    ];
    const { result } = await countBoth(rows, { from: '2025-04', to: '2025-06' });
    expect(countOf(result, '2025-04', 'importSupplier', C, 'domestic', false)).toBe(1 + 1 + 1); // rows 1, 4, 5
    expect(countOf(result, '2025-05', 'importSupplier', C, 'domestic', false)).toBe(1 + 1 + 1); // rows 1, 2, 5
    expect(countOf(result, '2025-06', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 1, 2
    expect(result.snapshots).toEqual([
      { month: '2025-04', date: '2025-04-30' },
      { month: '2025-05', date: '2025-05-31' },
      { month: '2025-06', date: '2025-06-30' },
    ]);
    expect(result.summary).toEqual({ rowsRead: 5, rowsCounted: 5, rowsRejected: 0 });
  });

  it('uses 29 February in a leap year and 28 February otherwise', async () => {
    const rows = [
      importRow('100000000011', '2023-01-01', '2024-02-28'), // gone by 2024-02-29; counted 2023-02-28 and 2024-01-31
      importRow('100000000012', '2024-02-29'), // starts on the leap day: counts from February 2024
      importRow('100000000013', '2025-02-28'), // starts on 2025-02-28: counts in February 2025
      importRow('100000000014', '2024-03-01', '2025-02-27'), // ends the day before 2025-02-28
    ];
    const { result } = await countBoth(rows, { from: '2023-02', to: '2025-02' });
    expect(countOf(result, '2023-02', 'importSupplier', C, 'domestic', false)).toBe(1); // row 1
    expect(countOf(result, '2024-01', 'importSupplier', C, 'domestic', false)).toBe(1); // row 1
    expect(countOf(result, '2024-02', 'importSupplier', C, 'domestic', false)).toBe(1); // row 2 only
    expect(countOf(result, '2024-03', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 2, 4
    expect(countOf(result, '2025-01', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 2, 4
    expect(countOf(result, '2025-02', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 2, 3
    // With snapshot day 30, February 2024 is counted on its last day, the 29th.
    const day30 = await countBoth(rows, { from: '2024-02', to: '2024-02', snapshotDay: 30 });
    expect(day30.result.snapshots[0]?.date).toBe('2024-02-29');
    expect(countOf(day30.result, '2024-02', 'importSupplier', C, 'domestic', false)).toBe(1); // row 2
  });

  it('follows a change of supplier on the snapshot day', async () => {
    // Supply starts on the day of the change: the losing supplier's last day is the day before.
    const lost = importRow('100000000021', '2020-01-01', '2025-04-29'); // we lose it on 2025-04-30
    const gained = importRow('100000000022', '2025-04-30'); // we gain it on 2025-04-30
    const back = [importRow('100000000023', '2020-01-01', '2025-04-29'), importRow('100000000023', '2025-04-30')]; // lost and won back the same day
    const { result } = await countBoth([lost, gained, ...back], { from: '2025-03', to: '2025-05' });
    expect(countOf(result, '2025-03', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // lost, back (first registration)
    expect(countOf(result, '2025-04', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // gained, back (second registration): never twice
    expect(countOf(result, '2025-05', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // gained, back
    expect(result.summary).toEqual({ rowsRead: 4, rowsCounted: 4, rowsRejected: 0 });
  });

  it('counts on the last day of a month that lacks the snapshot day (31 in April)', async () => {
    const rows = [
      importRow('100000000031', '2025-04-30'), // counts in April (snapshot the 30th) and May (the 31st)
      importRow('100000000032', '2025-04-15', '2025-04-30'), // April only
      importRow('100000000033', '2025-05-31'), // May: starts on May's snapshot day
    ];
    const { result } = await countBoth(rows, { from: '2025-04', to: '2025-05', snapshotDay: 31 });
    expect(result.snapshots.map((s) => s.date)).toEqual(['2025-04-30', '2025-05-31']);
    expect(countOf(result, '2025-04', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 1, 2
    expect(countOf(result, '2025-05', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 1, 3
    // On day 15 instead, only row 2 is registered on 2025-04-15 and row 1 on 2025-05-15.
    const day15 = await countBoth(rows, { from: '2025-04', to: '2025-05', snapshotDay: 15 });
    expect(monthTotal(day15.result, '2025-04')).toBe(1);
    expect(monthTotal(day15.result, '2025-05')).toBe(1);
  });

  it('counts enrolment as at the snapshot date, enrolment during the month included', async () => {
    const rows = [
      importRow('100000000041', '2020-01-01', '', '2025-05-10'), // enrolled during May
      importRow('100000000042', '2020-01-01', '', '2025-05-31'), // enrolled on May's snapshot day
      importRow('100000000043', '2025-05-20', '', '2019-06-01'), // enrolled before we registered it
    ];
    const { result } = await countBoth(rows, { from: '2025-04', to: '2025-06' });
    expect(countOf(result, '2025-04', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 1, 2 not yet enrolled
    expect(countOf(result, '2025-04', 'importSupplier', C, 'domestic', true)).toBe(0);
    expect(countOf(result, '2025-05', 'importSupplier', C, 'domestic', true)).toBe(1 + 1 + 1); // all three
    expect(countOf(result, '2025-05', 'importSupplier', C, 'domestic', false)).toBe(0);
    // Counted on the 5th, May's enrolment has not happened yet; June's snapshot (the 5th) sees it.
    const day5 = await countBoth(rows, { from: '2025-05', to: '2025-06', snapshotDay: 5 });
    expect(countOf(day5.result, '2025-05', 'importSupplier', C, 'domestic', false)).toBe(1 + 1); // rows 1, 2 (row 3 not yet registered)
    expect(countOf(day5.result, '2025-06', 'importSupplier', C, 'domestic', true)).toBe(1 + 1 + 1);
  });

  it('derives the Region of an MPAN from its distributor id or given GSP Group, and takes gas Regions as given', async () => {
    const rows = [
      { ...importRow('120000000001', '2020-01-01'), meterPoint: withCheckDigit('120000000001') }, // 12 = _C London: south
      { ...importRow('170000000001', '2020-01-01'), premises: 'nonDomestic' }, // 17 = _P North Scotland: north
      { ...importRow('290000000001', '2020-01-01'), gspGroup: '_K' }, // independent network in _K South Wales: central
      { ...importRow('230000000001', '2020-01-01'), chargingGroup: 'g4', gspGroup: '_M', region: 'north' }, // Yorkshire, agreeing
      {
        meterPoint: '7400123456',
        chargingGroup: 'g3',
        premises: 'domestic',
        registeredFrom: '2020-01-01',
        region: 'south',
      },
      {
        meterPoint: '7400123456',
        chargingGroup: 'gasTransporter',
        premises: 'domestic',
        registeredFrom: '2020-01-01',
        region: 'south',
      },
    ];
    const { result } = await countBoth(rows, { from: '2025-04', to: '2025-04' });
    expect(countOf(result, '2025-04', 'importSupplier', 'south', 'domestic', false)).toBe(1);
    expect(countOf(result, '2025-04', 'importSupplier', 'north', 'nonDomestic', false)).toBe(1);
    expect(countOf(result, '2025-04', 'importSupplier', 'central', 'domestic', false)).toBe(1);
    expect(countOf(result, '2025-04', 'electricityDistributor', 'north', 'domestic', false)).toBe(1);
    expect(countOf(result, '2025-04', 'gasSupplier', 'south', 'domestic', false)).toBe(1);
    expect(countOf(result, '2025-04', 'gasTransporter', 'south', 'domestic', false)).toBe(1); // same MPRN, another group: no overlap
    // Every group present gets all 3 Regions x 2 premises x 2 enrolment states, zeros included.
    expect(result.counts).toHaveLength(4 * 3 * 2 * 2);
  });

  it('uses a GSP Group to Region table given by the caller', async () => {
    const rows = [importRow('100000000051', '2020-01-01')];
    const table = {
      _A: 'south',
      _B: 'central',
      _C: 'south',
      _D: 'central',
      _E: 'central',
      _F: 'north',
      _G: 'north',
      _H: 'south',
      _J: 'south',
      _K: 'central',
      _L: 'south',
      _M: 'north',
      _N: 'north',
      _P: 'north',
    } as const;
    const { result } = await countBoth(rows, { from: '2025-04', to: '2025-04', gspGroupRegions: table });
    expect(countOf(result, '2025-04', 'importSupplier', 'south', 'domestic', false)).toBe(1);
    await expect(
      countBoth(rows, { from: '2025-04', to: '2025-04', gspGroupRegions: { ...table, _A: 'east' as 'south' } }),
    ).rejects.toThrow(/GSP Group _A/);
  });

  it('accepts g1..g5 symbols, null and absent optional values, and async iterables', async () => {
    const { countRegisteredMeters } = await import('../../src/registrations/count-registered-meters.js');
    async function* rows() {
      yield {
        meterPoint: withCheckDigit('100000000061'),
        chargingGroup: 'g1',
        premises: 'domestic',
        registeredFrom: '2020-01-01',
        registeredTo: null,
        enrolledFrom: null,
      };
      yield {
        meterPoint: withCheckDigit('100000000062'),
        chargingGroup: 'g2',
        premises: 'domestic',
        registeredFrom: '2020-01-01',
      };
    }
    const result = await countRegisteredMeters(rows(), { from: '2025-04', to: '2025-04' });
    expect(result.summary).toEqual({ rowsRead: 2, rowsCounted: 2, rowsRejected: 0 });
    expect(countOf(result, '2025-04', 'exportSupplier', C, 'domestic', false)).toBe(1);
  });
});
