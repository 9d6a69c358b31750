/**
 * The reconciliation made as the invoice is read (decision 0085) against the one held in
 * memory: charges with their elective lines deferred give the same lines and totals; an
 * invoice reconciled from its CSV text, or from its bytes in chunks of any size, gives the
 * same result as `readInvoice` then `reconcileInvoice`; listing `differing` keeps exactly the
 * lines that do not match, and changes no count, total or sum; and its bad input is reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateValidatedMonthlyCharges,
  deferValidatedMonthlyCharges,
  type ValidatedChargeArguments,
} from '../../src/charges/calculate-monthly-charges.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  calculateMonthlyCharges,
  InputError,
  readInvoice,
  reconcileInvoice,
  type Reconciliation,
} from '../../src/index.js';
import { reconcileInvoiceFile } from '../../src/node.js';
import { parseElective, type ElectiveRow } from '../../src/inputs/elective.js';
import { electiveAmount, electiveLine } from '../../src/charges/explicit-lines.js';
import { chargeKeyColumns } from '../../src/charges/charge-line.js';
import { Dec } from '../../src/money/decimal.js';
import { formatMoney, formatPlain, roundToPence } from '../../src/money/rounding.js';
import { parseMeterCounts } from '../../src/inputs/meter-counts.js';
import { parseUsage } from '../../src/inputs/usage.js';
import { INVOICE_FIELDS, type InvoiceLineInput } from '../../src/reconciliation/invoice-line.js';
import { invoiceLinesFromCharges } from '../../src/reconciliation/invoice-from-charges.js';
import { reconcileInvoiceTable } from '../../src/reconciliation/reconcile-invoice.js';
import { parseChargingStatement } from '../../src/statement/parse-statement.js';
import type { CsvChunks } from '../../src/tables/csv-chunks.js';
import { chunksOf } from '../support/csv-chunks.js';
import { writeCsv } from '../../src/tables/csv-write.js';
import { CHARGING_GROUPS, PREMISES_TYPES, REGIONS } from '../../src/vocabulary.js';
import { MONTH, STATEMENT } from './support.js';

const CODES = ['CH_RETURN_REDEPLOYED', 'CH_STOCK_LEVEL', 'TEST_LAB_DAY', 'ALT_HAN_PREMISES'];

const amountText = fc
  .tuple(fc.integer({ min: -9_999, max: 99_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([pounds, pence, whole]) => (whole ? String(pounds) : `${pounds}.${String(pence).padStart(2, '0')}`))
  .filter((text) => !/^-0(\.00)?$/.test(text));

/** The validated inputs of one month's charges (illustrative figures, invented by the generator). */
const chargeArguments: fc.Arbitrary<ValidatedChargeArguments> = fc
  .record({
    meters: fc.uniqueArray(
      fc.record({
        chargingGroup: fc.constantFrom(...CHARGING_GROUPS),
        region: fc.constantFrom(...REGIONS),
        premises: fc.constantFrom(...PREMISES_TYPES),
        enrolled: fc.boolean(),
        count: fc.integer({ min: 1, max: 5_000_000 }),
      }),
      {
        minLength: 1,
        maxLength: 6,
        selector: (row) => `${row.chargingGroup}|${row.region}|${row.premises}|${row.enrolled}`,
      },
    ),
    usage: fc.uniqueArray(
      fc.record({ code: fc.constantFrom(...CODES), quantity: fc.integer({ min: 1, max: 40 }).map(String) }),
      { maxLength: 3, selector: (row) => row.code },
    ),
    elective: fc.uniqueArray(
      fc.record({
        reference: fc.stringMatching(/^EA-[0-9]{1,4}$/),
        description: fc.constantFrom('agreed service', 'a report, "bespoke"', '=SUM(A1)', 'line\nbreak', 'Café £5'),
        amount: amountText,
      }),
      { maxLength: 12, selector: (row) => row.reference },
    ),
    vatRate: fc.constantFrom('0.20', '0.05', '0'),
    rounding: fc.constantFrom('halfUp' as const, 'halfEven' as const, 'down' as const),
  })
  .map(
    (input): ValidatedChargeArguments => [
      [parseChargingStatement(STATEMENT)],
      MONTH,
      parseMeterCounts(input.meters),
      parseUsage(input.usage),
      parseElective(input.elective),
      input.vatRate,
      input.rounding,
    ],
  );

/** What an invoice may do to a row: keep it, change its amount, drop it, or add one no charge has. */
type Edit = 'keep' | 'amount' | 'drop';

const edits = fc.array(fc.constantFrom<Edit>('keep', 'keep', 'keep', 'amount', 'drop'), { maxLength: 40 });

/** The invoice rows the charges imply, edited, shuffled by `order`, perhaps with an unexpected row. */
function editedInvoice(
  rows: readonly InvoiceLineInput[],
  how: readonly Edit[],
  order: readonly number[],
  unexpected: boolean,
): InvoiceLineInput[] {
  const edited: InvoiceLineInput[] = [];
  rows.forEach((row, index) => {
    const edit = how[index] ?? 'keep';
    if (edit === 'drop') return;
    edited.push(edit === 'amount' ? { ...row, amount: row.amount === '1.00' ? '2.00' : '1.00' } : row);
  });
  if (unexpected) {
    edited.push({
      month: MONTH,
      kind: 'elective',
      code: 'NOT-EXPECTED',
      description: 'not agreed',
      quantity: '1',
      unitPrice: '3.50',
      amount: '3.50',
    });
  }
  // A permutation by sorting on random keys (stable for ties).
  return edited
    .map((row, index) => ({ row, key: order[index % Math.max(order.length, 1)] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.row);
}

/** The CSV text of invoice rows, in the columns of `dcc-charges charges --format csv`. */
function invoiceCsv(rows: readonly InvoiceLineInput[]): string {
  return writeCsv(
    INVOICE_FIELDS,
    rows.map((row) =>
      INVOICE_FIELDS.map((field) => {
        const value = (row as Record<string, unknown>)[field];
        return value === undefined ? '' : String(value);
      }),
    ),
  );
}

/** The lines of a listing `all` result that listing `differing` keeps, and the rest unchanged. */
function onlyDiffering(result: Reconciliation): Reconciliation {
  return { ...result, listing: 'differing', lines: result.lines.filter((line) => line.status !== 'match') };
}

describe('charges with their elective lines deferred', () => {
  it('give the lines and totals the charges held in full give', () => {
    fc.assert(
      fc.property(chargeArguments, (args) => {
        const full = calculateValidatedMonthlyCharges(...args);
        const deferred = deferValidatedMonthlyCharges(...args);
        expect(deferred.lineCount).toBe(full.lines.length);
        expect(Array.from({ length: deferred.lineCount }, (_, position) => deferred.lineAt(position))).toEqual(
          full.lines,
        );
        expect(deferred.totals).toEqual(full.totals);
        // Every line is found by its key, and a key no line has is not.
        full.lines.forEach((line, position) => {
          expect(deferred.positionOf(line)).toBe(position);
          expect(chargeKeyColumns(deferred.keyAt(position))).toEqual(chargeKeyColumns(line));
          expect(deferred.keyAt(position).kind).toBe(line.kind);
        });
        expect(deferred.positionOf({ kind: 'elective', code: 'NO-SUCH-AGREEMENT' })).toBeUndefined();
        expect(deferred.positionOf({ kind: 'explicit', code: 'NO_SUCH_METRIC' })).toBeUndefined();
        expect([deferred.month, deferred.statement, deferred.vatRate]).toEqual([
          full.month,
          full.statement,
          full.vatRate,
        ]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the amount of an elective line', () => {
  it('is the agreed amount rounded to pence, written as money, and its unrounded amount written plain, whether or not it was written as money', () => {
    fc.assert(
      fc.property(
        amountText,
        fc.constantFrom('halfUp' as const, 'halfEven' as const, 'down' as const, 'up' as const),
        (amount, rounding) => {
          const row = parseElective([{ reference: 'EA-1', description: 'agreed', amount }])[0] as ElectiveRow;
          expect(electiveAmount(row, rounding)).toBe(formatMoney(roundToPence(new Dec(amount), rounding)));
          expect(electiveLine(row, 0, rounding).explanation.rounding.unrounded).toBe(formatPlain(new Dec(amount)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('reconciling an invoice as it is read', () => {
  it('gives what reading it whole and reconciling gives, from text or from chunks of any size, and listing differing keeps only the lines that differ', () => {
    fc.assert(
      fc.property(
        chargeArguments,
        edits,
        fc.array(fc.integer(), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('0.00', '0.01'),
        fc.boolean(),
        (args, how, order, unexpected, sizes, tolerance, crlf) => {
          const full = calculateValidatedMonthlyCharges(...args);
          const deferred = deferValidatedMonthlyCharges(...args);
          const rows = editedInvoice(invoiceLinesFromCharges(full, { totals: true }), how, order, unexpected);
          fc.pre(rows.length > 0);
          const lf = invoiceCsv(rows);
          const text = crlf ? lf.replaceAll('\n', '\r\n') : lf;
          const source = 'invoice.csv';
          const all = reconcileInvoice({ invoice: readInvoice(text, { source }), expected: full, tolerance });
          const settings = { tolerance, rounding: args[6] };
          expect(reconcileInvoiceTable(text, { source }, deferred, { ...settings, listing: 'all' })).toEqual(all);
          const streamed = reconcileInvoiceTable(
            chunksOf(new TextEncoder().encode(text), sizes, source),
            { source },
            deferred,
            {
              ...settings,
              listing: 'differing',
            },
          );
          expect(streamed).toEqual(onlyDiffering(all));
          expect(
            reconcileInvoice({
              invoice: readInvoice(text, { source }),
              expected: full,
              tolerance,
              listing: 'differing',
            }),
          ).toEqual(onlyDiffering(all));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('reconcileInvoiceFile (dcc-charges/node)', () => {
  it('reconciles a CSV invoice file as readInvoice then reconcileInvoice do, listing the lines that differ', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dcc-invoice-file-'));
    try {
      const inputs = {
        statements: [STATEMENT as never],
        month: MONTH,
        meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
        usage: [{ code: 'TEST_LAB_DAY', quantity: '2.5' }],
        elective: [
          { reference: 'EA-1', description: 'Bespoke report', amount: '100.00' },
          { reference: 'EA-2', description: 'Site visit', amount: '250.00' },
        ],
      } as const;
      const expected = calculateMonthlyCharges(inputs);
      // The invoice asks 10.00 more for EA-2 (its arithmetic then fails too).
      const rows = invoiceLinesFromCharges(expected).map((row) =>
        row.code === 'EA-2' ? { ...row, amount: '260.00' } : row,
      );
      const path = join(folder, 'invoice.csv');
      writeFileSync(path, invoiceCsv(rows));
      const whole = reconcileInvoice({ invoice: readInvoice(readFileSync(path, 'utf8'), { source: path }), expected });
      const result = reconcileInvoiceFile(path, { ...inputs, listing: 'differing' });
      expect(result).toEqual(onlyDiffering(whole));
      expect(result.lines.map((line) => [line.key.kind, line.status])).toEqual([['elective', 'amountDiffers']]);
      expect(result.moneyAtStake.overcharged).toBe('10.00');
      expect(reconcileInvoiceFile(path, inputs)).toEqual(whole);
      expect(() => reconcileInvoiceFile(path, { ...inputs, listing: 'some' as never })).toThrow(InputError);
      // A JSON invoice is refused as such (this reads CSV), not with the CSV header's problems.
      const json = join(folder, 'invoice.json');
      writeFileSync(json, `\uFEFF  ${JSON.stringify(rows)}`);
      let issues: readonly { code: string; received?: string }[] = [];
      try {
        reconcileInvoiceFile(json, inputs);
      } catch (error) {
        if (error instanceof InputError) issues = error.issues;
      }
      expect(issues.map((issue) => [issue.code, issue.received])).toEqual([['formatMismatch', 'JSON text']]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('bad input to the reconciliation made as the invoice is read', () => {
  const args: ValidatedChargeArguments = [
    [parseChargingStatement(STATEMENT)],
    MONTH,
    parseMeterCounts([{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }]),
    parseUsage([]),
    parseElective([
      { reference: 'EA-1', description: 'Bespoke report', amount: '100.00' },
      { reference: 'EA-2', description: 'Site visit', amount: '250.00' },
    ]),
    '0.20',
    'halfUp',
  ];
  const deferred = deferValidatedMonthlyCharges(...args);
  const settings = { tolerance: '0.00', listing: 'differing', rounding: 'halfUp' } as const;
  const header = 'month,kind,chargingGroup,region,code,description,quantity,unitPrice,amount,clause';
  const issuesOf = (text: string) => {
    try {
      reconcileInvoiceTable(text, { source: 'invoice.csv' }, deferred, settings);
    } catch (error) {
      if (error instanceof InputError) return error.issues;
      throw error;
    }
    throw new Error('no error');
  };

  it('reports a repeated key at both rows, an invoice row of another month and a bad row, all together', () => {
    const issues = issuesOf(
      [
        header,
        '2025-06,elective,,,EA-1,Bespoke report,1,100.00,100.00,K8',
        '2025-07,elective,,,EA-2,Site visit,1,250.00,250.00,K8',
        '2025-06,elective,,,EA-1,Bespoke report,1,100.00,100.00,K8',
        '2025-06,elective,,,EA-3,Other,1,ten,10.00,K8',
      ].join('\n'),
    );
    expect(issues.map((issue) => [issue.line, issue.code])).toEqual([
      [3, 'otherMonth'],
      [4, 'duplicateKey'],
      [5, 'invalidValue'],
    ]);
    expect(issues[1]?.detail).toBe('first at invoice.csv, line 2');
  });

  it('reports a repeated VAT row, and an invoice with no rows', () => {
    const vat = '2025-06,vat,,,,VAT,70.00,0.20,14.00,';
    expect(issuesOf([header, vat, vat].join('\n')).map((issue) => [issue.line, issue.code])).toEqual([
      [3, 'duplicateKey'],
    ]);
    expect(issuesOf(`${header}\n`).map((issue) => issue.code)).toEqual(['emptyInvoice']);
  });

  it('reports invoice bytes that are not UTF-8 at their line, read in chunks', () => {
    const bytes = new TextEncoder().encode(`${header}\n2025-06,elective,,,EA-1,Caf\u00e9,1,100.00,100.00,K8\n`);
    // The two bytes of "é" (C3 A9) become one Latin-1 byte, E9: not UTF-8.
    const at = bytes.indexOf(0xc3);
    const latin1 = new Uint8Array([...bytes.subarray(0, at), 0xe9, ...bytes.subarray(at + 2)]);
    const chunks: CsvChunks = { kind: 'csvChunks', source: 'invoice.csv', read: (take) => take(latin1) };
    let issues: readonly { code: string; line?: number }[] = [];
    try {
      reconcileInvoiceTable(chunks, { source: 'invoice.csv' }, deferred, settings);
    } catch (error) {
      if (error instanceof InputError) issues = error.issues;
    }
    expect(issues.map((issue) => [issue.line, issue.code])).toEqual([[2, 'invalidEncoding']]);
  });
});
