/**
 * Hostile inputs, class "structure" (size of the problem list): every reader lists at most
 * MAX_LISTED_ISSUES problems, then one `tooManyProblems` issue saying how many more there were
 * (decision 0063), and building the list never overflows the stack, even with 300,000 bad rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, readInvoice, readMeterCounts } from '../../src/index.js';
import { capIssues, collectInputIssues, MAX_LISTED_ISSUES, type InputIssue } from '../../src/errors/input-error.js';
import { DEFAULT_MAX_ISSUES } from '../../src/registrations/count-options.js';
import { parseJsonText } from '../../src/text/json-text.js';
import { runCliCapture } from '../support/cli.js';
import { fixture } from '../support/fixtures.js';
import { countCsvText, HEADER } from '../registrations/helpers.js';

const BAD_ROWS = 300_000;
/** Room for the large inputs on a slow, shared machine: the tests are about sizes, never speed. */
const LARGE_INPUT_TIMEOUT = 300_000;
const STATEMENT = fixture('statements', 'illustrative-2025-26.json');
const scratch = mkdtempSync(join(tmpdir(), 'dcc-hostile-cap-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const METER_HEADER = 'chargingGroup,region,premises,enrolled,count';
const BAD_METER_ROW = 'importSupplier,north,domestic,true,-1';
function badMetersCsv(rows: number): string {
  const lines = [METER_HEADER];
  for (let index = 0; index < rows; index += 1) lines.push(BAD_METER_ROW);
  return `${lines.join('\n')}\n`;
}

function caught(call: () => unknown): InputError {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The listed issues end with the summary of the rest. */
function expectCapped(error: InputError, total: number): void {
  expect(error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
  expect(error.issues[MAX_LISTED_ISSUES]).toMatchObject({
    code: 'tooManyProblems',
    received: `${total - MAX_LISTED_ISSUES} more problems, not listed`,
  });
  expect(error.problemCount).toBe(total);
  expect(error.message).toMatch(new RegExp(`^${total} problems; first: `));
}

describe('the problem cap', () => {
  it('is one number for every reader: the registration reader stops at the same one', () => {
    expect(DEFAULT_MAX_ISSUES).toBe(MAX_LISTED_ISSUES);
    expect(MAX_LISTED_ISSUES).toBe(20);
  });

  it(
    `${BAD_ROWS} bad CSV rows through the library: ${MAX_LISTED_ISSUES} listed and the count of the rest, no RangeError`,
    () => {
      const error = caught(() => readMeterCounts(badMetersCsv(BAD_ROWS), { source: 'meters.csv' }));
      expectCapped(error, BAD_ROWS);
      expect(error.issues[0]).toMatchObject({ source: 'meters.csv', line: 2, field: 'count' });
      expect(error.issues[MAX_LISTED_ISSUES - 1]).toMatchObject({ line: MAX_LISTED_ISSUES + 1 });
    },
    LARGE_INPUT_TIMEOUT,
  );

  it(
    `${BAD_ROWS} bad rows through the command line: ${MAX_LISTED_ISSUES} messages, the count of the rest, exit 2`,
    async () => {
      const path = join(scratch, 'meters.csv');
      writeFileSync(path, badMetersCsv(BAD_ROWS));
      const run = await runCliCapture(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', path]);
      expect(run.code).toBe(2);
      const errors = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
      expect(errors).toHaveLength(MAX_LISTED_ISSUES + 1);
      expect(errors[MAX_LISTED_ISSUES]).toContain(`${BAD_ROWS - MAX_LISTED_ISSUES} more problems, not listed`);
      expect(run.stderr).toContain(`${BAD_ROWS} problems in the input; nothing was computed.`);
      expect(run.stderr.length).toBeLessThan(10_000);
    },
    LARGE_INPUT_TIMEOUT,
  );

  it('a JSON table of many bad rows, and of many repeated keys: capped the same way', () => {
    const rows = 50_000;
    const bad = `[${Array.from({ length: rows }, () => '{"chargingGroup":"importSupplier","region":"north","premises":"domestic","enrolled":true,"count":"-1"}').join(',')}]`;
    expectCapped(
      caught(() => readMeterCounts(bad)),
      rows,
    );
    const repeated = `{${Array.from({ length: rows + 1 }, (_, index) => `"k":${index}`).join(',')}}`;
    expectCapped(
      caught(() => parseJsonText(repeated)),
      rows,
    );
  });

  it('an invoice of many bad rows: capped, no RangeError', () => {
    const rows = 50_000;
    const line =
      '{"month":"2025-06","kind":"fixed","chargingGroup":"importSupplier","region":"north","quantity":"x","unitPrice":"1.00","amount":"1.00"}';
    const error = caught(() => readInvoice(`[${Array.from({ length: rows }, () => line).join(',')}]`));
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.issues[MAX_LISTED_ISSUES]?.code).toBe('tooManyProblems');
    expect(error.problemCount).toBeGreaterThanOrEqual(rows);
  });

  it('the registration reader in strict mode stops at the same number and says so', async () => {
    const lines = [HEADER.join(',')];
    for (let index = 0; index < 1000; index += 1) lines.push('12,importSupplier,domestic,2020-01-01,,,,');
    const error = await countCsvText(`${lines.join('\n')}\n`, { from: '2025-04', to: '2025-06' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues;
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[MAX_LISTED_ISSUES]).toMatchObject({
      code: 'tooManyProblems',
      received: `more problems, the last at line ${MAX_LISTED_ISSUES + 1}`,
    });
  });

  it('problems of several inputs collected together keep an exact count of those not listed', () => {
    const issues: InputIssue[] = [];
    const many = (source: string, count: number) => () => {
      throw new InputError(
        Array.from(
          { length: count },
          (_, index): InputIssue => ({ source, line: index + 2, code: 'invalidValue', expected: 'x' }),
        ),
      );
    };
    collectInputIssues(issues, many('a.csv', 100_000));
    collectInputIssues(issues, many('b.csv', 3));
    const error = new InputError(issues);
    // a.csv: 20 listed + a summary of 99,980; b.csv: 3 more, cut with the summary's 99,980.
    expect(error.problemCount).toBe(100_000 + 3);
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.issues[MAX_LISTED_ISSUES]?.received).toBe(`${99_980 + 3} more problems, not listed`);
  });

  it('a list capped already is kept as it is, and capping never spreads the list into arguments', () => {
    const issues = Array.from(
      { length: 1_000_000 },
      (_, index): InputIssue => ({ line: index, code: 'invalidValue', expected: 'x' }),
    );
    const capped = capIssues(issues);
    expect(capped).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(new InputError(capped).issues).toEqual(capped);
    expect(new InputError(capped).problemCount).toBe(1_000_000);
  });
});
