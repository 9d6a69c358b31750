/**
 * Hostile inputs, class "framing" (differential): over random texts of quotes, commas, CR, LF,
 * CRLF, blank lines, non-ASCII letters and a leading byte-order mark, the in-memory CSV reader
 * (`readCsv`) and the streaming registration reader's framing (`CsvRecordSplitter`, in chunks
 * of any size, then `splitCsvRecord` per record as its sinks do) give the same header, rows
 * and problems; and both agree with an independent parser, csv-parse, except where decision
 * 0063's table says why (it stops at the first problem; lone CR is data by configuration).
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, splitCsvRecord } from '../../src/tables/csv.js';
import { CsvRecordSplitter } from '../../src/tables/csv-records.js';
import { countRegistrationCsv, readRegistrationCsvRows } from '../../src/registrations/registration-csv.js';
import { chunked, HEADER } from '../registrations/helpers.js';

/** What a reader made of a text: its header, rows and problems (line and code), in line order. */
interface Framing {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
  readonly problems: readonly string[];
}

const byLine = (problems: { line?: number; code: string }[]): string[] =>
  problems
    .map((problem, index) => ({ key: `${problem.line ?? 0}:${problem.code}`, line: problem.line ?? 0, index }))
    .sort((a, b) => a.line - b.line || a.index - b.index)
    .map((problem) => problem.key);

function inMemory(text: string): Framing {
  const table = readCsv(text);
  return {
    header: table.header,
    headerLine: table.headerLine,
    rows: table.rows.map(({ line, cells }) => ({ line, cells: [...cells] })),
    problems: byLine([...table.issues]),
  };
}

/**
 * The streaming reader's framing: records from the splitter (one-line records without a
 * quote taken on the fast path from their bytes when `fast`, as the counting sink does), each
 * split by `splitCsvRecord`; the first non-blank record is the header, a record with a framing
 * problem is reported and not a row, a row of another width is ragged.
 */
function streaming(bytes: Uint8Array, sizes: readonly number[], fast: boolean): Framing {
  const records: { text: string; line: number }[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const splitter = new CsvRecordSplitter({
    fast: (chunk, start, newline, line) => {
      if (!fast) return false;
      const quote = chunk.indexOf(34, start);
      if (quote >= 0 && quote < newline) return false;
      const end = newline > start && chunk[newline - 1] === 13 ? newline - 1 : newline;
      records.push({ text: decoder.decode(chunk.subarray(start, end)), line });
      return true;
    },
    slow: (text, line) => void records.push({ text, line }),
  });
  for (const chunk of chunked(bytes, sizes)) splitter.push(chunk);
  splitter.end();
  const problems: { line: number; code: string }[] = [];
  let header: string[] | undefined;
  let headerLine = 1;
  const rows: { line: number; cells: string[] }[] = [];
  for (const { text, line } of records) {
    if (text === '') continue;
    const split = splitCsvRecord(text);
    for (const problem of split.problems) problems.push({ line, code: problem.code });
    if (header === undefined) {
      header = split.cells.map((cell) => cell.trim());
      headerLine = line;
    } else if (split.problems.length === 0) {
      rows.push({ line, cells: split.cells });
      if (split.cells.length !== header.length) problems.push({ line, code: 'raggedRow' });
    }
  }
  if (header === undefined) problems.push({ line: 1, code: 'emptyFile' });
  return { header: header ?? [], headerLine, rows, problems: byLine(problems) };
}

/** The oracle's records with the line each starts on, or the fact that it found a problem. */
function oracle(text: string): { records: { line: number; cells: string[] }[] } | { error: string } {
  try {
    const parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\n', '\r\n'],
      info: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    // Its line is where a record ends: the record starts as many lines before as its cells hold line feeds.
    return {
      records: parsed.map(({ record, info }) => ({
        line: info.lines - (record.join('').split('\n').length - 1),
        cells: record,
      })),
    };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

const PIECES = ['a', 'b', 'é', '€', ' ', ',', ',', '"', '"', '""', '\r', '\n', '\n', '\r\n', '\r\n'];
const csvText = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }))
  .map(([bom, pieces]) => `${bom ? '\uFEFF' : ''}${pieces.join('')}`);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 });

describe('the two CSV readers and an independent parser', () => {
  it('property: the in-memory reader and the streaming framing give the same header, rows and problems, in any chunks', () => {
    fc.assert(
      fc.property(csvText, chunkSizes, fc.boolean(), (text, sizes, fast) => {
        expect(streaming(new TextEncoder().encode(text), sizes, fast)).toEqual(inMemory(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: both agree with csv-parse: the same records where it reads the text, a malformedCsv problem where it refuses it', () => {
    let refused = 0;
    fc.assert(
      fc.property(csvText, (text) => {
        const ours = inMemory(text);
        const theirs = oracle(text);
        const malformed = ours.problems.some((problem) => problem.endsWith(':malformedCsv'));
        if ('error' in theirs) {
          refused += 1;
          expect(malformed).toBe(true);
          return;
        }
        expect(malformed).toBe(false);
        const records =
          ours.header.length === 0 && ours.problems.includes('1:emptyFile')
            ? []
            : [{ line: ours.headerLine, cells: [...ours.header] }, ...ours.rows];
        const expected = theirs.records.map((record, index) =>
          index === 0 ? { ...record, cells: record.cells.map((cell) => cell.trim()) } : record,
        );
        // csv-parse counts a CR in its line numbers as a line of its own (not as a record end, by the
        // configuration): lines are compared on texts without CR, cells on all.
        if (text.includes('\r'))
          expect(records.map((record) => record.cells)).toEqual(expected.map((record) => record.cells));
        else expect(records).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches both sides of the comparison.
    expect(refused).toBeGreaterThan(100);
  });

  it('the documented cases, one by one', () => {
    const cases: readonly [string, string][] = [
      ['a,b\n"12"3,x\n', 'text after a closing quote'],
      ['a,b\n1,2"\n', 'a stray quote in an unquoted field'],
      ['a,b\n"1\n', 'an unclosed quote'],
      ['a,b\n "1",2\n', 'a space before an opening quote'],
      ['a,b\n"1" ,2\n', 'a space after a closing quote'],
      ['"a"b,c\nx,y\n', 'a malformed header'],
    ];
    for (const [text, what] of cases) {
      expect('error' in oracle(text), what).toBe(true);
      expect(
        inMemory(text).problems.some((problem) => problem.endsWith(':malformedCsv')),
        what,
      ).toBe(true);
      expect(streaming(new TextEncoder().encode(text), [3], true), what).toEqual(inMemory(text));
    }
  });
});

describe('a byte-order mark before a blank line and the header (both readers alike)', () => {
  const row = '1012345678903,importSupplier,domestic,2019-06-01,,2021-03-15,,';
  const texts = [
    `\uFEFF\n${HEADER.join(',')}\n${row}\n`,
    `\uFEFF\r\n\r\n${HEADER.join(',')}\r\n${row}\r\n`,
    `\uFEFF${HEADER.join(',')}\n${row}\n`,
  ];
  for (const text of texts) {
    it(`${JSON.stringify(text.slice(0, 4))}...: the header is found on the same line, the row read`, async () => {
      const table = readCsv(text);
      expect(table.issues).toEqual([]);
      expect(table.header).toEqual([...HEADER]);
      for (const sizes of [[1 << 20], [1], [2], [5]]) {
        const rows: { line?: number | undefined }[] = [];
        for await (const read of readRegistrationCsvRows(chunked(new TextEncoder().encode(text), sizes)))
          rows.push(read);
        expect(rows.map((read) => read.line)).toEqual(table.rows.map((read) => read.line));
        const counted = await countRegistrationCsv(chunked(new TextEncoder().encode(text), sizes), {
          from: '2025-04',
          to: '2025-04',
        });
        expect(counted.summary).toEqual({ rowsRead: 1, rowsCounted: 1, rowsRejected: 0 });
      }
    });
  }
  it('a header with a framing problem is reported by the streaming reader too, not read as "ab"', async () => {
    const text = `"meterPoint"x,${HEADER.slice(1).join(',')}\n`;
    await expect(
      countRegistrationCsv([new TextEncoder().encode(text)], { from: '2025-04', to: '2025-04' }),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ line: 1, code: 'malformedCsv' })]) as unknown,
    });
    expect(readCsv(text).issues.map((issue) => issue.code)).toContain('malformedCsv');
  });
});
