/**
 * `dcc-charges model`, run in-process: the workbook it writes recalculates to the figures that
 * `dcc-charges charges` prints for the same files, for a month and for each month of a year;
 * bad options and outputs are refused before any work, with located messages.
 */
import {
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MonthlyCharges } from '../../src/index.js';
import { monthsOfRegulatoryYear } from '../../src/vocabulary/months.js';
import { writeWorkbook } from '../../src/xlsx.js';
import { lineKey, MODEL_TOTALS } from '../../src/xlsx/working-model.js';
import { runCliCapture } from '../support/cli.js';
import { recalculate, type Recalculated } from '../support/formula-engine.js';
import { fixture } from '../support/fixtures.js';

const statement = fixture('statements', 'illustrative-2025-26.json');
const dualFuel = (file: string) => fixture('examples', 'dual-fuel-supplier', file);
const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const inputs = [
  '--statement',
  statement,
  '--meters',
  dualFuel('meters.json'),
  '--usage',
  dualFuel('usage.json'),
  '--elective',
  dualFuel('elective.json'),
];

async function chargesOf(month: string, extra: readonly string[] = []): Promise<MonthlyCharges> {
  const run = await runCliCapture(['charges', ...inputs, '--month', month, '--format', 'json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as MonthlyCharges;
}

/** Finds a line's or a total's amount in the recalculated Charges sheet by its row labels. */
function amountsOf(book: Recalculated, month: number): { lines: Map<string, unknown>; totals: Map<string, unknown> } {
  const header = (column: number) => book.value('Charges', `${String.fromCharCode(65 + column)}1`);
  let amountColumn = '';
  for (let column = 0; column < 26 * 3; column += 1) {
    const letters =
      column < 26
        ? String.fromCharCode(65 + column)
        : `${String.fromCharCode(64 + Math.floor(column / 26))}${String.fromCharCode(65 + (column % 26))}`;
    const name = book.value('Charges', `${letters}1`);
    if (typeof name === 'string' && name.startsWith('amount') && month-- === 0) {
      amountColumn = letters;
      break;
    }
  }
  expect(header(0)).toBe('kind');
  expect(amountColumn).not.toBe('');
  const lines = new Map<string, unknown>();
  const totals = new Map<string, unknown>();
  for (let row = 2; row < 200; row += 1) {
    const kind = book.value('Charges', `A${row}`);
    if (kind === null || kind === undefined || kind === 'check') continue;
    const text = (column: string) => {
      const value = book.value('Charges', `${column}${row}`);
      return typeof value === 'string' ? value : undefined;
    };
    const amount = book.value('Charges', `${amountColumn}${row}`);
    if (
      typeof kind === 'string' &&
      (kind.startsWith('total ') || kind === 'net' || kind === 'vat' || kind === 'gross')
    ) {
      totals.set(kind.replace(/^total /, ''), amount);
    } else {
      const key = lineKey({
        kind: kind as never,
        chargingGroup: text('B') as never,
        region: text('C') as never,
        code: text('D') as never,
      });
      lines.set(key, amount);
    }
  }
  return { lines, totals };
}

function expectSame(book: Recalculated, month: number, charges: MonthlyCharges): void {
  const { lines, totals } = amountsOf(book, month);
  for (const line of charges.lines)
    expect(lines.get(lineKey(line)), `${charges.month} ${lineKey(line)}`).toBe(Number(line.amount));
  const charged = new Set(charges.lines.map(lineKey));
  for (const [key, amount] of lines) if (!charged.has(key)) expect(amount, key).toBe(0);
  for (const total of MODEL_TOTALS)
    expect(totals.get(total), `${charges.month} ${total}`).toBe(Number(charges.totals[total]));
}

describe('dcc-charges model', () => {
  it("writes a workbook that recalculates to charges' figures for the month, with `wrote FILE` on standard error", async () => {
    const out = join(scratch, 'month.xlsx');
    const run = await runCliCapture(['model', ...inputs, '--month', '2025-06', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`wrote ${out}\n`);
    expectSame(recalculate(readFileSync(out)), 0, await chargesOf('2025-06'));
  });

  it('with --year, gives every month as charges does for that month (half-even, VAT 17.5%)', async () => {
    const out = join(scratch, 'year.xlsx');
    const options = ['--rounding', 'halfEven', '--vat-rate', '0.175'];
    const run = await runCliCapture(['model', ...inputs, '--year', '2025/26', '--out', out, ...options]);
    expect(run.code, run.stderr).toBe(0);
    const book = recalculate(readFileSync(out));
    const months = monthsOfRegulatoryYear('2025/26');
    for (const [index, month] of months.entries()) expectSame(book, index, await chargesOf(month, options));
  });

  it('reads meter counts from the sheet of an .xlsx workbook that has their header', async () => {
    const rows = (JSON.parse(readFileSync(dualFuel('meters.json'), 'utf8')) as { rows: Record<string, unknown>[] })
      .rows;
    const columns = ['chargingGroup', 'region', 'premises', 'enrolled', 'count'];
    const meters = join(scratch, 'meters.xlsx');
    // A first sheet of notes, then the counts: the sheet with the meter-count header is read.
    writeFileSync(
      meters,
      writeWorkbook([
        { name: 'About', rows: [[{ value: 'counts exported from the registration system' }]] },
        {
          name: 'Meters',
          rows: [
            columns.map((value) => ({ value })),
            ...rows.map((row) =>
              columns.map((column) => ({
                value: typeof row[column] === 'boolean' ? String(row[column]) : (row[column] as string | number),
              })),
            ),
          ],
        },
      ]),
    );
    const out = join(scratch, 'from-xlsx.xlsx');
    const run = await runCliCapture([
      'model',
      '--statement',
      statement,
      '--meters',
      meters,
      '--usage',
      dualFuel('usage.json'),
      '--elective',
      dualFuel('elective.json'),
      '--month',
      '2025-06',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expectSame(recalculate(readFileSync(out)), 0, await chargesOf('2025-06'));
  });

  it('without --meters writes empty count cells and zero charges but the elective line', async () => {
    const out = join(scratch, 'empty.xlsx');
    const run = await runCliCapture([
      'model',
      '--statement',
      statement,
      '--month',
      '2025-06',
      '--elective',
      dualFuel('elective.json'),
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { totals } = amountsOf(recalculate(readFileSync(out)), 0);
    expect(totals.get('net')).toBe(1875); // the elective line alone
    expect(totals.get('gross')).toBe(2250); // 1875.00 x 1.20
  });
});

describe('dcc-charges model refuses bad input (exit 2, no workbook written)', () => {
  const cases: [string, string[], RegExp][] = [
    [
      '--month and --year together',
      ['--month', '2025-06', '--year', '2025/26'],
      /--year.*either --month or --year, not both/,
    ],
    ['neither --month nor --year', [], /--month.*--month YYYY-MM \(one month\) or --year/],
    ['a malformed year', ['--year', '2025/27'], /--year.*a Regulatory Year written YYYY\/YY/],
    [
      'a year with months no statement is in force for',
      ['--year', '2026/27'],
      /a month covered by a Charging Statement.*received "2026-04"/,
    ],
  ];
  it.each(cases)('%s', async (_, args, message) => {
    const out = join(scratch, 'refused.xlsx');
    const run = await runCliCapture(['model', ...inputs, ...args, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('missing --out: a workbook is never written to a terminal', async () => {
    const run = await runCliCapture(['model', ...inputs, '--month', '2025-06'], { stdoutIsTty: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out FILE for the xlsx format/);
    expect(run.stdout).toBe('');
  });

  it('--out onto an input, by path, symbolic link or hard link, is refused and the input is left as it was', async () => {
    const meters = join(scratch, 'input.xlsx');
    const bytes = writeWorkbook([
      {
        name: 'Meters',
        rows: [['chargingGroup', 'region', 'premises', 'enrolled', 'count'].map((value) => ({ value }))],
      },
    ]);
    writeFileSync(meters, bytes);
    const symlink = join(scratch, 'input-link.xlsx');
    const hardlink = join(scratch, 'input-hard.xlsx');
    symlinkSync(meters, symlink);
    linkSync(meters, hardlink);
    for (const out of [meters, symlink, hardlink]) {
      const run = await runCliCapture([
        'model',
        '--statement',
        statement,
        '--meters',
        meters,
        '--month',
        '2025-06',
        '--out',
        out,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/field "--out": expected an output path that is not one of the inputs/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(meters)).toEqual(Buffer.from(bytes));
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('meter counts with months, none of them for some month of the year: every such month is named, the old workbook kept', async () => {
    const meters = join(scratch, 'april-only.csv');
    writeFileSync(meters, 'month,chargingGroup,region,premises,enrolled,count\n2025-04,g1,north,domestic,true,10\n');
    const out = join(scratch, 'kept.xlsx');
    writeFileSync(out, 'the old workbook');
    const run = await runCliCapture([
      'model',
      '--statement',
      statement,
      '--meters',
      meters,
      '--year',
      '2025/26',
      '--out',
      out,
    ]);
    expect(run.code).toBe(2);
    for (const month of monthsOfRegulatoryYear('2025/26').slice(1))
      expect(run.stderr).toContain(`expected meter counts for ${month}`);
    expect(run.stderr).not.toContain('expected meter counts for 2025-04');
    expect(readFileSync(out, 'utf8')).toBe('the old workbook');
  });

  it('--format other than xlsx, or an --out of another extension', async () => {
    const csv = await runCliCapture([
      'model',
      ...inputs,
      '--month',
      '2025-06',
      '--format',
      'csv',
      '--out',
      join(scratch, 'm.csv'),
    ]);
    expect(csv.code).toBe(2);
    const json = await runCliCapture(['model', ...inputs, '--month', '2025-06', '--out', join(scratch, 'm.json')]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--out/);
  });
});
