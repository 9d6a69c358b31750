/**
 * CSV bytes read a chunk at a time (`visitCsvChunks`) against the text read whole
 * (`visitCsv`): the same header, rows, lines, cells and problems, whatever the chunks; and
 * text that is not UTF-8 reported at its line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { visitCsv, type CsvVisit, type CsvVisitor } from '../../src/tables/csv.js';
import { visitCsvChunks } from '../../src/tables/csv-chunks.js';
import { chunksOf } from '../support/csv-chunks.js';

/** What a visitor is given, in order, and what the visit returns. */
function collect(visit: (visitor: CsvVisitor) => CsvVisit) {
  const records: { kind: 'header' | 'row'; cells: readonly string[]; line: number }[] = [];
  const result = visit({
    header: (names, line) => records.push({ kind: 'header', cells: names, line }),
    row: (cells, line) => records.push({ kind: 'row', cells, line }),
  });
  return { records, result };
}

const cell = fc.oneof(
  fc.constantFrom('', 'a', ' padded ', 'g1', '12.50', 'Café', '£5', 'x\ty'),
  fc.stringMatching(/^[a-z0-9 ,"\r\n]{0,6}$/),
);

/** CSV text: records of quoted and bare cells (stray and unclosed quotes too), any line end, blank lines, a byte-order mark. */
const csvText = fc
  .record({
    records: fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 4 }), {
      minLength: 0,
      maxLength: 8,
    }),
    lineEnd: fc.constantFrom('\n', '\r\n'),
    blank: fc.nat(8),
    bom: fc.boolean(),
    last: fc.boolean(),
  })
  .map(({ records, lineEnd, blank, bom, last }) => {
    const lines = records.map((cells) =>
      cells.map(([text, quote]) => (quote ? `"${text.replace(/"/g, '""')}"` : text)).join(','),
    );
    if (blank < lines.length) lines.splice(blank, 0, '');
    return `${bom ? '\uFEFF' : ''}${lines.join(lineEnd)}${last ? lineEnd : ''}`;
  });

describe('CSV read a chunk at a time', () => {
  it('gives the header, rows, lines, cells and problems the text read whole gives, whatever the chunks', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.integer({ min: 1, max: 23 }), { minLength: 1, maxLength: 3 }), (text, sizes) => {
        const whole = collect((visitor) => visitCsv(text, 'table.csv', visitor));
        const read = collect((visitor) =>
          visitCsvChunks(chunksOf(new TextEncoder().encode(text), sizes, 'table.csv'), visitor),
        );
        expect(read).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports bytes that are not UTF-8 at the line they are on, and a NUL character as visitCsv does', () => {
    const text = new TextEncoder().encode('a,b\n1,2\n3,Caf\u00e9\n');
    const at = text.indexOf(0xc3);
    const latin1 = new Uint8Array([...text.subarray(0, at), 0xe9, ...text.subarray(at + 2)]);
    const issuesOf = (bytes: Uint8Array) => {
      try {
        visitCsvChunks(chunksOf(bytes, [5], 'table.csv'), { header: () => undefined, row: () => undefined });
      } catch (error) {
        if (error instanceof InputError) return error.issues.map((issue) => [issue.line, issue.code]);
        throw error;
      }
      return [];
    };
    expect(issuesOf(latin1)).toEqual([[3, 'invalidEncoding']]);
    const withNul = 'a,b\n1,2\n3,x\u0000y\n';
    expect(issuesOf(new TextEncoder().encode(withNul))).toEqual(
      visitCsv(withNul, 'table.csv', { header: () => undefined, row: () => undefined }).problems.map((issue) => [
        issue.line,
        issue.code,
      ]),
    );
  });
});
