/**
 * Every class of bad registration input gets a clear error with its line (strict) or a
 * rejected row with its reason (skip-invalid), through both the object and the CSV path.
 */
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../src/errors/input-error.js';
import { countRegisteredMeters } from '../../src/registrations/count-registered-meters.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import { countBoth, countCsvText, countOf, HEADER, importRow, toCsv, withCheckDigit } from './helpers.js';

const MONTHS = { from: '2025-04', to: '2025-04' } as const;
const GOOD = importRow('100000000001', '2020-01-01');

async function strictIssues(
  text: string,
  options: Partial<Parameters<typeof countCsvText>[1]> = {},
): Promise<InputIssue[]> {
  try {
    await countCsvText(text, { ...MONTHS, source: 'reg.csv', ...options });
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The one rejection of a bad row placed after a good one (line 3), checked on both paths. */
async function rejectionOf(bad: RegistrationRow) {
  const { result, rejected } = await countBoth([GOOD, bad], { ...MONTHS, mode: 'skip-invalid' });
  expect(result.summary).toEqual({ rowsRead: 2, rowsCounted: 1, rowsRejected: 1 });
  expect(rejected).toHaveLength(1);
  expect(rejected[0]?.location.line).toBe(3);
  const issues = await strictIssues(toCsv([GOOD, bad]));
  expect(issues.every((issue) => issue.line === 3 && issue.source === 'reg.csv')).toBe(true);
  return { codes: issues.map((issue) => issue.code), fields: issues.map((issue) => issue.field), issues };
}

describe('bad registration rows', () => {
  it('a bad MPAN check digit, naming the right one', async () => {
    const { codes, issues } = await rejectionOf(
      importRow('100000000002', '2020-01-01') && { ...GOOD, meterPoint: '1012345678904' },
    );
    expect(codes).toEqual(['badCheckDigit']);
    expect(issues[0]?.detail).toBe('its check digit should be 3');
  });

  it('an MPAN that is not 13 digits, and an MPRN of the wrong form', async () => {
    expect((await rejectionOf({ ...GOOD, meterPoint: '10123456789' })).codes).toEqual(['invalidMpan']);
    const gas = {
      meterPoint: '0740012345',
      chargingGroup: 'gasSupplier',
      premises: 'domestic',
      registeredFrom: '2020-01-01',
      region: 'north',
    };
    expect((await rejectionOf(gas)).codes).toEqual(['invalidMprn']);
  });

  it('an unknown GSP Group, a GSP Group that contradicts the distributor, a missing one for an independent network', async () => {
    expect((await rejectionOf({ ...GOOD, gspGroup: '_I' })).codes).toEqual(['unknownGspGroup']);
    expect((await rejectionOf({ ...GOOD, gspGroup: '_B' })).codes).toEqual(['gspGroupMismatch']);
    expect((await rejectionOf({ ...GOOD, meterPoint: withCheckDigit('290000000001') })).codes).toEqual([
      'missingGspGroup',
    ]);
    expect((await rejectionOf({ ...GOOD, region: 'south' })).codes).toEqual(['regionMismatch']);
  });

  it('a gas meter point without its Region, or with a GSP Group', async () => {
    const gas = {
      meterPoint: '7400123456',
      chargingGroup: 'gasSupplier',
      premises: 'domestic',
      registeredFrom: '2020-01-01',
    };
    expect((await rejectionOf(gas)).codes).toEqual(['missingRegion']);
    expect((await rejectionOf({ ...gas, region: 'north', gspGroup: '_A' })).codes).toEqual(['unexpectedGspGroup']);
    expect((await rejectionOf({ ...gas, region: 'east' })).codes).toEqual(['unknownRegion']);
  });

  it('an unknown Charging Group or premises type', async () => {
    expect((await rejectionOf({ ...GOOD, chargingGroup: 'g6' })).codes).toEqual(['unknownChargingGroup']);
    expect((await rejectionOf({ ...GOOD, chargingGroup: 'ImportSupplier' })).codes).toEqual(['unknownChargingGroup']);
    expect((await rejectionOf({ ...GOOD, premises: 'Domestic' })).codes).toEqual(['unknownPremises']);
  });

  it('impossible dates, and missing required values', async () => {
    expect((await rejectionOf({ ...GOOD, registeredFrom: '2025-02-30' })).fields).toEqual(['registeredFrom']);
    expect((await rejectionOf({ ...GOOD, registeredTo: '2025-04-31' })).codes).toEqual(['invalidDate']);
    expect((await rejectionOf({ ...GOOD, enrolledFrom: '2023-02-29' })).codes).toEqual(['invalidDate']);
    expect((await rejectionOf({ ...GOOD, registeredFrom: '2025-4-01' })).codes).toEqual(['invalidDate']);
    expect((await rejectionOf({ ...GOOD, registeredFrom: '' })).codes).toEqual(['missingValue']);
    expect((await rejectionOf({ ...GOOD, premises: '' })).codes).toEqual(['missingValue']);
  });

  it('registeredTo before registeredFrom (the same day is fine)', async () => {
    const { codes, issues } = await rejectionOf({ ...GOOD, registeredFrom: '2025-04-10', registeredTo: '2025-04-09' });
    expect(codes).toEqual(['endsBeforeStart']);
    expect(issues[0]?.detail).toBe('registeredFrom is 2025-04-10');
    const oneDay = await countBoth([{ ...GOOD, registeredFrom: '2025-04-30', registeredTo: '2025-04-30' }], MONTHS);
    expect(oneDay.result.summary.rowsCounted).toBe(1);
  });

  it('every problem of one row is listed', async () => {
    const { codes } = await rejectionOf({
      ...GOOD,
      meterPoint: '1012345678904',
      premises: 'house',
      registeredTo: '2025-02-30',
    });
    expect(codes).toEqual(['unknownPremises', 'badCheckDigit', 'invalidDate']);
  });
});

describe('overlapping registrations of one meter point in one Charging Group', () => {
  it('reject the later row and, in strict mode, report both rows', async () => {
    const first = importRow('100000000007', '2020-01-01', '2025-04-30');
    const second = importRow('100000000007', '2025-04-30'); // shares 2025-04-30 with the first
    const { result, rejected } = await countBoth([first, GOOD, second], { ...MONTHS, mode: 'skip-invalid' });
    expect(result.summary).toEqual({ rowsRead: 3, rowsCounted: 2, rowsRejected: 1 });
    expect(rejected[0]?.location.line).toBe(4);
    expect(rejected[0]?.issues[0]?.detail).toBe(
      'it overlaps the registration at line 2, from 2020-01-01, to 2025-04-30',
    );
    expect(countOf(result, '2025-04', 'importSupplier', 'central', 'domestic', false)).toBe(1 + 1); // first and GOOD; the meter point once
    const issues = await strictIssues(toCsv([first, GOOD, second]));
    expect(issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'overlappingRegistration'],
      [4, 'overlappingRegistration'],
    ]);
    expect(issues[0]?.detail).toBe('overlapped by the registration at line 4');
  });

  it('find an overlap with any earlier registration, not only the first', async () => {
    const rows = [
      importRow('100000000008', '2020-01-01', '2021-12-31'),
      importRow('100000000008', '2023-01-01', '2023-12-31'),
      importRow('100000000008', '2022-01-01', '2022-12-31'), // between the two: fine
      importRow('100000000008', '2023-06-01', '2023-06-30'), // inside the second
    ];
    const { rejected } = await countBoth(rows, { ...MONTHS, mode: 'skip-invalid' });
    expect(rejected.map((r) => [r.location.line, r.issues[0]?.detail])).toEqual([
      [5, 'it overlaps the registration at line 3, from 2023-01-01, to 2023-12-31'],
    ]);
  });

  it('name rows by index when objects carry no line', () => {
    const rejected: unknown[] = [];
    countRegisteredMeters([GOOD, GOOD], { ...MONTHS, mode: 'skip-invalid', onReject: (r) => rejected.push(r) });
    expect(rejected).toMatchObject([
      {
        location: { path: [1] },
        issues: [{ detail: 'it overlaps the registration at row 0, from 2020-01-01, still registered' }],
      },
    ]);
  });
});

describe('bad registration files', () => {
  const header = HEADER.join(',');
  const good = toCsv([GOOD]).split('\n')[1] as string;

  it('a ragged row', async () => {
    const text = `${header}\n${good}\n${good},extra\n1012345678903,importSupplier\n`;
    const issues = await strictIssues(text);
    expect(issues.map((issue) => [issue.line, issue.code, issue.received])).toEqual([
      [3, 'raggedRow', '9 cells'],
      [4, 'raggedRow', '2 cells'],
    ]);
  });

  it('a header missing a column, or with an unknown or repeated one', async () => {
    const missing = await strictIssues(`meterPoint,chargingGroup,premises,registeredFrom,registeredTo\n${good}\n`);
    expect(missing).toMatchObject([
      { line: 1, code: 'missingColumn', expected: expect.stringContaining('"enrolledFrom"') },
    ]);
    const unknown = await strictIssues(`${header},colour\n`);
    expect(unknown).toMatchObject([{ line: 1, code: 'unknownColumn' }]);
    const repeated = await strictIssues(`${header},region\n`);
    expect(repeated).toMatchObject([{ line: 1, code: 'repeatedColumn' }]);
    // A header problem stops the count in skip-invalid mode too: no row can be read.
    await expect(countCsvText(`${header},colour\n${good}\n`, { ...MONTHS, mode: 'skip-invalid' })).rejects.toThrow(
      InputError,
    );
  });

  it('an empty file (no bytes, or only blank lines)', async () => {
    expect(await strictIssues('')).toMatchObject([{ line: 1, code: 'emptyFile', source: 'reg.csv' }]);
    expect(await strictIssues('\r\n\n')).toMatchObject([{ code: 'emptyFile' }]);
  });

  it('a header alone is a register with no rows', async () => {
    const result = await countCsvText(`${header}\n`, MONTHS);
    expect(result.summary).toEqual({ rowsRead: 0, rowsCounted: 0, rowsRejected: 0 });
    expect(result.counts).toEqual([]);
  });

  it('a byte-order mark and CRLF line ends simply work, as do quoted cells and columns in any order', async () => {
    const rows = [GOOD, importRow('100000000009', '2025-04-30', '', '2025-04-01')];
    const plain = await countCsvText(toCsv(rows), MONTHS);
    const bomCrlf = await countCsvText(`\uFEFF${toCsv(rows, '\r\n')}`, MONTHS, [1, 2, 5]);
    expect(bomCrlf.counts).toEqual(plain.counts);
    expect(bomCrlf.summary).toEqual({ rowsRead: 2, rowsCounted: 2, rowsRejected: 0 });
    const reordered = `registeredTo,enrolledFrom,"meterPoint",premises,chargingGroup,registeredFrom\r\n,,"${GOOD.meterPoint}",domestic,importSupplier,2020-01-01\r\n,2025-04-01,${withCheckDigit('100000000009')},"domestic",importSupplier,2025-04-30`;
    expect((await countCsvText(reordered, MONTHS)).counts).toEqual(plain.counts);
  });

  it('a malformed quote is a rejected row, with its line', async () => {
    const text = `${header}\n${good}\n10123"45678903,importSupplier,domestic,2020-01-01,,,,\n"${GOOD.meterPoint},importSupplier,domestic,2020-01-01,,,,\n`;
    const rejected: unknown[] = [];
    const result = await countCsvText(text, { ...MONTHS, mode: 'skip-invalid', onReject: (r) => rejected.push(r) });
    expect(result.summary).toEqual({ rowsRead: 3, rowsCounted: 1, rowsRejected: 2 });
    expect(rejected).toMatchObject([
      { location: { line: 3 }, issues: [{ code: 'malformedCsv' }] },
      { location: { line: 4 }, issues: [{ code: 'malformedCsv' }] },
    ]);
  });

  it('strict mode lists the first problems, then stops reading', async () => {
    const bad = toCsv([{ ...GOOD, meterPoint: '1012345678904' }]).split('\n')[1] as string;
    const text = `${header}\n${Array.from({ length: 30 }, () => bad).join('\n')}\n`;
    const issues = await strictIssues(text, { maxIssues: 5 });
    expect(issues).toHaveLength(5 + 1);
    expect(issues.slice(0, 5).map((issue) => issue.line)).toEqual([2, 3, 4, 5, 6]);
    expect(issues[5]).toMatchObject({ code: 'tooManyProblems', received: 'more problems, the last at line 6' });
  });

  it('a quote never closed stops at its line once the record passes 64 KiB, in both modes (memory stays bounded)', async () => {
    const row = '1000001,g3,domestic,2020-01-01,,,north,';
    const text = `${header}\n${row}\n"${`${row}\n`.repeat(3000)}`;
    for (const mode of ['strict', 'skip-invalid'] as const) {
      await expect(
        countCsvText(text, { ...MONTHS, mode, onReject: () => undefined, source: 'r.csv' }, [4096]),
      ).rejects.toMatchObject({
        issues: [
          {
            source: 'r.csv',
            line: 3,
            code: 'malformedCsv',
            expected: 'a record of at most 65536 bytes that ends with a line feed',
          },
        ],
      });
    }
  });

  it('line ends that are neither LF nor CRLF stop at line 1, not after reading the file into one record', async () => {
    const text = `${header}\r${'1000001,g3,domestic,2020-01-01,,,north,\r'.repeat(3000)}`;
    await expect(countCsvText(text, MONTHS, [4096])).rejects.toMatchObject({
      issues: [{ line: 1, code: 'malformedCsv' }],
    });
  });

  it('a header with many unknown columns lists twenty problems and counts the rest', async () => {
    const wide = [...HEADER, ...Array.from({ length: 30 }, (_, index) => `extra${index}`)].join(',');
    const error = await countCsvText(`${wide}\n`, MONTHS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues;
    expect(issues).toHaveLength(21);
    expect(issues[20]).toMatchObject({
      code: 'tooManyProblems',
      received: '10 more problems in the header, not listed',
    });
  });

  it('bad options are reported together', async () => {
    await expect(
      countCsvText(`${header}\n`, { from: '2025-13', to: '2025-04', mode: 'lenient' as 'strict', maxIssues: 0 }),
    ).rejects.toMatchObject({
      issues: [{ field: 'mode' }, { field: 'maxIssues' }, { field: 'from' }],
    });
  });

  it('a row that is not an object', () => {
    const rejected: unknown[] = [];
    const result = countRegisteredMeters([GOOD, 'text', null], {
      ...MONTHS,
      mode: 'skip-invalid',
      onReject: (r) => rejected.push(r),
    });
    expect(result.summary).toEqual({ rowsRead: 3, rowsCounted: 1, rowsRejected: 2 });
    expect(rejected).toMatchObject([
      { issues: [{ code: 'notAnObject', path: [1] }] },
      { issues: [{ code: 'notAnObject', path: [2] }] },
    ]);
  });

  it('an object with an unknown field or a value that is not text', () => {
    expect(() => countRegisteredMeters([{ ...GOOD, colour: 'red' }], MONTHS)).toThrow(/only the fields/);
    expect(() => countRegisteredMeters([{ ...GOOD, meterPoint: 1012345678903 }], MONTHS)).toThrow(/as a text value/);
  });
});
