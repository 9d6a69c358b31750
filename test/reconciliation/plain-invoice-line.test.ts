/**
 * The plain reading of invoice rows (`PlainInvoiceReader`) against the schema, the reference:
 * over random rows of cells, plainly valid, nearly valid and hostile (signs, exponents, spaces,
 * leading zeros, too many digits, other digits, the CSV-safety apostrophe, wrong kinds, fields a
 * kind forbids or lacks), in any column order and with columns missing, a row the plain
 * reading takes is one the schema accepts, as the same line (fields, order, values); a row it
 * leaves is read by the schema, so every row gets the schema's result or issues. Rows written
 * by `dcc-charges charges` are taken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVOICE_FIELDS, invoiceLineSchema, type InvoiceField } from '../../src/reconciliation/invoice-line.js';
import { invoiceFieldColumns, PlainInvoiceReader } from '../../src/reconciliation/plain-invoice-line.js';
import { restoreCsvCell } from '../../src/tables/csv-write.js';
import { recordValues } from '../../src/tables/read-table.js';

const DIGITS = fc.stringMatching(/^[0-9]{1,18}$/);
const HOSTILE = fc.constantFrom(
  '',
  ' ',
  '1 ',
  ' 1',
  '+1',
  '-',
  '-0',
  '00',
  '01',
  '1.',
  '.5',
  '1e3',
  '1E-2',
  'NaN',
  'Infinity',
  '0x10',
  '1,000',
  '1_000',
  '١٢',
  '１',
  "'-5",
  "'=1+1",
  "'+3",
  "'@x",
  "'\t1",
  "'1",
  '12345678901',
  '123456789012.5',
  '1234567890123',
  '1234567890123456',
  '0.12345678901',
  '0.123456789012345678901',
  '\u0000',
  '"',
  'null',
);

const decimalText = fc.oneof(
  fc
    .tuple(fc.boolean(), DIGITS, fc.option(fc.stringMatching(/^[0-9]{1,22}$/), { nil: undefined }))
    .map(
      ([negative, whole, fraction]) =>
        `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '')}${fraction === undefined ? '' : `.${fraction}`}`,
    ),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([pounds, pence]) => `${pounds}.${String(pence).padStart(2, '0')}`),
  HOSTILE,
);

const CELLS: Record<InvoiceField, fc.Arbitrary<string>> = {
  month: fc.oneof(
    fc.constantFrom('2025-06', '2025-6', '2025-13', '1999-01', '2199-12', '2100-01', "'2025-06", '2025-06 ', ''),
    HOSTILE,
  ),
  kind: fc.oneof(
    fc.constantFrom(
      'fixed',
      'fixedCh',
      'fixedAltHan',
      'explicit',
      'elective',
      'vat',
      'total',
      'Fixed',
      'elective ',
      'VAT',
      'other',
    ),
    HOSTILE,
  ),
  chargingGroup: fc.oneof(
    fc.constantFrom(
      '',
      '',
      'g1',
      'g5',
      'g6',
      'G1',
      'importSupplier',
      'exportSupplier',
      'gasSupplier',
      'electricityNetworkOperator',
      'other',
    ),
    HOSTILE,
  ),
  region: fc.oneof(fc.constantFrom('', '', 'national', 'north', 'central', 'south', 'North', 'east'), HOSTILE),
  code: fc.oneof(
    fc.constantFrom('', '', 'EA-0000001', 'TEST_LAB_DAY', ' ', "'=HYPERLINK()", "'-x"),
    fc.string(),
    HOSTILE,
  ),
  description: fc.oneof(fc.constantFrom('', 'Elective service 1', "'=cmd", '"quoted"'), fc.string()),
  quantity: fc.oneof(fc.constantFrom('', '1', '1200', '2.5'), decimalText),
  unitPrice: fc.oneof(fc.constantFrom('', '0.4468', '512.40'), decimalText),
  amount: fc.oneof(fc.constantFrom('', '1024.80', '0.00', '-12.50'), decimalText),
  clause: fc.oneof(fc.constantFrom('', 'K8', 'K4.2', "'+K"), fc.string()),
};

/** A plainly valid row of each kind, by field. */
const validRow: fc.Arbitrary<Partial<Record<InvoiceField, string>>> = fc.oneof(
  fc.record({
    month: fc.constant('2025-06'),
    kind: fc.constantFrom('fixed', 'fixedCh', 'fixedAltHan'),
    chargingGroup: fc.constantFrom('g1', 'g3', 'importSupplier', 'gasSupplier'),
    region: fc.constantFrom('national', 'north', 'central', 'south'),
    description: fc.string(),
    quantity: fc.constantFrom('1000', '0', '-3', '2.5'),
    unitPrice: fc.constantFrom('0.4468', '-1.25', '0'),
    amount: fc.constantFrom('446.80', '-3.75', '0.00', '7'),
    clause: fc.constantFrom('K4.2', 'K3.10', ''),
  }),
  fc
    .record({
      month: fc.constantFrom('2025-06', '2026-01'),
      kind: fc.constantFrom('explicit', 'elective'),
      code: fc.constantFrom('TEST_LAB_DAY', 'EA-0000001', 'x'),
      description: fc.constantFrom('Elective service 1', ''),
      quantity: fc.constantFrom('1', '2', '0.5'),
      unitPrice: fc.constantFrom('512.40', '1.00', '1234567890.99'),
      amount: fc.constantFrom('1024.80', '1.00', '12345678901.00', '123456789012345.99'),
      clause: fc.constantFrom('K8', 'K7', ''),
      // An elective line's unit price is its amount: sometimes written alike (beyond a price's digits, too).
      sameUnitPrice: fc.boolean(),
    })
    .map(({ sameUnitPrice, ...fields }) => (sameUnitPrice ? { ...fields, unitPrice: fields.amount } : fields)),
  fc.record({
    month: fc.constant('2025-06'),
    kind: fc.constantFrom('vat', 'total'),
    description: fc.constantFrom('VAT at 0.20', ''),
    quantity: fc.constantFrom('1476.60', ''),
    unitPrice: fc.constantFrom('0.20', ''),
    amount: fc.constantFrom('295.32', '0.00'),
    clause: fc.constantFrom('', 'K1'),
  }),
);

/** A valid row with up to three of its fields replaced by random, mostly hostile, cells. */
const row = fc
  .tuple(validRow, fc.array(fc.constantFrom(...INVOICE_FIELDS), { maxLength: 3 }))
  .chain(([valid, fields]) =>
    fc
      .tuple(fc.constant(valid), ...fields.map((field) => fc.tuple(fc.constant(field), CELLS[field])))
      .map(([base, ...changes]) => {
        const cells: Partial<Record<InvoiceField, string>> = { ...base };
        for (const [field, cell] of changes) cells[field] = cell;
        return cells;
      }),
  );

/** A header plan: every invoice field or some of them, in any order, with columns not read among them. */
const header = fc
  .tuple(
    fc.oneof(fc.constant([...INVOICE_FIELDS]), fc.shuffledSubarray([...INVOICE_FIELDS], { minLength: 3 })),
    fc.array(fc.constant(null), { maxLength: 2 }),
  )
  .chain(([fields, ignored]) =>
    fc.shuffledSubarray<InvoiceField | null>([...fields, ...ignored], { minLength: fields.length + ignored.length }),
  );

const table = fc
  .tuple(header, fc.array(fc.tuple(row, fc.string()), { minLength: 1, maxLength: 8 }))
  .map(
    ([fieldOfHeader, rows]) =>
      [
        fieldOfHeader,
        rows.map(([cells, other]) => fieldOfHeader.map((field) => (field === null ? other : (cells[field] ?? '')))),
      ] as const,
  );

/** The reference: the record the table reader makes, through the schema, with its location. */
function reference(cells: readonly string[], fieldOfHeader: readonly (string | null)[], location: { line: number }) {
  const result = invoiceLineSchema.safeParse(recordValues(cells, fieldOfHeader, restoreCsvCell));
  return result.success ? { ...result.data, location } : undefined;
}

describe('the plain reading of invoice rows', () => {
  it('takes only rows the schema accepts, as the line the schema gives', () => {
    let taken = 0;
    let accepted = 0;
    fc.assert(
      fc.property(table, ([fieldOfHeader, rows]) => {
        const columns = invoiceFieldColumns(fieldOfHeader);
        expect(columns).toBeDefined();
        // One reader for the rows of a file, as readInvoice reads them (it keeps the last month and clause).
        const reader = new PlainInvoiceReader(columns as NonNullable<typeof columns>);
        rows.forEach((cells, index) => {
          const location = { line: index + 2 };
          const plain = reader.read(cells, location);
          const expected = reference(cells, fieldOfHeader, location);
          if (expected !== undefined) accepted += 1;
          if (plain === undefined) return;
          taken += 1;
          expect(expected).toBeDefined();
          expect(plain).toStrictEqual(expected);
          expect(Object.keys(plain)).toEqual(Object.keys(expected as object));
          expect(JSON.stringify(plain)).toBe(JSON.stringify(expected));
        });
      }),
      { numRuns: 3000 },
    );
    // The random rows include many the plain reading takes, and many it leaves to the schema.
    expect(taken).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThanOrEqual(taken);
  });

  it('takes every plainly valid row, such as those dcc-charges charges writes', () => {
    const fieldOfHeader = [...INVOICE_FIELDS];
    const reader = new PlainInvoiceReader(
      invoiceFieldColumns(fieldOfHeader) as NonNullable<ReturnType<typeof invoiceFieldColumns>>,
    );
    const rows = [
      ['2025-06', 'fixed', 'g1', 'north', '', 'Fixed Charge g1 north', '1000', '0.4468', '446.80', 'K4.2'],
      ['2025-06', 'fixedCh', 'g5', 'national', '', '', '3', '1.5', '4.50', ''],
      ['2025-06', 'explicit', '', '', 'TEST_LAB_DAY', 'Test lab day', '2', '512.40', '1024.80', 'K7'],
      ['2025-06', 'elective', '', '', 'EA-0000001', 'Elective service 1', '1', '1.00', '1.00', 'K8'],
      ['2025-06', 'vat', '', '', '', 'VAT at 0.20 on 1476.60', '1476.60', '0.20', '295.32', ''],
      ['2025-06', 'total', '', '', '', 'Gross total', '', '', '1771.92', ''],
    ];
    rows.forEach((cells, index) => {
      const location = { source: 'invoice.csv', line: index + 2 };
      expect(reader.read(cells, location)).toStrictEqual(reference(cells, fieldOfHeader, location));
    });
  });

  it('leaves every row to the schema when a header plan reads one field from two columns', () => {
    expect(invoiceFieldColumns(['month', 'kind', 'amount', 'amount'])).toBeUndefined();
    expect(invoiceFieldColumns(['month', 'kind', 'amount', 'unknownField'])).toBeUndefined();
  });
});
