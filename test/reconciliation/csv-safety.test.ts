/**
 * CSV safety: text cells a spreadsheet would run as a formula (starting with =, +, -, @,
 * a tab or a carriage return) are neutralised in every CSV the tool writes; plain decimal
 * numbers stay numbers; quoting round-trips through the project's own CSV reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileInvoice } from '../../src/index.js';
import { readCsv } from '../../src/tables/csv.js';
import { csvCell, writeCsv } from '../../src/tables/csv-write.js';
import { renderReconciliationCsv } from '../../src/render/reconciliation-csv.js';
import { renderMonthlyChargesCsv } from '../../src/render/monthly-charges.js';
import { findRow, invoiceOf, MONTH, smallCharges, withRow, type Row } from './support.js';

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Writes one row of cells and reads it back with the project's CSV reader. */
function roundTrip(cells: readonly string[]): readonly string[] {
  const table = readCsv(
    writeCsv(
      cells.map((_, index) => `c${index}`),
      [cells],
    ),
  );
  expect(table.issues).toEqual([]);
  return table.rows[0]?.cells ?? [];
}

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://example.invalid","x")', `"'=HYPERLINK(""http://example.invalid"",""x"")"`],
    ['=1,2', `"'=1,2"`],
    ['-', "'-"],
    ['+12.50', "'+12.50"],
    ['-1e5', "'-1e5"],
    ['--1', "'--1"],
  ])('neutralises %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('neutralises and quotes a cell that starts with a carriage return', () => {
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it.each(['-12.50', '-0.01', '0', '12', '1234.5678', '-1281.00'])('leaves the number %j a number', (value) => {
    expect(csvCell(value)).toBe(value);
  });

  it.each(['Fixed Charge', 'a=b', 'K3.9-K3.10', '2025-06', '', ' =1'])('leaves the text %j as it is', (value) => {
    expect(csvCell(value)).toBe(value);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Fixed Charge, Import Suppliers')).toBe('"Fixed Charge, Import Suppliers"');
    expect(csvCell('the "hub"')).toBe('"the ""hub"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('writeCsv', () => {
  it('round-trips every text: unchanged, or with an apostrophe in front when it could run as a formula', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(...FORMULA_STARTS).chain((start) => fc.string().map((rest) => start + rest)),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (cells) => {
          const back = roundTrip([...cells, 'end']);
          cells.forEach((cell, index) => {
            const dangerous = FORMULA_STARTS.some((start) => cell.startsWith(start)) && !PLAIN_NUMBER.test(cell);
            expect(back[index]).toBe(dangerous ? `'${cell}` : cell);
            const read = back[index] ?? '';
            expect(FORMULA_STARTS.some((start) => read.startsWith(start)) && !PLAIN_NUMBER.test(read)).toBe(false);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps signed plain decimals as they are', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (pounds, pence) => {
          const amount = `${pounds}.${String(pence).padStart(2, '0')}`;
          expect(csvCell(amount)).toBe(amount);
        },
      ),
    );
  });
});

describe('the CSVs the tool writes', () => {
  const expected = smallCharges();
  const rows = invoiceOf(expected);
  const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
  const hostile: Row[] = [
    ...withRow(rows, at, { description: '=HYPERLINK("http://example.invalid","refund")', amount: '1280.00' }),
    {
      month: MONTH,
      kind: 'explicit',
      code: '@SUM(A1:A9)',
      description: '-2+3 hubs',
      quantity: '1',
      unitPrice: '1.00',
      amount: '1.00',
    },
    {
      month: MONTH,
      kind: 'elective',
      code: '+EA-9',
      description: '\tcmd',
      quantity: '1',
      unitPrice: '-5.00',
      amount: '-5.00',
    },
  ];
  const csv = readCsv(renderReconciliationCsv(reconcileInvoice({ invoice: hostile, expected })));
  const column = (name: string) => csv.header.indexOf(name);

  it('neutralises text from the invoice in the reconciliation CSV', () => {
    expect(csv.issues).toEqual([]);
    const texts = csv.rows.flatMap((row) => [
      row.cells[column('code')] ?? '',
      row.cells[column('description')] ?? '',
      row.cells[column('explanation')] ?? '',
    ]);
    expect(texts).toContain(`'@SUM(A1:A9)`);
    expect(texts).toContain(`'+EA-9`);
    expect(texts).toContain(`'-2+3 hubs`);
    expect(texts).toContain(`'\tcmd`);
    for (const text of texts) expect(/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)).toBe(false);
  });

  it('keeps every money cell a plain number, negative ones included', () => {
    const money = ['expectedAmount', 'invoicedAmount', 'amountDifference', 'invoicedUnitPrice', 'quantityDifference'];
    const values = csv.rows
      .flatMap((row) => money.map((name) => row.cells[column(name)] ?? ''))
      .filter((value) => value !== '');
    expect(values.some((value) => value.startsWith('-'))).toBe(true);
    for (const value of values) expect(value).toMatch(PLAIN_NUMBER);
  });

  it('the charges CSV, read back as an invoice vocabulary, keeps numbers as numbers', () => {
    const charges = readCsv(renderMonthlyChargesCsv(expected));
    const amount = charges.header.indexOf('amount');
    for (const row of charges.rows) expect(row.cells[amount]).toMatch(PLAIN_NUMBER);
  });
});
