/** The workbook reader: cells to exact decimal strings, every problem at its sheet and cell. */
import { describe, expect, it } from 'vitest';
import { readElective, readInvoice, readMeterCounts, readUsage } from '../../src/index.js';
import { listSheets, readWorkbookTable, writeWorkbook, ZIP_LIMITS } from '../../src/xlsx.js';
import { inputIssues } from '../support/errors.js';
import { bombWorkbook, handWorkbook, n, row, t } from '../support/workbooks.js';

const meterHeader = row(
  1,
  t('A1', 'chargingGroup'),
  t('B1', 'region'),
  t('C1', 'premises'),
  t('D1', 'enrolled'),
  t('E1', 'count'),
);

function meters(data: string, after?: string) {
  return handWorkbook([{ name: 'Meters', data: meterHeader + data, ...(after === undefined ? {} : { after }) }]);
}

const source = { source: 'meters.xlsx' };

describe('reading a workbook sheet', () => {
  it('reads number, text and boolean cells as the strings the CSV reader would give', () => {
    const bytes = meters(
      row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), '<c r="D2" t="b"><v>1</v></c>', n('E2', '1200')) +
        row(
          4,
          t('A4', 'g3'),
          t('B4', 'south'),
          t('C4', 'domestic'),
          t('D4', 'false'),
          '<c r="E4"><f>1000+35</f><v>1035</v></c>',
        ),
    );
    expect(readMeterCounts(readWorkbookTable(bytes, source))).toEqual([
      { chargingGroup: 'importSupplier', region: 'north', premises: 'domestic', enrolled: true, count: 1200 },
      { chargingGroup: 'gasSupplier', region: 'south', premises: 'domestic', enrolled: false, count: 1035 },
    ]);
  });

  it('turns a number cell into the shortest decimal that reads back as the same double', () => {
    const bytes = handWorkbook([
      {
        name: 'Usage',
        data:
          row(1, t('A1', 'code'), t('B1', 'quantity')) +
          row(2, t('A2', 'X'), n('B2', '2.5')) +
          row(3, t('A3', 'Y'), n('B3', '1E-7')),
      },
    ]);
    expect(readUsage(readWorkbookTable(bytes))).toEqual([
      { code: 'X', quantity: '2.5' },
      { code: 'Y', quantity: '0.0000001' },
    ]);
  });

  it('locates a bad value at its sheet and cell', () => {
    const bytes = meters(row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '-4')));
    expect(inputIssues(() => readMeterCounts(readWorkbookTable(bytes, source))).messages).toEqual([
      'meters.xlsx, sheet "Meters", cell E2, field "count": expected a whole number of meters from 0 to 1000000000000, such as "1200", received "-4" (a number cell)',
    ]);
  });

  it('refuses a date in a count column, saying it is a date cell', () => {
    const bytes = meters(
      row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '45809', 1)),
    );
    const { issues, messages } = inputIssues(() => readMeterCounts(readWorkbookTable(bytes, source)));
    expect(issues[0]).toMatchObject({
      sheet: 'Meters',
      cell: 'E2',
      field: 'count',
      received: '"2025-06-01"',
      detail: 'a date cell',
    });
    expect(messages[0]).toMatch(/^meters\.xlsx, sheet "Meters", cell E2, field "count": expected a whole number/);
  });

  it('refuses a binary artefact (0.30000000000000004) in a money column', () => {
    const bytes = handWorkbook([
      {
        name: 'Elective',
        data:
          row(1, t('A1', 'reference'), t('B1', 'description'), t('C1', 'amount')) +
          row(2, t('A2', 'EA-1'), t('B2', 'Test'), '<c r="C2"><f>0.1+0.2</f><v>0.30000000000000004</v></c>'),
      },
    ]);
    const { issues } = inputIssues(() => readElective(readWorkbookTable(bytes, { source: 'elective.xlsx' })));
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'elective.xlsx',
        sheet: 'Elective',
        cell: 'C2',
        field: 'amount',
        code: 'inexactNumberCell',
        received: 'the number 0.30000000000000004, a binary rounding artefact of arithmetic',
      }),
    ]);
  });

  it('refuses formula error cells and formulas saved without a value', () => {
    const bytes = meters(
      row(
        2,
        t('A2', 'g1'),
        t('B2', 'north'),
        t('C2', 'domestic'),
        t('D2', 'true'),
        '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
      ) +
        row(
          3,
          t('A3', 'g1'),
          t('B3', 'south'),
          t('C3', 'domestic'),
          t('D3', 'true'),
          '<c r="E3"><f>SUM(E1:E2)</f></c>',
        ),
    );
    const { issues, messages } = inputIssues(() => readMeterCounts(readWorkbookTable(bytes, source)));
    expect(issues.map((issue) => [issue.cell, issue.code])).toEqual([
      ['E2', 'errorCell'],
      ['E3', 'formulaWithoutValue'],
    ]);
    expect(messages[0]).toBe(
      'meters.xlsx, sheet "Meters", cell E2, field "count": expected a value, not a spreadsheet error, received the error #DIV/0! of the formula =1/0',
    );
  });

  it('refuses merged header cells and an empty header cell', () => {
    const merged = handWorkbook([
      { name: 'Meters', data: meterHeader, after: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' },
    ]);
    expect(inputIssues(() => readWorkbookTable(merged, source)).messages).toEqual([
      'meters.xlsx, sheet "Meters", cell A1:B1: expected a header of separate cells, one column name in each, received the merged cells A1:B1',
    ]);
    const gap = handWorkbook([{ name: 'Meters', data: row(1, t('A1', 'chargingGroup'), t('C1', 'premises')) }]);
    expect(inputIssues(() => readWorkbookTable(gap, source)).messages).toEqual([
      'meters.xlsx, sheet "Meters", cell B1: expected a column name in every header cell between the first and the last, received an empty cell',
    ]);
  });

  it('places a wrong header at its sheet and cells, naming the field expected', () => {
    // A header on row 2 from column B: a column missing is reported at the header's cells, one unknown or repeated at its own cell.
    const header = row(
      2,
      t('B2', 'chargingGroup'),
      t('C2', 'region'),
      t('D2', 'premises'),
      t('E2', 'colour'),
      t('F2', 'count'),
      t('G2', 'region'),
    );
    const { issues, messages } = inputIssues(() =>
      readMeterCounts(readWorkbookTable(handWorkbook([{ name: 'June', data: header }]), source)),
    );
    expect(issues.map((issue) => [issue.code, issue.sheet, issue.cell, issue.field])).toEqual([
      ['missingColumn', 'June', 'B2:G2', 'enrolled'],
      ['unknownColumn', 'June', 'E2', undefined],
      ['repeatedColumn', 'June', 'G2', undefined],
    ]);
    expect(messages).toEqual([
      'meters.xlsx, sheet "June", cell B2:G2, field "enrolled": expected a header with the column "enrolled" (columns: chargingGroup, region, premises, enrolled, count, month), received "chargingGroup,region,premises,colour,count,region"',
      'meters.xlsx, sheet "June", cell E2: expected only the columns chargingGroup, region, premises, enrolled, count, month, received the column "colour"',
      'meters.xlsx, sheet "June", cell G2: expected each column once, received the column "region" twice',
    ]);
  });

  it("places an invoice's wrong header at its cells: an unknown header and the required column missing, together", () => {
    const names = ['month', 'kind', 'chargingGroup', 'region', 'code', 'description', 'quantity', 'unitPrice', 'PO'];
    const header = row(1, ...names.map((name, index) => t(`${String.fromCharCode(65 + index)}1`, name)));
    const { messages } = inputIssues(() =>
      readInvoice(readWorkbookTable(handWorkbook([{ name: 'June', data: header }]), { source: 'invoice.xlsx' }), {
        source: 'invoice.xlsx',
      }),
    );
    expect(messages).toEqual([
      'invoice.xlsx, sheet "June", cell I1: expected only the columns month, kind, chargingGroup, region, code, description, quantity, unitPrice, amount, clause (map or ignore others with --columns), received the column "PO"',
      'invoice.xlsx, sheet "June", cell A1:I1, field "amount": expected a column for "amount" (required: month, kind, amount; map a differently named header with --columns), received no such column',
    ]);
  });

  it('refuses an empty sheet and a sheet that does not exist, naming those that do', () => {
    const bytes = handWorkbook([
      { name: 'Empty', data: '' },
      { name: 'June', data: meterHeader },
    ]);
    expect(inputIssues(() => readWorkbookTable(bytes, source)).messages).toEqual([
      'meters.xlsx, sheet "Empty": expected a header row naming the columns, received an empty sheet',
    ]);
    expect(inputIssues(() => readWorkbookTable(bytes, { ...source, sheet: 'July' })).messages).toEqual([
      'meters.xlsx, field "--sheet": expected one of the workbook\'s sheets: "Empty", "June", received "July"',
    ]);
    expect(listSheets(bytes)).toEqual(['Empty', 'June']);
  });

  it('without --sheet, takes the only sheet with the expected header', () => {
    const bytes = handWorkbook([
      { name: 'Cover', data: row(1, t('A1', 'About this workbook')) },
      {
        name: 'June',
        data: meterHeader + row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '5')),
      },
    ]);
    const table = readWorkbookTable(bytes, { ...source, looksRight: (header) => header.includes('count') });
    expect(table.headerAt).toEqual({ source: 'meters.xlsx', sheet: 'June', line: 1 });
    expect(readMeterCounts(table)).toHaveLength(1);
  });

  it('refuses a value in a column without a header', () => {
    const bytes = meters(
      row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '5'), n('G2', '7')),
    );
    expect(inputIssues(() => readMeterCounts(readWorkbookTable(bytes, source))).issues).toEqual([
      expect.objectContaining({ cell: 'G2', code: 'cellOutsideTable' }),
    ]);
  });

  it('refuses what is not a workbook: text (a CSV named .xlsx), other bytes, an encrypted workbook', () => {
    const csv = new TextEncoder().encode('chargingGroup,region,premises,enrolled,count\ng1,north,domestic,true,5\n');
    expect(inputIssues(() => readWorkbookTable(csv, source)).issues).toEqual([
      expect.objectContaining({ code: 'notAWorkbook', detail: 'a CSV file must be named .csv to be read as CSV' }),
    ]);
    expect(inputIssues(() => readWorkbookTable(new Uint8Array([0, 1, 2, 3, 255]), source)).issues[0]?.code).toBe(
      'notAWorkbook',
    );
    // An encrypted workbook is an OLE compound file (the same container as an old .xls).
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(inputIssues(() => readWorkbookTable(ole, source)).issues[0]).toMatchObject({ code: 'encryptedWorkbook' });
    // A zip that is not a workbook.
    const truncated = handWorkbook([{ name: 'Meters', data: meterHeader }]).subarray(0, 200);
    expect(inputIssues(() => readWorkbookTable(truncated, source)).issues[0]?.code).toBe('notAWorkbook');
  });

  it('refuses a decompression bomb as soon as it expands past the bounds', () => {
    const bomb = bombWorkbook(2);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const { issues } = inputIssues(() => readWorkbookTable(bomb, { source: 'bomb.xlsx' }));
    expect(issues).toEqual([expect.objectContaining({ source: 'bomb.xlsx', code: 'workbookTooLarge' })]);
    // Its zip directory declares about 4 GiB: refused before anything is inflated.
    expect(issues[0]?.received).toMatch(/declaring that it expands to 4294967294 bytes/);
    expect(4294967294).toBeGreaterThan(ZIP_LIMITS.maxPartBytes);
  });

  it('reads an invoice from a workbook through the column mapping', () => {
    const bytes = handWorkbook([
      {
        name: 'June',
        data:
          row(
            1,
            t('A1', 'Period'),
            t('B1', 'Type'),
            t('C1', 'Metric'),
            t('D1', 'Qty'),
            t('E1', 'Price'),
            t('F1', 'Net'),
          ) +
          row(
            14,
            t('A14', '2025-06'),
            t('B14', 'explicit'),
            t('C14', 'TEST_LAB_DAY'),
            n('D14', '2'),
            n('E14', '512.4'),
            n('F14', '1024.801'),
          ),
      },
    ]);
    const columns = {
      fields: { month: 'Period', kind: 'Type', code: 'Metric', quantity: 'Qty', unitPrice: 'Price', amount: 'Net' },
      ignore: [],
    };
    expect(
      inputIssues(() =>
        readInvoice(readWorkbookTable(bytes, { source: 'invoice.xlsx' }), { source: 'invoice.xlsx', columns }),
      ).messages[0],
    ).toMatch(/^invoice\.xlsx, sheet "June", cell F14, field "amount": expected an amount/);
  });

  it('reads back what the writer wrote', () => {
    const bytes = writeWorkbook([
      {
        name: 'Usage',
        rows: [
          [{ value: 'code' }, { value: 'quantity' }],
          [{ value: 'A&B <x>' }, { value: 0.1 }],
        ],
      },
    ]);
    expect(readUsage(readWorkbookTable(bytes))).toEqual([{ code: 'A&B <x>', quantity: '0.1' }]);
  });
});
