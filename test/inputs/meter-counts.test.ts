/** Meter counts from CSV and JSON: what is accepted, and every bad-input class. */
import { describe, expect, it } from 'vitest';
import { readMeterCounts, parseMeterCounts } from '../../src/index.js';
import { inputIssues } from '../support/errors.js';

const HEADER = 'chargingGroup,region,premises,enrolled,count';

describe('reading meter counts', () => {
  it('reads CSV with a header row, g1..g5 or identifiers, true/false', () => {
    const rows = readMeterCounts(`${HEADER}\ng1,north,domestic,true,1200\ngasSupplier,south,nonDomestic,false,0\n`);
    expect(rows).toEqual([
      { chargingGroup: 'importSupplier', region: 'north', premises: 'domestic', enrolled: true, count: 1200 },
      { chargingGroup: 'gasSupplier', region: 'south', premises: 'nonDomestic', enrolled: false, count: 0 },
    ]);
  });

  it('reads a byte-order mark, CRLF line ends, quoted cells, columns in any order and an optional month', () => {
    const text = `\uFEFFcount,"enrolled",premises,region,chargingGroup,month\r\n"1,0"\r\n`;
    expect(inputIssues(() => readMeterCounts(text)).issues[0]?.code).toBe('raggedRow');
    const rows = readMeterCounts(
      `\uFEFFcount,enrolled,premises,region,chargingGroup,month\r\n"15",true,domestic,central,g2,2025-06\r\n`,
    );
    expect(rows).toEqual([
      {
        month: '2025-06',
        chargingGroup: 'exportSupplier',
        region: 'central',
        premises: 'domestic',
        enrolled: true,
        count: 15,
      },
    ]);
  });

  it('reads a JSON array, and a JSON document that says it is illustrative', () => {
    const row = { chargingGroup: 'g3', region: 'north', premises: 'domestic', enrolled: false, count: 7 };
    expect(readMeterCounts(JSON.stringify([row]))).toEqual([{ ...row, chargingGroup: 'gasSupplier' }]);
    expect(
      readMeterCounts(JSON.stringify({ illustrative: true, rows: [{ ...row, count: '7', enrolled: 'false' }] })),
    ).toEqual([{ ...row, chargingGroup: 'gasSupplier' }]);
  });
});

describe('bad meter counts', () => {
  it.each([
    ['-5', 'negative'],
    ['2.5', 'fractional'],
    ['1e3', 'exponent'],
    ['', 'empty'],
    ['12 ', 'padded'],
  ])('rejects the count %j (%s), with file, line and field', (count) => {
    const { messages } = inputIssues(() =>
      readMeterCounts(`${HEADER}\ng1,north,domestic,true,10\ng1,south,domestic,true,${count}\n`, { source: 'm.csv' }),
    );
    expect(messages).toEqual([
      `m.csv, line 3, field "count": expected a whole number of meters from 0 to 1000000000000, such as "1200", received ${JSON.stringify(count)}`,
    ]);
  });

  it('rejects a count above 10^12 (the bound that keeps national sums exact)', () => {
    const { issues } = inputIssues(() => readMeterCounts(`${HEADER}\ng1,north,domestic,true,1000000000001\n`));
    expect(issues).toEqual([expect.objectContaining({ line: 2, field: 'count' })]);
    expect(readMeterCounts(`${HEADER}\ng1,north,domestic,true,1000000000000\n`)[0]?.count).toBe(10 ** 12);
  });

  it('rejects negative and fractional JSON counts', () => {
    const base = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true };
    const { issues } = inputIssues(() =>
      parseMeterCounts(
        [
          { ...base, count: -1 },
          { ...base, region: 'south', count: 1.5 },
        ],
        'm.json',
      ),
    );
    expect(issues.map((issue) => [issue.path, issue.field, issue.received, issue.expected])).toEqual([
      [[0], 'count', '-1', 'a whole number of meters from 0 to 1000000000000, such as "1200"'],
      [[1], 'count', '1.5', 'a whole number of meters from 0 to 1000000000000, such as "1200"'],
    ]);
  });

  it('rejects an unknown group, region, premises type and enrolment value in one pass', () => {
    const { issues } = inputIssues(() => readMeterCounts(`${HEADER}\ng7,east,flat,yes,10\n`, { source: 'm.csv' }));
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [2, 'chargingGroup'],
      [2, 'region'],
      [2, 'premises'],
      [2, 'enrolled'],
    ]);
  });

  it('rejects a national region in counts (counts are per Region)', () => {
    const { issues } = inputIssues(() => readMeterCounts(`${HEADER}\ng1,national,domestic,true,10\n`));
    expect(issues[0]?.expected).toBe('a Region: one of "north", "central", "south"');
  });

  it('rejects a repeated key instead of summing, naming both lines', () => {
    const { messages } = inputIssues(() =>
      readMeterCounts(`${HEADER}\ng1,north,domestic,true,10\nimportSupplier,north,domestic,true,5\n`, {
        source: 'm.csv',
      }),
    );
    expect(messages).toEqual([
      'm.csv, line 3: expected one row per month, chargingGroup, region, premises and enrolled (rows are not summed), received importSupplier north domestic enrolled=true again (first at m.csv, line 2)',
    ]);
  });

  it('rejects a header missing a column, an unknown column and a repeated column', () => {
    const missing = inputIssues(() =>
      readMeterCounts('chargingGroup,region,premises,count\ng1,north,domestic,1\n', { source: 'm.csv' }),
    );
    expect(missing.issues).toEqual([
      expect.objectContaining({ line: 1, code: 'missingColumn', expected: expect.stringContaining('"enrolled"') }),
    ]);
    const unknown = inputIssues(() => readMeterCounts(`${HEADER},colour\ng1,north,domestic,true,1,red\n`));
    expect(unknown.issues).toEqual([
      expect.objectContaining({ code: 'unknownColumn', received: 'the column "colour"' }),
    ]);
    const repeated = inputIssues(() => readMeterCounts(`${HEADER},count\ng1,north,domestic,true,1,2\n`));
    expect(repeated.issues).toEqual([expect.objectContaining({ code: 'repeatedColumn' })]);
  });

  it('rejects ragged rows with their line numbers', () => {
    const { issues } = inputIssues(() =>
      readMeterCounts(`${HEADER}\ng1,north,domestic,true\ng1,south,domestic,true,1,9\n`, { source: 'm.csv' }),
    );
    expect(issues.map((issue) => [issue.line, issue.code, issue.received])).toEqual([
      [2, 'raggedRow', '4 cells'],
      [3, 'raggedRow', '6 cells'],
    ]);
  });

  it('reports a ragged row together with the problems of the other rows, in line order', () => {
    const text = `${HEADER}\ng1,north,domestic,true\ng1,south,domestic,true,-1\ng1,central,domestic,true,5\ng1,central,domestic,true,7\ng1,north,domestic,false,NaN\n`;
    const { issues } = inputIssues(() => readMeterCounts(text));
    expect(issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'raggedRow'],
      [3, 'invalidValue'],
      [5, 'duplicateRow'],
      [6, 'invalidValue'],
    ]);
  });

  it('rejects an unterminated quote and an empty file', () => {
    expect(inputIssues(() => readMeterCounts(`${HEADER}\n"g1,north,domestic,true,1\n`)).issues[0]).toMatchObject({
      line: 2,
      code: 'malformedCsv',
    });
    expect(inputIssues(() => readMeterCounts('', { source: 'empty.csv' })).messages).toEqual([
      'empty.csv, line 1: expected a header row naming the columns, received an empty file',
    ]);
  });

  it('rejects malformed JSON, a non-array and unknown row fields', () => {
    expect(
      inputIssues(() => readMeterCounts('[{"chargingGroup": "g1",', { source: 'm.json' })).issues[0],
    ).toMatchObject({ code: 'malformedJson' });
    expect(inputIssues(() => readMeterCounts('{"count": 1}', { format: 'json' })).issues[0]).toMatchObject({
      code: 'notAnArray',
    });
    const row = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1, colour: 'red' };
    expect(inputIssues(() => readMeterCounts(JSON.stringify([row]))).issues[0]).toMatchObject({
      code: 'unknownField',
      path: [0],
    });
  });
});
