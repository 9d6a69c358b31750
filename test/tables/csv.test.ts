/** The CSV reader and the safe CSV writer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/tables/csv.js';
import { csvCell, writeCsv } from '../../src/tables/csv-write.js';

describe('readCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const table = readCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(table.rows).toEqual([
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
    ]);
    expect(table.issues).toEqual([]);
  });

  it('ignores a final line end and blank lines, but keeps line numbers true', () => {
    expect(readCsv('a\r\n1\r\n\r\n2').rows).toEqual([
      { line: 2, cells: ['1'] },
      { line: 4, cells: ['2'] },
    ]);
  });

  it('reports a stray quote inside a field', () => {
    expect(readCsv('a,b\nx"y,1\n').issues).toEqual([expect.objectContaining({ line: 2, code: 'malformedCsv' })]);
  });
});

describe('writeCsv', () => {
  it('neutralises formula-like text but keeps numbers as numbers', () => {
    expect(['=SUM(A1)', '+1 call', '-x', '@cmd', '\tx', '\rx', '-12.50', '12.50', 'plain'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+1 call",
      "'-x",
      "'@cmd",
      "'\tx",
      `"'\rx"`,
      '-12.50',
      '12.50',
      'plain',
    ]);
  });

  it('round-trips any text through readCsv (after neutralising)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = writeCsv(['a', 'b'], rows);
        const table = readCsv(text);
        expect(table.issues).toEqual([]);
        expect(table.rows.map((row) => row.cells)).toEqual(
          rows.map((row) =>
            row.map((cell) =>
              /^[=+\-@\t\r]/.test(cell) && !/^-?(0|[1-9]\d*)(\.\d+)?$/.test(cell) ? `'${cell}` : cell,
            ),
          ),
        );
      }),
    );
  });
});
