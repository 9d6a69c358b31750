/**
 * How the workbook reader turns cells into text, and what it refuses (decision 0058): numbers
 * saved with more digits than their shortest form, dates in both date systems and as ISO date
 * cells, booleans and errors where a number is expected, merged data cells, other containers.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readElective, readInvoice, readMeterCounts } from '../../src/index.js';
import { readWorkbookTable } from '../../src/xlsx.js';
import { dateFromSerial, isMonthFormat, isoDateCell, shortestDecimal } from '../../src/xlsx/cell-value.js';
import { inputIssues } from '../support/errors.js';
import { handWorkbook, n, row, t } from '../support/workbooks.js';

const electiveHeader = row(1, t('A1', 'reference'), t('B1', 'description'), t('C1', 'amount'));
const elective = (...cells: string[]) =>
  handWorkbook([{ name: 'Elective', data: electiveHeader + row(2, t('A2', 'EA-1'), t('B2', 'Test'), ...cells) }]);
const meterHeader = row(
  1,
  t('A1', 'chargingGroup'),
  t('B1', 'region'),
  t('C1', 'premises'),
  t('D1', 'enrolled'),
  t('E1', 'count'),
);

describe('number cells', () => {
  it('read a number saved with 17 significant digits as the shortest decimal of its double', () => {
    // Some programs save 2.3 as 2.2999999999999998: the same double, so the same decimal.
    expect(Number('2.2999999999999998')).toBe(2.3);
    expect(readElective(readWorkbookTable(elective(n('C2', '2.2999999999999998'))))).toEqual([
      { reference: 'EA-1', description: 'Test', amount: '2.3' },
    ]);
  });

  it('refuse a binary artefact in any column, naming the number', () => {
    const bytes = handWorkbook([
      {
        name: 'Meters',
        data:
          meterHeader +
          row(
            2,
            t('A2', 'g1'),
            t('B2', 'north'),
            t('C2', 'domestic'),
            t('D2', 'true'),
            '<c r="E2"><f>0.7+0.1</f><v>0.7999999999999999</v></c>',
          ),
      },
    ]);
    expect(inputIssues(() => readMeterCounts(readWorkbookTable(bytes, { source: 'meters.xlsx' }))).messages).toEqual([
      'meters.xlsx, sheet "Meters", cell E2, field "count": expected a number of at most 15 significant digits, as typed into a spreadsheet, received the number 0.7999999999999999, a binary rounding artefact of arithmetic (round it in the sheet (ROUND) or type the value, or write it as text)',
    ]);
  });

  it('give for every double of at most 15 significant digits the decimal it was typed as', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 12 }),
        (digits, scale) => {
          const negative = digits < 0n;
          const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
          const typed = `${negative ? '-' : ''}${scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`}`;
          const shortest = shortestDecimal(Number(typed));
          // The same value, written without trailing zeros.
          const canonical = typed.includes('.') ? typed.replace(/0+$/, '').replace(/\.$/, '') : typed;
          expect(shortest).toBe(canonical.replace(/^(-?)0+(?=\d)/, '$1').replace(/^-0$/, '0'));
        },
      ),
    );
  });
});

describe('date cells', () => {
  it('read serials of the 1900 system, with its 29 February 1900 that never was', () => {
    expect(dateFromSerial(1, false)).toBe('1900-01-01');
    expect(dateFromSerial(59, false)).toBe('1900-02-28');
    expect(dateFromSerial(60, false)).toBe('1900-02-29'); // no real day: every date field refuses it
    expect(dateFromSerial(61, false)).toBe('1900-03-01');
    expect(dateFromSerial(45809, false)).toBe('2025-06-01'); // 45809 = 61 + (days from 1900-03-01 to 2025-06-01) = 61 + 45748
    expect(dateFromSerial(45809.75, false)).toBe('2025-06-01T18:00:00');
    expect(dateFromSerial(0, true)).toBe('1904-01-01');
    expect(dateFromSerial(2_958_465, false)).toBe('9999-12-31');
    // Outside the dates a spreadsheet shows: no date (the reader refuses the cell).
    expect([
      dateFromSerial(0, false),
      dateFromSerial(-1, true),
      dateFromSerial(2_958_466, false),
      dateFromSerial(2_958_465 - 1461, true),
    ]).toEqual([undefined, undefined, undefined, undefined]);
    expect(dateFromSerial(44347, true)).toBe('2025-06-01'); // 45809 - 1462, the days between the systems' epochs
  });

  it('give consecutive days for consecutive serials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_958_464 }), fc.boolean(), (serial, date1904) => {
        fc.pre(date1904 ? serial < 2_958_464 - 1462 : serial >= 1);
        fc.pre(date1904 || (serial !== 59 && serial !== 60));
        const day = Date.parse(`${dateFromSerial(serial, date1904)}T00:00:00Z`);
        const next = Date.parse(`${dateFromSerial(serial + 1, date1904)}T00:00:00Z`);
        expect(next - day).toBe(86_400_000);
      }),
    );
  });

  it('read ISO 8601 date cells (t="d") as dates, and refuse them where a number is expected', () => {
    expect(isoDateCell('2025-06-01T00:00:00')).toBe('2025-06-01');
    expect(isoDateCell('2025-06-01T09:30Z')).toBe('2025-06-01T09:30:00');
    expect(isoDateCell('1 June 2025')).toBeUndefined();
    const bytes = handWorkbook([
      {
        name: 'Meters',
        data:
          meterHeader +
          row(
            2,
            t('A2', 'g1'),
            t('B2', 'north'),
            t('C2', 'domestic'),
            t('D2', 'true'),
            '<c r="E2" t="d"><v>2025-06-01T00:00:00</v></c>',
          ),
      },
    ]);
    const { issues } = inputIssues(() => readMeterCounts(readWorkbookTable(bytes, { source: 'meters.xlsx' })));
    expect(issues).toEqual([
      expect.objectContaining({ cell: 'E2', field: 'count', received: '"2025-06-01"', detail: 'a date cell' }),
    ]);
  });
});

describe('month cells', () => {
  it('read a date shown as a month (as a spreadsheet program saves a typed 2025-06) as the month', () => {
    expect([
      isMonthFormat(17, undefined),
      isMonthFormat(166, '[$-809]mmmm yyyy'),
      isMonthFormat(165, 'yyyy\\-mm\\-dd'),
      isMonthFormat(20, 'h:mm'),
      isMonthFormat(167, '"Day" mmm yy'),
    ]).toEqual([true, true, false, false, true]);
    const header = row(1, t('A1', 'month'), t('B1', 'note'));
    const bytes = handWorkbook([
      {
        name: 'June',
        data:
          header +
          row(2, n('A2', '45809', 2), t('B2', 'a')) +
          row(3, n('A3', '45809', 3), t('B3', 'b')) +
          row(4, n('A4', '45823', 2), t('B4', 'c')),
      },
    ]);
    const table = readWorkbookTable(bytes);
    // 45809 is 2025-06-01; 45823 is 14 days later, 2025-06-15: a day the month format hides, so the date is kept.
    expect(table.rows.map((line) => [line.cells[0], line.kinds?.[0]])).toEqual([
      ['2025-06', 'a month cell'],
      ['2025-06', 'a month cell'],
      ['2025-06-15', 'a date cell'],
    ]);
  });

  it('let an invoice typed in a spreadsheet program be read with its month column as months', () => {
    const bytes = handWorkbook([
      {
        name: 'June',
        data:
          row(
            1,
            t('A1', 'month'),
            t('B1', 'kind'),
            t('C1', 'code'),
            t('D1', 'description'),
            t('E1', 'quantity'),
            t('F1', 'unitPrice'),
            t('G1', 'amount'),
          ) +
          row(
            2,
            n('A2', '45809', 2),
            t('B2', 'explicit'),
            t('C2', 'TEST_LAB_DAY'),
            t('D2', 'Test lab day'),
            n('E2', '2'),
            n('F2', '512.4'),
            n('G2', '1024.8'),
          ),
      },
    ]);
    expect(readInvoice(readWorkbookTable(bytes, { source: 'invoice.xlsx' }), { source: 'invoice.xlsx' }).lines).toEqual(
      [
        expect.objectContaining({
          month: '2025-06',
          kind: 'explicit',
          code: 'TEST_LAB_DAY',
          quantity: '2',
          unitPrice: '512.4',
          amount: '1024.8',
        }), // 2 x 512.4, as the cell shows it
      ],
    );
  });
});

describe('other cells where a number is expected', () => {
  it('refuse a TRUE/FALSE cell in a money column, saying what it was', () => {
    const { issues, messages } = inputIssues(() =>
      readElective(readWorkbookTable(elective('<c r="C2" t="b"><v>1</v></c>'), { source: 'elective.xlsx' })),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        sheet: 'Elective',
        cell: 'C2',
        field: 'amount',
        received: '"true"',
        detail: 'a TRUE/FALSE cell',
      }),
    ]);
    expect(messages[0]).toMatch(/^elective\.xlsx, sheet "Elective", cell C2, field "amount": expected /);
  });

  it('refuse an error value typed without a formula, and an empty required cell, at their cells', () => {
    const bytes = handWorkbook([
      {
        name: 'Elective',
        data:
          electiveHeader +
          row(2, t('A2', 'EA-1'), t('B2', 'Test'), '<c r="C2" t="e"><v>#N/A</v></c>') +
          row(3, t('A3', 'EA-2'), t('B3', 'Other'), '<c r="C3"/>'),
      },
    ]);
    const { issues } = inputIssues(() => readElective(readWorkbookTable(bytes, { source: 'elective.xlsx' })));
    // The empty cell gets the refusal the CSV reader gives an empty field, at its cell.
    const csv = inputIssues(() =>
      readElective('reference,description,amount\nEA-2,Other,\n', { source: 'elective.csv' }),
    ).issues[0];
    expect(issues.map((issue) => [issue.cell, issue.code, issue.received])).toEqual([
      ['C2', 'errorCell', 'the error #N/A'],
      ['C3', csv?.code, csv?.received],
    ]);
  });

  it('refuse a date-formatted number that no spreadsheet shows as a date', () => {
    const bytes = handWorkbook([
      {
        name: 'Meters',
        data:
          meterHeader + row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '-3', 1)),
      },
    ]);
    expect(inputIssues(() => readMeterCounts(readWorkbookTable(bytes, { source: 'meters.xlsx' }))).messages).toEqual([
      'meters.xlsx, sheet "Meters", cell E2, field "count": expected a date from 1900-01-01 to 9999-12-31 in a date-formatted cell, received the serial -3, which no spreadsheet shows as a date (a date cell)',
    ]);
  });
});

describe('the table and the file', () => {
  it('refuses merged cells in the rows under the header', () => {
    const bytes = handWorkbook([
      {
        name: 'Elective',
        data: electiveHeader + row(2, t('A2', 'EA-1'), t('B2', 'Test'), n('C2', '5')) + row(3, t('A3', 'EA-2')),
        after: '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>',
      },
    ]);
    expect(inputIssues(() => readWorkbookTable(bytes, { source: 'elective.xlsx' })).messages).toEqual([
      'elective.xlsx, sheet "Elective", cell B2:B3: expected separate cells, one value in each (a merged cell leaves the others empty), received the merged cells B2:B3',
    ]);
  });

  it('says an encrypted workbook is encrypted, or an old .xls', () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(inputIssues(() => readWorkbookTable(ole, { source: 'locked.xlsx' })).messages).toEqual([
      'locked.xlsx: expected an .xlsx workbook without a password, received an OLE compound file: a password-protected (encrypted) workbook or an old .xls file (save it from the spreadsheet program as .xlsx without a password)',
    ]);
  });

  it('says an OpenDocument spreadsheet is not an .xlsx workbook', () => {
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': strToU8('<office:document-content/>'),
    });
    expect(inputIssues(() => readWorkbookTable(ods, { source: 'budget.xlsx' })).issues).toEqual([
      expect.objectContaining({
        source: 'budget.xlsx',
        code: 'notAWorkbook',
        received: 'an OpenDocument file (such as .ods)',
        detail: 'save it from the spreadsheet program as .xlsx',
      }),
    ]);
  });
});
