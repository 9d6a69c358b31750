/** Reading invoices: CSV and JSON, the column mapping, and every bad-input class. */
import { describe, expect, it } from 'vitest';
import { parseColumnMapping, readColumnMapping, readInvoice } from '../../src/index.js';
import { inputIssues } from '../support/errors.js';

const HEADER = 'month,kind,chargingGroup,region,code,description,quantity,unitPrice,amount';

const issuesOf = (run: () => unknown) => inputIssues(run).issues;

describe('readInvoice: CSV', () => {
  it('reads rows with the line vocabulary, empty cells as absent, and where each row is', () => {
    const text = [
      HEADER,
      '2025-06,fixed,g1,national,,"Fixed Charge, g1",1000,0.4,400.00',
      '2025-06,explicit,,,TEST_LAB_DAY,Test lab,2.5,512.40,1281.00',
      '2025-06,vat,,,,VAT,1681.00,0.20,336.20',
      '2025-06,total,,,,Total,,,2017.20',
    ].join('\r\n');
    const invoice = readInvoice(text, { source: 'invoice.csv' });
    expect(invoice.illustrative).toBe(false);
    expect(invoice.lines).toEqual([
      {
        month: '2025-06',
        kind: 'fixed',
        chargingGroup: 'importSupplier',
        region: 'national',
        description: 'Fixed Charge, g1',
        quantity: '1000',
        unitPrice: '0.4',
        amount: '400.00',
        location: { source: 'invoice.csv', line: 2 },
      },
      {
        month: '2025-06',
        kind: 'explicit',
        code: 'TEST_LAB_DAY',
        description: 'Test lab',
        quantity: '2.5',
        unitPrice: '512.40',
        amount: '1281.00',
        location: { source: 'invoice.csv', line: 3 },
      },
      {
        month: '2025-06',
        kind: 'vat',
        description: 'VAT',
        quantity: '1681.00',
        unitPrice: '0.20',
        amount: '336.20',
        location: { source: 'invoice.csv', line: 4 },
      },
      {
        month: '2025-06',
        kind: 'total',
        description: 'Total',
        amount: '2017.20',
        location: { source: 'invoice.csv', line: 5 },
      },
    ]);
  });

  it('accepts the clause column of the charges CSV', () => {
    const invoice = readInvoice(`${HEADER},clause\n2025-06,explicit,,,X,x,1,1.00,1.00,K7\n`);
    expect(invoice.lines[0]?.clause).toBe('K7');
  });

  it('reports a missing required column and an unknown column', () => {
    expect(issuesOf(() => readInvoice('month,kind,quantity\n2025-06,fixed,1\n', { source: 'a.csv' }))).toEqual([
      expect.objectContaining({
        source: 'a.csv',
        line: 1,
        code: 'missingColumn',
        expected: expect.stringContaining('"amount"'),
      }),
    ]);
    expect(issuesOf(() => readInvoice(`${HEADER},PO number\n`, { source: 'a.csv' }))).toEqual([
      expect.objectContaining({ code: 'unknownColumn', received: 'the column "PO number"' }),
    ]);
  });

  it('rejects an empty invoice: a header with no rows, or an empty file', () => {
    expect(issuesOf(() => readInvoice(`${HEADER}\n`, { source: 'a.csv' }))).toEqual([
      expect.objectContaining({ source: 'a.csv', code: 'emptyInvoice' }),
    ]);
    expect(issuesOf(() => readInvoice('', { source: 'a.csv', format: 'csv' }))).toEqual([
      expect.objectContaining({ code: 'emptyFile' }),
    ]);
  });

  it('rejects duplicate keys, naming both lines', () => {
    const text = `${HEADER}\n2025-06,explicit,,,X,x,1,1.00,1.00\n2025-06,explicit,,,X,x again,2,1.00,2.00\n`;
    expect(issuesOf(() => readInvoice(text, { source: 'a.csv' }))).toEqual([
      expect.objectContaining({ line: 3, code: 'duplicateKey', detail: 'first at a.csv, line 2' }),
    ]);
  });

  it('rejects a repeated code wherever it is: next to the first, further on, among codes of another kind', () => {
    const row = (kind: string, code: string) => `2025-06,${kind},,,${code},x,1,1.00,1.00`;
    const cases: [string[], number, number][] = [
      [[row('elective', 'A'), row('elective', 'B'), row('elective', 'B')], 4, 3],
      [[row('elective', 'A'), row('elective', 'B'), row('elective', 'C'), row('elective', 'A')], 5, 2],
      [[row('elective', 'A'), row('explicit', 'X'), row('elective', 'B'), row('explicit', 'X')], 5, 3],
      [[row('elective', 'C'), row('elective', 'B'), row('elective', 'A'), row('elective', 'B')], 5, 3],
    ];
    for (const [rows, line, first] of cases) {
      expect(issuesOf(() => readInvoice(`${HEADER}\n${rows.join('\n')}\n`, { source: 'a.csv' }))).toEqual([
        expect.objectContaining({ line, code: 'duplicateKey', detail: `first at a.csv, line ${first}` }),
      ]);
    }
    // The same code under another kind, or in another month, is another key.
    const text = `${HEADER}\n${row('elective', 'A')}\n${row('explicit', 'A')}\n${row('elective', 'A').replace('2025-06', '2025-07')}\n`;
    expect(readInvoice(text).lines).toHaveLength(3);
  });

  it('reports every bad row: unknown kind or group, amounts that are not plain decimals', () => {
    const text = [
      HEADER,
      '2025-06,fixedCharge,g1,national,,x,1,0.4,0.40',
      '2025-06,fixed,g7,national,,x,1,0.4,0.40',
      '2025-06,fixed,g1,north,,x,1,0.4,"1,000.00"',
      '2025-06,fixed,g1,central,,x,1,0.4,4e2',
      '2025-06,fixed,g1,south,,x,1,0.4,£0.40',
      '2025-06,fixedCh,g1,national,,x,1,0.4,0.405',
      '2025-06,fixedAltHan,g1,national,,x,one,0.4,0.40',
      '2025-06,explicit,,,Y,x,1,0.4.1,0.40',
      '2025-6,explicit,,,Z,x,1,0.4,0.40',
    ].join('\n');
    const issues = issuesOf(() => readInvoice(text, { source: 'a.csv' }));
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [2, 'kind'],
      [3, 'chargingGroup'],
      [4, 'amount'],
      [5, 'amount'],
      [6, 'amount'],
      [7, 'amount'],
      [8, 'quantity'],
      [9, 'unitPrice'],
      [10, 'month'],
    ]);
    expect(issues[0]?.expected).toContain('"fixed", "fixedCh"');
    expect(issues[2]).toMatchObject({ code: 'invalidValue', received: '"1,000.00"' });
  });

  it('checks the fields each kind needs or forbids', () => {
    const text = [
      HEADER,
      '2025-06,fixed,g1,,,x,1,0.4,0.40',
      '2025-06,fixed,g1,north,CODE,x,1,0.4,0.40',
      '2025-06,explicit,g1,,X,x,1,0.4,0.40',
      '2025-06,explicit,,,,x,1,0.4,0.40',
      '2025-06,elective,,,E,x,,,5.00',
      '2025-06,total,,,,x,1,,5.00',
    ].join('\n');
    const issues = issuesOf(() => readInvoice(text));
    expect(issues.map((issue) => [issue.line, issue.field, issue.code])).toEqual([
      [2, 'region', 'missingField'],
      [3, 'code', 'invalidValue'],
      [4, 'chargingGroup', 'invalidValue'],
      [5, 'code', 'missingField'],
      [6, 'quantity', 'missingField'],
      [6, 'unitPrice', 'missingField'],
      [7, 'quantity', 'invalidValue'],
    ]);
  });

  it('validates cells as written: padding is refused, never trimmed', () => {
    expect(issuesOf(() => readInvoice(`${HEADER}\n2025-06,explicit,,,X,x,1,1.00, 1.00 \n`))).toEqual([
      expect.objectContaining({ line: 2, field: 'amount', received: '" 1.00 "' }),
    ]);
  });

  it("reads back a code that this tool's CSV writer neutralised for spreadsheets", () => {
    const invoice = readInvoice(`${HEADER}\n2025-06,elective,,,'-EA-17,Credit,1,-5.00,-5.00\n`);
    expect(invoice.lines[0]).toMatchObject({ kind: 'elective', code: '-EA-17' });
  });

  it('reports malformed CSV with its line', () => {
    expect(issuesOf(() => readInvoice(`${HEADER}\n2025-06,fixed\n`))).toEqual([
      expect.objectContaining({ line: 2, code: 'raggedRow' }),
    ]);
  });

  it('reports a ragged row together with the problems of the other rows', () => {
    const issues = issuesOf(() => readInvoice(`${HEADER}\n2025-06,fixed\n2025-06,explicit,,,X,x,1,1.00,1e2\n`));
    expect(issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'raggedRow'],
      [3, 'invalidValue'],
    ]);
  });
});

describe('readInvoice: JSON', () => {
  it('reads a document that says it is illustrative, with null and blank fields as absent', () => {
    const text = JSON.stringify({
      illustrative: true,
      description: 'invented',
      rows: [
        {
          month: '2025-06',
          kind: 'explicit',
          chargingGroup: null,
          region: '',
          code: 'X',
          quantity: 3,
          unitPrice: '1.50',
          amount: '4.50',
        },
      ],
    });
    const invoice = readInvoice(text, { source: 'i.json' });
    expect(invoice.illustrative).toBe(true);
    expect(invoice.lines).toEqual([
      {
        month: '2025-06',
        kind: 'explicit',
        code: 'X',
        quantity: '3',
        unitPrice: '1.50',
        amount: '4.50',
        location: { source: 'i.json', path: ['rows', 0] },
      },
    ]);
  });

  it('rejects money as JSON numbers, an empty array, malformed JSON and unknown document keys', () => {
    expect(issuesOf(() => readInvoice('[{"month":"2025-06","kind":"total","amount":5}]'))).toEqual([
      expect.objectContaining({ path: [0], field: 'amount', code: 'invalidValue', received: '5' }),
    ]);
    expect(issuesOf(() => readInvoice('[]', { source: 'i.json' }))).toEqual([
      expect.objectContaining({ code: 'emptyInvoice' }),
    ]);
    expect(issuesOf(() => readInvoice('[{', { source: 'i.json' }))).toEqual([
      expect.objectContaining({ code: 'malformedJson' }),
    ]);
    expect(issuesOf(() => readInvoice('{"rows":[],"currency":"GBP"}'))).toEqual([
      expect.objectContaining({ code: 'unknownField' }),
    ]);
    expect(issuesOf(() => readInvoice('{"lines":[]}'))).toEqual([expect.objectContaining({ code: 'notAnArray' })]);
    expect(issuesOf(() => readInvoice('[3]'))).toEqual([expect.objectContaining({ code: 'notAnObject', path: [0] })]);
  });
});

describe('column mapping', () => {
  const mapping = parseColumnMapping({
    month: 'Period',
    kind: 'Type',
    chargingGroup: 'Group',
    amount: 'Net £',
    ignore: ['Invoice No'],
  });

  it('reads an export with other headers, skipping the ignored column', () => {
    const text =
      'Invoice No,Period,Type,Group,region,code,quantity,unitPrice,Net £\nINV-1,2025-06,fixed,g3,south,,10,0.025,0.25\n';
    const invoice = readInvoice(text, { columns: mapping, source: 'export.csv' });
    expect(invoice.lines).toEqual([
      {
        month: '2025-06',
        kind: 'fixed',
        chargingGroup: 'gasSupplier',
        region: 'south',
        quantity: '10',
        unitPrice: '0.025',
        amount: '0.25',
        location: { source: 'export.csv', line: 2 },
      },
    ]);
  });

  it('maps the keys of JSON rows the same way', () => {
    const text = JSON.stringify([
      { 'Invoice No': 'INV-1', Period: '2025-06', Type: 'total', Group: null, 'Net £': '1.00' },
    ]);
    expect(readInvoice(text, { columns: mapping }).lines[0]).toMatchObject({ kind: 'total', amount: '1.00' });
  });

  it('reports a mapping that names a missing header', () => {
    const text = 'Period,Type,Group,region,code,quantity,unitPrice,amount\n2025-06,total,,,,,,1.00\n';
    expect(issuesOf(() => readInvoice(text, { columns: mapping, source: 'export.csv' }))).toEqual([
      expect.objectContaining({
        source: 'export.csv',
        line: 1,
        code: 'missingMappedHeader',
        expected: 'the header "Net £", which the column mapping names for "amount"',
      }),
      expect.objectContaining({ code: 'unknownColumn', received: 'the column "amount"' }),
    ]);
    expect(
      issuesOf(() => readInvoice('[{"Period":"2025-06","Type":"total","amount":"1.00"}]', { columns: mapping }))[0],
    ).toMatchObject({
      code: 'missingMappedHeader',
    });
  });

  it('rejects a mapping with an unknown field, a header mapped twice, a header both mapped and ignored, or no object', () => {
    expect(issuesOf(() => parseColumnMapping({ total: 'Sum' }, 'm.json'))).toEqual([
      expect.objectContaining({ source: 'm.json', path: ['total'], code: 'unknownField' }),
    ]);
    expect(issuesOf(() => parseColumnMapping({ quantity: 'Q', unitPrice: 'Q' }))).toEqual([
      expect.objectContaining({ code: 'repeatedColumn' }),
    ]);
    expect(issuesOf(() => parseColumnMapping({ quantity: 'Q', ignore: ['Q'] }))).toEqual([
      expect.objectContaining({ path: ['ignore'] }),
    ]);
    expect(issuesOf(() => parseColumnMapping({ quantity: '' }))).toEqual([
      expect.objectContaining({ code: 'invalidValue' }),
    ]);
    expect(issuesOf(() => parseColumnMapping({ ignore: 'Invoice No' }))).toEqual([
      expect.objectContaining({ code: 'invalidValue' }),
    ]);
    expect(issuesOf(() => parseColumnMapping(['month']))).toEqual([expect.objectContaining({ code: 'notAnObject' })]);
    expect(issuesOf(() => readColumnMapping('{', 'm.json'))).toEqual([
      expect.objectContaining({ code: 'malformedJson' }),
    ]);
  });

  it('lets a mapped header take the name of another field', () => {
    const swap = parseColumnMapping({ code: 'description', description: 'Text' });
    const invoice = readInvoice(
      'month,kind,description,Text,quantity,unitPrice,amount\n2025-06,explicit,X,the text,1,2.00,2.00\n',
      { columns: swap },
    );
    expect(invoice.lines[0]).toMatchObject({ code: 'X', description: 'the text' });
  });
});
