import { chargeKeyColumns } from '../../src/charges/charge-line.js';
/**
 * Workbooks as input wherever the command line takes a table: meter counts, usage, elective
 * lines and invoices (through a column mapping), with `--sheet`; the bytes decide what a file
 * is, and a name that contradicts them is refused; problems are located at sheet and cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonthlyCharges, Reconciliation, StatementComparison } from '../../src/index.js';
import { writeWorkbook, type Cell, type SheetSpec } from '../../src/xlsx.js';
import { runCliCapture } from '../support/cli.js';
import { handWorkbook, n, row, t } from '../support/workbooks.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-xlsx-input-'));
  folders.push(folder);
  return folder;
}

const STATEMENT = 'fixtures/statements/illustrative-2025-26.json';
const DUAL = 'fixtures/examples/dual-fuel-supplier';
const NETWORK = 'fixtures/examples/network-operator';

function fixtureRows(path: string): Record<string, unknown>[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return (Array.isArray(data) ? data : (data as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

/** A sheet of the rows: a header row, then numbers as number cells (as a user types them) and the rest as text. */
function sheetOf(name: string, rows: readonly Record<string, unknown>[], numeric: readonly string[] = []): SheetSpec {
  const header = [...new Set(rows.flatMap((entry) => Object.keys(entry)))];
  const cells: Cell[][] = [header.map((value) => ({ value }))];
  for (const entry of rows) {
    cells.push(
      header.map((key) => {
        const value = entry[key];
        if (value === undefined || value === null || value === '') return {};
        if (typeof value === 'boolean' || typeof value === 'number') return { value };
        return numeric.includes(key) ? { value: Number(value) } : { value: String(value) };
      }),
    );
  }
  return { name, rows: cells };
}

const meterSheet = (name: string, path = `${DUAL}/meters.json`) => sheetOf(name, fixtureRows(path), ['count']);
const usageSheet = (name: string, path = `${DUAL}/usage.json`) => sheetOf(name, fixtureRows(path), ['quantity']);
const electiveSheet = (name: string) => sheetOf(name, fixtureRows(`${DUAL}/elective.json`), ['amount']);

async function chargesJson(args: readonly string[]): Promise<MonthlyCharges> {
  const run = await runCliCapture([
    'charges',
    '--statement',
    STATEMENT,
    '--month',
    '2025-06',
    ...args,
    '--format',
    'json',
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as MonthlyCharges;
}

async function failing(args: readonly string[]): Promise<string> {
  const run = await runCliCapture(args);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr;
}

const jsonInputs = [
  '--meters',
  `${DUAL}/meters.json`,
  '--usage',
  `${DUAL}/usage.json`,
  '--elective',
  `${DUAL}/elective.json`,
];

describe('meter counts, usage and elective lines from a workbook', () => {
  it('reads each input from its own sheet of one workbook, chosen by its header, as from JSON', async () => {
    const folder = scratch();
    const book = join(folder, 'inputs.xlsx');
    writeFileSync(book, writeWorkbook([meterSheet('Meters'), usageSheet('Usage'), electiveSheet('Elective')]));
    const fromJson = await chargesJson(jsonInputs);
    const fromBook = await chargesJson(['--meters', book, '--usage', book, '--elective', book]);
    // The same lines and pence; a number cell reads back without trailing zeros (1875.00 typed is 1875).
    const figures = (charges: MonthlyCharges) =>
      charges.lines.map((line) => [
        line.kind,
        chargeKeyColumns(line).chargingGroup,
        chargeKeyColumns(line).region,
        chargeKeyColumns(line).code,
        line.quantity,
        Number(line.unitPrice),
        line.amount,
      ]);
    expect(figures(fromBook)).toEqual(figures(fromJson));
    expect(fromBook.totals).toEqual(fromJson.totals);
  });

  it('takes the first sheet when several have the header, and --sheet NAME picks another', async () => {
    const folder = scratch();
    const book = join(folder, 'meters.xlsx');
    // "May" has the network operator's counts, "June" the dual-fuel supplier's.
    writeFileSync(book, writeWorkbook([meterSheet('May', `${NETWORK}/meters.json`), meterSheet('June')]));
    const network = await chargesJson(['--meters', `${NETWORK}/meters.json`]);
    const dual = await chargesJson(['--meters', `${DUAL}/meters.json`]);
    expect((await chargesJson(['--meters', book])).totals).toEqual(network.totals);
    expect((await chargesJson(['--meters', book, '--sheet', 'June'])).totals).toEqual(dual.totals);
    expect(
      (await chargesJson(['--meters', book, '--sheet', 'meters=June', '--usage', `${DUAL}/usage.json`])).totals.fixed,
    ).toBe(dual.totals.fixed);
    // A sheet per input: meters from "June" of one workbook, usage from "Used" of another.
    const usage = join(folder, 'usage.xlsx');
    writeFileSync(usage, writeWorkbook([usageSheet('Notes'), usageSheet('Used')]));
    const withUsage = await chargesJson([
      '--meters',
      book,
      '--usage',
      usage,
      '--sheet',
      'meters=June',
      '--sheet',
      'usage=Used',
    ]);
    expect(withUsage.totals).toEqual(
      (await chargesJson(['--meters', `${DUAL}/meters.json`, '--usage', `${DUAL}/usage.json`])).totals,
    );
    expect(
      await failing([
        'charges',
        '--statement',
        STATEMENT,
        '--month',
        '2025-06',
        '--meters',
        book,
        '--usage',
        usage,
        '--sheet',
        'June',
      ]),
    ).toContain(`${usage}, field "--sheet": expected one of the workbook's sheets: "Notes", "Used", received "June"`);
  });

  it('reads meter and elective workbooks in diff as well', async () => {
    const folder = scratch();
    const meters = join(folder, 'meters.xlsx');
    const elective = join(folder, 'elective.xlsx');
    writeFileSync(meters, writeWorkbook([meterSheet('Counts')]));
    writeFileSync(elective, writeWorkbook([electiveSheet('Elective')]));
    const diff = async (args: readonly string[]) => {
      const run = await runCliCapture([
        'diff',
        STATEMENT,
        'test/fixtures/budget/statement-2026-27.json',
        ...args,
        '--format',
        'json',
      ]);
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as StatementComparison).impact;
    };
    const fromBook = await diff(['--meters', meters, '--elective', elective]);
    const fromJson = await diff(['--meters', `${DUAL}/meters.json`, '--elective', `${DUAL}/elective.json`]);
    expect(fromBook?.inForce).toEqual(fromJson?.inForce);
    expect(fromBook?.monthly).toEqual(fromJson?.monthly);
  });

  it('refuses a sheet name the workbook does not have, listing its sheets', async () => {
    const folder = scratch();
    const book = join(folder, 'meters.xlsx');
    writeFileSync(book, writeWorkbook([meterSheet('May'), meterSheet('June')]));
    const stderr = await failing([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      book,
      '--sheet',
      'July',
    ]);
    expect(stderr).toContain(
      `${book}, field "--sheet": expected one of the workbook's sheets: "May", "June", received "July"`,
    );
  });

  it('refuses --sheet when no input is a workbook, and a sheet named for a text input', async () => {
    const base = ['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', `${DUAL}/meters.json`];
    expect(await failing([...base, '--sheet', 'June'])).toContain(
      'field "--sheet": expected --sheet only when an input is an .xlsx workbook, received "June"',
    );
    expect(await failing([...base, '--sheet', 'meters=June'])).toContain(
      `expected --sheet meters=NAME only for a workbook (--meters ${DUAL}/meters.json is text)`,
    );
    expect(await failing([...base, '--sheet', 'usage=June'])).toContain(
      'expected --sheet usage=NAME only with --usage given',
    );
  });

  it('locates a bad cell at its file, sheet and cell', async () => {
    const folder = scratch();
    const book = join(folder, 'meters.xlsx');
    const header = row(
      1,
      t('A1', 'chargingGroup'),
      t('B1', 'region'),
      t('C1', 'premises'),
      t('D1', 'enrolled'),
      t('E1', 'count'),
    );
    writeFileSync(
      book,
      handWorkbook([
        {
          name: 'June',
          data:
            header + row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '45809', 1)),
        },
      ]),
    );
    const stderr = await failing(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', book]);
    expect(stderr).toContain(`${book}, sheet "June", cell E2, field "count": expected a whole number`);
    expect(stderr).toContain('(a date cell)');
  });

  it('places a meter sheet with a wrong header at its cells, naming the column it lacks', async () => {
    const folder = scratch();
    const book = join(folder, 'meters.xlsx');
    const header = row(
      1,
      t('A1', 'chargingGroup'),
      t('B1', 'region'),
      t('C1', 'premises'),
      t('D1', 'enrolled?'),
      t('E1', 'count'),
    );
    writeFileSync(
      book,
      handWorkbook([
        {
          name: 'June',
          data: header + row(2, t('A2', 'g1'), t('B2', 'north'), t('C2', 'domestic'), t('D2', 'true'), n('E2', '5')),
        },
      ]),
    );
    const stderr = await failing(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', book]);
    expect(stderr).toContain(
      `${book}, sheet "June", cell A1:E1, field "enrolled": expected a header with the column "enrolled"`,
    );
    expect(stderr).toContain(
      `${book}, sheet "June", cell D1: expected only the columns chargingGroup, region, premises, enrolled, count, month, received the column "enrolled?"`,
    );
  });
});

describe('a file whose name contradicts its bytes', () => {
  it('refuses a .xlsx that is really CSV, and a .csv that is really a workbook, with typed errors', async () => {
    const folder = scratch();
    const fakeBook = join(folder, 'meters.xlsx');
    writeFileSync(fakeBook, 'chargingGroup,region,premises,enrolled,count\ng1,north,domestic,true,1200\n');
    const fakeCsv = join(folder, 'meters.csv');
    writeFileSync(fakeCsv, writeWorkbook([meterSheet('Meters')]));
    const base = ['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters'];
    expect(await failing([...base, fakeBook])).toMatch(
      new RegExp(
        `${fakeBook.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: expected an \\.xlsx workbook \\(a zip container of sheets\\), received text starting .*a CSV file must be named \\.csv`,
      ),
    );
    expect(await failing([...base, fakeCsv])).toContain(
      `${fakeCsv}: expected CSV text, as the name "${fakeCsv}" says, received a zip container (an .xlsx workbook)`,
    );
  });

  it('refuses a workbook of registrations (read as CSV only), saying how to save it', async () => {
    const folder = scratch();
    const book = join(folder, 'register.xlsx');
    writeFileSync(book, writeWorkbook([{ name: 'Register', rows: [[{ value: 'meterPoint' }]] }]));
    const stderr = await failing(['count', '--registrations', book, '--from', '2025-04', '--to', '2025-05']);
    expect(stderr).toContain(
      `${book}, field "--registrations": expected a CSV file (registrations are read as CSV only, streamed in bounded memory), received an .xlsx workbook (a zip container) (save the sheet as CSV (CSV UTF-8) and count that file)`,
    );
  });

  it('reads a workbook whose name has no extension by its bytes', async () => {
    const folder = scratch();
    const book = join(folder, 'meters-export');
    writeFileSync(book, writeWorkbook([meterSheet('Meters')]));
    expect((await chargesJson(['--meters', book])).totals).toEqual(
      (await chargesJson(['--meters', `${DUAL}/meters.json`])).totals,
    );
  });
});

describe('invoices from a workbook', () => {
  const networkInputs = [
    '--statement',
    STATEMENT,
    '--month',
    '2025-06',
    '--meters',
    `${NETWORK}/meters.json`,
    '--usage',
    `${NETWORK}/usage.json`,
  ];
  const invoiceRows = fixtureRows('fixtures/invoices/network-operator-2025-06-export.json');

  async function reconcile(invoice: string, extra: readonly string[] = []): Promise<Reconciliation> {
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      invoice,
      '--columns',
      'fixtures/invoices/export-columns.json',
      ...networkInputs,
      ...extra,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as Reconciliation;
  }

  it('reads an invoice export through the column mapping, from the only sheet with its headers, as from JSON', async () => {
    const folder = scratch();
    const book = join(folder, 'invoice.xlsx');
    const cover: SheetSpec = { name: 'Cover', rows: [[{ value: 'Invoice INV-ILLUSTRATIVE-0001' }]] };
    writeFileSync(book, writeWorkbook([cover, sheetOf('June', invoiceRows, ['Qty', 'Rate (GBP)', 'Net (GBP)'])]));
    const fromJson = await reconcile('fixtures/invoices/network-operator-2025-06-export.json');
    const fromBook = await reconcile(book);
    expect(fromBook.lines.map((line) => [line.status, line.difference.amount])).toEqual(
      fromJson.lines.map((line) => [line.status, line.difference.amount]),
    );
    expect(fromBook.lines.some((line) => line.status !== 'match')).toBe(true);
    expect(fromBook.lines[0]?.invoiced?.location).toMatchObject({ source: book, sheet: 'June' });
    expect(await reconcile(book, ['--sheet', 'invoice=June'])).toEqual(fromBook);
    const wrong = await failing([
      'reconcile',
      '--invoice',
      book,
      '--columns',
      'fixtures/invoices/export-columns.json',
      ...networkInputs,
      '--sheet',
      'invoice=July',
    ]);
    expect(wrong).toContain(
      `${book}, field "--sheet": expected one of the workbook's sheets: "Cover", "June", received "July"`,
    );
  });

  it('locates a bad amount at its cell: invoice.xlsx, sheet "June", cell I3', async () => {
    const folder = scratch();
    const book = join(folder, 'invoice.xlsx');
    const rows = invoiceRows.map((entry, index) => (index === 1 ? { ...entry, 'Net (GBP)': 'twelve pounds' } : entry));
    const artefact = sheetOf('June', rows, ['Qty', 'Rate (GBP)']);
    writeFileSync(book, writeWorkbook([artefact]));
    const stderr = await failing([
      'reconcile',
      '--invoice',
      book,
      '--columns',
      'fixtures/invoices/export-columns.json',
      ...networkInputs,
    ]);
    // The headers are A "Invoice No" ... J "Net (GBP)"; the second line is row 3.
    expect(stderr).toContain(`${book}, sheet "June", cell J3, field "amount"`);
  });

  it('places a wrong header at its cells and names the field expected: a renamed amount header, an unknown one', async () => {
    const folder = scratch();
    const book = join(folder, 'invoice.xlsx');
    // "Net (GBP)" (column J) typed as "Net GBP", and a "PO number" column K the mapping does not know.
    const rows = invoiceRows.map(({ 'Net (GBP)': amount, ...rest }) => ({
      ...rest,
      'Net GBP': amount,
      'PO number': 'PO-1',
    }));
    writeFileSync(book, writeWorkbook([sheetOf('June', rows, ['Qty', 'Rate (GBP)', 'Net GBP'])]));
    const stderr = await failing([
      'reconcile',
      '--invoice',
      book,
      '--columns',
      'fixtures/invoices/export-columns.json',
      ...networkInputs,
    ]);
    expect(stderr).toContain(
      `${book}, sheet "June", cell A1:K1, field "amount": expected the header "Net (GBP)", which the column mapping names for "amount"`,
    );
    expect(stderr).toContain(`${book}, sheet "June", cell J1: expected only the columns`);
    expect(stderr).toContain('received the column "Net GBP"');
    expect(stderr).toContain(`${book}, sheet "June", cell K1: expected only the columns`);
    expect(stderr).toContain('received the column "PO number"');
  });

  it('refuses a binary artefact in an amount cell (0.1 + 0.2 = 0.30000000000000004)', async () => {
    const folder = scratch();
    const book = join(folder, 'invoice.xlsx');
    const sheet = sheetOf('June', invoiceRows, ['Qty', 'Rate (GBP)', 'Net (GBP)']);
    const rows = sheet.rows.map((cells, index) =>
      index === 2
        ? cells.map((cell, column) => (column === 9 ? { formula: '0.1+0.2', value: 0.1 + 0.2 } : cell))
        : cells,
    );
    writeFileSync(book, writeWorkbook([{ ...sheet, rows }]));
    const stderr = await failing([
      'reconcile',
      '--invoice',
      book,
      '--columns',
      'fixtures/invoices/export-columns.json',
      ...networkInputs,
    ]);
    expect(stderr).toContain(
      `${book}, sheet "June", cell J3, field "Net (GBP)": expected a number of at most 15 significant digits`,
    );
  });
});
