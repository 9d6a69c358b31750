/**
 * `reconcile --registrations`: the worked day-15 dispute through the command line, the count
 * comparison in every report format, the `--meter-points` file, and bad input (a register with
 * no rows for the month, another User's rows, a `--meter-points` path that is an input).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type InputIssue, type Reconciliation } from '../../src/index.js';
import { reconcileRegistrationFiles } from '../../src/cli/commands/reconcile.js';
import { readWorkbookTable, listSheets } from '../../src/xlsx.js';
import { readCsv } from '../../src/tables/csv.js';
import type { CellTable } from '../../src/tables/cell-table.js';

/** A CSV's rows, header first. */
function parseCsv(text: string): string[][] {
  const table = readCsv(text);
  expect(table.issues).toEqual([]);
  return [[...table.header], ...table.rows.map((row) => [...row.cells])];
}

/** A sheet's rows as records by header. */
function records(table: CellTable): Record<string, string>[] {
  return table.rows.map((row) => Object.fromEntries(table.header.map((name, index) => [name, row.cells[index] ?? ''])));
}
import { runCliCapture } from '../support/cli.js';
import { minimalStatement } from '../support/statements.js';

const folder = mkdtempSync(join(tmpdir(), 'dcc-reconcile-registrations-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = 'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom,region,gspGroup,user';
// A registered throughout; B from the 10th to the 20th of May; C on the 15th only; D gas (not g1)
const REGISTER = [
  HEADER,
  '1012345678903,g1,domestic,2019-06-01,,2021-03-15,,,SUPPLIER-A',
  '1200345622811,g1,domestic,2025-05-10,2025-05-20,,,,SUPPLIER-A',
  '1500781234566,g1,nonDomestic,2025-05-15,2025-05-15,,,,',
  '1234567,g3,domestic,2024-01-01,,,south,,SUPPLIER-A',
].join('\n');

const STATEMENT = file(
  'statement.json',
  JSON.stringify(minimalStatement({ effectiveFrom: '2025-04', effectiveTo: '2026-03' })),
);
// invoiced: on 2025-05-15 A + B + C = 1 + 1 + 1 = 3 g1 meters at 0.4468 (the minimal statement's g1 rate): 3 x 0.4468 = 1.3404 -> 1.34
const INVOICE = file(
  'invoice.csv',
  [
    'month,kind,chargingGroup,region,code,description,quantity,unitPrice,amount',
    '2025-05,fixed,g1,national,,Fixed Charge,3,0.4468,1.34',
  ].join('\n'),
);

/** The options `reconcile` passes to the function behind it. */
const OPTIONS = { invoice: INVOICE, statement: [STATEMENT], month: '2025-05', tolerance: '0.00' };

/** Awaits `call`, expecting an InputError whose issues match `issues`, in order. */
async function expectInputError(call: Promise<unknown>, issues: readonly Partial<InputIssue>[]): Promise<void> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues).toMatchObject(issues);
}

function args(register: string, ...more: string[]): string[] {
  return [
    'reconcile',
    '--invoice',
    INVOICE,
    '--statement',
    STATEMENT,
    '--month',
    '2025-05',
    '--registrations',
    register,
    ...more,
  ];
}

describe('reconcile --registrations', () => {
  const register = file('register.csv', REGISTER);

  it('explains the worked day-15 dispute: reproduced with snapshot day 15, the two meter points that differ listed', async () => {
    const run = await runCliCapture(args(register));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // differences found
    expect(run.stdout).toContain('Meter counts from the register');
    // ours: on 2025-05-31 only A is a g1 meter: 1; the invoice has 3
    expect(run.stdout).toContain(
      'we count 1 on 2025-05-31, the invoice has 3: reproduced with snapshot day 15; 2 meter points differ',
    );
    // how the count moves under our rule: days 1-9 A = 1, 10-14 A + B = 2, 15 A + B + C = 3, 16-20 A + B = 2, 21-31 A = 1
    expect(run.stdout).toContain('(ours): days 1-9: 1; days 10-14: 2; day 15: 3; days 16-20: 2; days 21-31: 1');
    expect(run.stdout).toMatch(/1200345622811 line 3 reproducing/);
    expect(run.stdout).toMatch(/1500781234566 line 4 reproducing/);
  });

  it('writes the differing meter points to --meter-points, and says so', async () => {
    const points = join(folder, 'differing.csv');
    const run = await runCliCapture(args(register, '--meter-points', points));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`wrote ${points} (2 meter points)\n`);
    const rows = parseCsv(readFileSync(points, 'utf8'));
    expect(rows[0]).toEqual([
      'chargingGroup',
      'region',
      'reading',
      'meterPoint',
      'line',
      'countedBy',
      'premises',
      'registeredFrom',
      'registeredTo',
      'enrolledFrom',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        'importSupplier',
        'national',
        'reproduced with snapshot day 15',
        '1200345622811',
        '3',
        'reproducing',
        'domestic',
        '2025-05-10',
        '2025-05-20',
        '',
      ],
      [
        'importSupplier',
        'national',
        'reproduced with snapshot day 15',
        '1500781234566',
        '4',
        'reproducing',
        'nonDomestic',
        '2025-05-15',
        '2025-05-15',
        '',
      ],
    ]);
  });

  it('shows the count comparison in the JSON report', async () => {
    const run = await runCliCapture(args(register, '--format', 'json'));
    const result = JSON.parse(run.stdout) as Reconciliation;
    const dispute = result.registrations?.disputes[0];
    expect(dispute).toMatchObject({
      invoiced: '3',
      verdict: 'reproduced with snapshot day 15',
      ours: { count: 1, date: '2025-05-31' },
      reproducedBy: { date: '2025-05-15', count: 1 + 1 + 1 },
    });
    expect(dispute?.differingMeterPoints.listed.map((point) => point.meterPoint)).toEqual([
      '1200345622811',
      '1500781234566',
    ]);
  });

  it('shows the count comparison in the CSV report, one kind of row per section', async () => {
    const run = await runCliCapture(args(register, '--format', 'csv'));
    const rows = parseCsv(run.stdout);
    const header = rows[0] ?? [];
    const cell = (row: readonly string[], name: string) => row[header.indexOf(name)];
    const dispute = rows.filter((row) => row[0] === 'countDispute');
    expect(
      dispute.map((row) => [
        cell(row, 'status'),
        cell(row, 'chargingGroup'),
        cell(row, 'expectedQuantity'),
        cell(row, 'invoicedQuantity'),
      ]),
    ).toEqual([['reproduced', 'importSupplier', '1', '3']]);
    const reproducing = rows.filter((row) => row[0] === 'countReading' && cell(row, 'status') === 'reproduces');
    expect(reproducing.map((row) => [cell(row, 'description'), cell(row, 'expectedQuantity')])).toEqual([
      ['domestic all, non-domestic all, snapshot day 15', '3'],
    ]);
    const points = rows.filter((row) => row[0] === 'countMeterPoint');
    expect(points.map((row) => [cell(row, 'code'), cell(row, 'status'), cell(row, 'invoiceRow')])).toEqual([
      ['1200345622811', 'reproducing', `${register} line 3`],
      ['1500781234566', 'reproducing', `${register} line 4`],
    ]);
  });

  it('shows the count comparison in the Markdown and HTML reports', async () => {
    const md = await runCliCapture(args(register, '--format', 'md'));
    expect(md.stdout).toContain('## Meter counts');
    expect(md.stdout).toContain('reproduced with snapshot day 15');
    expect(md.stdout).toMatch(/\| domestic all, non-domestic all \| day 15 \| 3 \| 3 \| reproduces the invoice \|/);
    expect(md.stdout).toMatch(/\| 1200345622811 \| 3 \| reproducing \|/);
    const html = await runCliCapture(args(register, '--format', 'html'));
    expect(html.stdout).toContain('<h2>Meter counts</h2>');
    expect(html.stdout).toContain('reproduced with snapshot day 15');
    expect(html.stdout).toContain('<th scope="row">1500781234566</th>');
  });

  it('shows the count comparison in the workbook: disputes, readings and meter points on sheets of their own', async () => {
    const out = join(folder, 'report.xlsx');
    const run = await runCliCapture(args(register, '--out', out));
    expect(run.code).toBe(1);
    const bytes = new Uint8Array(readFileSync(out));
    expect(listSheets(bytes)).toEqual(
      expect.arrayContaining(['Count disputes', 'Count readings', 'Differing meter points']),
    );
    const disputes = readWorkbookTable(bytes, { sheet: 'Count disputes' });
    expect(
      records(disputes).map((row) => [
        row['status'],
        row['our count'],
        row['invoiced quantity'],
        row['reproducing snapshot date'],
      ]),
    ).toEqual([['reproduced', '1', '3', '2025-05-15']]);
    const points = readWorkbookTable(bytes, { sheet: 'Differing meter points' });
    expect(records(points).map((row) => [row['meter point'], row['register line']])).toEqual([
      ['1200345622811', '3'],
      ['1500781234566', '4'],
    ]);
  });
});

describe('reconcile --registrations, bad input', () => {
  it("refuses a register with no rows for the invoice's month, naming the register", async () => {
    const register = file(
      'register-old.csv',
      [HEADER, '1012345678903,g1,domestic,2019-06-01,2024-12-31,,,,'].join('\n'),
    );
    const run = await runCliCapture(args(register));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: ${register}: expected registrations of meter points registered on some day of 2025-05, the invoice's month, received 1 row, none registered in 2025-05\n` +
        '1 problem in the input; nothing was computed.\n',
    );
    // the same refusal, typed and located, from the function behind the command
    await expectInputError(reconcileRegistrationFiles({ ...OPTIONS, registrations: register }), [
      { code: 'noRegistrationsForMonth', source: register, received: '1 row, none registered in 2025-05' },
    ]);
  });

  it("refuses a register whose user column differs from --user, at each row's line and field", async () => {
    const register = file('register-users.csv', REGISTER);
    const run = await runCliCapture(args(register, '--user', 'SUPPLIER-B'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: ${register}, line 2, field "user": expected the invoice's User "SUPPLIER-B" (--user), or an empty value, received "SUPPLIER-A"\n`,
    );
    expect(run.stderr).toContain('3 problems in the input; nothing was computed.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    await expectInputError(reconcileRegistrationFiles({ ...OPTIONS, registrations: register, user: 'SUPPLIER-B' }), [
      { code: 'otherUser', source: register, line: 2, field: 'user', received: '"SUPPLIER-A"' },
      { code: 'otherUser', source: register, line: 3, field: 'user' },
      { code: 'otherUser', source: register, line: 5, field: 'user' },
    ]);
  });

  it('refuses, with no --user, a register naming a second User', async () => {
    const register = file('register-two.csv', `${REGISTER}\n2700005612344,g1,domestic,2024-01-01,,,,_N,SUPPLIER-B`);
    const run = await runCliCapture(args(register));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `error: ${register}, line 6, field "user": expected one User on every row that names one (line 2 names "SUPPLIER-A"`,
    );
    await expectInputError(reconcileRegistrationFiles({ ...OPTIONS, registrations: register }), [
      { code: 'otherUser', source: register, line: 6, field: 'user', received: '"SUPPLIER-B"' },
    ]);
  });

  for (const input of ['--registrations', '--invoice', '--statement'] as const) {
    it(`refuses a --meter-points path equal to ${input}, leaving the input untouched and writing nothing`, async () => {
      const register = file(`register-clash${input}.csv`, REGISTER);
      const target = input === '--registrations' ? register : input === '--invoice' ? INVOICE : STATEMENT;
      const before = readFileSync(target, 'utf8');
      const listing = readdirSync(folder).sort();
      const run = await runCliCapture(args(register, '--meter-points', target));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('--meter-points');
      expect(run.stderr).toContain(input);
      expect(readFileSync(target, 'utf8')).toBe(before);
      expect(readdirSync(folder).sort()).toEqual(listing);
    });
  }

  it('refuses --meter-points without --registrations', async () => {
    const meters = file('meters.csv', 'chargingGroup,region,premises,enrolment,count\n');
    const points = join(folder, 'never.csv');
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICE,
      '--statement',
      STATEMENT,
      '--month',
      '2025-05',
      '--meters',
      meters,
      '--meter-points',
      points,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--meter-points only with --registrations');
    expect(existsSync(points)).toBe(false);
  });
});
