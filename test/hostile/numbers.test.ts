/**
 * Hostile class "numbers": spellings of numbers a spreadsheet, a person or a JavaScript caller may
 * produce, in meter counts, the VAT rate, statement rates and prices, and invoice amounts. Each is refused with a located error (exit 2), or accepted exactly
 * as documented (plain digits; a plain decimal rate).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { EXIT } from '../../src/cli/run-cli.js';
import { runCliCapture } from '../support/cli.js';
import { inputIssues } from '../support/errors.js';
import { fixtureJson, illustrativeStatement } from '../support/fixtures.js';
import {
  calculateMonthlyCharges,
  parseChargingStatement,
  parseInvoiceLines,
  readInvoice,
  readMeterCounts,
  type MeterCountRowInput,
} from '../../src/index.js';

const STATEMENT = 'fixtures/statements/illustrative-2025-26.json';
const METERS = 'fixtures/examples/dual-fuel-supplier/meters.json';
const folder = mkdtempSync(join(tmpdir(), 'dcc-numbers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function meterRows(): MeterCountRowInput[] {
  return (fixtureJson('examples', 'dual-fuel-supplier', 'meters.json') as { rows: MeterCountRowInput[] }).rows;
}

/** Spellings that are not a plain whole number of meters. */
const HOSTILE_COUNTS = [
  '1e3',
  '1E3',
  '+5',
  '007',
  '١٢',
  '１２',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '-5',
  '123456789012345678901',
  '"1,000"',
  '1 000',
  '12.',
  '12.0',
  '0x10',
  ' 12',
  '12 ',
];

/** Spellings that are not a plain decimal VAT rate from 0 to 1. */
const HOSTILE_RATES = [
  '1e-1',
  '+0.2',
  '.2',
  '２',
  '٠٫٢',
  'NaN',
  'Infinity',
  '-0',
  '-0.2',
  '20%',
  '0,2',
  '0.2.',
  '1.5',
  '0.2 ',
  '',
];

function metersCsv(count: string): string {
  const path = join(folder, `meters-${HOSTILE_COUNTS.indexOf(count)}.csv`);
  writeFileSync(path, `chargingGroup,region,premises,enrolled,count\nimportSupplier,north,domestic,true,${count}\n`);
  return path;
}

describe('hostile numbers in a meter count (CSV)', () => {
  it.each(HOSTILE_COUNTS)('count %j is refused at its line and field', async (count) => {
    const path = metersCsv(count);
    const result = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      path,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain(`${path}, line 2, field "count": expected a whole number of meters`);
    expect(result.stdout).toBe('');
  });

  it('a plain count is accepted as written', async () => {
    const path = join(folder, 'plain.csv');
    writeFileSync(path, 'chargingGroup,region,premises,enrolled,count\nimportSupplier,north,domestic,true,12\n');
    const result = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      path,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.done);
  });
});

describe('hostile numbers in --vat-rate', () => {
  it.each(HOSTILE_RATES)('rate %j is refused naming the option', async (rate) => {
    const result = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      METERS,
      '--vat-rate',
      rate,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('field "--vat-rate": expected a VAT rate as a plain decimal from 0 to 1');
    expect(result.stdout).toBe('');
  });

  it.each(['0.2', '0.20', '0', '1'])('rate %j is accepted', async (rate) => {
    const result = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      METERS,
      '--vat-rate',
      rate,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.done);
  });
});

/**
 * Spellings of a decimal that a spreadsheet, a JavaScript caller or a person may produce, each
 * with why it is not a plain decimal string within the digit bounds (10 digits before the point,
 * 20 after, for rates and prices; 15 before and 2 after for amounts).
 */
const HOSTILE_DECIMAL_SPELLINGS: readonly [string, unknown][] = [
  ['a JavaScript number', 0.4],
  ['a whole JavaScript number', 1],
  ['an exponent', '1e3'],
  ['an upper-case exponent', '1E-1'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['a comma for the point', '0,4'],
  ['a leading point', '.4'],
  ['a plus sign', '+0.4'],
  ['a space', ' 0.4'],
];

/** A rate or price: unsigned, at most 10 digits before the point and 20 after. */
const HOSTILE_RATES_LIB: readonly [string, unknown][] = [
  ...HOSTILE_DECIMAL_SPELLINGS,
  ['a negative zero', '-0'],
  ['a negative rate', '-0.4'],
  ['21 decimal places', `0.${'1'.repeat(21)}`],
  ['11 digits before the point', '12345678901.5'],
];

describe('hostile numbers in a statement rate and price (library)', () => {
  it.each(HOSTILE_RATES_LIB)('a Fixed Charge rate with %s is refused at its path', (_why, rate) => {
    const statement = illustrativeStatement() as unknown as { fixedCharges: { ratePerMeterMonth: unknown }[] };
    (statement.fixedCharges[0] as { ratePerMeterMonth: unknown }).ratePerMeterMonth = rate;
    const { issues, messages } = inputIssues(() => parseChargingStatement(statement, 'statement.json'));
    expect(issues[0]?.path).toEqual(['fixedCharges', 0, 'ratePerMeterMonth']);
    expect(messages[0]).toContain(
      'statement.json, at fixedCharges[0].ratePerMeterMonth: expected a non-negative plain decimal string',
    );
  });

  it.each(HOSTILE_RATES_LIB)('an explicit unit price with %s is refused at its path', (_why, price) => {
    const statement = illustrativeStatement() as unknown as { explicitCharges: { unitPrice: unknown }[] };
    (statement.explicitCharges[0] as { unitPrice: unknown }).unitPrice = price;
    const { issues } = inputIssues(() => parseChargingStatement(statement, 'statement.json'));
    expect(issues[0]?.path).toEqual(['explicitCharges', 0, 'unitPrice']);
    expect(issues[0]?.code).toBe('invalidValue');
  });

  it('the largest rate the bounds allow is accepted as written', () => {
    const rate = `${'9'.repeat(10)}.${'9'.repeat(20)}`;
    const statement = illustrativeStatement() as unknown as { fixedCharges: { ratePerMeterMonth: string }[] };
    (statement.fixedCharges[0] as { ratePerMeterMonth: string }).ratePerMeterMonth = rate;
    expect(parseChargingStatement(statement).fixedCharges[0]?.ratePerMeterMonth).toBe(rate);
  });
});

/** An invoice amount: signed, at most 15 digits before the point and 2 after. */
const HOSTILE_AMOUNTS: readonly [string, unknown][] = [
  ...HOSTILE_DECIMAL_SPELLINGS,
  ['3 decimal places', '1024.800'],
  ['16 digits before the point', '1234567890123456.00'],
  ['a currency sign', '£1024.80'],
  ['a thousands separator', '1,024.80'],
];

const INVOICE_ROWS = (fixtureJson('invoices', 'dual-fuel-supplier-2025-06.json') as { rows: Record<string, unknown>[] })
  .rows;

describe('hostile numbers in an invoice amount', () => {
  it.each(HOSTILE_AMOUNTS)('an amount with %s is refused at its row and field (library)', (_why, amount) => {
    const rows = INVOICE_ROWS.map((row, index) => (index === 0 ? { ...row, amount } : row));
    const { issues, messages } = inputIssues(() => parseInvoiceLines(rows, 'invoice'));
    expect(issues[0]).toMatchObject({ source: 'invoice', path: [0], field: 'amount' });
    expect(messages[0]).toMatch(
      /^invoice, at \[0\], field "amount": expected an amount in pounds as a plain decimal string/,
    );
  });

  it.each(HOSTILE_AMOUNTS.filter(([, amount]) => typeof amount === 'string'))(
    'an amount with %s in a CSV invoice is refused at its line (command line)',
    async (_why, amount) => {
      const path = join(folder, `invoice-${HOSTILE_AMOUNTS.findIndex(([, a]) => a === amount)}.csv`);
      const cell = String(amount).includes(',') ? `"${String(amount)}"` : String(amount);
      writeFileSync(
        path,
        `month,kind,code,quantity,unitPrice,amount\n2025-06,explicit,TEST_LAB_DAY,2,512.40,${cell}\n`,
      );
      const result = await runCliCapture([
        'reconcile',
        '--statement',
        STATEMENT,
        '--month',
        '2025-06',
        '--meters',
        METERS,
        '--invoice',
        path,
        '--format',
        'json',
      ]);
      expect(result.code).toBe(EXIT.badInput);
      expect(result.stderr).toContain(`${path}, line 2, field "amount": expected`);
      expect(result.stdout).toBe('');
    },
  );

  it('a zero written with a minus sign, as a spreadsheet may export it, is read as written and equals zero', () => {
    const rows = INVOICE_ROWS.map((row, index) => (index === 0 ? { ...row, amount: '-0.00' } : row));
    const lines = parseInvoiceLines(rows, 'invoice');
    expect(lines[0]?.amount).toBe('-0.00');
    expect(new Decimal(lines[0]?.amount ?? '1').isZero()).toBe(true);
  });

  it('the two-place amounts of the invoice fixture are accepted as written', () => {
    expect(parseInvoiceLines(INVOICE_ROWS).map((line) => line.amount)).toEqual(
      INVOICE_ROWS.map((row) => row['amount']),
    );
  });
});

describe('hostile numbers in the library VAT rate', () => {
  it.each([
    ...HOSTILE_DECIMAL_SPELLINGS,
    ['a negative zero', '-0'],
    ['11 decimal places', '0.20000000000'],
    ['above 1', '1.5'],
  ] as const)('vatRate with %s is refused naming it', (_why, vatRate) => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [illustrativeStatement()],
        month: '2025-06',
        meters: meterRows(),
        vatRate: vatRate as string,
      }),
    );
    expect(issues.some((issue) => issue.field === 'input.vatRate' || issue.path?.[0] === 'vatRate')).toBe(true);
  });
});

describe('a JSON number with more digits than a double holds is quoted as written', () => {
  const DIGITS_21 = '123456789012345678901';
  const ONE_E_21 = '1000000000000000000000';

  it.each([DIGITS_21, ONE_E_21])('a meter count of %s in a JSON file (command line)', async (digits) => {
    const path = join(folder, `meters-${digits.length}-${digits.slice(0, 2)}.json`);
    writeFileSync(
      path,
      `[{"chargingGroup":"importSupplier","region":"north","premises":"domestic","enrolled":true,"count":${digits}}]\n`,
    );
    const result = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      path,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain(`${path}, at [0], field "count": expected a whole number of meters`);
    expect(result.stderr).toContain(`received ${digits}`);
    expect(result.stderr).not.toMatch(/e\+\d/);
  });

  it('an invoice quantity of 21 digits in JSON (library, through a column mapping)', () => {
    const text = JSON.stringify([{ ...INVOICE_ROWS[0], quantity: 0 }]).replace(
      '"quantity":0',
      `"quantity":${DIGITS_21}`,
    );
    const { messages } = inputIssues(() => readInvoice(text, { source: 'invoice.json' }));
    expect(messages[0]).toContain(`invoice.json, at [0], field "quantity": expected a quantity`);
    expect(messages[0]).toContain(`received ${DIGITS_21}`);
  });

  it('a number a double holds exactly is quoted as it prints', () => {
    const { messages } = inputIssues(() =>
      readMeterCounts(
        '[{"chargingGroup":"importSupplier","region":"north","premises":"domestic","enrolled":true,"count":1.5}]',
        { source: 'm.json' },
      ),
    );
    expect(messages[0]).toContain('received 1.5');
  });
});
