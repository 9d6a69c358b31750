import { chargeKeyColumns } from '../../src/charges/charge-line.js';
/**
 * Every report as a workbook: the content of each command's workbook, read back with the
 * project's reader (and recalculated by an independent formula engine for charges), against
 * the same command's JSON report. Sheets have a frozen header and column widths; money,
 * counts and rates are number cells; a value a double does not hold is flagged text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type {
  BudgetProjection,
  MonthlyCharges,
  Reconciliation,
  RegisteredMeterCounts,
  StatementComparison,
} from '../../src/index.js';
import { readMeterCounts } from '../../src/index.js';
import { listSheets, readWorkbookCells, readWorkbookTable, writeWorkbook } from '../../src/xlsx.js';
import { ReportSheet } from '../../src/xlsx/report-workbooks.js';
import { FlaggedCells } from '../../src/xlsx/decimal-cells.js';
import { notesSheet } from '../../src/xlsx/charges-workbook.js';
import { runCliCapture } from '../support/cli.js';
import { recalculate } from '../support/formula-engine.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const DUAL = 'fixtures/examples/dual-fuel-supplier';
const STATEMENT = 'fixtures/statements/illustrative-2025-26.json';
const CHARGE_INPUTS = [
  '--statement',
  STATEMENT,
  '--month',
  '2025-06',
  '--meters',
  `${DUAL}/meters.json`,
  '--usage',
  `${DUAL}/usage.json`,
  '--elective',
  `${DUAL}/elective.json`,
];

/** Runs a command twice: as a workbook (by the --out extension) and as JSON. */
async function both<T>(args: readonly string[], code = 0): Promise<{ bytes: Uint8Array; json: T }> {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-xlsx-report-'));
  folders.push(folder);
  const out = join(folder, 'report.xlsx');
  const run = await runCliCapture([...args, '--out', out]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(code);
  const json = await runCliCapture([...args, '--format', 'json']);
  expect(json.code).toBe(code);
  return { bytes: new Uint8Array(readFileSync(out)), json: JSON.parse(json.stdout) as T };
}

/** A sheet's rows as records of text cells, keyed by header (through the project's reader). */
function records(bytes: Uint8Array, sheet: string): Record<string, string>[] {
  const table = readWorkbookTable(bytes, { sheet, source: 'report.xlsx' });
  expect(table.issues).toEqual([]);
  return table.rows.map((row) => Object.fromEntries(table.header.map((name, index) => [name, row.cells[index] ?? ''])));
}

/** The same decimal, whatever trailing zeros (a number cell reads back as `6866.4` for `6866.40`). */
function decimal(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Every sheet but Notes has a frozen first row and column widths. */
function expectFrozenHeaders(bytes: Uint8Array): void {
  const files = unzipSync(bytes);
  const names = listSheets(bytes);
  names.forEach((name, index) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${index + 1}.xml`]!);
    expect(xml).toContain('<cols>');
    if (name !== 'Notes')
      expect(xml, name).toContain('ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"');
  });
}

/** The saved value of a cell as written (number, text or boolean). */
function savedCell(bytes: Uint8Array, sheet: string, ref: string): unknown {
  return readWorkbookCells(bytes)
    .find((candidate) => candidate.name === sheet)
    ?.cells.get(ref)?.value;
}

describe('charges --out charges.xlsx', () => {
  it('has the lines of the JSON report, with live amounts that recalculate to the same pence', async () => {
    const { bytes, json } = await both<MonthlyCharges>(['charges', ...CHARGE_INPUTS]);
    expect(listSheets(bytes)).toEqual(['Charges', 'Rounding', 'Notes']);
    expectFrozenHeaders(bytes);
    const rows = records(bytes, 'Charges');
    expect(rows).toHaveLength(json.lines.length + 2); // the lines, then the VAT and total rows
    json.lines.forEach((line, index) => {
      expect([
        rows[index]!['kind'],
        rows[index]!['code'] || rows[index]!['chargingGroup'],
        decimal(rows[index]!['amount']),
      ]).toEqual([
        line.kind,
        chargeKeyColumns(line).code ?? chargeKeyColumns(line).chargingGroup,
        decimal(line.amount),
      ]);
    });
    const book = recalculate(bytes);
    expect(book.savedDiffer('Charges')).toEqual([]);
    expect(book.savedDiffer('Rounding')).toEqual([]);
    json.lines.forEach((line, index) => expect(book.value('Charges', `I${index + 2}`)).toBe(Number(line.amount)));
    const n = json.lines.length;
    expect(book.value('Charges', `I${n + 3}`)).toBe(Number(json.totals.gross));
    // Amounts are formulas; quantities and prices are number cells.
    const cells = readWorkbookCells(bytes).find((sheet) => sheet.name === 'Charges')!.cells;
    expect(cells.get('I2')?.formula).toBe('Rounding!L2/100');
    expect(typeof cells.get('G2')?.value).toBe('number');
    expect(typeof cells.get('H2')?.value).toBe('number');
  });
});

describe('count --out counts.xlsx', () => {
  it('has a Counts sheet that reads back as the meter counts, and a Summary', async () => {
    const { bytes, json } = await both<RegisteredMeterCounts>([
      'count',
      '--registrations',
      'test/fixtures/registrations/dual-fuel-register.csv',
      '--from',
      '2025-04',
      '--to',
      '2025-06',
    ]);
    expect(listSheets(bytes)).toEqual(['Counts', 'Snapshots', 'Summary', 'Notes']);
    expectFrozenHeaders(bytes);
    expect(readMeterCounts(readWorkbookTable(bytes, { sheet: 'Counts' }))).toEqual(json.counts);
    expect(records(bytes, 'Snapshots')).toEqual(
      json.snapshots.map((snapshot) => ({ month: snapshot.month, 'snapshot date': snapshot.date })),
    );
    expect(records(bytes, 'Summary')).toEqual([
      { figure: 'rows read', rows: String(json.summary.rowsRead) },
      { figure: 'rows counted', rows: String(json.summary.rowsCounted) },
      { figure: 'rows rejected', rows: String(json.summary.rowsRejected) },
    ]);
    expect(typeof savedCell(bytes, 'Counts', 'F2')).toBe('number');
    expect(savedCell(bytes, 'Counts', 'E2')).toBeTypeOf('boolean');
  });

  it('summarises the rejected rows by problem code, with --skip-invalid', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dcc-xlsx-report-'));
    folders.push(folder);
    const out = join(folder, 'counts.xlsx');
    const rejects = join(folder, 'rejects.csv');
    const run = await runCliCapture([
      'count',
      '--registrations',
      'test/fixtures/registrations/register-with-problems.csv',
      '--from',
      '2025-04',
      '--to',
      '2025-05',
      '--skip-invalid',
      '--rejects',
      rejects,
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    const rejected = readFileSync(rejects, 'utf8').trim().split('\n').slice(1);
    const byCode = records(bytes, 'Rejects');
    expect(byCode.length).toBeGreaterThan(0);
    const summary = records(bytes, 'Summary');
    expect(summary[2]).toEqual({ figure: 'rows rejected', rows: String(rejected.length) });
    // Each code's count is the number of rejected rows carrying it (a row may carry several).
    for (const { 'problem code': code, 'rows with it': rows } of byCode) {
      expect(Number(rows), code).toBe(rejected.filter((line) => line.split(',')[1]!.split(' ').includes(code!)).length);
    }
  });
});

describe('derive --out derived.xlsx', () => {
  it('has the derived rates, the recovery of every pot and the trace of every step', async () => {
    const { bytes, json } = await both<{
      statement: { fixedCharges: { chargingGroup: string; region: string; ratePerMeterMonth: string }[] };
      recovery: { pot: string; residual: string }[];
      trace: { step: string; value: string }[];
    }>(['derive', '--inputs', 'fixtures/methodology/illustrative-2025-26-uitmr.json']);
    expect(listSheets(bytes)).toEqual(['Rates', 'Recovery', 'Trace', 'Notes']);
    expectFrozenHeaders(bytes);
    const rates = records(bytes, 'Rates').filter((row) => row['charge'] === 'fixed');
    expect(rates.map((row) => [row['chargingGroup'], row['region'], row['ratePerMeterMonth']])).toEqual(
      json.statement.fixedCharges.map((row) => [row.chargingGroup, row.region, decimal(row.ratePerMeterMonth)]),
    );
    expect(records(bytes, 'Recovery').map((row) => [row['pot'], row['residual']])).toEqual(
      json.recovery.map((entry) => [entry.pot, decimal(entry.residual)]),
    );
    const trace = records(bytes, 'Trace');
    expect(trace.map((row) => [row['step'], row['value']])).toEqual(
      json.trace.map((step) => [step.step, decimal(step.value)]),
    );
    expect(typeof savedCell(bytes, 'Rates', 'E2')).toBe('number');
  });
});

describe('reconcile --out report.xlsx', () => {
  it('has every line with its status and differences, the totals and the money at stake', async () => {
    const { bytes, json } = await both<Reconciliation>(
      ['reconcile', '--invoice', 'fixtures/invoices/dual-fuel-supplier-2025-06.json', ...CHARGE_INPUTS],
      1,
    );
    expect(listSheets(bytes)).toEqual(['Lines', 'Totals', 'Summary', 'Statuses', 'Notes']);
    expectFrozenHeaders(bytes);
    const lines = records(bytes, 'Lines');
    expect(lines.map((row) => [row['status'], row['kind'], row['amount difference']])).toEqual(
      json.lines.map((line) => [line.status, line.key.kind, decimal(line.difference.amount)]),
    );
    expect(lines.filter((row) => row['status'] !== 'match').length).toBeGreaterThan(0);
    const totals = records(bytes, 'Totals');
    expect(totals.map((row) => [row['total'], row['status'], row['difference']])).toEqual(
      [json.totals.net, json.totals.vat, json.totals.gross].map((total) => [
        total.name,
        total.status,
        decimal(total.difference),
      ]),
    );
    expect(records(bytes, 'Summary')[0]).toEqual({
      figure: 'net difference',
      GBP: decimal(json.moneyAtStake.netDifference),
    });
    expect(typeof savedCell(bytes, 'Lines', 'P2')).toBe('number');
  });
});

describe('diff --out diff.xlsx', () => {
  it('has every rate change, the explicit prices and the impact on a portfolio', async () => {
    const { bytes, json } = await both<StatementComparison>([
      'diff',
      STATEMENT,
      'test/fixtures/budget/statement-2026-27.json',
      '--meters',
      `${DUAL}/meters.json`,
    ]);
    expect(listSheets(bytes)).toEqual([
      'Rates',
      'Explicit prices',
      'Terms',
      'Impact month',
      'Impact in force',
      'Notes',
    ]);
    expectFrozenHeaders(bytes);
    expect(
      records(bytes, 'Rates').map((row) => [
        row['charge'],
        row['chargingGroup'],
        row['region'],
        row['before'],
        row['after'],
        row['change'],
        row['status'],
      ]),
    ).toEqual(
      json.rates.map((row) => [
        row.kind,
        row.chargingGroup,
        row.region,
        decimal(row.before),
        decimal(row.after),
        decimal(row.change),
        row.status,
      ]),
    );
    expect(records(bytes, 'Impact in force').map((row) => [row['total'], row['change']])).toEqual(
      json.impact!.inForce.map((row) => [row.item, decimal(row.change)]),
    );
  });
});

describe('budget --out budget.xlsx', () => {
  it('puts cases, years, months and per-meter charges on sheets of their own, each level summing to the next', async () => {
    const { bytes, json } = await both<BudgetProjection>([
      'budget',
      '--scenario',
      'fixtures/budget/illustrative-budget.json',
    ]);
    expect(listSheets(bytes)).toEqual(['Cases', 'Years', 'Months', 'Per meter', 'Notes']);
    expectFrozenHeaders(bytes);
    const cases = records(bytes, 'Cases');
    const years = records(bytes, 'Years');
    const months = records(bytes, 'Months');
    expect(cases.map((row) => [row['case'], row['net']])).toEqual(
      json.cases.map((entry) => [entry.id, decimal(entry.total.net)]),
    );
    expect(years.map((row) => [row['case'], row['year'], row['gross']])).toEqual(
      json.cases.flatMap((entry) =>
        entry.years.map((year) => [entry.id, year.regulatoryYear, decimal(year.annual.gross)]),
      ),
    );
    expect(months).toHaveLength(
      json.cases.reduce((sum, entry) => sum + entry.years.reduce((count, year) => count + year.months.length, 0), 0),
    );
    // Each level sums exactly (in pence) to the level above: months to years, years to cases.
    const pence = (text: string | undefined) => BigInt(Math.round(Number(text) * 100));
    for (const year of years) {
      const ofYear = months.filter((row) => row['case'] === year['case'] && row['year'] === year['year']);
      expect(ofYear.reduce((sum, row) => sum + pence(row['net']), 0n)).toBe(pence(year['net']));
    }
    for (const entry of cases) {
      expect(
        years.filter((row) => row['case'] === entry['case']).reduce((sum, row) => sum + pence(row['net']), 0n),
      ).toBe(pence(entry['net']));
    }
    const perMeter = records(bytes, 'Per meter');
    const first = json.cases[0]!.years[0]!.perMeterCharges[0]!;
    expect(perMeter[0]).toMatchObject({
      case: 'base',
      chargingGroup: first.chargingGroup,
      region: first.region,
      total: decimal(first.total),
    });
    expect(typeof savedCell(bytes, 'Months', 'J2')).toBe('number');
  });
});

describe('report cells', () => {
  it('writes a decimal a double holds as a number, and one it does not as flagged text listed on Notes', () => {
    const flags = new FlaggedCells();
    const sheet = new ReportSheet(
      'Rates',
      [
        { header: 'code', kind: 'text' },
        { header: 'rate', kind: 'rate' },
        { header: 'amount', kind: 'money' },
      ],
      flags,
    );
    sheet.add(['exact', '0.4468', '1234.50']);
    // 17 significant digits: a double would keep 0.12345678901234568.
    sheet.add(['too long', '0.12345678901234567', '12345678901234.56']);
    sheet.add(['words', 'n/a', undefined]);
    const bytes = writeWorkbook([sheet.spec(), notesSheet(flags, ['about'])]);
    const cells = readWorkbookCells(bytes)[0]!.cells;
    expect([cells.get('B2')?.value, cells.get('C2')?.value]).toEqual([0.4468, 1234.5]);
    expect([cells.get('B3')?.value, cells.get('C3')?.value]).toEqual(['0.12345678901234567', '12345678901234.56']);
    const notes = readWorkbookCells(bytes)[1]!.cells;
    const listed = [...notes]
      .filter(([ref, cell]) => ref.startsWith('A') && cell.value === 'Rates')
      .map(([ref]) => ref.slice(1));
    expect(
      listed.map((row) => [notes.get(`A${row}`)?.value, notes.get(`B${row}`)?.value, notes.get(`C${row}`)?.value]),
    ).toEqual([
      ['Rates', 'B3', '0.12345678901234567'],
      ['Rates', 'C3', '12345678901234.56'],
      ['Rates', 'B4', 'n/a'],
    ]);
    // The text cells keep every digit when read back, so nothing is lost.
    expect(records(bytes, 'Rates').slice(1)).toEqual([
      { code: 'too long', rate: '0.12345678901234567', amount: '12345678901234.56' },
      { code: 'words', rate: 'n/a', amount: '' },
    ]);
  });

  it('loses no digit: every decimal reads back as itself, as a number cell when it fits, else as flagged text', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
      .map(([negative, digits, places]) => {
        const padded = digits.toString().padStart(places + 1, '0');
        const text = places === 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(-places)}`;
        return negative && digits !== 0n ? `-${text}` : text;
      });
    fc.assert(
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 20 }), (values) => {
        const flags = new FlaggedCells();
        const sheet = new ReportSheet('Figures', [{ header: 'value', kind: 'rate' }], flags);
        for (const value of values) sheet.add([value]);
        const bytes = writeWorkbook([sheet.spec()]);
        const cells = readWorkbookCells(bytes)[0]!.cells;
        const back = records(bytes, 'Figures').map((row) => row['value']);
        values.forEach((value, index) => {
          const saved = cells.get(`A${index + 2}`)?.value;
          expect(typeof saved === 'number').toBe(!flags.notes.some((note) => note.cell === `A${index + 2}`));
          // Read back: the same decimal (a number cell drops trailing zeros and a leading zero's sign).
          expect(decimal(back[index]!.replace(/^-0(\.0*)?$/, '0'))).toBe(
            decimal(value.replace(/^(-?)0+(?=\d)/, '$1')).replace(/^-0$/, '0'),
          );
        });
      }),
      { numRuns: 100 },
    );
  });
});
