/** Reconciling an invoice against a registration file: the count section and its bad input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reconcileWithRegistrationsFile } from '../../src/node.js';
import type { DifferingMeterPoint } from '../../src/reconciliation/count-check.js';
import { minimalStatement } from '../support/statements.js';
import { InputError, type InputIssue } from '../../src/index.js';

/** Awaits `call`, expecting an InputError whose issues match `issues`, in order. */
async function expectInputError(call: Promise<unknown>, issues: readonly Partial<InputIssue>[]): Promise<void> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues).toMatchObject(issues);
}

const folder = mkdtempSync(join(tmpdir(), 'dcc-disputes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = 'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom,region,gspGroup,user';
// A registered throughout; B from the 10th to the 20th of May; C on the 15th only; D gas (not g1)
const REGISTER = [
  HEADER,
  '1012345678903,g1,domestic,2019-06-01,,2021-03-15,,,SUPPLIER-A',
  '1200345622811,g1,domestic,2025-05-10,2025-05-20,,,,SUPPLIER-A',
  '1500781234566,g1,nonDomestic,2025-05-15,2025-05-15,,,,',
  '1234567,g3,domestic,2024-01-01,,,south,,SUPPLIER-A',
].join('\n');

const RATE = '0.4468'; // the minimal statement's g1 national fixed rate
const month = '2025-05';
const statement = minimalStatement({ effectiveFrom: '2025-04', effectiveTo: '2026-03' });

/** An invoice of one fixed g1 line for `quantity` meters. */
function invoice(quantity: number, amount: string) {
  return [
    {
      month,
      kind: 'fixed' as const,
      chargingGroup: 'g1' as const,
      region: 'national' as const,
      quantity: String(quantity),
      unitPrice: RATE,
      amount,
    },
  ];
}

describe('reconcileWithRegistrationsFile', () => {
  it('explains a g1 quantity equal to our count on day 15 but not on the last day as "reproduced with snapshot day 15"', async () => {
    const register = file('register.csv', REGISTER);
    const points: DifferingMeterPoint[] = [];
    // invoiced: on 2025-05-15 A + B + C = 1 + 1 + 1 = 3 meters, 3 x 0.4468 = 1.3404 -> 1.34
    const report = await reconcileWithRegistrationsFile(register, {
      invoice: invoice(1 + 1 + 1, '1.34'),
      statements: [statement],
      month,
      onMeterPoint: (point) => points.push(point),
    });
    // ours: on 2025-05-31 only A (and D, gas) is registered: g1 count 1
    expect(report.lines[0]).toMatchObject({ status: 'quantityDiffers', expected: { quantity: '1', amount: '0.45' } });
    const section = report.registrations;
    expect(section).toMatchObject({
      snapshotDay: 'last',
      snapshotDate: '2025-05-31',
      rowsRead: 4,
      rowsInMonth: 4,
      user: 'SUPPLIER-A',
    });
    expect(section?.disputes).toHaveLength(1);
    const dispute = section?.disputes[0];
    expect(dispute).toMatchObject({
      kinds: ['fixed'],
      chargingGroup: 'importSupplier',
      region: 'national',
      invoiced: '3',
      verdict: 'reproduced with snapshot day 15',
    });
    expect(dispute?.ours).toMatchObject({ count: 1, date: '2025-05-31' });
    expect(dispute?.reproducedBy).toMatchObject({
      snapshotDay: 15,
      date: '2025-05-15',
      count: 1 + 1 + 1,
      moves: 3 - 1,
      differingMeterPoints: 2,
    });
    // the meter points that differ: B and C, counted on the 15th and not on the 31st
    const expected = [
      {
        meterPoint: '1200345622811',
        line: 3,
        countedBy: 'reproducing',
        registeredFrom: '2025-05-10',
        registeredTo: '2025-05-20',
      },
      {
        meterPoint: '1500781234566',
        line: 4,
        countedBy: 'reproducing',
        registeredFrom: '2025-05-15',
        registeredTo: '2025-05-15',
      },
    ];
    expect(dispute?.differingMeterPoints.count).toBe(2);
    expect(dispute?.differingMeterPoints.listed).toMatchObject(expected);
    expect(points).toMatchObject(
      expected.map((point) => ({
        ...point,
        chargingGroup: 'importSupplier',
        region: 'national',
        reading: 'reproduced with snapshot day 15',
      })),
    );
    // how the count moves under our rule: days 1-9 A = 1, 10-14 A + B = 2, 15 A + B + C = 3, 16-20 2, 21-31 1
    const ourRule = dispute?.ours.rule;
    const onDay = (day: number) =>
      dispute?.readings.find(
        (reading) => reading.date === `2025-05-${String(day).padStart(2, '0')}` && reading.rule === ourRule,
      )?.count;
    expect([onDay(9), onDay(10), onDay(14), onDay(15), onDay(16), onDay(20), onDay(21), onDay(31)]).toEqual([
      1,
      1 + 1,
      1 + 1,
      1 + 1 + 1,
      1 + 1,
      1 + 1,
      1,
      1,
    ]);
  });

  it('says nothing reproduces a quantity no reading gives, and lists no meter point', async () => {
    const register = file('register-7.csv', REGISTER);
    const points: DifferingMeterPoint[] = [];
    // 7 x 0.4468 = 3.1276 -> 3.13
    const report = await reconcileWithRegistrationsFile(register, {
      invoice: invoice(7, '3.13'),
      statements: [statement],
      month,
      onMeterPoint: (point) => points.push(point),
    });
    expect(report.registrations?.disputes[0]).toMatchObject({
      verdict: 'no reading tried reproduces the invoiced quantity',
      differingMeterPoints: { count: 0, listed: [] },
    });
    expect(report.registrations?.disputes[0]?.reproducedBy).toBeUndefined();
    expect(points).toEqual([]);
  });

  it('has no dispute when the invoiced quantity is our count', async () => {
    const register = file('register-1.csv', REGISTER);
    const report = await reconcileWithRegistrationsFile(register, {
      invoice: invoice(1, '0.45'),
      statements: [statement],
      month,
    });
    // the g1 line matches; D's g3 line is missing from the invoice, which is not a quantity dispute
    expect(
      report.lines.map((line) => ['chargingGroup' in line.key ? line.key.chargingGroup : undefined, line.status]),
    ).toEqual([
      ['importSupplier', 'match'],
      ['gasSupplier', 'missingFromInvoice'],
    ]);
    expect(report.registrations?.disputes).toEqual([]);
  });

  it("refuses a register with no rows for the invoice's month", async () => {
    const register = file(
      'register-old.csv',
      [HEADER, '1012345678903,g1,domestic,2019-06-01,2024-12-31,,,,'].join('\n'),
    );
    await expectInputError(
      reconcileWithRegistrationsFile(register, { invoice: invoice(1, '0.45'), statements: [statement], month }),
      [{ code: 'noRegistrationsForMonth', source: register, received: '1 row, none registered in 2025-05' }],
    );
  });

  it("refuses a register whose user column names another User than the invoice's", async () => {
    const register = file('register-users.csv', REGISTER);
    await expectInputError(
      reconcileWithRegistrationsFile(register, {
        invoice: invoice(1, '0.45'),
        statements: [statement],
        month,
        user: 'SUPPLIER-B',
      }),
      [
        { code: 'otherUser', line: 2, field: 'user', received: '"SUPPLIER-A"' },
        { code: 'otherUser', line: 3, field: 'user' },
        { code: 'otherUser', line: 5, field: 'user' },
      ],
    );
  });

  it('refuses, without a User given, a register naming two Users', async () => {
    const register = file(
      'register-two-users.csv',
      `${REGISTER}\n2700005612344,g1,domestic,2024-01-01,,,,_N,SUPPLIER-B`,
    );
    await expectInputError(
      reconcileWithRegistrationsFile(register, { invoice: invoice(1, '0.45'), statements: [statement], month }),
      [{ code: 'otherUser', line: 6, field: 'user', received: '"SUPPLIER-B"' }],
    );
  });

  it('refuses a user value that is not a User ID (the reader validates the column)', async () => {
    const register = file(
      'register-bad-user.csv',
      [HEADER, '1012345678903,g1,domestic,2019-06-01,,,,,has space'].join('\n'),
    );
    await expectInputError(
      reconcileWithRegistrationsFile(register, { invoice: invoice(1, '0.45'), statements: [statement], month }),
      [{ code: 'invalidValue', line: 2, field: 'user' }],
    );
    await expectInputError(
      reconcileWithRegistrationsFile(file('register-ok.csv', REGISTER), {
        invoice: invoice(1, '0.45'),
        statements: [statement],
        month,
        user: 'two words',
      }),
      [{ code: 'invalidValue', field: 'user' }],
    );
  });
});
