/**
 * Counting every User of a register in one pass (decision 0081): each User's counts equal a
 * count of that User's rows alone, on every path (row objects, the byte stream, the file on
 * one thread and on two, the overlap check kept in memory or spilled); a change of supplier
 * counts under each User for its own months; a row without a User is refused, and the overlap
 * check stays per meter point and Charging Group, whoever the User.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countRegisteredMeters } from '../../src/registrations/count-registered-meters.js';
import type { RegisteredMeterCounts, RegisteredMeterCountsByUser } from '../../src/registrations/count-options.js';
import { countRegistrationsFile, countRegistrationsFileOnTwoThreads } from '../../src/node/registration-files.js';
import { InputError } from '../../src/errors/input-error.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import type { RejectedRegistration } from '../../src/registrations/tally.js';
import { MAX_COUNT_USERS } from '../../src/registrations/user-table.js';
import { countRegistrationCsv } from '../../src/registrations/registration-csv.js';
import { chunked, countCsvText, countOf, withCheckDigit } from './helpers.js';

const NO_TIME_LIMIT = 0;

/** Counts CSV text by User through the streaming byte path, in chunks of the given sizes. */
function countByUserText(
  text: string,
  options: { from: string; to: string },
  sizes: readonly number[],
): Promise<RegisteredMeterCountsByUser> {
  return countRegistrationCsv(chunked(new TextEncoder().encode(text), sizes), { ...options, byUser: true });
}
const folder = mkdtempSync(join(tmpdir(), 'dcc-by-user-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every column, the User's included. */
const HEADER = [
  'meterPoint',
  'chargingGroup',
  'premises',
  'registeredFrom',
  'registeredTo',
  'enrolledFrom',
  'region',
  'gspGroup',
  'user',
] as const;

function toCsv(rows: readonly RegistrationRow[], header: readonly string[] = HEADER): string {
  const lines = [header.join(',')];
  for (const row of rows)
    lines.push(header.map((name) => String((row as unknown as Record<string, unknown>)[name] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

const OPTIONS = { from: '2025-01', to: '2025-12' } as const;
const ELECTRICITY_POINTS = ['100000000123', '120000004567', '170000008901', '230000002345'].map(withCheckDigit);
const GAS_POINTS = ['7400123456', '9100000001', '123456'];
const ELECTRICITY_GROUPS = ['importSupplier', 'exportSupplier', 'electricityDistributor'] as const;
const GAS_GROUPS = ['gasSupplier', 'gasTransporter'] as const;
const USERS = ['SUPPLIER-A', 'supplier_b', '00-DB-12-34-56-78-9A-BC'] as const;

const isoDate = (offset: number) => new Date(Date.UTC(2024, 9, 1) + offset * 86400000).toISOString().slice(0, 10);

/**
 * A small register without overlaps: each meter point and Charging Group has one to three
 * registrations one after the other, each to any of the Users (a change of supplier when
 * the User changes).
 */
const register: fc.Arbitrary<RegistrationRow[]> = fc
  .uniqueArray(
    fc.record({
      point: fc.nat(ELECTRICITY_POINTS.length + GAS_POINTS.length - 1),
      group: fc.nat(5),
      nonDomestic: fc.boolean(),
      spells: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 120 }),
          length: fc.integer({ min: 0, max: 200 }),
          user: fc.nat(USERS.length - 1),
          enrolled: fc.option(fc.integer({ min: -30, max: 200 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      open: fc.boolean(),
    }),
    {
      maxLength: 12,
      selector: ({ point, group }) =>
        point < ELECTRICITY_POINTS.length
          ? `${point}:${group % ELECTRICITY_GROUPS.length}`
          : `${point}:${group % GAS_GROUPS.length}`,
    },
  )
  .map((series) =>
    series.flatMap(({ point, group, nonDomestic, spells, open }) => {
      const electricity = point < ELECTRICITY_POINTS.length;
      const place = electricity
        ? {
            meterPoint: ELECTRICITY_POINTS[point] as string,
            chargingGroup: ELECTRICITY_GROUPS[group % ELECTRICITY_GROUPS.length] as string,
          }
        : {
            meterPoint: GAS_POINTS[point - ELECTRICITY_POINTS.length] as string,
            chargingGroup: GAS_GROUPS[group % GAS_GROUPS.length] as string,
            region: ['north', 'central', 'south'][point % 3] as string,
          };
      let day = 0;
      return spells.map(({ gap, length, user, enrolled }, index): RegistrationRow => {
        const from = day + gap;
        const to = from + length;
        day = to + 1;
        const last = index === spells.length - 1;
        return {
          ...place,
          premises: nonDomestic ? 'nonDomestic' : 'domestic',
          registeredFrom: isoDate(from),
          registeredTo: last && open ? '' : isoDate(to),
          enrolledFrom: enrolled === undefined ? '' : isoDate(from + enrolled),
          user: USERS[user] as string,
        };
      });
    }),
  );

/** What counting each User's rows alone gives, with the User's id, in order of id. */
function eachUserAlone(rows: readonly RegistrationRow[]): (RegisteredMeterCounts & { user: string })[] {
  const users = [...new Set(rows.map((row) => row.user as string))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return users.map((user) => ({
    user,
    ...countRegisteredMeters(
      rows.filter((row) => row.user === user),
      OPTIONS,
    ),
  }));
}

/** The by-User result checked against counting each User alone, and the pass's summary. */
function expectEachUserAlone(result: RegisteredMeterCountsByUser, rows: readonly RegistrationRow[]): void {
  expect(result.format).toBe('dcc-charges/registered-meter-counts-by-user@1');
  expect(result.users).toEqual(eachUserAlone(rows));
  expect(result.summary).toEqual({ rowsRead: rows.length, rowsCounted: rows.length, rowsRejected: 0 });
}

describe('counts by User equal counting each User alone', () => {
  it('from row objects', () => {
    fc.assert(
      fc.property(register, (rows) => {
        expectEachUserAlone(countRegisteredMeters(rows, { ...OPTIONS, byUser: true }), rows);
      }),
      { numRuns: 150 },
    );
  });

  it('from a stream of bytes in chunks of any size', async () => {
    await fc.assert(
      fc.asyncProperty(
        register,
        fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 4 }),
        async (rows, sizes) => {
          expectEachUserAlone(await countByUserText(toCsv(rows), OPTIONS, sizes), rows);
        },
      ),
      { numRuns: 100 },
    );
  });

  it(
    'from a file, on one thread and on two, the overlap check in memory, spilled from the first row, or spilled midway',
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          register,
          fc.constantFrom<1 | 2>(1, 2),
          fc.constantFrom(Infinity, 1, 3_200),
          async (rows, threads, overlapBudgetBytes) => {
            const file = join(folder, `register-${run}.csv`);
            run += 1;
            writeFileSync(file, toCsv(rows));
            const result = await countRegistrationsFileOnTwoThreads(
              file,
              { ...OPTIONS, byUser: true },
              { chunkBytes: 256, waitForWorker: true, threads, overlapBudgetBytes },
            );
            expectEachUserAlone(result as RegisteredMeterCountsByUser, rows);
            expectEachUserAlone(await countRegistrationsFile(file, { ...OPTIONS, byUser: true, threads: 1 }), rows);
          },
        ),
        { numRuns: 30 },
      );
    },
    NO_TIME_LIMIT,
  );
});

describe('a change of supplier', () => {
  const point = withCheckDigit('100000000123');
  const rows: RegistrationRow[] = [
    {
      meterPoint: point,
      chargingGroup: 'importSupplier',
      premises: 'domestic',
      registeredFrom: '2024-11-02',
      registeredTo: '2025-03-14',
      enrolledFrom: '2024-12-01',
      user: 'OLD',
    },
    {
      meterPoint: point,
      chargingGroup: 'importSupplier',
      premises: 'domestic',
      registeredFrom: '2025-03-15',
      registeredTo: '',
      enrolledFrom: '2025-05-20',
      user: 'NEW',
    },
  ];
  const options = { from: '2025-01', to: '2025-06' } as const;

  it(
    'counts the meter point under each User for its own months, on every path',
    async () => {
      const expectation = (result: RegisteredMeterCountsByUser) => {
        const [fresh, old] = result.users as [
          RegisteredMeterCounts & { user: string },
          RegisteredMeterCounts & { user: string },
        ];
        expect([fresh.user, old.user]).toEqual(['NEW', 'OLD']);
        // OLD: registered on the snapshots of January (31st) and February (28th), enrolled since 1 December.
        for (const month of ['2025-01', '2025-02'])
          expect(countOf(old, month, 'importSupplier', 'central', 'domestic', true)).toBe(1);
        for (const month of ['2025-03', '2025-04', '2025-05', '2025-06'])
          expect(countOf(old, month, 'importSupplier', 'central', 'domestic', true)).toBe(0);
        // NEW: from 15 March; not enrolled on 31 March and 30 April, enrolled from 20 May (31 May, 30 June).
        for (const month of ['2025-03', '2025-04'])
          expect(countOf(fresh, month, 'importSupplier', 'central', 'domestic', false)).toBe(1);
        for (const month of ['2025-05', '2025-06'])
          expect(countOf(fresh, month, 'importSupplier', 'central', 'domestic', true)).toBe(1);
        expect(
          countOf(fresh, '2025-02', 'importSupplier', 'central', 'domestic', false) +
            countOf(fresh, '2025-02', 'importSupplier', 'central', 'domestic', true),
        ).toBe(0);
        // Each month, the market has the one meter point: 1 + 0 for January and February, 0 + 1 after.
        for (const snapshot of result.snapshots) {
          const total = result.users.reduce(
            (sum, user) =>
              sum + user.counts.filter((row) => row.month === snapshot.month).reduce((s, row) => s + row.count, 0),
            0,
          );
          expect(total).toBe(1);
        }
        expect(old.summary).toEqual({ rowsRead: 1, rowsCounted: 1, rowsRejected: 0 });
        expect(fresh.summary).toEqual({ rowsRead: 1, rowsCounted: 1, rowsRejected: 0 });
      };
      expectation(countRegisteredMeters(rows, { ...options, byUser: true }));
      expectation(await countByUserText(toCsv(rows), options, [5]));
      const file = join(folder, 'change-of-supplier.csv');
      writeFileSync(file, toCsv(rows));
      expectation(
        (await countRegistrationsFileOnTwoThreads(
          file,
          { ...options, byUser: true },
          { chunkBytes: 64, waitForWorker: true, overlapBudgetBytes: 1 },
        )) as RegisteredMeterCountsByUser,
      );
    },
    NO_TIME_LIMIT,
  );

  it(
    'refuses a change of User within overlapping registrations, as any overlap (decision 0022), on every path',
    async () => {
      const overlapping: RegistrationRow[] = [
        rows[0] as RegistrationRow,
        { ...(rows[1] as RegistrationRow), registeredFrom: '2025-03-14' },
      ];
      const lines = (issues: readonly { line?: number; code: string }[]) =>
        issues.map((issue) => [issue.line, issue.code]);
      const expected = [
        [2, 'overlappingRegistration'],
        [3, 'overlappingRegistration'],
      ];
      const fromObjects = (() => {
        try {
          countRegisteredMeters(
            overlapping.map((row, index) => ({ ...row, line: index + 2 })),
            { ...options, byUser: true },
          );
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(fromObjects).toBeInstanceOf(InputError);
      expect(lines((fromObjects as InputError).issues)).toEqual(expected);
      const fromCsv = await countCsvText(toCsv(overlapping), { ...options, byUser: true }).catch(
        (error: unknown) => error,
      );
      expect(lines((fromCsv as InputError).issues)).toEqual(expected);
      // Skipped, the later row is rejected and counted among its User's rejected rows.
      const file = join(folder, 'overlap.csv');
      writeFileSync(file, toCsv(overlapping));
      for (const overlapBudgetBytes of [Infinity, 1]) {
        const rejected: RejectedRegistration[] = [];
        const result = (await countRegistrationsFileOnTwoThreads(
          file,
          { ...options, byUser: true, mode: 'skip-invalid', onReject: (row) => rejected.push(row) },
          { chunkBytes: 64, waitForWorker: true, overlapBudgetBytes },
        )) as RegisteredMeterCountsByUser;
        expect(rejected.map((row) => row.location.line)).toEqual([3]);
        expect(result.summary).toEqual({ rowsRead: 2, rowsCounted: 1, rowsRejected: 1 });
        expect(result.users.map((user) => [user.user, user.summary])).toEqual([
          ['NEW', { rowsRead: 1, rowsCounted: 0, rowsRejected: 1 }],
          ['OLD', { rowsRead: 1, rowsCounted: 1, rowsRejected: 0 }],
        ]);
      }
    },
    NO_TIME_LIMIT,
  );
});

describe('a row without a User, counted by User', () => {
  const row: RegistrationRow = {
    meterPoint: withCheckDigit('100000000123'),
    chargingGroup: 'importSupplier',
    premises: 'domestic',
    registeredFrom: '2024-11-02',
    user: 'A',
  };
  const rows: RegistrationRow[] = [row, { ...row, chargingGroup: 'exportSupplier', user: '' }];
  const missing = { field: 'user', code: 'missingValue', expected: 'the User id of every row with --by-user' };

  it(
    'is refused with its line and field: an empty user from objects, a stream and a file',
    async () => {
      const thrown = (() => {
        try {
          countRegisteredMeters(
            rows.map((r, index) => ({ ...r, line: index + 2 })),
            { ...OPTIONS, byUser: true, source: 'register.csv' },
          );
        } catch (error) {
          return error;
        }
        return undefined;
      })() as InputError;
      expect(thrown).toBeInstanceOf(InputError);
      expect(thrown.issues).toEqual([{ source: 'register.csv', line: 3, ...missing, received: 'an empty value' }]);
      const fromCsv = (await countCsvText(toCsv(rows), { ...OPTIONS, byUser: true, source: 'register.csv' }).catch(
        (error: unknown) => error,
      )) as InputError;
      expect(fromCsv.issues).toEqual([{ source: 'register.csv', line: 3, ...missing, received: 'an empty value' }]);
      const file = join(folder, 'empty-user.csv');
      writeFileSync(file, toCsv(rows));
      for (const threads of [1, 2] as const) {
        const fromFile = (await countRegistrationsFileOnTwoThreads(
          file,
          { ...OPTIONS, byUser: true },
          { chunkBytes: 64, waitForWorker: true, threads },
        ).catch((error: unknown) => error)) as InputError;
        expect(fromFile.issues).toEqual([{ source: file, line: 3, ...missing, received: 'an empty value' }]);
      }
    },
    NO_TIME_LIMIT,
  );

  it('is refused when the field is absent from an object', () => {
    const { user: _, ...withoutUser } = row;
    expect(() => countRegisteredMeters([withoutUser], { ...OPTIONS, byUser: true })).toThrow(
      expect.objectContaining({ issues: [{ path: [0], ...missing, received: 'nothing (the field is missing)' }] }),
    );
  });

  it('is refused at the header when the file has no user column', async () => {
    const withoutColumn = toCsv(
      [row],
      HEADER.filter((name) => name !== 'user'),
    );
    const error = (await countCsvText(withoutColumn, { ...OPTIONS, byUser: true, source: 'register.csv' }).catch(
      (caught: unknown) => caught,
    )) as InputError;
    expect(error.issues).toEqual([
      {
        source: 'register.csv',
        line: 1,
        ...missing,
        code: 'missingColumn',
        received: 'a header without a user column',
      },
    ]);
    // Without byUser the same file counts as one.
    expect((await countCsvText(withoutColumn, OPTIONS)).summary).toEqual({
      rowsRead: 1,
      rowsCounted: 1,
      rowsRejected: 0,
    });
  });

  it('is set aside in skip-invalid mode, counted in the pass but under no User', () => {
    const rejected: RejectedRegistration[] = [];
    const result = countRegisteredMeters(rows, {
      ...OPTIONS,
      byUser: true,
      mode: 'skip-invalid',
      onReject: (r) => rejected.push(r),
    });
    expect(rejected.map((r) => r.issues.map((issue) => issue.code))).toEqual([['missingValue']]);
    expect(result.summary).toEqual({ rowsRead: 2, rowsCounted: 1, rowsRejected: 1 });
    expect(result.users.map((user) => [user.user, user.summary])).toEqual([
      ['A', { rowsRead: 1, rowsCounted: 1, rowsRejected: 0 }],
    ]);
  });
});

describe('the limits and option of a count by User', () => {
  it(`takes ${MAX_COUNT_USERS} Users and refuses one more`, () => {
    const point = withCheckDigit('100000000123');
    const rows = Array.from(
      { length: MAX_COUNT_USERS + 1 },
      (_, index): RegistrationRow => ({
        meterPoint: point,
        chargingGroup: 'importSupplier',
        premises: 'domestic',
        registeredFrom: isoDate(index * 2),
        registeredTo: isoDate(index * 2),
        user: `U${index}`,
      }),
    );
    const rejected: RejectedRegistration[] = [];
    const result = countRegisteredMeters(rows, {
      ...OPTIONS,
      byUser: true,
      mode: 'skip-invalid',
      onReject: (r) => rejected.push(r),
    });
    expect(result.users.length).toBe(MAX_COUNT_USERS);
    expect(
      rejected.map((r) => [r.location.path, r.issues.map((issue) => [issue.field, issue.code, issue.expected])]),
    ).toEqual([
      [[MAX_COUNT_USERS], [['user', 'invalidValue', `at most ${MAX_COUNT_USERS} distinct Users in one count by User`]]],
    ]);
  });

  it('refuses a byUser that is not true or false', () => {
    expect(() => countRegisteredMeters([], { ...OPTIONS, byUser: 'yes' as unknown as boolean })).toThrow(InputError);
  });

  it('leaves a count without byUser as it was, the user column read and not used', () => {
    const point = withCheckDigit('100000000123');
    const rows: RegistrationRow[] = [
      {
        meterPoint: point,
        chargingGroup: 'importSupplier',
        premises: 'domestic',
        registeredFrom: '2024-11-02',
        user: 'A',
      },
      {
        meterPoint: point,
        chargingGroup: 'exportSupplier',
        premises: 'domestic',
        registeredFrom: '2024-11-02',
        user: '',
      },
    ];
    const result = countRegisteredMeters(rows, OPTIONS);
    expect(result.format).toBe('dcc-charges/registered-meter-counts@1');
    expect(
      countOf(result, '2025-01', 'importSupplier', 'central', 'domestic', false) +
        countOf(result, '2025-01', 'exportSupplier', 'central', 'domestic', false),
    ).toBe(1 + 1);
  });
});
