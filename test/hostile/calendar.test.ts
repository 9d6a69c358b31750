/**
 * Hostile calendar inputs: months and Regulatory Years outside the supported range (decision
 * 0066), and month arithmetic under time zones that skipped or repeated a day. Month
 * arithmetic is checked against an independent oracle (UTC `Date` arithmetic) for every
 * supported month.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countRegisteredMeters, InputError, readChargingStatement } from '../../src/index.js';
import {
  addToMonth,
  compareMonths,
  daysInMonth,
  isMonth,
  isRegulatoryYear,
  monthsBetween,
  monthsOfRegulatoryYear,
  regulatoryYearOf,
  startYearOf,
} from '../../src/vocabulary.js';
import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  nextMonth,
  previousMonth,
  monthsFrom,
  SUPPORTED_MONTH_PATTERN,
  SUPPORTED_REGULATORY_YEAR_PATTERN,
} from '../../src/vocabulary/months.js';
import { snapshotsOf } from '../../src/registrations/snapshots.js';
import { runCliCapture } from '../support/cli.js';
import { fixture, fixtureJson, ROOT } from '../support/fixtures.js';

const ZONES = [
  'UTC',
  'Europe/London',
  'America/Los_Angeles',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Australia/Lord_Howe',
];
const RANGE = /from 2000-01 to 2199-12/;

const originalZone = process.env['TZ'];
afterEach(() => {
  if (originalZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalZone;
});

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const monthText = (year: number, month: number) => `${pad(year, 4)}-${pad(month, 2)}`;

/** Every supported month, by nested loops (no calendar code involved). */
const SUPPORTED: string[] = [];
for (let year = 2000; year <= 2199; year += 1)
  for (let month = 1; month <= 12; month += 1) SUPPORTED.push(monthText(year, month));

/** The oracle: UTC `Date` arithmetic, independent of the module under test. */
function oracleAdd(month: string, count: number): string {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + count, 1);
  return monthText(date.getUTCFullYear(), date.getUTCMonth() + 1);
}
function oracleDays(month: string): number {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0);
  return date.getUTCDate();
}

describe('the supported range, 2000-01 to 2199-12', () => {
  it('isMonth accepts exactly the 2400 supported months among all 120,000 four-digit months, and the schema pattern agrees', () => {
    let accepted = 0;
    for (let year = 0; year <= 9999; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const text = monthText(year, month);
        const supported = year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
        if (isMonth(text) !== supported || SUPPORTED_MONTH_PATTERN.test(text) !== supported) {
          throw new Error(`disagreement at ${text}`);
        }
        if (supported) accepted += 1;
      }
    }
    expect(accepted).toBe(2400); // (2199 - 2000 + 1) x 12
  });

  it('isRegulatoryYear accepts exactly 2000/01 to 2198/99, and the schema pattern admits each', () => {
    let accepted = 0;
    for (let start = 0; start <= 9999; start += 1) {
      const text = `${pad(start, 4)}/${pad((start + 1) % 100, 2)}`;
      const supported = start >= 2000 && start <= 2198;
      if (isRegulatoryYear(text) !== supported) throw new Error(`disagreement at ${text}`);
      if (supported) {
        accepted += 1;
        if (!SUPPORTED_REGULATORY_YEAR_PATTERN.test(text)) throw new Error(`pattern refuses ${text}`);
        for (const month of monthsOfRegulatoryYear(text))
          if (!isMonth(month)) throw new Error(`${text} holds ${month}`);
      }
    }
    expect(accepted).toBe(199); // 2198 - 2000 + 1
  });

  it.each([
    '0099-01',
    '0000-01',
    '1999-12',
    '2200-01',
    '9999-12',
    '10000-01',
    '+2025-01',
    '-2025-01',
    '2025-1',
    '2025-001',
    '2025-13',
    '2025-00',
    ' 2025-01',
    '2025-01 ',
    '2025-01\n',
    '２０２５-０１',
    '2025‐01',
    '2025/01',
    '',
    '2025',
  ])('refuses the month %j', (text) => {
    expect(isMonth(text)).toBe(false);
  });

  it.each(['0099/00', '1999/00', '2199/00', '9999/00', '2025/27', '2025/2026', '2025-26', '2025/26 ', '２０２５/２６'])(
    'refuses the Regulatory Year %j',
    (text) => {
      expect(isRegulatoryYear(text)).toBe(false);
      expect(() => startYearOf(text)).toThrow(InputError);
      expect(() => monthsOfRegulatoryYear(text)).toThrow(/from 2000\/01 to 2198\/99/);
    },
  );

  it('every supported month has a next and a previous month, and stepping is exact', () => {
    for (const month of SUPPORTED) {
      const next = nextMonth(month);
      if (previousMonth(next) !== month || monthsFrom(month, next) !== 1 || compareMonths(month, next) !== -1) {
        throw new Error(`stepping breaks at ${month}`);
      }
      const year = regulatoryYearOf(month);
      if (isRegulatoryYear(year) && !monthsOfRegulatoryYear(year).includes(month))
        throw new Error(`${month} not in its year`);
    }
    expect(nextMonth('2199-12')).toBe('2200-01');
    expect(previousMonth('2000-01')).toBe('1999-12');
    expect([regulatoryYearOf('2000-03'), regulatoryYearOf('2199-04')]).toEqual(['1999/00', '2199/00']); // written, though outside the supported years
  });

  it('arithmetic that would leave the four-digit years is an InputError, never a malformed month', () => {
    expect(() => addToMonth('9999-12', 1)).toThrow(InputError);
    expect(() => addToMonth('0000-01', -1)).toThrow(InputError);
    expect(() => addToMonth('2025-01', 0.5)).toThrow(/whole number of months/);
    expect(() => addToMonth('2025-01', Number.NaN)).toThrow(InputError);
    expect(() => addToMonth('2025-01', Number.POSITIVE_INFINITY)).toThrow(InputError);
    expect(() => addToMonth('10000-01', 1)).toThrow(InputError);
  });
});

describe('month arithmetic agrees with UTC Date arithmetic under every zone', () => {
  it.each(ZONES)('TZ=%s', (zone) => {
    process.env['TZ'] = zone;
    for (const month of SUPPORTED) {
      if (daysInMonth(month) !== oracleDays(month)) throw new Error(`days of ${month} under ${zone}`);
    }
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORTED), fc.integer({ min: -2400, max: 2400 }), (month, count) => {
        expect(addToMonth(month, count)).toBe(oracleAdd(month, count));
      }),
      { numRuns: 500 },
    );
    for (let start = 2000; start <= 2198; start += 1) {
      const year = `${start}/${pad((start + 1) % 100, 2)}`;
      const months = monthsOfRegulatoryYear(year);
      const expected = Array.from({ length: 12 }, (_, index) => oracleAdd(`${start}-04`, index));
      if (months.join() !== expected.join()) throw new Error(`${year} under ${zone}: ${months.join()}`);
    }
    expect(monthsBetween('2011-11', '2012-02')).toEqual(['2011-11', '2011-12', '2012-01', '2012-02']);
  });

  it('the zone really changes: Pacific/Apia skipped 2011-12-30 in local time', () => {
    process.env['TZ'] = 'Pacific/Apia';
    expect(new Date(2011, 11, 30).getDate()).toBe(31);
    expect(monthsOfRegulatoryYear('2011/12')).toHaveLength(12);
    expect(daysInMonth('2011-12')).toBe(31);
    expect(snapshotsOf('2011-12', '2011-12', 30)[0]?.date).toBe('2011-12-30');
  });

  it('a process started under each zone computes the same calendar', () => {
    const script = [
      "import { monthsOfRegulatoryYear, monthsBetween, daysInMonth } from './src/vocabulary.ts';",
      "import { snapshotsOf } from './src/registrations/snapshots.ts';",
      "console.log(JSON.stringify([monthsOfRegulatoryYear('2011/12'), monthsBetween('2011-10', '2012-04'), daysInMonth('2011-12'),",
      "  snapshotsOf('2011-11', '2012-01', 30).map((s) => s.date)]));",
    ].join('\n');
    const outputs = ['Pacific/Apia', 'Asia/Kathmandu', 'America/Los_Angeles', 'Europe/London'].map((zone) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      }),
    );
    const first = JSON.parse(outputs[0] ?? '') as unknown[];
    expect(first[3]).toEqual(['2011-11-30', '2011-12-30', '2012-01-30']);
    for (const output of outputs) expect(output).toBe(outputs[0]);
  });
});

describe('every input and option checks the range the same way', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-calendar-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const registrations = join(folder, 'registrations.csv');
  writeFileSync(registrations, 'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom\n');

  it.each([
    [['--from', '2025-04', '--to', '9999-12'], /--to.*from 2000-01 to 2199-12, received "9999-12"/],
    [['--from', '0099-01', '--to', '2025-04'], /--from.*from 2000-01 to 2199-12, received "0099-01"/],
    [['--from', '2199-12', '--to', '2200-01'], /--to.*received "2200-01"/],
    [['--from', '1999-12', '--to', '2000-01'], /--from.*received "1999-12"/],
  ])('count %j is refused before reading, naming the range', async (range, pattern) => {
    const run = await runCliCapture(['count', '--registrations', registrations, ...range]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/not a month|\n\s+at /);
  });

  it('count accepts the last supported month and computes its snapshot', async () => {
    const run = await runCliCapture([
      'count',
      '--registrations',
      registrations,
      '--from',
      '2199-12',
      '--to',
      '2199-12',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('rows read 0 = rows counted 0 + rows rejected 0\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2199-12-31');
  });

  it.each(['9999-12', '0099-01', '2200-01'])('charges --month %s is refused, naming the range', async (month) => {
    const run = await runCliCapture([
      'charges',
      '--statement',
      fixture('statements', 'illustrative-2025-26.json'),
      '--month',
      month,
      '--meters',
      join(folder, 'missing.csv'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(RANGE);
  });

  it.each([
    ['effectiveTo', '9999-12'],
    ['effectiveFrom', '0099-04'],
    ['regulatoryYear', '0099/00'],
    ['regulatoryYear', '2199/00'],
  ])('a statement with %s %j is refused at its field, naming the range', (field, value) => {
    const statement = {
      ...(fixtureJson('statements', 'illustrative-2025-26.json') as Record<string, unknown>),
      [field]: value,
    };
    try {
      readChargingStatement(JSON.stringify(statement), 'statement.json');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const issues = (error as InputError).issues;
      const issue = issues.find((candidate) => candidate.path?.includes(field));
      expect(issue?.expected).toMatch(field === 'regulatoryYear' ? /from 2000\/01 to 2198\/99/ : RANGE);
    }
  });

  it.each([
    ['9999-12', '9999-12'],
    ['0099-01', '2025-04'],
    ['2025-04', '2200-01'],
  ])('the library count from %s to %s is an InputError naming the range', (from, to) => {
    expect(() => countRegisteredMeters([], { from, to })).toThrow(RANGE);
    expect(() => snapshotsOf(from, to)).toThrow(RANGE);
  });
});
